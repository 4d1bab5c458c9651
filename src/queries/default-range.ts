import type { QueryDef } from "./query-def.js";

/** How many days a query that takes a day range covers when neither end is given (as `--days` does for sampling). */
export const DEFAULT_RANGE_DAYS = 7;

/**
 * The parameters with `from`/`to` filled in as the last {@link DEFAULT_RANGE_DAYS} days up to `today`
 * (UTC, inclusive) when the query declares both and neither was given; otherwise the parameters as
 * they are. `filled` says whether it chose, so the caller can say so.
 *
 * @example
 *   withDefaultRange(def, {}, "2026-12-03"); // { params: { from: "2026-11-27", to: "2026-12-03" }, filled: true }
 */
export function withDefaultRange(def: QueryDef, params: Readonly<Record<string, string>>, today: string): { params: Record<string, string>; filled: boolean } {
  const names = new Set(def.params.map((p) => p.name));
  if (!names.has("from") || !names.has("to") || params.from !== undefined || params.to !== undefined) return { params: { ...params }, filled: false };
  const start = new Date(`${today}T00:00:00Z`);
  start.setUTCDate(start.getUTCDate() - (DEFAULT_RANGE_DAYS - 1));
  return { params: { ...params, from: start.toISOString().slice(0, 10), to: today }, filled: true };
}
