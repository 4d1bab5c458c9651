import { PARTITION_COLUMNS } from "../hive/cloudtrail-profile.js";
import { FIREHOSE_PARTITION_COLUMNS } from "../hive/eventbridge-envelope.js";
import { quoteIdentifier, quoteQualifiedName, quoteString } from "../hive/quote.js";
import type { DdlTemplates } from "../render/load-ddl-template.js";
import { renderStatements, type StandaloneStatementModel } from "../render/render-statements.js";

/** One day folder of one account and region: a partition of the CloudTrail table. */
export interface PartitionRef {
  account: string;
  region: string;
  /** four digits */
  year: string;
  /** two digits */
  month: string;
  /** two digits */
  day: string;
  /** where the day's files are, e.g. `s3://bucket/AWSLogs/o-abc/111111111111/CloudTrail/eu-west-1/2026/01/19/` */
  location: string;
}

/** One hour folder of a Firehose delivery (`<prefix>/YYYY/MM/DD/HH/`): a partition of an envelope table. */
export interface HourPartitionRef {
  /** four digits */
  year: string;
  /** two digits */
  month: string;
  /** two digits */
  day: string;
  /** two digits, UTC */
  hour: string;
  /** where the hour's files are, e.g. `s3://bucket/cloudtrail-events/2026/01/19/13/` */
  location: string;
}

export interface RenderPartitionsOptions {
  /** PARTITION clauses per ALTER TABLE statement (default 100): few statements, none too large for a metastore call */
  batchSize?: number;
  /** the templates laying the statements out (`partials/add-partition.hbs`; default the built-in ones) */
  templates?: DdlTemplates;
}

const DEFAULT_BATCH = 100;

/**
 * `ALTER TABLE ... ADD IF NOT EXISTS PARTITION (...) LOCATION '...'` statements for the given day
 * folders, sorted by account, region and day and batched, so running them twice changes nothing.
 * Statements carry no terminating `;` (a script adds it). Duplicated partition values keep their first
 * location (see {@link sortPartitions}).
 *
 * @example
 *   renderPartitions("cloudtrail", [{ account: "111111111111", region: "eu-west-1", year: "2026", month: "01", day: "19",
 *     location: "s3://b/AWSLogs/111111111111/CloudTrail/eu-west-1/2026/01/19/" }]);
 *   // ["ALTER TABLE cloudtrail ADD IF NOT EXISTS\n  PARTITION (account = '111111111111', region = 'eu-west-1', `year` = '2026', ...) LOCATION 's3://...'"]
 */
export function renderPartitions(table: string, partitions: readonly PartitionRef[], options: RenderPartitionsOptions = {}): string[] {
  return addPartitions(table, PARTITION_COLUMNS, sortPartitions(partitions).unique, options);
}

/**
 * The same statements for a Firehose delivery's hour folders (partitions year, month, day, hour), for
 * an envelope flavor's `<table>_envelope`, sorted by hour.
 *
 * @example
 *   renderHourPartitions("cloudtrail_envelope", [{ year: "2026", month: "01", day: "19", hour: "13", location: "s3://b/events/2026/01/19/13/" }]);
 *   // ["ALTER TABLE cloudtrail_envelope ADD IF NOT EXISTS\n  PARTITION (`year` = '2026', `month` = '01', `day` = '19', `hour` = '13') LOCATION 's3://b/events/2026/01/19/13/'"]
 */
export function renderHourPartitions(table: string, partitions: readonly HourPartitionRef[], options: RenderPartitionsOptions = {}): string[] {
  const key = (p: HourPartitionRef) => FIREHOSE_PARTITION_COLUMNS.map((c) => p[c]).join("\u0000");
  const sorted = [...partitions].sort((a, b) => cmp(key(a), key(b)) || cmp(a.location, b.location));
  return addPartitions(
    table,
    FIREHOSE_PARTITION_COLUMNS,
    sorted.filter((p, i) => i === 0 || key(sorted[i - 1]!) !== key(p)),
    options,
  );
}

function addPartitions<P extends { location: string }>(table: string, columns: readonly (keyof P & string)[], partitions: readonly P[], options: RenderPartitionsOptions): string[] {
  const batch = Math.max(1, Math.floor(options.batchSize ?? DEFAULT_BATCH));
  const tableName = quoteQualifiedName(table);
  const quoted = partitions.map((p) => ({ values: columns.map((c) => ({ column: quoteIdentifier(c), value: quoteString(String(p[c])) })), location: quoteString(p.location) }));
  const models: StandaloneStatementModel[] = [];
  for (let i = 0; i < quoted.length; i += batch) models.push({ kind: "add-partition", tableName, partitions: quoted.slice(i, i + batch) });
  return renderStatements(models, options.templates).map((s) => s.sql);
}

/**
 * Partitions in table order with duplicates (the same account, region and day found at two
 * locations, e.g. under an organisation trail and an account trail) set apart: a partition has one
 * location, so the first in key order wins and the others are reported.
 *
 * @example
 *   sortPartitions(found).duplicates.map((p) => p.location)
 */
export function sortPartitions(partitions: readonly PartitionRef[]): { unique: PartitionRef[]; duplicates: PartitionRef[] } {
  const key = (p: PartitionRef) => PARTITION_COLUMNS.map((c) => p[c]).join("\u0000");
  const sorted = [...partitions].sort((a, b) => cmp(key(a), key(b)) || cmp(a.location, b.location));
  const unique: PartitionRef[] = [];
  const duplicates: PartitionRef[] = [];
  for (const p of sorted) {
    const last = unique[unique.length - 1];
    if (last !== undefined && key(last) === key(p)) duplicates.push(p);
    else unique.push(p);
  }
  return { unique, duplicates };
}

/**
 * The partitions whose day lies in `from`..`to` (inclusive, YYYY-MM-DD; either may be left out): what
 * a run adds for its query's range.
 *
 * @example
 *   partitionsInRange(found, { from: "2026-01-19", to: "2026-01-26" })
 */
export function partitionsInRange(partitions: readonly PartitionRef[], range: { from?: string; to?: string }): PartitionRef[] {
  return partitions.filter((p) => {
    const day = `${p.year}-${p.month}-${p.day}`;
    return (range.from === undefined || range.from === "" || day >= range.from) && (range.to === undefined || range.to === "" || day <= range.to);
  });
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
