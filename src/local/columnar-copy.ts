import { createHash } from "node:crypto";
import { PARTITION_COLUMNS } from "../hive/cloudtrail-profile.js";
import { quoteIdentifier, quoteQualifiedName } from "../hive/quote.js";

/**
 * The local table's columnar copy (docs/ARCHITECTURE.md, Engines: the columnar copy). Staged JSON lines
 * are what the table is made from, and reading them through the JSON SerDe is most of a warm query's
 * time; ORC read by Hive's vectorised reader takes only the columns a query names. The copy is made
 * by the kept engine after a run has answered, as background work, and then takes the table's name,
 * so every later query and script reads it unchanged. Until it is done, the staged table answers.
 */

/** The name the copy is built under; it becomes the table's once complete. */
export function columnarName(table: string): string {
  return `${table}__columnar`;
}

/**
 * The file the engine writes once the copy of this table, made from exactly this DDL, is complete:
 * its presence is what says the table now is the copy.
 *
 * @example
 *   columnarDoneFile("cloudtrail", "9f2c...")  // "columnar-<16 hex>.done"
 */
export function columnarDoneFile(table: string, ddlSha256: string): string {
  return `columnar-${createHash("sha256").update(`${table}\0${ddlSha256}`).digest("hex").slice(0, 16)}.done`;
}

/**
 * The session settings the copy needs, given with the request (a SET inside the session does not reach
 * the Driver's job configuration): every partition from the one INSERT, and a trail's partitions are
 * accounts x regions x days, far past Hive's default caps of 100 per task and 1,000 in all.
 */
export const COLUMNAR_COPY_SETTINGS: Readonly<Record<string, string>> = {
  "hive.exec.dynamic.partition.mode": "nonstrict",
  "hive.exec.max.dynamic.partitions": "1000000",
  "hive.exec.max.dynamic.partitions.pernode": "1000000",
  "hive.exec.max.created.files": "1000000",
};

/**
 * The statements that build the copy and swap it in: ORC with the staged table's columns and
 * partitions, every partition's rows copied by one dynamic-partition INSERT, then the staged table's
 * entry dropped (external: its staged files stay) and the copy renamed to the table's name. A copy
 * left half-made by an earlier attempt is dropped first; `external.table.purge` makes dropping the
 * copy later (a new schema) remove its files too. The swap is the last two, from `commitFrom`: a
 * user's query may stop the copy before them, never between them (it would find no table).
 *
 * @example
 *   columnarCopy("cloudtrail").statements[1]
 *   // "CREATE TABLE cloudtrail__columnar LIKE cloudtrail STORED AS ORC TBLPROPERTIES ('external.table.purge'='true')"
 */
export function columnarCopy(table: string): { statements: string[]; commitFrom: number } {
  const staged = quoteQualifiedName(table);
  const copy = quoteQualifiedName(columnarName(table));
  const partitions = PARTITION_COLUMNS.map((c) => quoteIdentifier(c)).join(", ");
  const build = [
    `DROP TABLE IF EXISTS ${copy}`,
    `CREATE TABLE ${copy} LIKE ${staged} STORED AS ORC TBLPROPERTIES ('external.table.purge'='true')`,
    `INSERT OVERWRITE TABLE ${copy} PARTITION (${partitions}) SELECT * FROM ${staged}`,
  ];
  const swap = [`DROP TABLE ${staged}`, `ALTER TABLE ${copy} RENAME TO ${staged}`];
  return { statements: [...build, ...swap], commitFrom: build.length };
}
