import type { Day } from "./cloudtrail-layout.js";
import { listFolder, type SkipLog } from "./list-folder.js";
import type { ObjectStore } from "./object-store.js";

export interface DayRange {
  /** first day, inclusive */
  from?: Day;
  /** last day, inclusive (today, or --to) */
  to?: Day;
  /** stop once this many days holding logs are found, newest first (--days) */
  want?: number;
}

const YEAR = /^\d{4}\/$/;
const TWO_DIGITS = /^\d{2}\/$/;

/**
 * The days that hold logs in one region folder, newest first, within the range. Walks backwards
 * from `to`: one listing of the region folder (its year folders), then one per year and one per
 * month visited (each at most 12 or 31 names), stopping as soon as `want` days are found. So `--days 7`
 * costs about 3 LISTs per region whatever the bucket holds, and no day folder is listed to find dates.
 *
 * @example
 *   await findDays(store, "AWSLogs/123456789012/CloudTrail/us-east-1/", { to: "2024-03-31", want: 7 }, log);
 *   // ["2024-03-31", "2024-03-30", ...]
 */
export async function findDays(store: ObjectStore, regionPrefix: string, range: DayRange, log: SkipLog): Promise<Day[]> {
  const found: Day[] = [];
  const years = await childNames(store, regionPrefix, YEAR, log);
  for (const year of years) {
    if (range.to !== undefined && year > range.to.slice(0, 4)) continue;
    if (range.from !== undefined && year < range.from.slice(0, 4)) break;
    const months = await childNames(store, `${regionPrefix}${year}/`, TWO_DIGITS, log);
    for (const month of months) {
      const ym = `${year}-${month}`;
      if (range.to !== undefined && ym > range.to.slice(0, 7)) continue;
      if (range.from !== undefined && ym < range.from.slice(0, 7)) break;
      const days = await childNames(store, `${regionPrefix}${year}/${month}/`, TWO_DIGITS, log);
      for (const d of days) {
        const day = `${ym}-${d}`;
        if (range.to !== undefined && day > range.to) continue;
        if (range.from !== undefined && day < range.from) break;
        found.push(day);
        if (range.want !== undefined && found.length >= range.want) return found;
      }
    }
  }
  return found;
}

/** Child folder names matching `pattern`, without the `/`, newest (largest) first; others are reported. */
async function childNames(store: ObjectStore, prefix: string, pattern: RegExp, log: SkipLog): Promise<string[]> {
  const folder = await listFolder(store, prefix, log);
  if (folder === undefined) return [];
  for (const o of folder.objects) log.skip(o.key, "outside-layout");
  const names: string[] = [];
  for (const p of folder.prefixes) {
    const name = p.slice(prefix.length);
    if (pattern.test(name)) names.push(name.slice(0, -1));
    else log.skip(p, "outside-layout");
  }
  return names.sort().reverse();
}
