import { forEachMember, skipSpace, valueEnd } from "./scan-record-spans.js";

const OPEN_OBJECT = 0x7b; // {

/**
 * The JSON text of the value at `path` in the object that starts at `start` (a record's span), as the
 * log spells it, or undefined when there is none. Of duplicate keys the last is taken at every level,
 * as JSON.parse takes it, so the text always belongs to the value the reader parsed. For the few
 * values a parsed number cannot tell exactly (an account id beyond 2^53): not for every record.
 *
 * @example
 *   memberText(Buffer.from('{"recipientAccountId":111122223333444455556666}'), 0, ["recipientAccountId"])
 *   // "111122223333444455556666"
 */
export function memberText(text: Uint8Array, start: number, path: readonly string[]): string | undefined {
  let at = skipSpace(text, start);
  for (const key of path) {
    if (text[at] !== OPEN_OBJECT) return undefined;
    let found = -1;
    forEachMember(text, at, (name, value) => {
      if (name === key) found = value;
    });
    if (found < 0) return undefined;
    at = found;
  }
  return Buffer.from(text.buffer, text.byteOffset + at, valueEnd(text, at) - at).toString("utf8");
}
