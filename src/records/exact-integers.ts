/**
 * The true digits of integers that JSON.parse cannot hold. JSON.parse turns every number into a double,
 * so 12345678901234567891 comes back as 12345678901234567000 and an integer range built from parsed
 * values would be wrong above 2^53. Node 20 has no reviver source access (V8's
 * `JSON.parse source text access` needs a flag there), and a reviver on every value costs more than the
 * parse itself. So the raw text is checked instead, in two steps:
 *  1. a prefilter: no run of 16 digits anywhere means no integer beyond 2^53 (9007199254740992 has 16
 *     digits), which is the answer for nearly every CloudTrail file and costs one native regex scan;
 *  2. only then, one regex pass that skips strings whole and collects integer literals of 16 or more
 *     digits outside them, keyed by the double JSON.parse made of them.
 * Inference looks a rounded value up here and uses the smallest and largest literal that rounds to it,
 * so a range is exact unless two different literals round to the same double, and then it is still a
 * range that holds every true value.
 *
 * Even the prefilter costs a fifth of JSON.parse (measured on the corpus), so nothing is scanned until
 * inference meets an integer beyond 2^53: `ExactIntegers` keeps the text and scans it on first use.
 */
export class ExactIntegers {
  // The decoded bytes (a Buffer lives outside the JS heap, so holding it costs the garbage collector
  // nothing, where holding the decoded string made young-generation collections copy it).
  // A function when the text must be assembled (records held as strings inside a document): built on first use.
  private readonly source: string | Buffer | (() => string);
  private readonly start: number;
  private found: ReadonlyMap<number, { min: bigint; max: bigint }> | undefined;

  constructor(source: string | Buffer | (() => string), start = 0) {
    this.source = source;
    this.start = start;
  }

  /** The smallest and largest literal in the text that JSON.parse rounded to `rounded`. */
  get(rounded: number): { min: bigint; max: bigint } | undefined {
    const source = this.source;
    this.found ??= findExactIntegers(typeof source === "string" ? source : typeof source === "function" ? source() : source.toString("utf8", this.start)) ?? new Map();
    return this.found.get(rounded);
  }

  /**
   * `json` (JSON.stringify's text of values parsed from this text) with every integer JSON.parse
   * rounded spelt with the digits the text had, where only one literal in the text rounds to it (else
   * the rounded spelling stays: which literal it was cannot be told).
   *
   * @example
   *   new ExactIntegers('{"n":12345678901234567891}').restore(JSON.stringify({ n: 12345678901234567891 })) // '{"n":12345678901234567891}'
   */
  restore(json: string): string {
    if (!ROUNDED_PREFILTER.test(json)) return json;
    return json.replace(STRING_OR_ROUNDED, (literal) => {
      if (literal.charCodeAt(0) === 0x22 /* " */) return literal;
      const rounded = Number(literal);
      if (Number.isSafeInteger(rounded)) return literal;
      const found = this.get(rounded);
      return found !== undefined && found.min === found.max ? String(found.min) : literal;
    });
  }
}

/** what JSON.stringify writes for a double beyond 2^53: 16 digits or more, or an exponent from 1e21 on */
const ROUNDED_PREFILTER = /\d{16}|\de\+/;
const STRING_OR_ROUNDED = /"(?:[^"\\]|\\.)*"|(?<![\d.eE+-])-?(?:\d{16,}|\d(?:\.\d+)?e\+\d+)(?![.eE\d])/g;

const PREFILTER = /\d{16}/;
/** a whole JSON string, or an integer literal of 16+ digits that is not part of a fraction or exponent */
const STRING_OR_LONG_INTEGER = /"(?:[^"\\]|\\.)*"|(?<![\d.eE+-])-?\d{16,}(?![.eE\d])/g;

/**
 * @example
 *   findExactIntegers('{"n": 12345678901234567891}')?.get(12345678901234567891) // { min: 12345678901234567891n, max: ... }
 */
export function findExactIntegers(text: string): ReadonlyMap<number, { min: bigint; max: bigint }> | undefined {
  if (!PREFILTER.test(text)) return undefined;
  let found: Map<number, { min: bigint; max: bigint }> | undefined;
  for (const match of text.matchAll(STRING_OR_LONG_INTEGER)) {
    const literal = match[0];
    if (literal.charCodeAt(0) === 0x22 /* " */) continue;
    const rounded = Number(literal);
    if (Number.isSafeInteger(rounded)) continue;
    const exact = BigInt(literal);
    found ??= new Map();
    const seen = found.get(rounded);
    if (seen === undefined) found.set(rounded, { min: exact, max: exact });
    else {
      if (exact < seen.min) seen.min = exact;
      if (exact > seen.max) seen.max = exact;
    }
  }
  return found;
}
