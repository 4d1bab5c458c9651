import { quoteString } from "../hive/quote.js";
import { ofNames, parseCondition, type Condition } from "./condition.js";
import type { ResolvedField } from "./sigma-fields.js";
import type { FieldMatch, SigmaRule, SigmaValue } from "./sigma-rule.js";

/** A rule as a HiveQL predicate over the table (alias `t`), or why it cannot be translated exactly. */
export type Translation = { ok: true; where: string } | { ok: false; reason: string };

/** Modifiers translated exactly; any other makes the rule untranslatable (reported, never approximated). */
const SUPPORTED = new Set(["contains", "startswith", "endswith", "all", "re", "cased", "exists", "fieldref", "i", "m", "s", "cidr", "base64", "base64offset"]);

/**
 * Translates one rule with Sigma's semantics, not SQL's: strings match case-insensitively unless
 * `cased`; `*` and `?` in a value are wildcards (`\*` a literal star); `re` is a Java regex
 * (RLIKE), case-sensitive unless `|re|i`; a field the event lacks matches only `null`; every
 * leaf is coalesced to false so `not` of an absent field is true, as Sigma means it. Every value
 * enters through quoteString.
 *
 * @example
 *   translateRule(rule, fieldResolver(columns))
 *   // { ok: true, where: "(coalesce(lower(t.eventsource) = 'cloudtrail.amazonaws.com', false) AND (...))" }
 */
export function translateRule(rule: SigmaRule, resolve: (field: string) => ResolvedField | undefined): Translation {
  if (rule.timeframe !== undefined) return { ok: false, reason: `uses timeframe ${rule.timeframe} (a correlation over time): one event at a time cannot answer it` };
  const parsed = parseCondition(rule.condition);
  if (!parsed.ok) return { ok: false, reason: parsed.problem };
  try {
    return { ok: true, where: condition(parsed.condition, rule, resolve) };
  } catch (error) {
    if (error instanceof Untranslatable) return { ok: false, reason: error.message };
    throw error;
  }
}

class Untranslatable extends Error {}

function condition(c: Condition, rule: SigmaRule, resolve: (field: string) => ResolvedField | undefined): string {
  switch (c.kind) {
    case "and":
      return `(${c.items.map((i) => condition(i, rule, resolve)).join(" AND ")})`;
    case "or":
      return `(${c.items.map((i) => condition(i, rule, resolve)).join(" OR ")})`;
    case "not":
      return `(NOT ${condition(c.item, rule, resolve)})`;
    case "search":
      return search(c.name, rule, resolve);
    case "of": {
      const names = ofNames(c.pattern, Object.keys(rule.searches));
      if (names.length === 0) throw new Untranslatable(`condition names ${c.pattern}, which matches no search`);
      const parts = names.map((n) => search(n, rule, resolve));
      return parts.length === 1 ? (parts[0] as string) : `(${parts.join(c.quantifier === "all" ? " AND " : " OR ")})`;
    }
  }
}

function search(name: string, rule: SigmaRule, resolve: (field: string) => ResolvedField | undefined): string {
  const s = rule.searches[name];
  if (s === undefined) throw new Untranslatable(`condition names ${name}, which is not a search of the rule`);
  if (s.kind === "keywords") throw new Untranslatable(`search ${name} is keywords (values without a field): the table has no one text of the whole event to search`);
  const alternatives = s.alternatives.map((fields) => (fields.length === 0 ? "true" : `(${fields.map((f) => fieldMatch(f, resolve)).join(" AND ")})`));
  return alternatives.length === 1 ? (alternatives[0] as string) : `(${alternatives.join(" OR ")})`;
}

function fieldMatch(m: FieldMatch, resolve: (field: string) => ResolvedField | undefined): string {
  for (const mod of m.modifiers) if (!SUPPORTED.has(mod)) throw new Untranslatable(`${m.field}|${mod}: the ${mod} modifier is not translated (yet) exactly`);
  const field = resolve(m.field);
  if (field === undefined) throw new Untranslatable(`${m.field}: the table has no such field (not in the schema)`);
  const mods = new Set(m.modifiers);
  if (mods.has("exists")) {
    const wanted = m.values[0];
    if (typeof wanted !== "boolean") throw new Untranslatable(`${m.field}|exists takes true or false`);
    return wanted ? `(${field.sql} IS NOT NULL)` : `(${field.sql} IS NULL)`;
  }
  if (mods.has("cidr")) {
    const ranges = m.values.map((v) => ipv4Range(String(v), m.field));
    const text = field.kind === "text" || field.type === "string" ? field.sql : `CAST(${field.sql} AS STRING)`;
    const parts = ranges.map(([lo, hi]) => `coalesce(${ipv4Number(text)} BETWEEN ${lo} AND ${hi}, false)`);
    return parts.length === 1 ? (parts[0] as string) : `(${parts.join(" OR ")})`;
  }
  // base64: the value as it appears base64-encoded (exactly, and bytes are case-sensitive); base64offset:
  // the three encodings of it at any offset inside longer text (Sigma's definition)
  const values = m.values.flatMap((v) => (v === null || (!mods.has("base64") && !mods.has("base64offset")) ? [v] : mods.has("base64") ? [base64(String(v))] : base64Offsets(String(v))));
  const leafMods = mods.has("base64") || mods.has("base64offset") ? new Set([...mods, "cased"]) : mods;
  const leaves = values.map((v) => leaf(field, v, leafMods, resolve, m.field));
  const joined = leaves.length === 1 ? (leaves[0] as string) : `(${leaves.join(mods.has("all") ? " AND " : " OR ")})`;
  return joined;
}

