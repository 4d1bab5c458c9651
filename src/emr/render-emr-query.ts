import { TrailhiveError } from "../errors.js";
import { DEFAULT_FLAVOR, getFlavor, type FlavorName } from "../flavors/index.js";
import type { RenderWarning } from "../hive/render-warning.js";
import { renderPartitions } from "../partitions/render-partitions.js";
import { renderQuery } from "../queries/render-query.js";
import type { QueryDef } from "../queries/query-def.js";
import { renderTable } from "../render/render-table.js";
import type { SchemaFile } from "../schema/schema-file.js";
import { buildEmrScript } from "./build-emr-script.js";
import { daysInRange, partitionsFor, type TrailFolder } from "./trail-partitions.js";

export interface EmrQueryInput {
  schema: SchemaFile;
  query: QueryDef;
  params: Record<string, string>;
  table: string;
  /** the S3 folder holding `AWSLogs/`, without a trailing slash */
  location: string;
  /** default emr-cloudtrail-serde */
  flavor?: string;
  /** the trail's account x region folders; needed when the query's days become partitions */
  folders?: TrailFolder[];
  resultsUri: string;
}

/**
 * The Hive script of one library query on EMR, from data only: the flavor's table (refused when the
 * flavor registry says it breaks on EMR), the partitions for every folder and day of the query's
 * range, and the query writing its answer to `resultsUri`.
 *
 * @example
 *   const { script, columns } = renderEmrQuery({ schema, query: getQuery(loadLibrary(), "security-group-changes"),
 *     params: { from: "2026-01-19", to: "2026-01-25" }, table: "cloudtrail_logs", location: "s3://trail",
 *     folders, resultsUri: "s3://st/trailhive/results/r1/" });
 */
export function renderEmrQuery(input: EmrQueryInput): { title: string; script: string; columns: string[]; warnings: RenderWarning[] } {
  // The flavor registry says, as data, which flavors EMR can read (DESIGN.md: the CloudTrailSerde one is the safe choice).
  const flavor = getFlavor(input.flavor ?? DEFAULT_FLAVOR);
  if (flavor.engines.emr.status === "breaks") {
    throw new TrailhiveError("USAGE_BAD_FLAVOR", `flavor ${flavor.name} does not work on EMR: ${flavor.engines.emr.note}; use ${DEFAULT_FLAVOR}`, { flavor: flavor.name });
  }
  const query = renderQuery(input.query, input.params, { table: input.table, partitioned: flavor.supportsPartitions });
  const rendered = renderTable(input.schema, {
    flavor: flavor.name as FlavorName,
    table: input.table,
    location: `${input.location}/AWSLogs/`,
    partitioned: true,
    ifNotExists: true,
    engines: ["emr"],
  });
  const table = rendered.statements.filter((s) => s.kind === "create-table" || s.kind === "create-view").map((s) => s.sql);
  let partitions: string[] = [];
  if (flavor.supportsPartitions) {
    if (query.range === undefined) {
      throw new TrailhiveError("USAGE_NO_RANGE", `on EMR the table's partitions are added for the query's days: give --param from=YYYY-MM-DD --param to=YYYY-MM-DD`, { query: input.query.name });
    }
    if (input.folders === undefined) {
      throw new TrailhiveError("USAGE_NO_FOLDERS", "the trail's accounts and regions are needed for the partitions: give --accounts and --regions", { location: input.location });
    }
    if (input.folders.length === 0) {
      throw new TrailhiveError("SOURCE_NOT_FOUND", `no CloudTrail folders (AWSLogs/<account>/CloudTrail/<region>/) under ${input.location}`, { location: input.location });
    }
    partitions = renderPartitions(input.table, partitionsFor(input.folders, daysInRange(query.range.from, query.range.to)));
  }
  const title = `query ${input.query.name}`;
  const script = buildEmrScript({ title, table, partitions, query: query.sql, resultsUri: input.resultsUri });
  return { title, script, columns: query.columns, warnings: rendered.warnings };
}
