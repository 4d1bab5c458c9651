import { splitLines, type BadPart, type JsonValue } from "./read-json-values.js";

/**
 * A timestamp, then the log event's message: the line format CloudWatch Logs export tasks write
 * (`exportedlogs/<task>/<stream>/000000.gz`). ISO 8601 with a zone, or epoch seconds or milliseconds.
 */
const TIMESTAMP_PREFIX = /^(?:\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}:\d{2}(?:\.\d+)?(?:Z|[+-]\d{2}:?\d{2})?|\d{10}(?:\d{3})?)[ \t]+/;

/**
 * The messages of a CloudWatch Logs export file, parsed, each with its line and byte offset; lines
 * whose message is not JSON are left out and reported. Undefined when the first line does not start
 * with a timestamp (not an export file).
 *
 * @example
 *   readExportLines(Buffer.from('2023-07-10T12:20:00.000Z {"eventVersion":"1.08"}\n'), 0)?.values[0]?.value // { eventVersion: "1.08" }
 */
export function readExportLines(data: Buffer, start: number): { values: JsonValue[]; bad: BadPart[] } | undefined {
  const values: JsonValue[] = [];
  const bad: BadPart[] = [];
  let line = 0;
  for (const { from: offset, text: raw } of splitLines(data, start)) {
    line++;
    if (raw.trim() === "") continue;
    const prefix = TIMESTAMP_PREFIX.exec(raw);
    if (prefix === null) {
      if (values.length === 0 && bad.length === 0) return undefined;
      bad.push({ line, offset, why: "no timestamp before the message" });
      continue;
    }
    const message = raw.slice(prefix[0].length).trimEnd();
    try {
      values.push({ value: JSON.parse(message), line, offset, text: message });
    } catch (error) {
      bad.push({ line, offset, why: `a message that is not JSON (${(error as Error).message.replace(/ in JSON at position \d+.*$/, "")})` });
    }
  }
  return values.length > 0 || bad.length > 0 ? { values, bad } : undefined;
}