function leaf(field: ResolvedField, value: SigmaValue, mods: ReadonlySet<string>, resolve: (field: string) => ResolvedField | undefined, name: string): string {
  if (value === null) return `(${field.sql} IS NULL)`;
  const text = field.kind === "text" || field.type === "string" ? field.sql : `CAST(${field.sql} AS STRING)`;
  if (mods.has("re")) {
    const flags = ["i", "m", "s"].filter((f) => mods.has(f)).join("");
    return `coalesce(${text} RLIKE ${quoteString((flags !== "" ? `(?${flags})` : "") + String(value))}, false)`;
  }
  const cased = mods.has("cased");
  const fold = (sql: string) => (cased ? sql : `lower(${sql})`);
  if (mods.has("fieldref")) {
    const other = resolve(String(value));
    if (other === undefined) throw new Untranslatable(`${name}|fieldref: the table has no field ${String(value)}`);
    const otherText = other.kind === "text" || other.type === "string" ? other.sql : `CAST(${other.sql} AS STRING)`;
    if (mods.has("contains")) return `coalesce(instr(${fold(text)}, ${fold(otherText)}) > 0, false)`;
    if (mods.has("startswith")) return `coalesce(instr(${fold(text)}, ${fold(otherText)}) = 1, false)`;
    if (mods.has("endswith")) return `coalesce(substr(${fold(text)}, -length(${otherText})) = ${fold(otherText)}, false)`;
    return `coalesce(${fold(text)} = ${fold(otherText)}, false)`;
  }
  const raw = typeof value === "string" ? value : String(value);
  const pattern = sigmaPattern(raw);
  const wrapped = [...(mods.has("contains") || mods.has("endswith") ? [ANY] : []), ...pattern, ...(mods.has("contains") || mods.has("startswith") ? [ANY] : [])];
  const literal = (s: string) => (cased ? s : s.toLowerCase());
  if (wrapped.every((p) => typeof p === "string")) return `coalesce(${fold(text)} = ${quoteString(literal((wrapped as string[]).join("")))}, false)`;
  const like = wrapped.map((p) => (p === ANY ? "%" : p === ONE ? "_" : literal(p as string).replace(/[\\%_]/g, (c) => `\\${c}`))).join("");
  return `coalesce(${fold(text)} LIKE ${quoteString(like)}, false)`;
}

/** `a.b.c.d/n` as the first and last address, as numbers; IPv6 is reported, not approximated. */
function ipv4Range(cidr: string, field: string): [number, number] {
  const m = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})\/(\d{1,2})$/.exec(cidr.trim());
  const octets = m?.slice(1, 5).map(Number) ?? [];
  const bits = Number(m?.[5]);
  if (m === null || octets.some((o) => o > 255) || bits > 32) throw new Untranslatable(`${field}|cidr ${cidr}: only IPv4 ranges (a.b.c.d/n) are translated`);
  const base = octets.reduce((n, o) => n * 256 + o, 0);
  const size = 2 ** (32 - bits);
  const lo = Math.floor(base / size) * size;
  return [lo, lo + size - 1];
}

/** A dotted IPv4 address in text as a number, NULL for anything else (an IPv6 address, a service name). */
function ipv4Number(text: string): string {
  const octet = (i: number) => `CAST(split(${text}, '\\\\.')[${i}] AS BIGINT)`;
  return `IF(${text} RLIKE '^[0-9]{1,3}\\\\.[0-9]{1,3}\\\\.[0-9]{1,3}\\\\.[0-9]{1,3}$', ${octet(0)} * 16777216 + ${octet(1)} * 65536 + ${octet(2)} * 256 + ${octet(3)}, NULL)`;
}

function base64(value: string): string {
  return Buffer.from(value, "utf8").toString("base64");
}

/** Sigma's base64offset: the value's encoding after 0, 1 and 2 leading bytes, cut to the characters that do not depend on its neighbours. */
function base64Offsets(value: string): string[] {
  const bytes = Buffer.from(value, "utf8");
  const starts = [0, 2, 3];
  const ends = [undefined, -3, -2];
  return [0, 1, 2].map((i) =>
    Buffer.concat([Buffer.alloc(i, " "), bytes])
      .toString("base64")
      .slice(starts[i], ends[(bytes.length + i) % 3]),
  );
}

const ANY = Symbol("*");
const ONE = Symbol("?");

/** A Sigma value as literal runs and wildcards: `*` any text, `?` one character, `\*` `\?` `\\` the characters themselves. */
function sigmaPattern(value: string): (string | typeof ANY | typeof ONE)[] {
  const out: (string | typeof ANY | typeof ONE)[] = [];
  let run = "";
  for (let i = 0; i < value.length; i++) {
    const c = value[i] as string;
    const next = value[i + 1];
    if (c === "\\" && (next === "*" || next === "?" || next === "\\")) {
      run += next;
      i++;
    } else if (c === "*" || c === "?") {
      if (run !== "") out.push(run);
      run = "";
      out.push(c === "*" ? ANY : ONE);
    } else run += c;
  }
  if (run !== "") out.push(run);
  return out;
}
