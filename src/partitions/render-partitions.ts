import { PARTITION_COLUMNS } from "../hive/cloudtrail-profile.js";
import { quoteIdentifier, quoteQualifiedName, quoteString } from "../hive/quote.js";

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

export interface RenderPartitionsOptions {
  /** PARTITION clauses per ALTER TABLE statement (default 100): few statements, none too large for a metastore call */
  batchSize?: number;
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
  const batch = Math.max(1, Math.floor(options.batchSize ?? DEFAULT_BATCH));
  const name = quoteQualifiedName(table);
  const clauses = sortPartitions(partitions).unique.map((p) => {
    const spec = PARTITION_COLUMNS.map((c) => `${quoteIdentifier(c)} = ${quoteString(p[c])}`).join(", ");
    return `  PARTITION (${spec}) LOCATION ${quoteString(p.location)}`;
  });
  const statements: string[] = [];
  for (let i = 0; i < clauses.length; i += batch) {
    statements.push(`ALTER TABLE ${name} ADD IF NOT EXISTS\n${clauses.slice(i, i + batch).join("\n")}`);
  }
  return statements;
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
