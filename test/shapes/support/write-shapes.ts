import { gzipSync } from "node:zlib";

/**
 * Writes the same CloudTrail records in every shape other tools and AWS services hold them, from
 * their documented formats (no copied files): what the shape tests read back and compare with the
 * native file the records came from. Every writer is deterministic (ids and times derive from the
 * records), so a failing case can be written out and looked at.
 *
 * @example
 *   const files = writeShapes(records);   // { "eventbridge-lines.json": <Buffer>, ... }
 */
export type CloudTrailRecord = Record<string, unknown>;

export interface ShapeCase {
  /** file name, with the extension the tool writes */
  file: string;
  /** the container the reader must name */
  container: string;
  /** the framing the reader must name (undefined: none) */
  framing?: "lines" | "concatenated";
  bytes: Buffer;
}

const str = (v: unknown) => (typeof v === "string" ? v : "");
const identity = (r: CloudTrailRecord) => (r.userIdentity ?? {}) as Record<string, unknown>;

/** `2023-07-10T12:20:00Z` as the CLI prints EventTime (ISO with an offset) or Python tools (space, `+00:00`). */
function eventTime(r: CloudTrailRecord, style: "cli" | "python"): string {
  const t = str(r.eventTime).replace(/Z$/, "");
  return style === "cli" ? `${t}+00:00` : `${t.replace("T", " ")}+00:00`;
}

/** One `lookup-events` Event object: its own summary fields, and the record as a JSON string. */
function lookupEvent(r: CloudTrailRecord, style: "cli" | "python"): Record<string, unknown> {
  return {
    EventId: str(r.eventID),
    EventName: str(r.eventName),
    ReadOnly: String(r.readOnly ?? "false"),
    AccessKeyId: str(identity(r).accessKeyId),
    EventTime: eventTime(r, style),
    EventSource: str(r.eventSource),
    Username: str(identity(r).userName),
    Resources: Array.isArray(r.resources) ? (r.resources as Record<string, unknown>[]).map((x) => ({ ResourceType: str(x.type), ResourceName: str(x.ARN) })) : [],
    CloudTrailEvent: JSON.stringify(r),
  };
}

const DETAIL_TYPES: Record<string, string> = { AwsApiCall: "AWS API Call via CloudTrail", AwsConsoleSignIn: "AWS Console Signin via CloudTrail", AwsServiceEvent: "AWS Service Event via CloudTrail" };

/** The EventBridge event CloudTrail sends for a record. */
function eventBridgeEvent(r: CloudTrailRecord, i: number): Record<string, unknown> {
  return {
    version: "0",
    id: `00000000-0000-0000-0000-${String(i).padStart(12, "0")}`,
    "detail-type": DETAIL_TYPES[str(r.eventType)] ?? "AWS API Call via CloudTrail",
    source: `aws.${str(r.eventSource).split(".")[0]}`,
    account: str(r.recipientAccountId),
    time: str(r.eventTime),
    region: str(r.awsRegion),
    resources: [],
    detail: r,
  };
}

/** CloudWatch Logs' subscription payload for a batch of records (one log event each). */
function dataMessage(batch: CloudTrailRecord[], first: number): Record<string, unknown> {
  return {
    messageType: "DATA_MESSAGE",
    owner: "111122223333",
    logGroup: "aws-cloudtrail-logs-111122223333",
    logStream: "111122223333_CloudTrail_us-east-1",
    subscriptionFilters: ["to-firehose"],
    logEvents: batch.map((r, i) => ({ id: String(first + i).padStart(56, "3"), timestamp: Date.parse(str(r.eventTime)) || 0, message: JSON.stringify(r) })),
  };
}

const CONTROL_MESSAGE = {
  messageType: "CONTROL_MESSAGE",
  owner: "CloudwatchLogs",
  logGroup: "",
  logStream: "",
  subscriptionFilters: [],
  logEvents: [{ id: "", timestamp: 1688991600000, message: "CWL CONTROL MESSAGE: Checking health of destination Firehose." }],
};

const lines = (values: unknown[]) => Buffer.from(values.map((v) => JSON.stringify(v)).join("\n") + "\n");

export function writeShapes(records: readonly CloudTrailRecord[]): ShapeCase[] {
  const rs = [...records];
  const half = Math.ceil(rs.length / 2);
  return [
    {
      file: "lookup-events.json",
      container: "lookup-events",
      bytes: Buffer.from(JSON.stringify({ Events: rs.map((r) => lookupEvent(r, "cli")), NextToken: "eyJ0b2tlbiI6ICJ4In0=" }, null, 4) + "\n"),
    },
    { file: "lookup-events.jsonl", container: "lookup-events", framing: "lines", bytes: lines(rs.map((r) => lookupEvent(r, "python"))) },
    { file: "eventbridge.ndjson", container: "eventbridge", framing: "lines", bytes: lines(rs.map(eventBridgeEvent)) },
    { file: "eventbridge-pretty.json", container: "eventbridge", framing: "concatenated", bytes: Buffer.from(rs.map((r, i) => JSON.stringify(eventBridgeEvent(r, i), null, 2)).join("\n")) },
    { file: "eventbridge-firehose", container: "eventbridge", framing: "concatenated", bytes: Buffer.from(rs.map((r, i) => JSON.stringify(eventBridgeEvent(r, i))).join("")) },
    {
      file: "cloudwatch-subscription.gz",
      container: "cloudwatch-logs",
      framing: "concatenated",
      // Firehose's object: one gzip member per payload, back to back, the first a CONTROL_MESSAGE
      bytes: Buffer.concat([gzipSync(JSON.stringify(CONTROL_MESSAGE)), gzipSync(JSON.stringify(dataMessage(rs.slice(0, half), 0))), gzipSync(JSON.stringify(dataMessage(rs.slice(half), half)))]),
    },
    {
      file: "cloudwatch-export.gz",
      container: "cloudwatch-export",
      framing: "lines",
      bytes: gzipSync(rs.map((r) => `${str(r.eventTime).replace(/Z$/, ".000Z")} ${JSON.stringify(r)}`).join("\n") + "\n"),
    },
    {
      file: "splunk-export.json",
      container: "splunk",
      framing: "lines",
      bytes: lines(
        rs.map((r, i) => ({ preview: false, offset: i, result: { _time: str(r.eventTime), _raw: JSON.stringify(r), host: "splunk", source: "aws_cloudtrail", sourcetype: "aws:cloudtrail" } })),
      ),
    },
    {
      file: "elastic-hits.json",
      container: "elastic",
      bytes: Buffer.from(
        JSON.stringify({
          took: 3,
          timed_out: false,
          hits: {
            total: { value: rs.length, relation: "eq" },
            hits: rs.map((r, i) => ({
              _index: "logs-aws.cloudtrail-default",
              _id: String(i),
              _source: {
                "@timestamp": str(r.eventTime),
                // Elastic's parsed fields beside the original text: the event must count once
                aws: { cloudtrail: { event_version: str(r.eventVersion), request_parameters: "{k=v}" } },
                event: { original: JSON.stringify(r), action: str(r.eventName), provider: str(r.eventSource) },
              },
            })),
          },
        }),
      ),
    },
    { file: "logstash.ndjson", container: "logstash", framing: "lines", bytes: lines(rs.map((r) => ({ "@timestamp": str(r.eventTime), "@version": "1", ...r, tags: ["cloudtrail"] }))) },
    { file: "concatenated.json", container: "concatenated", bytes: Buffer.from(rs.map((r) => JSON.stringify(r)).join("")) },
  ];
}
