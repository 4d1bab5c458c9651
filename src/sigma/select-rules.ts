import type { ResultSet } from "../output/format-results.js";
import type { TranslatedRule } from "./render-detections.js";
import { SIGMA_LEVELS, type Level } from "./sigma-levels.js";
import type { ParsedRule } from "./sigma-rule.js";

export interface RuleFilter {
  /** only rules at this level or above */
  level?: Level;
  /** only these rule ids */
  ids?: readonly string[];
  /** only rules with a tag starting with one of these (`attack.t1562` takes `attack.t1562.001`) */
  tags?: readonly string[];
}

/** A level's rank, from informational (0) to critical (4); an unknown level ranks lowest. */
export function levelRank(level: string): number {
  return Math.max(0, SIGMA_LEVELS.indexOf(level as Level));
}

/**
 * The rules a filter keeps (unreadable rules are kept, so they are reported).
 *
 * @example
 *   selectRules(rules, { level: "high", tags: ["attack.t1562"] })
 */
export function selectRules(rules: readonly ParsedRule[], filter: RuleFilter): ParsedRule[] {
  return rules.filter((r) => {
    if (!r.ok) return true;
    if (filter.level !== undefined && levelRank(r.rule.level) < levelRank(filter.level)) return false;
    if (filter.ids !== undefined && filter.ids.length > 0 && !filter.ids.includes(r.rule.id)) return false;
    if (filter.tags !== undefined && filter.tags.length > 0 && !r.rule.tags.some((t) => filter.tags?.some((want) => t === want || t.startsWith(want + ".")))) return false;
    return true;
  });
}

/** The rule's own columns of a hit, then the event's (the Detection Rule License: the author goes with every hit). */
export const HIT_COLUMNS = ["rule_id", "rule_title", "level", "rule_author", "event_id", "event_time", "event_source", "event_name", "principal", "source_ip", "region", "account", "error_code"];

/**
 * The one-scan query's rows (rule_id, then the event's columns) as hits with the rule's title, level
 * and author, ordered by rule then event time; and the hits per rule, every rule listed.
 *
 * @example
 *   const { hits, perRule } = hitsOf(rows, detections.translated);
 */
export function hitsOf(rows: ResultSet, rules: readonly TranslatedRule[]): { hits: ResultSet; perRule: { rule: TranslatedRule["rule"]; hits: number }[] } {
  const byId = new Map(rules.map((r) => [r.rule.id, r.rule]));
  const out: (string | null)[][] = [];
  for (const row of rows.rows) {
    const rule = byId.get(row[0] ?? "");
    if (rule === undefined) continue;
    out.push([rule.id, rule.title, rule.level, rule.author, ...row.slice(1)]);
  }
  const order = new Map(rules.map((r, i) => [r.rule.id, i]));
  out.sort((a, b) => (order.get(a[0] ?? "") ?? 0) - (order.get(b[0] ?? "") ?? 0) || String(a[5]).localeCompare(String(b[5])) || String(a[4]).localeCompare(String(b[4])));
  const counts = new Map<string, number>();
  for (const h of out) counts.set(h[0] ?? "", (counts.get(h[0] ?? "") ?? 0) + 1);
  return { hits: { columns: HIT_COLUMNS, rows: out }, perRule: rules.map((r) => ({ rule: r.rule, hits: counts.get(r.rule.id) ?? 0 })) };
}
