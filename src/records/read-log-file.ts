import type { Container } from "../schema/schema-file.js";
import { ExactIntegers } from "./exact-integers.js";
import { findEvents, INSIGHT_EVENT_TYPE, type TopValue } from "./find-events.js";
import { foreignRecord } from "./shapes/container-shape.js";
import { DEFAULT_MAX_FILE_BYTES, inflateBounded, inflatedChunkSize, tooLargeMessage } from "./inflate-bounded.js";
import { readExportLines } from "./read-export-lines.js";
import { readJsonValues, type BadPart, type Framing } from "./read-json-values.js";

/**
 * Why a file was not used. Each comes with a one-line message naming the file and what to do.
 * - `empty`: no bytes, or only whitespace
 * - `truncated-gzip`: gzip that ends early (an upload cut short)
 * - `corrupt-gzip`: gzip magic bytes but data that does not inflate
 * - `not-json`: text that does not start like JSON (a README, a LICENSE, a CSV)
 * - `invalid-json`: starts like JSON but does not parse, as a whole or as JSON lines
 * - `not-cloudtrail`: valid JSON that is no CloudTrail container (no Records, no event fields)
 * - `too-large`: more bytes (inflated) than `maxFileBytes` (`--max-file-size`): a gzip bomb, or a file
 *   no single parse can hold
 */
export type SkipReason = "empty" | "truncated-gzip" | "corrupt-gzip" | "not-json" | "invalid-json" | "not-cloudtrail" | "too-large";

export interface ReadLogFileOptions {
  /** the most bytes the file may hold once inflated (default DEFAULT_MAX_FILE_BYTES, 256 MiB) */
  maxFileBytes?: number;
}

export type CloudTrailRecord = Record<string, unknown>;

export type ReadResult =
  | {
      kind: "log";
      /** the file's shape (see records/shapes) */
      container: Container;
      records: CloudTrailRecord[];
      /**
       * The true digits of integers that JSON.parse rounded (beyond 2^53), by the rounded value,
       * found in the file's text on first use (see exact-integers.ts).
       */
      exactIntegers?: ExactIntegers;
      /** how a file of several JSON values laid them out, for shapes other than bare events */
      framing?: Framing;
      /**
       * Each record's text on one line, when staging cannot copy it from the file as it stands: the
       * record was held as a string, sat inside an envelope, or parts of the file were left out.
       */
      lines?: string[];
      /** CloudTrail Insights events among the records, left out of them (not API calls; see `insight`) */
      insights?: number;
      /** parts of the file left out (bad lines or values), with a one-line message naming the file */
      partial?: { parts: number; message: string };
    }
  | { kind: "digest" }
  /** a file of CloudTrail Insights events only (in any shape): `records` is how many */
  | { kind: "insight"; records: number }
  | { kind: "skipped"; reason: SkipReason; message: string };

/** bad parts named in a partial file's message before "and N more" */
const LISTED_PARTS = 3;
/** containers whose records staging copies from the file's own bytes (scanRecordBounds) */
const SPANNED: ReadonlySet<Container> = new Set(["records", "array", "lines", "event", "concatenated"]);

const GZIP_MAGIC_0 = 0x1f;
const GZIP_MAGIC_1 = 0x8b;

/**
 * Decodes one file by its content, not its name: gzip by magic bytes (several gzip members read as
 * one stream, as Firehose writes them), a UTF-8 BOM dropped, then one JSON document or several (JSON
 * lines, pretty-printed or `}{`-concatenated values, CloudWatch Logs export lines), and the events in
 * them wherever the document holds them (findEvents: S3 delivery `{"Records":[...]}`, arrays, bare
 * events, lookup-events, EventBridge, CloudWatch Logs, Splunk, Elastic, Logstash, records inside
 * anything else). A native S3 delivery takes one JSON.parse and nothing more. Bad lines or values are
 * left out and reported in `partial`. Digest and Insights files are recognised and not returned as
 * records. Never throws for bad data: a file that cannot be used comes back as `skipped` with a
 * reason and a message naming `path`. Inflating stops as soon as the output passes `maxFileBytes`
 * (then `too-large`), so a bomb costs at most that much memory.
 *
 * @example
 *   const result = readLogFile(await readFile(p), "AWSLogs/111122223333/CloudTrail/us-east-1/2026/11/23/x.json.gz");
 *   if (result.kind === "log") console.log(result.container, result.records.length);
 */
