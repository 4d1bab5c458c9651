import { assertNever } from "../errors.js";
import type { Flavor } from "../flavors/flavor.js";
import type { RenderWarning } from "../hive/render-warning.js";
import type { FileShape, FileShapeCount } from "../records/file-shape.js";

/** The Firehose processors that make a delivery one event per line (ProcessingConfiguration.Processors[].Type). */
const APPEND_DELIMITER = "AppendDelimiterToRecord";
const CLOUDWATCH_EXTRACTION = "Decompression and CloudWatchLogProcessing (DataMessageExtraction=true)";

/**
 * Shapes no Hive table can read in place (Hive's JSON SerDes read one JSON value per line of text),
 * by the warning's key; `null` for shapes that raise no warning of their own.
 */
type Readability = "eventbridge-concatenated" | "concatenated" | "cloudwatch-logs" | "eventbridge-lines" | "bare-records" | null;

function readability(shape: FileShape): Readability {
  switch (shape.container) {
    case "eventbridge":
      return shape.framing === "concatenated" ? "eventbridge-concatenated" : "eventbridge-lines";
    case "concatenated":
    case "cloudwatch-logs":
      return shape.container;
    case "records":
    case "lines":
      return "bare-records";
    // one value per file or one per line, or read by no flavor at all: no line-by-line question to raise
    case "array":
    case "event":
    case "lookup-events":
    case "cloudwatch-export":
    case "splunk":
    case "elastic":
    case "logstash":
    case "embedded":
      return null;
    default:
      assertNever(shape.container, "container");
  }
}

const UNREADABLE: Readonly<Record<"eventbridge-concatenated" | "concatenated" | "cloudwatch-logs", (files: string) => string>> = {
  "eventbridge-concatenated": (files) =>
    `${files} EventBridge events back to back with no separator between them, which Hive's JSON SerDes cannot read line by line: set the Firehose stream's ${APPEND_DELIMITER} processor so each event ends with a newline (files already delivered stay unreadable to Hive)`,
  concatenated: (files) =>
    `${files} CloudTrail records back to back with no separator between them, which Hive's JSON SerDes cannot read line by line: if Firehose wrote them, set its ${APPEND_DELIMITER} processor; otherwise write one record per line`,
  "cloudwatch-logs": (files) =>
    `${files} CloudWatch Logs subscription payloads (gzipped DATA_MESSAGE objects with the records in logEvents[].message), which no Hive table can read as records: set the Firehose stream's ${CLOUDWATCH_EXTRACTION} processors, and ${APPEND_DELIMITER}, so S3 gets one record per line`,
};

/**
 * Warnings for a table whose data is in the shapes the reader saw (its container and framing, as
 * provenance keeps them): shapes no Hive SerDe can read line by line (each naming the Firehose setting
 * that fixes it), and EventBridge events one a line under a flavor that reads bare records (or the
 * reverse). Pure.
 *
 * @example
 *   dataShapeWarnings([{ container: "eventbridge", framing: "concatenated", files: 2 }], getFlavor("eventbridge-jsonl"))[0]?.message
 *   // "2 files hold EventBridge events back to back ...: set the Firehose stream's AppendDelimiterToRecord processor ..."
 */
export function dataShapeWarnings(shapes: readonly FileShapeCount[], flavor: Pick<Flavor, "name" | "envelope">): RenderWarning[] {
  const counts = new Map<Readability, number>();
  for (const shape of shapes) {
    const key = readability(shape);
    counts.set(key, (counts.get(key) ?? 0) + shape.files);
  }
  const count = (key: Readability) => counts.get(key) ?? 0;
  const files = (n: number) => (n === 1 ? "1 file holds" : `${n} files hold`);
  const warnings: RenderWarning[] = [];
  for (const key of ["cloudwatch-logs", "concatenated", "eventbridge-concatenated"] as const) {
    const n = count(key);
    if (n > 0) warnings.push({ code: "data-shape", message: UNREADABLE[key](files(n)) });
  }
  const envelopes = count("eventbridge-lines");
  const bare = count("bare-records");
  if (flavor.envelope === undefined && envelopes > 0) {
    warnings.push({
      code: "data-shape",
      message: `${files(envelopes)} EventBridge events (the record in detail): tables of flavor ${flavor.name} read them with every CloudTrail column NULL; use --flavor eventbridge-jsonl for data at rest in that shape`,
    });
  }
  if (flavor.envelope === "eventbridge" && bare > 0) {
    warnings.push({
      code: "data-shape",
      message: `${files(bare)} CloudTrail records that are not in EventBridge envelopes: tables of flavor ${flavor.name} read only EventBridge events, one per line; use --flavor jsonl (records one per line) or the default flavor (S3 deliveries) for those`,
    });
  }
  return warnings;
}
