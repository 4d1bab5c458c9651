import type { Container } from "../schema/schema-file.js";
import { ExactIntegers } from "./exact-integers.js";
import { DEFAULT_MAX_FILE_BYTES, inflateBounded, tooLargeMessage } from "./inflate-bounded.js";

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
      container: Container;
      records: CloudTrailRecord[];
      /**
       * The true digits of integers that JSON.parse rounded (beyond 2^53), by the rounded value,
       * found in the file's text on first use (see exact-integers.ts).
       */
      exactIntegers?: ExactIntegers;
    }
  | { kind: "digest" }
  | { kind: "insight"; records: number }
  | { kind: "skipped"; reason: SkipReason; message: string };

const GZIP_MAGIC_0 = 0x1f;
const GZIP_MAGIC_1 = 0x8b;

/**
 * Decodes one file by its content, not its name: gzip by magic bytes, a UTF-8 BOM dropped, then one
 * of the containers `{"Records":[...]}`, a JSON array of events, JSON lines, or one bare event object.
 * Digest and Insights files are recognised and not returned as records. Never throws for bad data:
 * a file that cannot be used comes back as `skipped` with a reason and a message naming `path`.
 * Inflating stops as soon as the output passes `maxFileBytes` (then `too-large`), so a bomb costs
 * at most that much memory.
 *
 * @example
 *   const result = readLogFile(await readFile(p), "AWSLogs/111122223333/CloudTrail/us-east-1/2026/11/23/x.json.gz");
 *   if (result.kind === "log") console.log(result.container, result.records.length);
 */
export function readLogFile(bytes: Buffer, path: string, options: ReadLogFileOptions = {}): ReadResult {
  const maxBytes = options.maxFileBytes ?? DEFAULT_MAX_FILE_BYTES;
  let data = bytes;
  if (data.length >= 2 && data[0] === GZIP_MAGIC_0 && data[1] === GZIP_MAGIC_1) {
    const inflated = inflateBounded(data, maxBytes);
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
  if (first !== 0x7b /* { */ && first !== 0x5b /* [ */) return skip("not-json", path, "not JSON (it does not start with { or [)");
  const text = data.toString("utf8", start);

  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    if (first === 0x7b) {
      const lines = parseJsonLines(text);
      if (lines !== undefined) return classifyEvents(lines, "lines", data, start, path);
    }
    return skip("invalid-json", path, `invalid JSON: ${(error as Error).message}`);
  }
  if (Array.isArray(parsed)) return classifyEvents(parsed, "array", data, start, path);
  if (!isObject(parsed)) return skip("not-cloudtrail", path, "JSON that is not an object or array");
  if (Array.isArray(parsed.Records)) {
    const records = parsed.Records;
    if (records.length > 0 && records.every((r) => isObject(r) && r.eventType === "AwsCloudTrailInsight")) {
      return { kind: "insight", records: records.length };
    }
    return classifyEvents(records, "records", data, start, path);
  }
  if ("digestStartTime" in parsed && "logFiles" in parsed) return { kind: "digest" };
  if (isEvent(parsed)) return classifyEvents([parsed], "event", data, start, path);
  return skip("not-cloudtrail", path, "JSON without Records, digest fields or event fields (eventVersion, eventName): not a CloudTrail file");
}

function classifyEvents(items: unknown[], container: Container, data: Buffer, start: number, path: string): ReadResult {
  if (container !== "records" && container !== "event") {
    if (items.length === 0) return skip("not-cloudtrail", path, `an empty JSON ${container === "array" ? "array" : "lines file"}: no events`);
    const bad = items.findIndex((item) => !isEvent(item));
    if (bad >= 0) return skip("not-cloudtrail", path, `${container === "array" ? `element [${bad}]` : `line ${bad + 1}`} is not a CloudTrail event (no eventVersion or eventName)`);
  } else {
    const bad = items.findIndex((item) => !isObject(item));
    if (bad >= 0) return skip("not-cloudtrail", path, `Records[${bad}] is not an object`);
  }
  const records = items as CloudTrailRecord[];
  return { kind: "log", container, records, exactIntegers: new ExactIntegers(data, start) };
}

/** JSON lines: one value per non-blank line; undefined when any line does not parse. */
function parseJsonLines(text: string): unknown[] | undefined {
  const out: unknown[] = [];
  for (const line of text.split("\n")) {
    if (line.trim() === "") continue;
    try {
      out.push(JSON.parse(line));
    } catch {
      return undefined;
    }
  }
  return out.length > 0 ? out : undefined;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function isEvent(value: unknown): value is CloudTrailRecord {
  return isObject(value) && ("eventVersion" in value || "eventName" in value);
}

function isSpace(byte: number): boolean {
  return byte === 0x20 || byte === 0x0a || byte === 0x0d || byte === 0x09;
}

function skip(reason: SkipReason, path: string, what: string): ReadResult {
  return { kind: "skipped", reason, message: `${path}: ${what}` };
}