export function readLogFile(bytes: Buffer, path: string, options: ReadLogFileOptions = {}): ReadResult {
  const maxBytes = options.maxFileBytes ?? DEFAULT_MAX_FILE_BYTES;
  let data = bytes;
  if (data.length >= 2 && data[0] === GZIP_MAGIC_0 && data[1] === GZIP_MAGIC_1) {
    // One output buffer sized from the gzip trailer: zlib's default 16 KiB chunks, then a copy of them
    // into one, cost a fifth of the inflate (bench/README.md, infer).
    const inflated = inflateBounded(data, maxBytes, inflatedChunkSize(data));
    if ("tooLarge" in inflated) return { kind: "skipped", reason: "too-large", message: tooLargeMessage(path, maxBytes, { inflated: true }) };
    if ("error" in inflated) {
      // zlib says Z_BUF_ERROR ("unexpected end of file") when the stream stops before its trailer.
      if (inflated.error.code === "Z_BUF_ERROR") return skip("truncated-gzip", path, "the gzip data ends early (truncated upload?); download it again");
      return skip("corrupt-gzip", path, `the gzip data does not inflate (${inflated.error.message})`);
    }
    data = inflated.bytes;
  } else if (data.length > maxBytes) {
    return { kind: "skipped", reason: "too-large", message: tooLargeMessage(path, maxBytes, { inflated: false, size: data.length }) };
  }
  let start = 0;
  if (data.length >= 3 && data[0] === 0xef && data[1] === 0xbb && data[2] === 0xbf) start = 3;
  while (start < data.length && isSpace(data[start]!)) start++;
  if (start >= data.length) return skip("empty", path, "the file is empty");
  const first = data[start];
  if (first !== 0x7b /* { */ && first !== 0x5b /* [ */) {
    const exported = readExportLines(data, start);
    if (exported !== undefined) return fromValues(exported.values, exported.bad, "lines", data, start, path, "cloudwatch-export");
    // JSON lines whose first line is bad (cut short, garbage) are still JSON lines, when most lines
    // start like JSON and some hold events; a README, a LICENSE or a CSV is not.
    const notJson = skip("not-json", path, "not JSON (it does not start with { or [)");
    if (!mostLinesStartLikeJson(data, start)) return notJson;
    const several = readJsonValues(data, start);
    const result = fromValues(several.values, several.bad, several.framing, data, start, path, undefined);
    return result.kind === "log" ? result : notJson;
  }
  const text = data.toString("utf8", start);

  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    const several = readJsonValues(data, start);
    if (several.values.length === 0) return skip("invalid-json", path, `invalid JSON at ${partText(several.bad[0]!)}`);
    return fromValues(several.values, several.bad, several.framing, data, start, path, undefined);
  }
  if (isObject(parsed) && Array.isArray(parsed.Records)) {
    const records = parsed.Records;
    const insights = records.filter((r) => isObject(r) && r.eventType === INSIGHT_EVENT_TYPE).length;
    if (records.length > 0 && insights === records.length) return { kind: "insight", records: records.length };
    // CloudTrail's own delivery: nothing to find, nothing to copy.
    if (insights === 0 && records.every((r) => isObject(r) && foreignRecord(r) === undefined))
      return { kind: "log", container: "records", records: records as CloudTrailRecord[], exactIntegers: new ExactIntegers(data, start) };
  }
  if (isObject(parsed) && "digestStartTime" in parsed && "logFiles" in parsed) return { kind: "digest" };
  return fromValues([{ value: parsed }], [], undefined, data, start, path, undefined);
}

