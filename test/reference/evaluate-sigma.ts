import { parse } from "yaml";

/**
 * A reference evaluator of Sigma rules over JSON records, written from the Sigma specification
 * (https://sigmahq.io/docs/basics/modifiers.html, conditions.html) and sharing no code with the
 * translator (src/sigma): it reads the YAML itself and matches values in TypeScript. What the embedded
 * Hive finds with the translated HiveQL must equal what this finds, rule by rule.
 * Semantics: strings case-insensitive unless `cased`; `*` and `?` wildcards; `re` a JavaScript regex
 * (close to Java's for the rules' patterns); a missing field matches only null; values compared as text.
 */
type Rec = Record<string, unknown>;
type Value = string | number | boolean | null;

export interface ReferenceRule {
  id: string;
  /** undefined when the rule has what the evaluator (and trailhive) do not answer one event at a time */
  matches?: (record: Rec) => boolean;
}

export function referenceRule(text: string): ReferenceRule {
  const doc = parse(text) as Rec;
  const detection = (doc.detection ?? {}) as Rec;
  const condition = String(detection.condition ?? "");
  const id = String(doc.id ?? "");
  if (condition.includes("|") || /\bnear\b/.test(condition) || detection.timeframe !== undefined) return { id };
  const searches = Object.fromEntries(Object.entries(detection).filter(([k]) => k !== "condition" && k !== "timeframe"));
  if (Object.values(searches).some((s) => Array.isArray(s) && s.some((x) => typeof x !== "object" || x === null))) return { id };
  const evalSearch = (name: string, r: Rec): boolean => {
    const s = searches[name];
    const alternatives = (Array.isArray(s) ? s : [s]) as Rec[];
    return alternatives.some((alt) => Object.entries(alt).every(([key, want]) => fieldMatches(r, key, want)));
  };
  const tokens = condition.match(/\(|\)|[^\s()]+/g) ?? [];
  return { id, matches: (r) => evaluateCondition(tokens, Object.keys(searches), (n) => evalSearch(n, r)) };
}

function evaluateCondition(tokens: string[], names: string[], search: (name: string) => boolean): boolean {
  let at = 0;
  const expr = (): boolean => {
    let v = term();
    while (tokens[at]?.toLowerCase() === "or") {
      at++;
      const r = term();
      v = v || r;
    }
    return v;
  };
  const term = (): boolean => {
    let v = factor();
    while (tokens[at]?.toLowerCase() === "and") {
      at++;
      const r = factor();
      v = v && r;
    }
    return v;
  };
  const factor = (): boolean => {
    const t = tokens[at++] ?? "";
    if (t.toLowerCase() === "not") return !factor();
    if (t === "(") {
      const v = expr();
      at++;
      return v;
    }
    if (t === "1" || t.toLowerCase() === "all") {
      at++; // "of"
      const pattern = tokens[at++] ?? "";
      const chosen = pattern === "them" ? names : names.filter((n) => new RegExp("^" + pattern.replace(/\*/g, ".*") + "$").test(n));
      return t === "1" ? chosen.some(search) : chosen.every(search);
    }
    return search(t);
  };
  return expr();
}

function lookup(r: Rec, path: string): unknown {
  let cur: unknown = r;
  for (const part of path.split(".")) {
    if (typeof cur === "string") {
      try {
        cur = JSON.parse(cur) as unknown;
      } catch {
        return undefined;
      }
    }
    if (typeof cur !== "object" || cur === null) return undefined;
    const obj = cur as Rec;
    const key = Object.keys(obj).find((k) => k.toLowerCase() === part.toLowerCase());
    cur = key === undefined ? undefined : obj[key];
  }
  return cur;
}

function asText(v: unknown): string | undefined {
  if (v === undefined || v === null) return undefined;
  return typeof v === "object" ? JSON.stringify(v) : String(v);
}

function fieldMatches(r: Rec, key: string, want: unknown): boolean {
  const [field = "", ...mods] = key.split("|");
  const value = lookup(r, field);
  const wants = (Array.isArray(want) ? want : [want]) as Value[];
  if (mods.includes("exists")) return (value !== undefined && value !== null) === wants[0];
  if (mods.includes("cidr")) {
    const ip = /^(\d+)\.(\d+)\.(\d+)\.(\d+)$/.exec(asText(value) ?? "");
    if (ip === null) return false;
    const address = ip.slice(1).reduce((n, o) => (n << 8) | Number(o), 0) >>> 0;
    return wants.some((w) => {
      const [net = "", bits = "32"] = String(w).split("/");
      const mask = Number(bits) === 0 ? 0 : (~0 << (32 - Number(bits))) >>> 0;
      const base = net.split(".").reduce((n, o) => (n << 8) | Number(o), 0) >>> 0;
      return (address & mask) >>> 0 === (base & mask) >>> 0;
    });
  }
  if (mods.includes("base64") || mods.includes("base64offset")) {
    // the encodings of the value, compared case-sensitively (base64 is), with the other modifiers
    const encoded = wants.flatMap((w) => (mods.includes("base64") ? [Buffer.from(String(w)).toString("base64")] : offsets(String(w))));
    const rest = mods.filter((m) => m !== "base64" && m !== "base64offset");
    return fieldMatches(r, [field, ...rest, "cased"].join("|"), encoded);
  }
  const one = (w: Value): boolean => {
    if (w === null) return value === undefined || value === null;
    const text = asText(value);
    if (text === undefined) return false;
    if (mods.includes("re")) return new RegExp(String(w), mods.includes("i") ? "i" : "").test(text);
    const cased = mods.includes("cased");
    const fold = (s: string) => (cased ? s : s.toLowerCase());
    let target = String(w);
    if (mods.includes("fieldref")) {
      const other = asText(lookup(r, target));
      if (other === undefined) return false;
      target = other.replace(/[*?\\]/g, (c) => `\\${c}`);
    }
    const pattern = (mods.includes("contains") || mods.includes("endswith") ? "*" : "") + target + (mods.includes("contains") || mods.includes("startswith") ? "*" : "");
    return wildcard(fold(pattern)).test(fold(text));
  };
  return mods.includes("all") ? wants.every(one) : wants.some(one);
}

/** A Sigma value as an anchored regex: `*` any text, `?` one character, `\*` `\?` `\\` themselves. */
function wildcard(pattern: string): RegExp {
  let re = "";
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i] as string;
    const next = pattern[i + 1];
    if (c === "\\" && (next === "*" || next === "?" || next === "\\")) {
      re += "\\" + next;
      i++;
    } else if (c === "*") re += "[\\s\\S]*";
    else if (c === "?") re += "[\\s\\S]";
    else re += c.replace(/[.+^${}()|[\]\\]/g, "\\$&");
  }
  return new RegExp("^" + re + "$");
}

/** Sigma's base64offset from its definition: encode after 0, 1 and 2 leading bytes and drop the characters those bytes, and the padding, touch. */
function offsets(value: string): string[] {
  const out: string[] = [];
  const length = Buffer.byteLength(value);
  for (let shift = 0; shift < 3; shift++) {
    const text = Buffer.from(" ".repeat(shift) + value).toString("base64");
    const head = shift === 0 ? 0 : shift + 1;
    const tail = [0, 3, 2][(length + shift) % 3] as number;
    out.push(text.slice(head, text.length - tail));
  }
  return out;
}
