import { parse } from "yaml";

/**
 * A Sigma rule as trailhive reads it (https://sigmahq.io/docs/basics/rules.html): what it says about
 * itself (kept for the Detection Rule License: author and reference go with every hit) and its
 * detection, parsed into field matches and a condition. Parsing never throws on a rule: a rule that
 * cannot be read says why in `problem`, and `detect` reports it and goes on.
 */
export interface SigmaRule {
  /** the file, as given */
  path: string;
  id: string;
  title: string;
  level: string;
  status: string;
  author: string;
  references: string[];
  tags: string[];
  /** named searches: each a list of alternatives (OR), each alternative fields that must all match (AND) */
  searches: Record<string, Search>;
  condition: string;
  /** a correlation window: a rule with one cannot be answered one event at a time */
  timeframe?: string;
}

/** One named search: alternatives (a YAML list of maps), any of which matches; or keywords (a list of plain values). */
export type Search = { kind: "maps"; alternatives: FieldMatch[][] } | { kind: "keywords"; values: SigmaValue[] };

export type SigmaValue = string | number | boolean | null;

/** `field|mod1|mod2: value or [values]` */
export interface FieldMatch {
  field: string;
  modifiers: string[];
  values: SigmaValue[];
}

export type ParsedRule = { ok: true; rule: SigmaRule } | { ok: false; path: string; problem: string };

/**
 * Reads one rule file's text. A YAML error, a missing detection or condition, or a list of
 * conditions is a problem of that rule.
 *
 * @example
 *   const parsed = parseSigmaRule(text, "rules/aws_cloudtrail_disable_logging.yml");
 *   if (parsed.ok) parsed.rule.searches["selection_source"];
 */
export function parseSigmaRule(text: string, path: string): ParsedRule {
  let doc: unknown;
  try {
    doc = parse(text, { maxAliasCount: 100 });
  } catch (error) {
    return { ok: false, path, problem: `not YAML: ${(error as Error).message.split("\n")[0]}` };
  }
  if (!isObject(doc)) return { ok: false, path, problem: "not a Sigma rule (no mapping at the top)" };
  const detection = doc["detection"];
  if (!isObject(detection)) return { ok: false, path, problem: "has no detection" };
  const condition = detection["condition"];
  if (Array.isArray(condition)) return { ok: false, path, problem: "has a list of conditions (deprecated in Sigma 2): give one condition" };
  if (typeof condition !== "string" || condition.trim() === "") return { ok: false, path, problem: "has no condition" };
  const searches: Record<string, Search> = {};
  for (const [name, value] of Object.entries(detection)) {
    if (name === "condition" || name === "timeframe") continue;
    const search = parseSearch(value);
    if (typeof search === "string") return { ok: false, path, problem: `search ${name}: ${search}` };
    searches[name] = search;
  }
  return {
    ok: true,
    rule: {
      path,
      id: text_(doc["id"]),
      title: text_(doc["title"]),
      level: text_(doc["level"]),
      status: text_(doc["status"]),
      author: text_(doc["author"]),
      references: list(doc["references"]),
      tags: list(doc["tags"]),
      searches,
      condition: condition.trim(),
      ...(detection["timeframe"] !== undefined ? { timeframe: String(detection["timeframe"]) } : {}),
    },
  };
}

/** A search's YAML: a map (fields ANDed), a list of maps (ORed), or a list of plain values (keywords). */
function parseSearch(value: unknown): Search | string {
  if (isObject(value)) return { kind: "maps", alternatives: [fieldMatches(value)] };
  if (Array.isArray(value)) {
    if (value.every(isObject)) return { kind: "maps", alternatives: value.map((v) => fieldMatches(v as Record<string, unknown>)) };
    if (value.every(isScalar)) return { kind: "keywords", values: value as SigmaValue[] };
    return "mixes maps and plain values";
  }
  if (isScalar(value)) return { kind: "keywords", values: [value as SigmaValue] };
  return "is neither a map nor a list";
}

function fieldMatches(map: Record<string, unknown>): FieldMatch[] {
  return Object.entries(map).map(([key, raw]) => {
    const [field = "", ...modifiers] = key.split("|");
    const values = Array.isArray(raw) ? (raw as unknown[]) : [raw];
    return { field, modifiers, values: values.map((v) => (isScalar(v) ? (v as SigmaValue) : JSON.stringify(v))) };
  });
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

function isScalar(v: unknown): boolean {
  return v === null || ["string", "number", "boolean"].includes(typeof v);
}

function text_(v: unknown): string {
  return v === undefined || v === null ? "" : String(v);
}

function list(v: unknown): string[] {
  return Array.isArray(v) ? v.map(String) : v === undefined || v === null ? [] : [String(v)];
}
