import { assertNever } from "../errors.js";
import type { Container } from "../schema/schema-file.js";

/**
 * Where each record's JSON text sits in a log file's text, so staging can write every record exactly
 * as the log holds it (as EMR's CloudTrailInputFormat hands records to the SerDe) instead of a
 * re-serialised copy that would change number spellings, escapes or duplicate keys.
 *
 * The reader has already parsed the file and said which container it is; this only finds the
 * boundaries, so it trusts the text to be valid JSON and tracks nothing but strings and nesting.
 * It works on the UTF-8 bytes: every byte JSON's structure uses is ASCII, and no byte of a multi-byte
 * UTF-8 character is, so offsets are byte offsets and no string is ever decoded.
 *
 * A `Records` key that appears twice is read as JSON.parse reads it: the last one wins, so the spans
 * are always those of the array the reader parsed.
 *
 * @example
 *   scanRecordSpans(Buffer.from('{"Records":[{"a":1}, {"b":2}]}'), "records")  // [[12, 19], [21, 28]]
 */
export type Span = readonly [start: number, end: number];

const OPEN_OBJECT = 0x7b; // {
const CLOSE_OBJECT = 0x7d; // }
const OPEN_ARRAY = 0x5b; // [
const CLOSE_ARRAY = 0x5d; // ]
const QUOTE = 0x22; // "
const BACKSLASH = 0x5c;
const COMMA = 0x2c;
const COLON = 0x3a;

export function scanRecordSpans(text: Uint8Array, container: Container): Span[] {
  const bounds = scanRecordBounds(text, container);
  const spans: Span[] = [];
  for (let i = 0; i < bounds.length; i += 2) spans.push([bounds[i]!, bounds[i + 1]!]);
  return spans;
}

/** Records nested at least `level` deep (the record's own braces are level 1), found while scanning. */
export interface DeepRecords {
  level: number;
  /** indices of the records that reach `level`, in order */
  records: number[];
}

/**
 * The same spans flat, `[start0, end0, start1, end1, ...]`: no array per record, for staging's loop.
 * With `deep`, the records whose nesting reaches `deep.level` are listed in it (one comparison per
 * bracket: the scan already counts nesting).
 * @example scanRecordBounds(Buffer.from('[{"a":1},{"b":2}]'), "array")  // [1, 8, 9, 16]
 */
export function scanRecordBounds(text: Uint8Array, container: Container, deep?: DeepRecords): number[] {
  const out: number[] = [];
  switch (container) {
    case "records":
      elementsOf(text, recordsArrayStart(text), out, deep);
      return out;
    case "array":
      elementsOf(text, skipSpace(text, 0), out, deep);
      return out;
    case "lines":
    case "concatenated":
      topLevelValues(text, out, deep);
      return out;
    case "event": {
      const start = skipSpace(text, 0);
      out.push(start, valueEnd(text, start, deep));
      return out;
    }
    case "lookup-events":
    case "eventbridge":
    case "cloudwatch-logs":
    case "cloudwatch-export":
    case "splunk":
    case "elastic":
    case "logstash":
    case "embedded":
      // records inside an envelope or a string: the reader gives their lines (ReadResult.lines)
      throw new Error(`a ${container} file's records are not spans of it`);
    default:
      assertNever(container, "container");
  }
}

/**
 * The index of the `[` that opens the top-level object's `Records` array: the value of the last
 * `Records` key, as JSON.parse keeps the last of duplicate keys (if that one is no array, there is none).
 */
function recordsArrayStart(text: Uint8Array): number {
  let at = -1;
  forEachMember(text, skipSpace(text, 0), (key, value) => {
    if (key === "Records") at = value;
  });
  if (at < 0 || text[at] !== OPEN_ARRAY) throw new Error("no Records array in the file");
  return at;
}

/**
 * Calls `visit` with each key of the object that opens at `open` (decoded, so `"Rec\u006frds"` is
 * `Records`) and where its value starts, in the text's order; returns one past the closing brace.
 * @example forEachMember(Buffer.from('{"a":1,"a":[2]}'), 0, (key, at) => console.log(key, at))  // logs a 5, then a 11
 */
