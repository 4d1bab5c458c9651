import { stringEnd, valueEnd } from "./scan-record-spans.js";

const OPEN_OBJECT = 0x7b; // {
const CLOSE_OBJECT = 0x7d; // }
const OPEN_ARRAY = 0x5b; // [
const CLOSE_ARRAY = 0x5d; // ]
const QUOTE = 0x22; // "

/**
 * A record's text with every object or array that opens at nesting `level` (the record's own braces
 * are level 1) replaced by a JSON string holding that value's text: how inference types a value that
 * deep (JSON text, a Hive STRING), and a line Hive's JSON parser reads (it refuses the whole query past
 * 1,000 levels). Everything above the cut keeps the log's own bytes; the cut values keep their text
 * exactly, as the string's content. Works on the bytes (no parse, no recursion), so any depth is fine.
 *
 * @example
 *   stringifyTooDeep(Buffer.from('{"a":[[1]]}'), 0, 11, 3).toString()  // '{"a":["[1]"]}'
 */
export function stringifyTooDeep(text: Uint8Array, start: number, end: number, level: number): Buffer {
  const bytes = Buffer.from(text.buffer, text.byteOffset, text.length);
  const out: Buffer[] = [];
  let copied = start;
  let depth = 0;
  let i = start;
  while (i < end) {
    const c = bytes[i];
    if (c === QUOTE) {
      i = stringEnd(bytes, i);
      continue;
    }
    if (c === OPEN_OBJECT || c === OPEN_ARRAY) {
      if (depth + 1 >= level) {
        const close = valueEnd(bytes, i);
        out.push(bytes.subarray(copied, i), Buffer.from(JSON.stringify(bytes.toString("utf8", i, close)), "utf8"));
        copied = i = close;
        continue;
      }
      depth++;
    } else if (c === CLOSE_OBJECT || c === CLOSE_ARRAY) depth--;
    i++;
  }
  out.push(bytes.subarray(copied, end));
  return Buffer.concat(out);
}
