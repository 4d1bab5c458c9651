import type { InvestigationOutcome } from "../investigation/engine.js";
import type { InvestigationPlan } from "../investigation/investigation-plan.js";
import type { ResultSet } from "../output/format-results.js";
import type { RowsReport, RowsSource, RuleSummary, TimelineColumns } from "./report-data.js";

// Column names the library queries, detect and typical scripts use, most specific first.
const TIME_COLUMNS = ["event_time", "eventtime", "time", "timestamp", "first_seen"];
/** a group or resource the question is about: a lane per value tells its story (who opened which port on it) */
const RESOURCE_COLUMNS = ["group_id", "bucket", "key_id", "trail", "target_role", "target_user", "target_group", "resource", "resource_arn"];
const PRINCIPAL_COLUMNS = ["principal_arn", "principal", "user_arn", "arn", "user_name", "username", "source_ip", "source_ip_address"];
const COLOR_COLUMNS = ["event_name", "eventname", "rule_title"];
const ERROR_COLUMNS = ["error_code", "errorcode"];

/**
 * Which columns the timeline reads: the time (a known name, else the first column whose every value is
 * an ISO time), a lane per group or resource when the rows have one, else per principal, the event
 * name for colour and the error code. Undefined when no column holds times. Pure.
 *
 * @example
 *   timelineColumns({ columns: ["event_time", "event_name", "group_id", "principal_arn"], rows })
 *   // { time: 0, lane: 2, color: 1 }
 */
export function timelineColumns(rows: ResultSet): TimelineColumns | undefined {
  const names = rows.columns.map((c) => c.toLowerCase());
  const find = (candidates: string[], usable: (i: number) => boolean = () => true) => {
    for (const c of candidates) {
      const i = names.indexOf(c);
      if (i >= 0 && usable(i)) return i;
    }
    return undefined;
  };
  const hasValues = (i: number) => rows.rows.some((r) => r[i] !== null && r[i] !== "");
  const time = find(TIME_COLUMNS) ?? rows.columns.findIndex((_, i) => hasValues(i) && rows.rows.every((r) => r[i] === null || isIsoTime(r[i] ?? "")));
  if (time === undefined || time < 0) return undefined;
  const lane = find(RESOURCE_COLUMNS, hasValues) ?? find(PRINCIPAL_COLUMNS) ?? firstOther(names.length, time);
  const color = find(COLOR_COLUMNS);
  const error = find(ERROR_COLUMNS);
  return { time, lane, ...(color !== undefined ? { color } : {}), ...(error !== undefined ? { error } : {}) };
}

function firstOther(count: number, time: number): number {
  return count > 1 ? (time === 0 ? 1 : 0) : time;
}

function isIsoTime(value: string): boolean {
  return /^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}/.test(value) && !Number.isNaN(Date.parse(value));
}

/**
 * The report of one answered investigation: its first row set (a script's last one when it has
 * several, since that is usually its answer), what produced it and which columns the timeline reads.
 *
 * @example
 *   rowsReport({ columns, rows }, { kind: "query", name: "security-group-changes", hiveql, parameters: [["from", "2026-11-16"]],
 *     engine: "embedded Apache Hive 4.1.0", partitions: "every partition" })
 */
export function rowsReport(rows: ResultSet, source: RowsSource, rules?: RuleSummary[]): RowsReport {
  const timeline = timelineColumns(rows);
  return {
    kind: "rows",
    title: source.kind === "detection" ? `trailhive detect: ${rows.rows.length} hits` : `trailhive: ${source.name}`,
    source,
    columns: rows.columns,
    rows: rows.rows,
    ...(timeline !== undefined ? { timeline } : {}),
    ...(rules !== undefined ? { rules } : {}),
  };
}

/** Which partitions a query with this day range reads, in words. */
export function partitionsRead(range: { from: string; to: string } | undefined, partitioned: boolean): string {
  if (!partitioned) return "the whole table (not partitioned)";
  if (range === undefined) return "every partition (the query gives no from/to)";
  return `the day partitions ${range.from} to ${range.to} (one day past to, for files delivered after midnight)`;
}

/**
 * What produced an engine's rows, for the report: the plan's HiveQL, the parameters as given, the
 * engine that answered and the partitions the plan reads. Pure.
 *
 * @example
 *   investigationSource(plan, outcome, { parameters: [["from", "2026-11-16"]] }).engine // "embedded Apache Hive 4.1.0"
 */
export function investigationSource(
  plan: InvestigationPlan,
  outcome: InvestigationOutcome,
  extra: { parameters: [string, string][]; description?: string; detection?: boolean; seconds?: number },
): RowsSource {
  const work = plan.work;
  const engine =
    outcome.engine === "local"
      ? `embedded Apache Hive 4.1.0 on this machine${outcome.local.columnar ? " (the table's columnar copy)" : ""}`
      : `Amazon EMR (cluster ${outcome.emr.clusterId}, step ${outcome.emr.stepId})`;
  return {
    kind: extra.detection === true ? "detection" : work.kind,
    name: work.name,
    ...(extra.description !== undefined ? { description: extra.description } : {}),
    hiveql: work.kind === "query" ? work.sql : work.text,
    parameters: extra.parameters,
    engine,
    partitions: work.kind === "query" ? partitionsRead(work.range, plan.partitioned) : "as the script says",
    ...(extra.seconds !== undefined ? { seconds: extra.seconds } : {}),
  };
}