export function forEachMember(text: Uint8Array, open: number, visit: (key: string, value: number) => void): number {
  if (text[open] !== OPEN_OBJECT) throw new Error(`expected { at ${open}`);
  let i = skipSpace(text, open + 1);
  while (i < text.length && text[i] !== CLOSE_OBJECT) {
    const keyEnd = stringEnd(text, i);
    const key = JSON.parse(Buffer.from(text.buffer, text.byteOffset + i, keyEnd - i).toString("utf8")) as string;
    i = skipSpace(text, keyEnd);
    if (text[i] !== COLON) throw new Error(`expected : at ${i}`);
    i = skipSpace(text, i + 1);
    visit(key, i);
    i = skipSpace(text, valueEnd(text, i));
    if (text[i] === COMMA) i = skipSpace(text, i + 1);
  }
  if (i >= text.length) throw new Error("unterminated JSON object");
  return i + 1;
}

/** The bounds of the elements of the array that opens at `open`, pushed onto `out`. */
function elementsOf(text: Uint8Array, open: number, out: number[], deep: DeepRecords | undefined): void {
  if (text[open] !== OPEN_ARRAY) throw new Error(`expected [ at ${open}`);
  let i = skipSpace(text, open + 1);
  while (i < text.length && text[i] !== CLOSE_ARRAY) {
    const end = valueEnd(text, i, deep, out.length / 2);
    out.push(i, end);
    i = skipSpace(text, end);
    if (text[i] === COMMA) i = skipSpace(text, i + 1);
  }
}

/** JSON lines: every top-level value, however the lines are broken, pushed onto `out`. */
function topLevelValues(text: Uint8Array, out: number[], deep: DeepRecords | undefined): void {
  let i = skipSpace(text, 0);
  while (i < text.length) {
    const end = valueEnd(text, i, deep, out.length / 2);
    out.push(i, end);
    i = skipSpace(text, end);
  }
}

/**
 * One past the end of the JSON value that starts at `i`; with `deep`, `index` is added to its records
 * when the value's nesting reaches its level.
 */
export function valueEnd(text: Uint8Array, i: number, deep?: DeepRecords, index = 0): number {
  const c = text[i];
  if (c === QUOTE) return stringEnd(text, i);
  if (c !== OPEN_OBJECT && c !== OPEN_ARRAY) {
    // number, true, false, null: runs until a delimiter
    let j = i;
    while (j < text.length) {
      const d = text[j] ?? 0;
      if (d === COMMA || d === CLOSE_ARRAY || d === CLOSE_OBJECT || d <= 0x20) break;
      j++;
    }
    return j;
  }
  const level = deep?.level ?? Number.POSITIVE_INFINITY;
  let reached = false;
  let depth = 0;
  let j = i;
  while (j < text.length) {
    const d = text[j];
    if (d === QUOTE) {
      j = stringEnd(text, j);
      continue;
    }
    if (d === OPEN_OBJECT || d === OPEN_ARRAY) {
      if (++depth >= level) reached = true;
    } else if (d === CLOSE_OBJECT || d === CLOSE_ARRAY) {
      depth--;
      if (depth === 0) {
        if (reached) deep?.records.push(index);
        return j + 1;
      }
    }
    j++;
  }
  throw new Error("unterminated JSON value");
}

/** One past the closing quote of the string that opens at `i`; jumps quote to quote. */
export function stringEnd(text: Uint8Array, i: number): number {
  let j = i + 1;
  for (;;) {
    const q = text.indexOf(QUOTE, j);
    if (q < 0) throw new Error("unterminated JSON string");
    let backslashes = 0;
    for (let k = q - 1; text[k] === BACKSLASH; k--) backslashes++;
    if (backslashes % 2 === 0) return q + 1;
    j = q + 1;
  }
}

/** The first index at or after `i` that is not JSON whitespace (nor a byte-order mark at 0). */
export function skipSpace(text: Uint8Array, i: number): number {
  let j = i;
  while (j < text.length) {
    const c = text[j];
    if (c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09) j++;
    // a UTF-8 byte-order mark at the very start
    else if (j === 0 && c === 0xef && text[1] === 0xbb && text[2] === 0xbf) j += 3;
    else break;
  }
  return j;
}
