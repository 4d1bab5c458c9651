import { TrailhiveError } from "../errors.js";

/**
 * The two helpers that keep user input and log content inside the statement they belong to.
 *
 * Why so strict: `hive -f` cuts statements with hive-cli's `CliDriver.splitSemiColon`, which tracks
 * `'` and `"` (with backslash escapes) but not backquotes, and drops lines that start with `--`.
 * So a `;`, `'` or `"` inside a backquoted identifier, or a newline followed by `--` inside a literal,
 * would move a statement boundary. Identifiers are therefore limited to letters, digits and `_`
 * (backquoted when Hive needs it), and literals escape every quote, backslash and control character.
 */

/**
 * Words Hive's parser refuses as bare names: the reserved keywords of Hive 3.1.3 and of 4.1.0
 * (measured with each version's ParseDriver as table, column, struct field and view column names),
 * plus words that are keywords in some Hive version or type names, kept backquoted to be safe.
 */
export const HIVE_RESERVED = new Set(
  // both 3.1.3 and 4.1.0
  (
    "all alter and any array as authorization between bigint binary boolean both by case cast char column commit conf " +
    "constraint create cross cube current current_date current_timestamp cursor database date decimal delete describe " +
    "distinct double drop else end except exchange exists extended external extract false fetch float floor following for " +
    "foreign from full function grant group grouping having if import in inner insert int intersect interval into is join " +
    "lateral left less like local macro map merge minus more none not null of on only or order out outer over partition " +
    "percent preceding precision preserve primary procedure range reads reduce references regexp revoke right rlike " +
    "rollback rollup row rows select set smallint start sync table tablesample then time timestamp to transform trigger " +
    "true truncate unbounded union unique uniquejoin update user using values varchar when where window with " +
    // 3.1.3 only
    "application timestamplocaltz " +
    // 4.1.0 only
    "convert leading prepare qualify real some trailing " +
    // keywords in other versions, and type names
    "integer utc_timestamp vectorization dayofweek week month year day hour minute second time_zone struct tinyint string"
  ).split(" "),
);

/**
 * What HiveLexer's Identifier takes bare: `(Letter | Digit) (Letter | Digit | '_')*` with ASCII letters.
 * A leading `_` is not in it (AWS's `_return` must be backquoted); a leading digit is, but `1e5`,
 * `10L` or `123` would lex as numbers, so names starting with a digit are backquoted too.
 */
const PLAIN_IDENTIFIER = /^[A-Za-z][A-Za-z0-9_]*$/;
const SAFE_IN_BACKQUOTES = /^[A-Za-z0-9_]+$/;

/**
 * The longest name trailhive writes. Hive's metastore holds table names of up to 256 characters and
 * column names of up to 767 (package.jdo); 128 keeps every name well inside both, and a long key out
 * of the type strings the metastore limits.
 */
export const MAX_IDENTIFIER = 128;

/**
 * Whether Hive reads `name` as the same identifier when it is written bare (not backquoted).
 *
 * @example
 *   isBareIdentifier("eventname") // true
 *   isBareIdentifier("_return")   // false
 *   isBareIdentifier("from")      // false
 */
export function isBareIdentifier(name: string): boolean {
  return PLAIN_IDENTIFIER.test(name) && !HIVE_RESERVED.has(name.toLowerCase());
}

/**
 * Quotes one Hive identifier (a table, column or field name): bare when Hive's lexer takes it bare,
 * backquoted when it is reserved or starts with a digit or `_`, refused otherwise.
 *
 * @example
 *   quoteIdentifier("eventname")  // "eventname"
 *   quoteIdentifier("user")       // "`user`"
 *   quoteIdentifier("_return")    // "`_return`"
 *   quoteIdentifier("a;b")        // throws RENDER_BAD_IDENTIFIER
 */
export function quoteIdentifier(name: string, what = "identifier"): string {
  if (name.length > MAX_IDENTIFIER) {
    throw new TrailhiveError("RENDER_BAD_IDENTIFIER", { name, what, problem: "too-long", limit: MAX_IDENTIFIER });
  }
  if (isBareIdentifier(name)) return name;
  if (SAFE_IN_BACKQUOTES.test(name)) return "`" + name + "`";
  throw new TrailhiveError("RENDER_BAD_IDENTIFIER", { name, what, problem: "unusable", suggestion: suggestIdentifier(name) });
}

/** A `db.table` or `table` name, each part quoted by {@link quoteIdentifier}. */
export function quoteQualifiedName(name: string, what = "table name"): string {
  const parts = name.split(".");
  if (parts.length > 2 || parts.some((p) => p === "")) {
    throw new TrailhiveError("RENDER_BAD_IDENTIFIER", { name, what, problem: "not-qualified" });
  }
  return parts.map((p) => quoteIdentifier(p, what)).join(".");
}

/** A legal identifier close to `name`, for error messages and for renaming keys. */
export function suggestIdentifier(name: string): string {
  const cleaned = name.replace(/[^A-Za-z0-9_]+/g, "_").replace(/^_+|_+$/g, "");
  return cleaned === "" ? "field" : cleaned;
}

/** Options of {@link quoteString}. */
export interface QuoteStringOptions {
  /**
   * `${name}` placeholders to leave as they are (Athena's `storage.location.template`); every other
   * `${` is escaped, because hive-cli substitutes `${var}`, `${env:X}` and `${system:X}` inside
   * literals before parsing (hive.variable.substitute), which would change the value.
   */
  keepVariables?: readonly string[];
}

/**
 * A Hive string literal: single-quoted, with `\`, `'`, `"`, `;`, `${` and control characters escaped so
 * that neither Hive's lexer, `hive -f`'s statement splitter nor its variable substitution can change it.
 *
 * @example
 *   quoteString("it's")       // "'it\\'s'"
 *   quoteString("a\n-- b")    // "'a\\n-- b'"
 *   quoteString("${env:HOME}") // "'\\044{env:HOME}'"
 */
export function quoteString(value: string): string {
  return quoteStringWith(value, {});
}

/**
 * {@link quoteString} with options; a separate function so `list.map(quoteString)` stays correct.
 *
 * @example
 *   quoteStringWith("s3://b/${account}/", { keepVariables: ["account"] })  // "'s3://b/${account}/'"
 */
export function quoteStringWith(value: string, options: QuoteStringOptions): string {
  const keep = options.keepVariables ?? [];
  let out = "'";
  for (let i = 0; i < value.length;) {
    if (value.startsWith("${", i)) {
      const kept = keep.find((name) => value.startsWith("${" + name + "}", i));
      if (kept !== undefined) {
        out += "${" + kept + "}";
        i += kept.length + 3;
      } else {
        out += "\\044";
        i += 1;
      }
      continue;
    }
    const ch = String.fromCodePoint(value.codePointAt(i) ?? 0);
    i += ch.length;
    const code = ch.codePointAt(0) ?? 0;
    if (ch === "\\") out += "\\\\";
    else if (ch === "'") out += "\\'";
    else if (ch === '"') out += '\\"';
    else if (ch === ";") out += "\\073";
    else if (ch === "\n") out += "\\n";
    else if (ch === "\r") out += "\\r";
    else if (ch === "\t") out += "\\t";
    else if (code < 0x20 || code === 0x7f || code === 0x2028 || code === 0x2029) out += "\\u" + code.toString(16).padStart(4, "0");
    else out += ch;
  }
  return out + "'";
}
