import type { ObjectShape, Shape, WideningReason, JsonKind } from "./shape.js";

/**
 * `trailhive.schema.json`: the inferred shape plus statistics and provenance, no record values, no
 * timestamps. Two schema files are "identical" when they are the same bytes once `provenance` is left
 * out. Key order when written: the order of this interface.
 */
export interface SchemaFile {
  $schema?: string;
  format: "trailhive-schema";
  version: 1;
  /** record-level statistics */
  records: number;
  /** eventVersion -> record count */
  eventVersions: Record<string, number>;
  /** the shape of one CloudTrail record (the Hive table's columns come from here) */
  root: ObjectShape;
  /**
   * Per-event shapes that typed views need, keyed `eventSource:eventName`
   * (e.g. `ec2.amazonaws.com:AuthorizeSecurityGroupIngress`), in key order.
   */
  events: Record<string, EventShapes>;
  /** every type conflict found while merging, in path order */
  conflicts: Conflict[];
  provenance: Provenance;
}

export interface EventShapes {
  records: number;
  requestParameters?: Shape;
  responseElements?: Shape;
}

/** A JSON path such as `$.requestParameters.ipPermissions.items[].ipRanges` and what happened there. */
export interface Conflict {
  path: string;
  kinds: Partial<Record<JsonKind, number>>;
  resolution: WideningReason | "double" | "case-merge";
  /** spellings merged, for case-only duplicates */
  spellings?: string[];
  /** set when found in one event's shape (`events`), e.g. `s3.amazonaws.com:PutBucketTagging` */
  event?: string;
}

export type FileKind = "log" | "digest" | "insight" | "not-cloudtrail";
/**
 * A log file's shape. Bare events are named by their layout: `records` (CloudTrail's S3 delivery),
 * `array`, `lines` (one per line), `event` (one), `concatenated` (several values, not one per line).
 * The others are envelopes: `lookup-events` (Event history, also one Event per line),
 * `eventbridge`, `cloudwatch-logs` (subscription payloads), `cloudwatch-export` (export tasks),
 * `splunk`, `elastic`, `logstash`, and `embedded` (records found inside some other document).
 */
export type Container =
  "records" | "array" | "lines" | "event" | "concatenated" | "lookup-events" | "eventbridge" | "cloudwatch-logs" | "cloudwatch-export" | "splunk" | "elastic" | "logstash" | "embedded";

/** How a file of several JSON values laid them out: one per line, or not (pretty-printed, `}{`). */
export type Framing = "lines" | "concatenated";

export interface Provenance {
  /** source roots as given (local paths relative to the working folder, or s3:// URIs) */
  sources: string[];
  /** paths relative to their source root, sorted */
  /** `framing` only for envelope shapes in a file of several values (see Framing) */
  files: { path: string; kind: FileKind; container?: Container; framing?: Framing; records: number }[];
  skipped: { path: string; reason: string }[];
}
