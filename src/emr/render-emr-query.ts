import { TrailhiveError } from "../errors.js";
import { DEFAULT_FLAVOR, getFlavor, type FlavorName } from "../flavors/index.js";
import type { RenderWarning } from "../hive/render-warning.js";
import { renderPartitions, type PartitionRef } from "../partitions/render-partitions.js";
import { renderTable } from "../render/render-table.js";
import type { SchemaFile } from "../schema/schema-file.js";
import { buildEmrScript } from "./build-emr-script.js";
import type { DdlTemplates } from "../render/load-ddl-template.js";

/** A library query with its values bound (planInvestigation's `query` work). */
export interface BoundQuery {
  name: string;
  sql: string;
  columns: string[];
  /** the day folders it reads, when both dates were given */
  range?: { from: string; to: string };
}

export interface EmrQueryInput {
  schema: SchemaFile;
  query: BoundQuery;
  table: string;
  /** the S3 folder holding `AWSLogs/`, without a trailing slash */
  location: string;
  /** default emr-cloudtrail-serde */
  flavor?: string;
  /**
   * the day folders of the query's range (see {@link emrPartitionRange}): found in S3 by
   * `discoverPartitions`, or assumed for `--dry-run`; needed when the flavor's table is partitioned
   */
  partitions?: PartitionRef[];
  resultsUri: string;
  /** the templates laying out the table, partitions and script (default the built-in ones) */
  templates?: DdlTemplates;
}

/**
 * The Hive script of one library query on EMR, from data only: the flavor's table (refused when the
 * flavor registry says it breaks on EMR), ADD PARTITION for the given day folders of the query's
 * range, and the query writing its answer to `resultsUri`.
 *
 * @example
 *   const plan = planInvestigation({ table: "cloudtrail", schema, query: getQuery(loadLibrary(), "security-group-changes"), params: { from: "2026-01-19", to: "2026-01-25" } });
 *   if (plan.work.kind === "query") {
 *     const { script, columns } = renderEmrQuery({ schema, query: plan.work, table: "cloudtrail", location: "s3://trail",
 *       partitions, resultsUri: "s3://st/trailhive/results/r1/" });
 *   }
 */
export function renderEmrQuery(input: EmrQueryInput): { title: string; script: string; columns: string[]; warnings: RenderWarning[] } {
  const flavor = emrFlavor(input.flavor);
  const query = input.query;
  const rendered = renderTable(
    input.schema,
    {
      flavor: flavor.name as FlavorName,
      table: input.table,
      location: `${input.location}/AWSLogs/`,
      partitioned: true,
      ifNotExists: true,
      engines: ["emr"],
    },
    input.templates,
  );
  const table = rendered.statements.filter((s) => s.kind === "create-table" || s.kind === "create-view").map((s) => s.sql);
  let partitions: string[] = [];
  if (flavor.supportsPartitions) {
    const range = requireRange(query.range, input.query.name);
    if (input.partitions === undefined) {
      throw new TrailhiveError("USAGE_NO_FOLDERS", { location: input.location });
    }
    if (input.partitions.length === 0) {
      throw new TrailhiveError("SOURCE_NOT_FOUND", { problem: "no-day-folders", location: input.location, from: range.from, to: range.to });
    }
    partitions = renderPartitions(input.table, input.partitions, input.templates !== undefined ? { templates: input.templates } : {});
  }
  const title = `query ${query.name}`;
  const script = buildEmrScript({ title, table, partitions, query: query.sql, resultsUri: input.resultsUri }, input.templates);
  return { title, script, columns: query.columns, warnings: rendered.warnings };
}

/**
 * The days whose partitions an EMR run of the query adds: its `from`..`to` and the day after (events
 * of a day's last minutes are delivered into the next day's folder), or undefined when the flavor's
 * table has no partitions. Known before anything is listed, so discovery lists only these days.
 *
 * @example
 *   emrPartitionRange({ query: plan.work });  // { from: "2026-01-19", to: "2026-01-26" } for from=2026-01-19, to=2026-01-25
 */
export function emrPartitionRange(input: Pick<EmrQueryInput, "query" | "flavor">): { from: string; to: string } | undefined {
  const flavor = emrFlavor(input.flavor);
  if (!flavor.supportsPartitions) return undefined;
  return requireRange(input.query.range, input.query.name);
}

/** Whether the flavor's table on EMR has the partition columns a query must be planned for. */
export function emrTablePartitioned(flavor: string | undefined): boolean {
  return emrFlavor(flavor).supportsPartitions;
}

/** The flavor registry says, as data, which flavors EMR can read (docs/ARCHITECTURE.md, Decisions: the CloudTrailSerde one is the safe choice). */
function emrFlavor(name: string | undefined) {
  const flavor = getFlavor(name ?? DEFAULT_FLAVOR);
  if (flavor.engines.emr.status === "breaks") {
    throw new TrailhiveError("USAGE_BAD_FLAVOR", { flavor: flavor.name, emrNote: flavor.engines.emr.note, use: DEFAULT_FLAVOR });
  }
  return flavor;
}

function requireRange<R>(range: R | undefined, query: string): R {
  if (range === undefined) {
    throw new TrailhiveError("USAGE_NO_RANGE", { query });
  }
  return range;
}
