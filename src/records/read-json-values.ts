import type { Framing } from "../schema/schema-file.js";

/**
 * Several JSON values in one text: JSON lines, pretty-printed values one after another, or values
 * with no separator at all (`}{`, what Firehose writes unless AppendDelimiterToRecord is set). A value
 * that does not parse is left out with its line and byte offset, and reading goes on at the next place
 * a value can start, so one bad line never loses the rest of a file.
 *
 * @example
 *   const { values, bad, framing } = readJsonValues(Buffer.from('{"a":1}{"b":2}\n{oops\n{"c":3}'), 0);
 *   // values: 3, bad: [{ line: 2, offset: 15, ... }], framing: "concatenated"
 */

/** One top-level value, where it starts (1-based line, byte offset in the decoded file) and its text. */
export interface JsonValue {
  value: unknown;
  line: number;
  offset: number;
  text: string;
}

/** A part of the text left out. */
export interface BadPart {
  line: number;
  offset: number;
  why: string;
}

export type { Framing };

export interface JsonValues {
  values: JsonValue[];
  bad: BadPart[];
  framing: Framing;
}

const LF = 0x0a;
const CR = 0x0d;
const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const COMMA = 0x2c;
const OPEN_OBJECT = 0x7b;
const CLOSE_OBJECT = 0x7d;
const OPEN_ARRAY = 0x5b;
const CLOSE_ARRAY = 0x5d;

export function readJsonValues(data: Buffer, start: number): JsonValues {
  return byLines(data, start) ?? byScanning(data, start);
}

/**
 * The common case, JSON lines, at the cost of one parse per line; undefined if any line fails. Lines
 * are found in the bytes, so each offset is where its line starts, found in one pass over the file.
 */
function byLines(data: Buffer, start: number): JsonValues | undefined {
  const values: JsonValue[] = [];
  let line = 0;
  for (const { from, text } of splitLines(data, start)) {
    line++;
    if (text.trim() === "") continue;
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch {
      return undefined;
    }
    values.push({ value, line, offset: from, text });
  }
  return { values, bad: [], framing: "lines" };
}

/**
 * The lines of `data` from `start`, each decoded on its own with the byte offset it starts at (a line
 * break is never inside a UTF-8 sequence, so decoding line by line gives the same text as the whole).
 *
 * @example
 *   [...splitLines(Buffer.from("é\nb"), 0)]  // [{ from: 0, text: "é" }, { from: 3, text: "b" }]
 */
export function* splitLines(data: Buffer, start: number): Generator<{ from: number; text: string }> {
  let from = start;
  for (;;) {
    const lf = data.indexOf(LF, from);
    const end = lf < 0 ? data.length : lf;
    yield { from, text: data.toString("utf8", from, end) };
    if (lf < 0) return;
    from = lf + 1;
  }
}

/** Value by value over the bytes, tracking strings and nesting, with recovery after a bad value. */
function byScanning(data: Buffer, start: number): JsonValues {
  const values: JsonValue[] = [];
  const bad: BadPart[] = [];
  let framing: Framing = "lines";
  const lines = new LineCounter(data);
  let i = skipSeparators(data, start);
  let previousEnd = -1;
  while (i < data.length) {
    const c = data[i];
    const end = c === OPEN_OBJECT || c === OPEN_ARRAY ? valueEnd(data, i) : -1;
    if (end > 0) {
      const text = data.toString("utf8", i, end);
      try {
        const value: unknown = JSON.parse(text);
        if (previousEnd >= 0 && !data.subarray(previousEnd, i).includes(LF)) framing = "concatenated";
        if (data.subarray(i, end).includes(LF)) framing = "concatenated";
        values.push({ value, line: lines.at(i), offset: i, text });
        previousEnd = end;
        i = skipSeparators(data, end);
        continue;
      } catch (error) {
        bad.push({ line: lines.at(i), offset: i, why: `invalid JSON (${(error as Error).message.replace(/ in JSON at position \d+.*$/, "")})` });
      }
    } else if (c === OPEN_OBJECT || c === OPEN_ARRAY) bad.push({ line: lines.at(i), offset: i, why: "a value that does not end (truncated?)" });
    else bad.push({ line: lines.at(i), offset: i, why: "not a JSON object or array" });
    i = skipSeparators(data, resync(data, i));
  }
  return { values, bad, framing: values.length > 1 || bad.length > 0 ? framing : "lines" };
}

/** The next place after `i` a value can start: a line that begins with { or [, or the `{` of a `}{`. */
function resync(data: Buffer, i: number): number {
  let next = data.length;
  for (let lf = data.indexOf(LF, i); lf >= 0 && lf < next; lf = data.indexOf(LF, lf + 1)) {
    const c = data[lf + 1];
    if (c === OPEN_OBJECT || c === OPEN_ARRAY) {
      next = lf + 1;
      break;
    }
  }
  const joined = data.subarray(0, next).indexOf("}{", i + 1);
  if (joined >= 0) next = joined + 1;
  return next;
}

/** Whitespace, and the commas of values written `{..},{..}` without their array's brackets. */
function skipSeparators(data: Buffer, i: number): number {
  let j = i;
  while (j < data.length) {
    const c = data[j];
    if (c === 0x20 || c === LF || c === CR || c === 0x09 || c === COMMA) j++;
    else break;
  }
  return j;
}

/** One past the end of the object or array that opens at `i`, or -1 when the text ends first. */
function valueEnd(data: Buffer, i: number): number {
  let depth = 0;
  let j = i;
  while (j < data.length) {
    const d = data[j];
    if (d === QUOTE) {
      j = stringEnd(data, j);
      if (j < 0) return -1;
      continue;
    }
    if (d === OPEN_OBJECT || d === OPEN_ARRAY) depth++;
    else if (d === CLOSE_OBJECT || d === CLOSE_ARRAY) {
      depth--;
      if (depth === 0) return j + 1;
    }
    j++;
  }
  return -1;
}

function stringEnd(data: Buffer, i: number): number {
  let j = i + 1;
  for (;;) {
    const q = data.indexOf(QUOTE, j);
    if (q < 0) return -1;
    // A raw line break cannot be inside a JSON string: the string is cut, and its value with it.
    if (data.subarray(j, q).includes(LF)) return -1;
    let backslashes = 0;
    for (let k = q - 1; data[k] === BACKSLASH; k--) backslashes++;
    if (backslashes % 2 === 0) return q + 1;
    j = q + 1;
  }
}

/** 1-based line numbers of byte offsets asked in increasing order, counting line breaks once. */
class LineCounter {
  private line = 1;
  private counted = 0;
  constructor(private readonly data: Buffer) {}
  at(i: number): number {
    const upTo = this.data.subarray(0, i);
    for (let lf = upTo.indexOf(LF, this.counted); lf >= 0; lf = upTo.indexOf(LF, lf + 1)) this.line++;
    this.counted = Math.max(this.counted, i);
    return this.line;
  }
}
