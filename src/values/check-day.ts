import { TrailhiveError, type ErrorCode } from "../errors.js";
import { parseDay, type Day } from "../source/cloudtrail-layout.js";

/** The accepted form, as every date message states it. */
const FORM = "a calendar day written YYYY-MM-DD, e.g. 2026-11-16";

/**
 * Checks one date option or query parameter: a real calendar day (month 01-12, the month's days,
 * 29 February only in leap years), else a usage error naming the option and the value (`code`
 * lets a caller keep the code its `--json` consumers know, e.g. USAGE_BAD_PARAM for a query parameter).
 *
 * @example
 *   checkDay("2024-02-29", "--from")       // "2024-02-29"
 *   checkDay("2026-13-45", "--param from") // throws USAGE_BAD_DATE: --param from "2026-13-45" is not a calendar day written YYYY-MM-DD, ...
 */
export function checkDay(value: string, name: string, code: ErrorCode = "USAGE_BAD_DATE"): Day {
  const day = parseDay(value);
  if (day === undefined) throw new TrailhiveError(code, `${name} ${JSON.stringify(value)} is not ${FORM}`, { option: name, value });
  return day;
}

/**
 * Checks a day range whose ends are optional: each end by {@link checkDay}, and `from` not after `to`.
 *
 * @example
 *   checkDayRange({ from: "2026-11-20", to: "2026-11-16" }, { from: "--from", to: "--to" }) // throws USAGE_BAD_DATE: --from 2026-11-20 is after --to 2026-11-16
 */
export function checkDayRange(range: { from?: string | undefined; to?: string | undefined }, names: { from: string; to: string }, code: ErrorCode = "USAGE_BAD_DATE"): void {
  if (range.from !== undefined) checkDay(range.from, names.from, code);
  if (range.to !== undefined) checkDay(range.to, names.to, code);
  if (range.from !== undefined && range.to !== undefined && range.from > range.to) {
    throw new TrailhiveError(code, `${names.from} ${range.from} is after ${names.to} ${range.to}: give the earlier day first`, { from: range.from, to: range.to });
  }
}

/** `--days` reaches back at most this far (100 years: CloudTrail began in 2013), so the first day stays a real date. */
export const MAX_DAYS = 36_525;
