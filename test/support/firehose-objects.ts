// Firehose deliveries to S3 as they arrive, made from CloudTrail records by their documented formats:
// objects with no file extension (`<stream>-1-YYYY-MM-DD-HH-MM-SS-<uuid>`) under `<prefix>/YYYY/MM/DD/HH/`,
// holding EventBridge events one a line (AppendDelimiterToRecord set), back to back (`}{`, not set),
// or CloudWatch Logs subscription payloads as gzip members back to back (no decompression).
import { gzipSync } from "node:zlib";
import { eventBridgeEnvelope, hourFolder } from "./eventbridge-envelopes.js";

type Rec = Record<string, unknown>;

export type FirehoseContent = "eventbridge-lines" | "eventbridge-concatenated" | "cloudwatch-logs";

/** Firehose's health check on a CloudWatch Logs destination: a payload with no CloudTrail event. */
const CONTROL_MESSAGE = {
  messageType: "CONTROL_MESSAGE",
  owner: "CloudwatchLogs",
  logGroup: "",
  logStream: "",
  subscriptionFilters: [],
  logEvents: [{ id: "", timestamp: 0, message: "CWL CONTROL MESSAGE: Checking health of destination Firehose." }],
};

/**
 * One object per hour folder, keys relative to the delivery prefix.
 *
 * @example
 *   firehoseObjects(records, "eventbridge-concatenated")[0].key  // "2026/11/16/08/cloudtrail-stream-1-2026-11-16-08-00-00-0000..."
 */
export function firehoseObjects(records: readonly Rec[], content: FirehoseContent): { key: string; body: Buffer }[] {
  const byHour = new Map<string, { record: Rec; index: number }[]>();
  records.forEach((record, index) => {
    const folder = hourFolder(record);
    byHour.set(folder, [...(byHour.get(folder) ?? []), { record, index }]);
  });
  return [...byHour]
    .sort(([a], [b]) => (a < b ? -1 : 1))
    .map(([folder, batch], n) => {
      const key = `${folder}cloudtrail-stream-1-${folder.slice(0, -1).replaceAll("/", "-")}-00-00-${String(n).padStart(8, "0")}-0000-4000-8000-000000000000`;
      const events = batch.map(({ record, index }) => JSON.stringify(eventBridgeEnvelope(record, index)));
      switch (content) {
        case "eventbridge-lines":
          return { key, body: Buffer.from(events.map((e) => e + "\n").join("")) };
        case "eventbridge-concatenated":
          return { key, body: Buffer.from(events.join("")) };
        case "cloudwatch-logs": {
          const data = {
            messageType: "DATA_MESSAGE",
            owner: "111122223333",
            logGroup: "aws-cloudtrail-logs",
            logStream: "111122223333_CloudTrail_us-east-1",
            subscriptionFilters: ["to-firehose"],
            logEvents: batch.map(({ record, index }) => ({ id: String(index).padStart(56, "3"), timestamp: Date.parse(String(record.eventTime)) || 0, message: JSON.stringify(record) })),
          };
          return { key, body: Buffer.concat([gzipSync(JSON.stringify(CONTROL_MESSAGE)), gzipSync(JSON.stringify(data))]) };
        }
      }
    });
}
