import { TrailhiveError, type DayProblem } from "../errors.js";
import { addDays, parseDay, type Day } from "../source/cloudtrail-layout.js";

/** The codes a day's problem is thrown under: the caller's (a query parameter's, a sampling flag's) or the plain one. */
export type DayErrorKind = "USAGE_BAD_DATE" | "USAGE_BAD_OPTION" | "USAGE_BAD_PARAM";

/**
 * Checks one date option or query parameter: a real calendar day (month 01-12, the month's days,
 * 29 February only in leap years), else a usage error naming the option and the value (`code`
 * lets a caller keep the code its `--json` consumers know, e.g. USAGE_BAD_PARAM for a query parameter).
 *
 * @example
 *   checkDay("2024-02-29", "--from")       // "2024-02-29"
 *   checkDay("2026-13-45", "--param from") // throws USAGE_BAD_DATE: --param from "2026-13-45" is not a calendar day written YYYY-MM-DD, ...
 */
export function checkDay(value: string, name: string, code: DayErrorKind = "USAGE_BAD_DATE"): Day {
  const day = parseDay(value);
  if (day === undefined) throw dayError(code, { problem: "not-a-day", option: name, value });
  return day;
}

/**
 * Checks a day range whose ends are optional: each end by {@link checkDay}, and `from` not after `to`.
 *
 * @example
 *   checkDayRange({ from: "2026-11-20", to: "2026-11-16" }, { from: "--from", to: "--to" }) // throws USAGE_BAD_DATE: --from 2026-11-20 is after --to 2026-11-16
 */
export function checkDayRange(range: { from?: string | undefined; to?: string | undefined }, names: { from: string; to: string }, code: DayErrorKind = "USAGE_BAD_DATE"): void {
  if (range.from !== undefined) checkDay(range.from, names.from, code);
  if (range.to !== undefined) checkDay(range.to, names.to, code);
  if (range.from !== undefined && range.to !== undefined && range.from > range.to) {
    throw dayError(code, { problem: "reversed", fromName: names.from, from: range.from, toName: names.to, to: range.to });
  }
}

/** `--days` reaches back at most this far (100 years: CloudTrail began in 2013), so the first day stays a real date. */
export const MAX_DAYS = 36_525;

/** The same problem under each of the codes (a constructor cannot take a union of kinds at once). */
function dayError(code: DayErrorKind, problem: DayProblem): TrailhiveError {
  switch (code) {
    case "USAGE_BAD_DATE":
      return new TrailhiveError(code, problem);
    case "USAGE_BAD_OPTION":
      return new TrailhiveError(code, problem);
    case "USAGE_BAD_PARAM":
      return new TrailhiveError(code, problem);
  }
}

/** How many days a query or search over a day range covers when neither end is given (as `--days` does for sampling). */
export const DEFAULT_RANGE_DAYS = 7;

/**
 * The days from `--from`/`--to` (checked), the last 7 up to `today` when neither is given, and the last
 * day folder to read (one more: a day's last minutes are delivered after midnight).
 *
 * @example
 *   dayRange(undefined, undefined, "2026-12-03")  // { from: "2026-11-27", to: "2026-12-03", partitionTo: "2026-12-04" }
 */
export function dayRange(from: string | undefined, to: string | undefined, today: string): { from: string; to: string; partitionTo: string } {
  checkDayRange({ from, to }, { from: "--from", to: "--to" });
  const last = to ?? today;
  return { from: from ?? addDays(last, -(DEFAULT_RANGE_DAYS - 1)), to: last, partitionTo: addDays(last, 1) };
}
