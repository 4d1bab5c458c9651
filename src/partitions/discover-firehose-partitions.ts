import type { ObjectStore } from "../source/object-store.js";
import { mapLimit } from "../source/map-limit.js";
import { folderWalk } from "./folder-walk.js";
import type { HourPartitionRef } from "./render-partitions.js";

export interface DiscoverHoursOptions {
  /** first day, YYYY-MM-DD (inclusive) */
  from?: string;
  /** last day, YYYY-MM-DD (inclusive) */
  to?: string;
  /** the URI the store's root stands for in LOCATION clauses (default: the s3:// root, or the folder as file://) */
  locationBase?: string;
  /** listings in flight at once (default 8) */
  concurrency?: number;
}

const YEAR = /^\d{4}$/;
const TWO_DIGITS = /^\d{2}$/;

/**
 * Whether a store's top folders look like a Firehose delivery (`YYYY/` folders, as Firehose writes
 * `<prefix>/YYYY/MM/DD/HH/` under the prefix the store stands for) rather than CloudTrail's `AWSLogs/`.
 *
 * @example
 *   isFirehoseTop(["2026", "2027"]) // true
 */
export function isFirehoseTop(folders: readonly string[]): boolean {
  return folders.length > 0 && folders.some((f) => YEAR.test(f)) && !folders.includes("AWSLogs");
}

/**
 * Which key layout a store holds, from one delimiter listing of its top: Firehose's `YYYY/` folders, or
 * CloudTrail's (anything else, which `discoverPartitions` then checks and explains).
 *
 * @example
 *   await deliveryLayout(new LocalStore("firehose-out")) // "firehose"
 */
export async function deliveryLayout(store: ObjectStore): Promise<"cloudtrail" | "firehose"> {
  const page = await store.list({ prefix: "", delimiter: "/" });
  return isFirehoseTop(page.prefixes.map((p) => p.slice(0, -1))) ? "firehose" : "cloudtrail";
}

/**
 * Finds the hour folders of a Firehose delivery, one delimiter listing per folder (never listing
 * files), skipping years, months and days outside `from`..`to` without listing them. Sorted by hour.
 *
 * @example
 *   const { partitions } = await discoverHourPartitions(new LocalStore("firehose-out"), { from: "2026-01-19" });
 */
export async function discoverHourPartitions(store: ObjectStore, options: DiscoverHoursOptions = {}): Promise<{ partitions: HourPartitionRef[]; listings: number }> {
  const { folders, location, keep, listings } = folderWalk(store, options);
  const limit = options.concurrency ?? 8;
  // One level at a time: each level's folders are listed together, at most `limit` at once.
  const level = async (parents: string[][], test: RegExp, partial: (path: string[]) => string): Promise<string[][]> => {
    const children = await mapLimit(parents, limit, async (path) => (await folders(path.map((p) => p + "/").join(""))).filter((f) => test.test(f)).map((f) => [...path, f]));
    return children.flat().filter((path) => keep(partial(path)));
  };
  const years = await level([[]], YEAR, (p) => p[0]!);
  const months = await level(years, TWO_DIGITS, (p) => `${p[0]}-${p[1]}`);
  const days = await level(months, TWO_DIGITS, (p) => `${p[0]}-${p[1]}-${p[2]}`);
  const hours = await level(days, TWO_DIGITS, (p) => `${p[0]}-${p[1]}-${p[2]}`);
  const partitions = hours
    .map(([year, month, day, hour]) => ({ year: year!, month: month!, day: day!, hour: hour!, location: location(`${year}/${month}/${day}/${hour}/`) }))
    .sort((a, b) => (a.location < b.location ? -1 : a.location > b.location ? 1 : 0));
  return { partitions, listings: listings() };
}
