import { quoteIdentifier, quoteQualifiedName, quoteString } from "../hive/quote.js";
import { PARTITION_COLUMNS, type PartitionValues } from "./partition-of.js";

/**
 * ALTER TABLE ... ADD IF NOT EXISTS PARTITION (...) LOCATION '...' for staged partitions, many per
 * statement: the embedded metastore pays per statement (a Derby transaction and a round of Hive's
 * analysis), so a day-partitioned year of logs costs a handful of statements instead of thousands.
 * Values and locations are literals made by `quoteString`; nothing from a log reaches the SQL otherwise.
 *
 * @example
 *   addPartitionStatements("cloudtrail_logs", [{ account: "1", region: "r", year: "2024", month: "01", day: "02", location: "file:///w/staged/..." }])
 *   // ["ALTER TABLE cloudtrail_logs ADD IF NOT EXISTS\n  PARTITION (account = '1', region = 'r', `year` = '2024', `month` = '01', `day` = '02') LOCATION 'file:///w/staged/...'"]
 */
export interface PartitionAtLocation extends PartitionValues {
  location: string;
}

/** Partitions per statement: large enough to be few statements, small enough to keep each one readable in an error. */
const PARTITIONS_PER_STATEMENT = 200;

export function addPartitionStatements(table: string, partitions: readonly PartitionAtLocation[], options: { perStatement?: number } = {}): string[] {
  const per = Math.max(1, options.perStatement ?? PARTITIONS_PER_STATEMENT);
  const name = quoteQualifiedName(table);
  const statements: string[] = [];
  for (let i = 0; i < partitions.length; i += per) {
    const clauses = partitions.slice(i, i + per).map((p) => {
      const spec = PARTITION_COLUMNS.map((c) => `${quoteIdentifier(c)} = ${quoteString(p[c])}`).join(", ");
      return `  PARTITION (${spec}) LOCATION ${quoteString(p.location)}`;
    });
    statements.push(`ALTER TABLE ${name} ADD IF NOT EXISTS\n${clauses.join("\n")}`);
  }
  return statements;
}
