/**
 * The shape a file's events were in, as the reader recognised it (per-file provenance). The names a
 * table's warnings depend on:
 * - `cloudtrail`: an S3 delivery file, `{"Records":[...]}`
 * - `json-lines`: CloudTrail records, one per line
 * - `eventbridge`: EventBridge events (`detail` is the record), one per line, as Firehose writes them
 *   with AppendDelimiterToRecord
 * - `eventbridge-concatenated`: EventBridge events back to back with no separator (`}{`), as Firehose
 *   writes them without it
 * - `concatenated`: CloudTrail records back to back with no separator
 * - `cloudwatch-logs`: CloudWatch Logs subscription payloads (`DATA_MESSAGE` with `logEvents[].message`),
 *   possibly several gzip members in one object, as Firehose writes them without decompression
 * Other shapes the reader knows (JSON arrays, Event history, SIEM exports, ...) raise no table warning.
 */
export type FileShape =
  | "cloudtrail"
  | "json-lines"
  | "eventbridge"
  | "eventbridge-concatenated"
  | "concatenated"
  | "cloudwatch-logs"
  | (string & NonNullable<unknown>);

/**
 * Files counted by shape, as `infer`'s summary reports them.
 *
 * @example
 *   const seen: FileShapeCounts = { eventbridge: 12, "eventbridge-concatenated": 3 };
 */
export type FileShapeCounts = Readonly<Partial<Record<FileShape, number>>>;
