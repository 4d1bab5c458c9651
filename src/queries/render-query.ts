import { TrailhiveError } from "../errors.js";
import { quoteIdentifier, quoteString } from "../hive/quote.js";
import { addDays } from "../source/cloudtrail-layout.js";
import { checkDay } from "../values/check-day.js";
import { createTemplateEnv } from "../render/template-env.js";
import type { ParamDef, QueryDef, RenderedQuery } from "./query-def.js";

/** Where the query runs: the table to read, and whether it has the partition columns account, region, year, month, day. */
export interface QueryContext {
  table: string;
  partitioned?: boolean;
}

/** Global services (IAM, STS, sign-in, ...) write their events in this region. */
const GLOBAL_REGION = "us-east-1";
const REGION = /^[a-z]{2}(-[a-z]+)+-\d{1,2}$/;

/**
 * Renders one library query: checks the parameters against their declared types (unknown or missing
 * ones are usage errors), fills in defaults, builds the shared date-range and region filters (with
 * partition pruning on a partitioned table), and lays the template out. Every value enters the SQL as
 * a literal made by `quoteString`.
 *
 * @example
 *   const q = renderQuery(getQuery(loadLibrary(), "security-group-changes"), { group_id: "sg-1", from: "2026-01-19", to: "2026-01-25" },
 *     { table: "cloudtrail", partitioned: true });
 *   q.range;  // { from: "2026-01-19", to: "2026-01-26" }
 */
export function renderQuery(def: QueryDef, params: Record<string, string>, ctx: QueryContext): RenderedQuery {
  const values = checkParams(def, params);
  const from = values.from ?? "";
  const to = values.to ?? "";
  if (from !== "" && to !== "" && from > to) {
    throw new TrailhiveError("USAGE_BAD_PARAM", { problem: "from-after-to", query: def.name, from, to });
  }
  const partitioned = ctx.partitioned ?? false;
  const partitionTo = to === "" ? "" : addDays(to, 1);
  const model = {
    table_name: ctx.table,
    params: values,
    range_filter: rangeFilter(from, to, partitionTo, partitioned),
    region_filter: regionFilter(values.region ?? "", def.global, partitioned),
  };
  const env = createTemplateEnv();
  // `{{#where}} AND a ... AND b ... {{/where}}`: the optional filters a template lists, as a WHERE
  // clause when any applies and nothing otherwise (no `WHERE 1 = 1` in what people read).
  env.registerHelper("where", function (this: unknown, options: { fn: (ctx: unknown) => string }) {
    const lines = options
      .fn(this)
      .split("\n")
      .map((l) => l.trim())
      .filter((l) => l !== "");
    return lines.map((l, i) => (i > 0 ? `  ${l}` : l.startsWith("AND ") ? `WHERE ${l.slice(4)}` : `WHERE ${l}`)).join("\n") + (lines.length > 0 ? "\n" : "");
  });
  let text: string;
  try {
    text = env.compile(def.template)(model);
  } catch (error) {
    if (error instanceof TrailhiveError) throw error;
    throw new TrailhiveError("RENDER_QUERY_FAILED", { path: def.path, reason: (error as Error).message }, { cause: error });
  }
  // Optional filters leave blank lines behind; dropping them keeps the SQL readable and stable.
  const sql = text
    .split("\n")
    .map((l) => l.trimEnd())
    .filter((l) => l !== "")
    .join("\n");
  return { sql, columns: [...def.columns], ...(from !== "" && to !== "" ? { range: { from, to: partitionTo } } : {}) };
}

function checkParams(def: QueryDef, given: Record<string, string>): Record<string, string> {
  const known = new Map(def.params.map((p) => [p.name, p]));
  for (const name of Object.keys(given)) {
    if (!known.has(name)) {
      throw new TrailhiveError("USAGE_UNKNOWN_PARAM", { query: def.name, param: name, known: def.params.map((p) => p.name) });
    }
  }
  const out: Record<string, string> = {};
  for (const p of def.params) {
    const value = given[p.name] ?? p.default;
    if (value === undefined) {
      throw new TrailhiveError("USAGE_MISSING_PARAM", { query: def.name, param: p.name, description: p.description });
    }
    checkValue(def, p, value);
    out[p.name] = value;
  }
  return out;
}

function checkValue(def: QueryDef, p: ParamDef, value: string): void {
  if (value === "") return;
  switch (p.type) {
    case "string":
      return;
    case "date":
      checkDay(value, `${def.name}: --param ${p.name}`, "USAGE_BAD_PARAM");
      return;
    case "region":
      if (!REGION.test(value)) throw new TrailhiveError("USAGE_BAD_PARAM", { problem: "not-a-region", query: def.name, param: p.name, value });
      return;
    default: {
      const never: never = p.type;
      throw new TrailhiveError("INTERNAL_PARAM_TYPE", { type: String(never) });
    }
  }
}

function rangeFilter(from: string, to: string, partitionTo: string, partitioned: boolean): string {
  return dayRangeConditions({ from, to, partitionTo }, { partitioned })
    .map((c) => `    AND ${c}`)
    .join("\n");
}

/**
 * The conditions that keep a day range: eventtime is ISO-8601 text, so its first ten characters are
 * the UTC day and compare as text; on a partitioned table the day folders from `from` to
 * `partitionTo` too (a day's last minutes are delivered after midnight). An empty end is open.
 * `alias` qualifies the columns (`t.` in detect's one scan).
 *
 * @example
 *   dayRangeConditions({ from: "2026-11-16", to: "", partitionTo: "" }, { partitioned: false })  // ["substr(eventtime, 1, 10) >= '2026-11-16'"]
 */
export function dayRangeConditions(range: { from: string; to: string; partitionTo: string }, options: { partitioned: boolean; alias?: string }): string[] {
  const q = options.alias === undefined ? "" : `${options.alias}.`;
  const out: string[] = [];
  if (range.from !== "") out.push(`substr(${q}eventtime, 1, 10) >= ${quoteString(range.from)}`);
  if (range.to !== "") out.push(`substr(${q}eventtime, 1, 10) <= ${quoteString(range.to)}`);
  if (options.partitioned) {
    // year, month and day are keywords in some Hive versions: quoteIdentifier backquotes them.
    const day = `concat(${q}${quoteIdentifier("year")}, '-', ${q}${quoteIdentifier("month")}, '-', ${q}${quoteIdentifier("day")})`;
    if (range.from !== "") out.push(`${day} >= ${quoteString(range.from)}`);
    if (range.to !== "") out.push(`${day} <= ${quoteString(range.partitionTo)}`);
  }
  return out;
}

/** Queries over global services always include us-east-1, where those services log. */
function regionFilter(region: string, global: boolean, partitioned: boolean): string {
  if (region === "") return "";
  const regions = global && region !== GLOBAL_REGION ? [region, GLOBAL_REGION] : [region];
  const list = regions.map(quoteString).join(", ");
  const test = (column: string) => (regions.length === 1 ? `AND ${column} = ${list}` : `AND ${column} IN (${list})`);
  const lines = [test("awsregion")];
  if (partitioned) lines.push(test(quoteIdentifier("region")));
  return lines.map((l) => "    " + l).join("\n");
}
