// EventBridge events as Firehose writes them to S3 with AppendDelimiterToRecord, made from CloudTrail
import { hiveLocation } from "../../src/local/hive-location.js";
// records by their documented format: `{"version":"0","id","detail-type","source":"aws.<service>",
// "account","time","region","resources":[],"detail":{record}}`, one per line, under
// `<prefix>/YYYY/MM/DD/HH/` (Firehose's UTC hour of arrival; here the record's eventTime hour).
import { createHash } from "node:crypto";
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { HourPartitionRef } from "../../src/partitions/render-partitions.js";

type Rec = Record<string, unknown>;

/** The detail-types CloudTrail's events carry on EventBridge, by the record's eventType. */
const DETAIL_TYPES: Record<string, string> = {
  AwsApiCall: "AWS API Call via CloudTrail",
  AwsConsoleSignIn: "AWS Console Signin via CloudTrail",
  AwsConsoleAction: "AWS Console Action via CloudTrail",
  AwsServiceEvent: "AWS Service Event via CloudTrail",
  AwsCloudTrailInsight: "AWS Insight via CloudTrail",
};

const text = (v: unknown, fallback: string) => (typeof v === "string" && v !== "" ? v : fallback);

/** One record in its EventBridge envelope; the id is derived from the record, so files are the same bytes every run. */
export function eventBridgeEnvelope(record: Rec, index: number): Rec {
  const identity = (record.userIdentity ?? {}) as Rec;
  const service = text(record.eventSource, "unknown.amazonaws.com").split(".")[0];
  const digest = createHash("sha1")
    .update(`${index}:${JSON.stringify(record.eventID ?? null)}`)
    .digest("hex");
  return {
    version: "0",
    id: `${digest.slice(0, 8)}-${digest.slice(8, 12)}-${digest.slice(12, 16)}-${digest.slice(16, 20)}-${digest.slice(20, 32)}`,
    "detail-type": DETAIL_TYPES[String(record.eventType)] ?? DETAIL_TYPES.AwsApiCall,
    source: `aws.${service}`,
    account: text(record.recipientAccountId, text(identity.accountId, "000000000000")),
    time: text(record.eventTime, "1970-01-01T00:00:00Z"),
    region: text(record.awsRegion, "us-east-1"),
    resources: [],
    detail: record,
  };
}

/** The UTC hour folder `YYYY/MM/DD/HH/` of a record's eventTime (1970's first hour when it has none). */
export function hourFolder(record: Rec): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2})/.exec(text(record.eventTime, ""));
  return m === null ? "1970/01/01/00/" : `${m[1]}/${m[2]}/${m[3]}/${m[4]}/`;
}

/**
 * Writes records as a Firehose delivery under `root`: one JSON-lines file of envelopes per hour
 * folder. Returns the files and the hour folders as partitions (LOCATION as file:// URLs).
 */
export function writeFirehoseDelivery(records: readonly Rec[], root: string): { files: string[]; hours: HourPartitionRef[] } {
  const byHour = new Map<string, string[]>();
  records.forEach((r, i) => {
    const folder = hourFolder(r);
    byHour.set(folder, [...(byHour.get(folder) ?? []), JSON.stringify(eventBridgeEnvelope(r, i))]);
  });
  const files: string[] = [];
  const hours: HourPartitionRef[] = [];
  for (const [folder, lines] of [...byHour].sort(([a], [b]) => (a < b ? -1 : 1))) {
    const dir = join(root, folder);
    mkdirSync(dir, { recursive: true });
    const file = join(dir, `trailhive-delivery-1-${folder.replaceAll("/", "-")}00-00-00-test`);
    writeFileSync(file, lines.map((l) => l + "\n").join(""));
    files.push(file);
    const [year, month, day, hour] = folder.split("/") as [string, string, string, string];
    hours.push({ year, month, day, hour, location: hiveLocation(dir) + "/" });
  }
  return { files, hours };
}