/** The events of a file's top-level values, as a read result: a log (maybe partial) or a skip with its reason. */
function fromValues(values: readonly TopValue[], unreadable: readonly BadPart[], framing: Framing | undefined, data: Buffer, start: number, path: string, outer: Container | undefined): ReadResult {
  const found = findEvents(values, values.length > 1 ? framing : undefined);
  const container = outer ?? found.container;
  const bad = [...unreadable.map(partText), ...found.bad];
  const records = found.records;
  if (records.length === 0 && found.insights > 0) return { kind: "insight", records: found.insights };
  if (records.length === 0) {
    if (bad.length === 0) return skip("not-cloudtrail", path, `${found.empty ?? "no events"}: not a CloudTrail file`);
    return skip(values.length === 0 ? "invalid-json" : "not-cloudtrail", path, `no CloudTrail events; ${describeParts(bad)}`);
  }
  const result: Extract<ReadResult, { kind: "log" }> = { kind: "log", container, records, exactIntegers: new ExactIntegers(data, start) };
  if (values.length > 1 && !SPANNED.has(container) && framing !== undefined) result.framing = framing;
  if (found.insights > 0) result.insights = found.insights;
  // Left-out parts and Insights events are in the file's bytes: staging takes the records' own lines.
  if (!SPANNED.has(container) || bad.length > 0 || found.insights > 0) {
    // A record's own text (a string, a line) is staged as it is; one inside an envelope is
    // re-serialised, with the digits of integers JSON.parse rounded taken back from the file. Records
    // held as strings keep their digits only in their own text, so that text is searched too (not the
    // re-serialised ones: their rounded literals would widen every range).
    const texts = found.texts;
    const exact = new ExactIntegers(() => [data.toString("utf8", start), ...texts.filter((t) => t !== undefined)].join("\n"));
    result.exactIntegers = exact;
    result.lines = records.map((r, i) => {
      const own = texts[i];
      return own === undefined ? exact.restore(JSON.stringify(r)) : oneLine(own);
    });
  }
  if (bad.length > 0) result.partial = { parts: bad.length, message: `${path}: read ${records.length} events and left out ${describeParts(bad)}` };
  return result;
}

/**
 * Whether at least half the non-blank lines from `start` start like JSON: with { or [ (after
 * spaces), or, cut at the start, with a value joined to the next by `}{` (Firehose's concatenation).
 */
function mostLinesStartLikeJson(data: Buffer, start: number): boolean {
  let lines = 0;
  let json = 0;
  for (let from = start; from < data.length;) {
    let i = from;
    while (i < data.length && (data[i] === 0x20 || data[i] === 0x09 || data[i] === 0x0d)) i++;
    const c = data[i];
    const lf = data.indexOf(0x0a, i);
    if (i < data.length && c !== 0x0a) {
      lines++;
      if (c === 0x7b || c === 0x5b || data.subarray(i, lf < 0 ? data.length : lf).includes("}{")) json++;
    }
    from = lf < 0 ? data.length : lf + 1;
  }
  return json > 0 && 2 * json >= lines;
}

function partText(part: BadPart): string {
  return `line ${part.line} (byte ${part.offset}): ${part.why}`;
}

function describeParts(bad: readonly string[]): string {
  const listed = bad.slice(0, LISTED_PARTS).join("; ");
  return `${bad.length} part${bad.length === 1 ? "" : "s"} (${listed}${bad.length > LISTED_PARTS ? `; and ${bad.length - LISTED_PARTS} more` : ""})`;
}

/** A record's text on one line: a raw line break in valid JSON can only be whitespace. */
function oneLine(text: string): string {
  return text.includes("\n") || text.includes("\r") ? text.replace(/[\r\n]/g, " ") : text;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function isSpace(byte: number): boolean {
  return byte === 0x20 || byte === 0x0a || byte === 0x0d || byte === 0x09;
}

function skip(reason: SkipReason, path: string, what: string): ReadResult {
  return { kind: "skipped", reason, message: `${path}: ${what}` };
}
