import { STRING, type HiveField, type HiveType } from "./hive-type.js";

/**
 * The EventBridge envelope around a CloudTrail record, as EventBridge rules deliver it (and Firehose
 * writes it to S3): `{"version":"0","id","detail-type","source","account","time","region",
 * "resources":[],"detail":{<record>}}`. The columns keep the envelope's order; `detail` is added by
 * the renderer with the record's type.
 *
 * `detail-type` is left out: Hive cannot name a column with `-` through a JSON SerDe that matches
 * columns to keys by name, and `detail.eventtype` says the same (AwsApiCall, AwsConsoleSignIn, ...).
 */
export const ENVELOPE_COLUMNS: readonly HiveField[] = [
  { name: "version", jsonKey: "version", type: STRING },
  { name: "id", jsonKey: "id", type: STRING },
  { name: "source", jsonKey: "source", type: STRING },
  { name: "account", jsonKey: "account", type: STRING },
  { name: "time", jsonKey: "time", type: STRING },
  { name: "region", jsonKey: "region", type: STRING },
  { name: "resources", jsonKey: "resources", type: { kind: "array", items: STRING } },
];

/** The column holding the CloudTrail record. */
export const DETAIL_COLUMN = "detail";

/**
 * Firehose's S3 keys are `<prefix>/YYYY/MM/DD/HH/<file>` (UTC): one partition per hour folder, since
 * Hive reads only the files directly under a partition's LOCATION.
 */
export const FIREHOSE_PARTITION_COLUMNS = ["year", "month", "day", "hour"] as const;

/**
 * The envelope table's columns for a record type: the envelope's fields, then `detail`.
 *
 * @example
 *   envelopeColumns({ kind: "struct", fields: [] }).map((c) => c.name) // ["version", "id", ..., "detail"]
 */
export function envelopeColumns(record: HiveType): HiveField[] {
  return [...ENVELOPE_COLUMNS, { name: DETAIL_COLUMN, jsonKey: DETAIL_COLUMN, type: record }];
}

/**
 * The table under an envelope flavor's view, which takes the usual table name.
 *
 * @example
 *   envelopeTableName("db.trail") // "db.trail_envelope"
 */
export function envelopeTableName(table: string): string {
  return `${table}_envelope`;
}
