/**
 * TEMPORARY ADAPTER, to be replaced by the library branch's `renderPartitions`
 * (src/partitions/render-partitions.ts) once it is merged. It mirrors the documented signature
 * (`renderPartitions(table, partitions: PartitionRef[], options): string[]`) with the smallest output
 * the EMR path needs. Nothing outside src/emr/ and src/cli/run-emr.ts imports it.
 */
import { PARTITION_COLUMNS } from "../hive/cloudtrail-profile.js";
import { quoteIdentifier, quoteQualifiedName, quoteString } from "../hive/quote.js";

export interface PartitionRef {
  account: string;
  region: string;
  year: string;
  month: string;
  day: string;
  location: string;
}

/**
 * @example
 *   renderPartitions("ct", [{ account: "1", region: "r", year: "2024", month: "01", day: "02", location: "s3://b/" }])
 *   // ["ALTER TABLE ct ADD IF NOT EXISTS PARTITION (account = '1', ...) LOCATION 's3://b/'"]
 */
export function renderPartitions(table: string, partitions: PartitionRef[]): string[] {
  return partitions.map(
    (p) =>
      `ALTER TABLE ${quoteQualifiedName(table)} ADD IF NOT EXISTS PARTITION (` +
      PARTITION_COLUMNS.map((k) => `${quoteIdentifier(k)} = ${quoteString(p[k as keyof PartitionRef])}`).join(", ") +
      `) LOCATION ${quoteString(p.location)}`,
  );
}
