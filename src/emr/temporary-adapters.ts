/**
 * TEMPORARY ADAPTER, to be replaced by the render branch's `renderTable` (src/render/render-table.ts)
 * and the library branch's `loadLibrary`/`renderQuery`/`renderPartitions` once they are merged.
 * It mirrors their documented signatures (docs: /work/briefs/interfaces.md) with the smallest output
 * that lets the EMR path be built and tested on its own. Nothing outside src/emr/ imports it.
 */
import { TrailhiveError } from "../errors.js";
import { quoteIdentifier, quoteQualifiedName, quoteString } from "../hive/quote.js";
import type { SchemaFile } from "../schema/schema-file.js";

export interface PartitionRef {
  account: string;
  region: string;
  year: string;
  month: string;
  day: string;
  location: string;
}

export interface RenderedQuery {
  sql: string;
  columns: string[];
  range?: { from: string; to: string };
}

export interface QueryDef {
  name: string;
  description: string;
  params: { name: string; required?: boolean; default?: string }[];
  columns: string[];
}

/** AWS's documented CloudTrailSerde DDL, abbreviated (the real one comes from the schema). */
export function renderTable(_schema: SchemaFile, options: { table: string; location: string }): { statements: { kind: string; sql: string }[] } {
  const columns = ["eventversion STRING", "useridentity STRUCT<type:STRING, principalid:STRING, arn:STRING, accountid:STRING, username:STRING>",
    "eventtime STRING", "eventsource STRING", "eventname STRING", "awsregion STRING", "sourceipaddress STRING", "useragent STRING",
    "errorcode STRING", "errormessage STRING", "requestparameters STRING", "responseelements STRING", "requestid STRING", "eventid STRING"];
  const sql = [
    `CREATE EXTERNAL TABLE IF NOT EXISTS ${quoteQualifiedName(options.table)} (`,
    columns.map((c) => "  " + c).join(",\n"),
    ")",
    "PARTITIONED BY (account STRING, region STRING, year STRING, month STRING, day STRING)",
    "ROW FORMAT SERDE 'com.amazon.emr.hive.serde.CloudTrailSerde'",
    "STORED AS INPUTFORMAT 'com.amazon.emr.cloudtrail.CloudTrailInputFormat'",
    "OUTPUTFORMAT 'org.apache.hadoop.hive.ql.io.HiveIgnoreKeyTextOutputFormat'",
    `LOCATION ${quoteString(options.location)}`,
  ].join("\n");
  return { statements: [{ kind: "create-table", sql }] };
}

const LIBRARY: QueryDef[] = [
  {
    name: "security-group-changes",
    description: "who changed security group rules, when, from where",
    params: [{ name: "from", required: true }, { name: "to", required: true }, { name: "group" }],
    columns: ["eventtime", "who", "eventname", "groupid", "sourceipaddress"],
  },
];

export function loadLibrary(): QueryDef[] {
  return LIBRARY;
}

export function renderQuery(def: QueryDef, params: Record<string, string>, ctx: { table: string }): RenderedQuery {
  const from = params.from;
  const to = params.to;
  if (from === undefined || to === undefined) throw new TrailhiveError("USAGE_MISSING_PARAM", `query ${def.name} needs --param from=YYYY-MM-DD and --param to=YYYY-MM-DD`);
  const group = params.group === undefined ? "" : `\n  AND get_json_object(requestparameters, '$.groupId') = ${quoteString(params.group)}`;
  const sql = [
    `-- ${def.description}`,
    "SELECT eventtime, useridentity.arn AS who, eventname, get_json_object(requestparameters, '$.groupId') AS groupid, sourceipaddress",
    `FROM ${quoteQualifiedName(ctx.table)}`,
    `WHERE concat(year, '-', month, '-', day) BETWEEN ${quoteString(from)} AND ${quoteString(to)}`,
    `  AND eventname RLIKE '^(Authorize|Revoke|Modify)SecurityGroup'${group}`,
    "ORDER BY eventtime",
  ].join("\n");
  return { sql, columns: def.columns, range: { from, to } };
}

export function renderPartitions(table: string, partitions: PartitionRef[]): string[] {
  return partitions.map(
    (p) =>
      `ALTER TABLE ${quoteQualifiedName(table)} ADD IF NOT EXISTS PARTITION (` +
      (["account", "region", "year", "month", "day"] as const).map((k) => `${quoteIdentifier(k)} = ${quoteString(p[k])}`).join(", ") +
      `) LOCATION ${quoteString(p.location)}`,
  );
}
