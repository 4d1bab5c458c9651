import type { HiveField } from "../hive/hive-type.js";
import { quoteQualifiedName, quoteString } from "../hive/quote.js";
import { dayRangeConditions } from "../queries/render-query.js";
import { fieldResolver } from "./sigma-fields.js";
import type { ParsedRule, SigmaRule } from "./sigma-rule.js";
import { translateRule } from "./translate-rule.js";

/** The event columns every hit carries, after the rule's own (the Detection Rule License's author and reference go with it). */
export const HIT_EVENT_COLUMNS = [
  ["event_id", "eventID"],
  ["event_time", "eventTime"],
  ["event_source", "eventSource"],
  ["event_name", "eventName"],
  ["principal", "userIdentity.arn"],
  ["source_ip", "sourceIPAddress"],
  ["region", "awsRegion"],
  ["account", "recipientAccountId"],
  ["error_code", "errorCode"],
] as const;

export interface TranslatedRule {
  rule: SigmaRule;
  /** the predicate over the table, alias `t` */
  where: string;
}

/** A rule left out, and why (a rule that cannot be read, or one that cannot be translated exactly). */
export interface SkippedRule {
  path: string;
  id?: string;
  title?: string;
  reason: string;
}

export interface Detections {
  translated: TranslatedRule[];
  skipped: SkippedRule[];
  /** one query per rule (without `;`), its comment lines first */
  queries: { rule: SigmaRule; sql: string }[];
  /** the queries as one script, for `detect --render`: deterministic, so a rule set's HiveQL lives in git */
  script: string;
  /** every translated rule in one scan of the table: one row per (event, rule) hit */
  oneScan: { sql: string; columns: string[] } | undefined;
}

/**
 * Every rule translated against the table's columns, in path order. The one-scan query tests every
 * rule on each row (`LATERAL VIEW explode(array(IF(rule, id, NULL), ...))`), so many rules cost one
 * read of the logs, not one each.
 *
 * @example
 *   const { script, skipped } = renderDetections(rules, tableColumns(schema, options).columns, { table: "cloudtrail" });
 */
export function renderDetections(rules: readonly ParsedRule[], columns: readonly HiveField[], options: { table: string; range?: DayRange }): Detections {
  const resolve = fieldResolver(columns);
  const translated: TranslatedRule[] = [];
  const skipped: SkippedRule[] = [];
  for (const parsed of [...rules].sort((a, b) => (pathOf(a) < pathOf(b) ? -1 : pathOf(a) > pathOf(b) ? 1 : 0))) {
    if (!parsed.ok) {
      skipped.push({ path: parsed.path, reason: parsed.problem });
      continue;
    }
    const t = translateRule(parsed.rule, resolve);
    if (t.ok) translated.push({ rule: parsed.rule, where: t.where });
    else skipped.push({ path: parsed.rule.path, id: parsed.rule.id, title: parsed.rule.title, reason: t.reason });
  }
  const table = quoteQualifiedName(options.table);
  const event = HIT_EVENT_COLUMNS.map(([alias, field]) => `${resolve(field)?.sql ?? "NULL"} AS ${alias}`);
  const queries = translated.map(({ rule, where }) => ({
    rule,
    sql: [
      `-- sigma ${oneLine(rule.id)}: ${oneLine(rule.title)}`,
      `-- ${oneLine(rule.level)}; author ${oneLine(rule.author)}; reference ${oneLine(rule.references[0] ?? rule.path)}`,
      "SELECT",
      `  ${[...ruleColumns(rule), ...event].join(",\n  ")}`,
      `FROM ${table} t`,
      `WHERE ${where}`,
    ].join("\n"),
  }));
  const oneScan =
    translated.length === 0
      ? undefined
      : {
          sql: [
            "SELECT",
            `  hits.rule_id,\n  ${event.join(",\n  ")}`,
            `FROM ${table} t`,
            `LATERAL VIEW explode(array(\n${translated.map(({ rule, where }) => `  IF(${where}, ${quoteString(rule.id)}, NULL)`).join(",\n")}\n)) hits AS rule_id`,
            ["WHERE hits.rule_id IS NOT NULL", ...(options.range !== undefined ? dayRangeConditions(options.range, { partitioned: true, alias: "t" }) : [])].join("\n  AND "),
          ].join("\n"),
          columns: ["rule_id", ...HIT_EVENT_COLUMNS.map(([alias]) => alias)],
        };
  return { translated, skipped, queries, script: queries.map((q) => q.sql + ";\n").join("\n"), oneScan };
}

/** The days an EMR run reads: `to` is the last day of events; partitions run one day later (a day's last minutes are delivered after midnight). */
export interface DayRange {
  from: string;
  to: string;
  /** the last day folder read */
  partitionTo: string;
}

function ruleColumns(rule: SigmaRule): string[] {
  return [`${quoteString(rule.id)} AS rule_id`, `${quoteString(rule.title)} AS rule_title`, `${quoteString(rule.level)} AS level`, `${quoteString(rule.author)} AS rule_author`];
}

function pathOf(r: ParsedRule): string {
  return r.ok ? r.rule.path : r.path;
}

/** Text for a comment line at column 0: no line breaks (hive-cli would read the rest as SQL). */
function oneLine(text: string): string {
  return text.replace(/[\r\n]+/g, " ").trim();
}
