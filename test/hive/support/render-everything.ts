// Everything trailhive renders, from one source of logs (the corpus or examples/): every flavor's
// table script, partitioned and not, every library query, ADD PARTITION statements and per-event
// views; with the statements each script is meant to hold, every column type, and a data set per
// flavor for the SerDe check (the CloudTrail log files, as readLogFile classifies them).
import { existsSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { HarnessDataSet } from "../../../src/engine/run-harness.js";
import { buildEmrScript } from "../../../src/emr/build-emr-script.js";
import { insertDirectoryClause } from "../../../src/emr/build-emr-script.js";
import { flavors, type FlavorName } from "../../../src/flavors/index.js";
import { HCATALOG_JSON_SERDE, type Flavor } from "../../../src/flavors/flavor.js";
import { renderHourPartitions, renderPartitions, type PartitionRef } from "../../../src/partitions/render-partitions.js";
import { inferSources } from "../../../src/pipeline/infer-sources.js";
import { loadLibrary } from "../../../src/queries/library.js";
import { renderQuery } from "../../../src/queries/render-query.js";
import { readLogFile } from "../../../src/records/read-log-file.js";
import { renderTable, type StatementKind } from "../../../src/render/render-table.js";
import type { SchemaFile } from "../../../src/schema/schema-file.js";
import { resolveSources } from "../../../src/source/resolve-sources.js";
import { renderView } from "../../../src/views/render-view.js";
import { writeFirehoseDelivery } from "../../support/eventbridge-envelopes.js";
import { readRuleFiles } from "../../../src/config/read-rule-files.js";
import { DEFAULT_TYPE_LIMIT } from "../../../src/hive/limit-type-size.js";
import { tableColumns } from "../../../src/hive/table-columns.js";
import { renderDetections } from "../../../src/sigma/render-detections.js";
import { sigmaDir as SIGMA_RULES } from "../../reference/corpus.js";

export interface ScriptCase {
  name: string;
  text: string;
  /** what the script is meant to hold, in order */
  statements: { kind: StatementKind; sql: string }[];
}

export interface DataCase {
  flavor: FlavorName;
  source: string;
  dataset: HarnessDataSet;
  /** records readLogFile found in the files, for the count check */
  records: number;
}

export interface Rendered {
  source: string;
  schema: SchemaFile;
  scripts: ScriptCase[];
  types: { name: string; type: string }[];
  data: DataCase[];
  logFiles: number;
  records: number;
}

const TABLE = "cloudtrail_logs";

/** Views over events the corpus and the examples hold, with and without an exploded array. */
const VIEWS: { spec: string; explode?: string }[] = [
  { spec: "ec2:AuthorizeSecurityGroupIngress", explode: "ipPermissions.items" },
  { spec: "ec2:RevokeSecurityGroupIngress" },
  { spec: "ec2:ModifySecurityGroupRules" },
  { spec: "signin:ConsoleLogin" },
  { spec: "iam:CreateUser" },
];

export async function renderEverything(source: string, root: string): Promise<Rendered> {
  const resolved = await resolveSources([root]);
  const { schema } = await inferSources(resolved);
  const logPaths: string[] = [];
  let records = 0;
  const partitions = new Map<string, PartitionRef>();
  const all: Record<string, unknown>[] = [];
  for (const f of resolved.files) {
    const path = join(root, f.key);
    const r = readLogFile(await f.store.get(f.key), path);
    if (r.kind !== "log") continue;
    logPaths.push(path);
    records += r.records.length;
    all.push(...r.records);
    const m = /AWSLogs\/(?:o-[a-z0-9]+\/)?(\d{12})\/CloudTrail\/([a-z0-9-]+)\/(\d{4})\/(\d{2})\/(\d{2})\//.exec(f.key);
    if (m) {
      const [, account, region, year, month, day] = m as unknown as [string, string, string, string, string, string];
      const location = `s3://example-bucket/${f.key.slice(0, f.key.lastIndexOf("/") + 1)}`;
      partitions.set(location, { account, region, year, month, day, location });
    }
  }
  logPaths.sort();
  // The same records as EventBridge events in a Firehose delivery, for the envelope flavor.
  const firehose = writeFirehoseDelivery(all, mkdtempSync(join(tmpdir(), `trailhive-firehose-${source}-`)));
  const scripts: ScriptCase[] = [];
  const types: { name: string; type: string }[] = [];
  const data: DataCase[] = [];
  const library = loadLibrary();
  for (const entry of flavors) {
    // Widened to Flavor so optional capabilities (envelope, partitionLayout) can be read.
    const flavor: Flavor & { name: FlavorName } = entry;
    for (const partitioned of [false, true]) {
      const name = `${source}/${flavor.name}/${partitioned ? "partitioned" : "flat"}`;
      const out = renderTable(schema, { flavor: flavor.name, table: TABLE, location: "s3://example-bucket/AWSLogs/", partitioned });
      scripts.push({ name, text: out.text, statements: out.statements });
      for (const c of out.table.columns) types.push({ name: `${name}: ${c.name}`, type: c.type });
      const queryTable = out.table.viewName ?? out.table.name;
      // Partitioned tables (and the views over them) have account, region, year, month, day.
      const isPartitioned = out.table.partitionColumns.length > 0;
      // Library queries, views and ADD PARTITION only once per flavor (the partitioned table when it has partitions).
      if (partitioned !== flavor.supportsPartitions) continue;
      for (const def of library) {
        const params = Object.fromEntries(def.params.filter((p) => p.required).map((p) => [p.name, sampleParam(p.type, p.name)]));
        const q = renderQuery(def, { ...params, from: "2023-01-01", to: "2026-12-31" }, { table: queryTable, partitioned: isPartitioned });
        scripts.push({ name: `${name} query ${def.name}`, text: `${q.sql};\n`, statements: [{ kind: "query", sql: q.sql }] });
      }
      // Every SigmaHQ CloudTrail rule trailhive translates, one query per rule and all in one scan (issue 17)
      if (existsSync(SIGMA_RULES)) {
        const { columns } = tableColumns(schema, { oddKeys: "map-or-string", typeLimit: DEFAULT_TYPE_LIMIT, partitioned: isPartitioned, rowPerFile: false });
        const d = renderDetections(readRuleFiles([SIGMA_RULES], SIGMA_RULES), columns, { table: queryTable });
        scripts.push({ name: `${name} sigma rules`, text: d.script, statements: d.queries.map((q) => ({ kind: "query" as const, sql: q.sql })) });
        if (d.oneScan !== undefined) scripts.push({ name: `${name} sigma one scan`, text: `${d.oneScan.sql};\n`, statements: [{ kind: "query", sql: d.oneScan.sql }] });
      }
      for (const v of VIEWS) {
        let view;
        try {
          view = renderView(schema, v.spec, { table: queryTable, partitioned: isPartitioned, ...(v.explode ? { explode: v.explode } : {}) });
        } catch {
          continue; // the event is not in this source
        }
        scripts.push({ name: `${name} view ${view.name}`, text: view.statements.map((s) => `${s.sql};\n`).join(""), statements: view.statements });
      }
      const adds =
        !isPartitioned || flavor.partitionProjection
          ? []
          : flavor.partitionLayout === "firehose"
            ? renderHourPartitions(out.table.name, firehose.hours, { batchSize: 25 })
            : renderPartitions(out.table.name, [...partitions.values()], { batchSize: 25 });
      if (adds.length > 0) {
        scripts.push({ name: `${name} add-partition`, text: adds.map((s) => `${s};\n`).join(""), statements: adds.map((sql) => ({ kind: "add-partition" as const, sql })) });
      }
      // The script the EMR command uploads for `hive -f`: settings, the table, its partitions, the query into a folder.
      const emrTable = renderTable(schema, { flavor: flavor.name, table: TABLE, location: "s3://example-bucket/AWSLogs/", partitioned, ifNotExists: true });
      for (const def of library) {
        const params = Object.fromEntries(def.params.filter((p) => p.required).map((p) => [p.name, sampleParam(p.type, p.name)]));
        const q = renderQuery(def, params, { table: queryTable, partitioned: isPartitioned });
        const resultsUri = `s3://example-bucket/trailhive/results/${def.name}/`;
        const text = buildEmrScript({ title: `query ${def.name}`, table: emrTable.statements.map((s) => s.sql), partitions: adds, query: q.sql, resultsUri });
        scripts.push({
          name: `${name} emr-script ${def.name}`,
          text,
          statements: [
            { kind: "set", sql: "SET hive.exec.compress.output=false" },
            ...emrTable.statements,
            ...adds.map((sql) => ({ kind: "add-partition" as const, sql })),
            { kind: "insert-directory", sql: `${insertDirectoryClause(resultsUri)}\n${q.sql}` },
          ],
        });
      }
    }
    // The data path: the flat table's SerDe over every log record, fed as the flavor's input format feeds it.
    if (!flavor.serde.startsWith("org.apache.")) continue;
    const out = renderTable(schema, { flavor: flavor.name, table: TABLE, location: "s3://example-bucket/AWSLogs/", partitioned: false });
    const dataset = {
      name: `${source}/${flavor.name}`,
      serde: out.table.serde,
      serdeProperties: out.table.serdeProperties,
      columns: out.table.columns,
      feed: out.table.rowPerFile ? ("file-per-row" as const) : ("record-per-line" as const),
      files: flavor.envelope === undefined ? logPaths : firehose.files,
    };
    data.push({ flavor: flavor.name, source, records, dataset });
    // Either Apache JSON SerDe reads an envelope line: the DDL names serde2, HCatalog's is the other one users have.
    if (flavor.envelope !== undefined && dataset.serde !== HCATALOG_JSON_SERDE) {
      data.push({ flavor: flavor.name, source, records, dataset: { ...dataset, name: `${dataset.name}/hcatalog`, serde: HCATALOG_JSON_SERDE } });
    }
  }
  return { source, schema, scripts, types, data, logFiles: logPaths.length, records };
}

function sampleParam(type: string, name: string): string {
  if (type === "date") return "2024-01-01";
  if (type === "region") return "us-east-1";
  return `sample-${name}`;
}
