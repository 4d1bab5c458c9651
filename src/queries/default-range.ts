import type { QueryDef } from "./query-def.js";

import { addDays } from "../source/cloudtrail-layout.js";
import { DEFAULT_RANGE_DAYS } from "../values/check-day.js";

export { DEFAULT_RANGE_DAYS };

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
  return { params: { ...params, from: addDays(today, -(DEFAULT_RANGE_DAYS - 1)), to: today }, filled: true };
}
