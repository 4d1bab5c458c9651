import { TrailhiveError } from "../errors.js";
import { dayFolder, isLogFileName, type Day } from "./cloudtrail-layout.js";
import type { SkipLog } from "./list-folder.js";
import type { ObjectEntry, ObjectStore } from "./object-store.js";

/** A log file found under a region folder, with the day its folder names. */
export interface DatedObject extends ObjectEntry {
  day: Day;
}

/** `yyyy/mm/dd/<file>` below a region folder. */
const DATED_KEY = /^(\d{4})\/(\d{2})\/(\d{2})\/([^/]+)$/;

/**
 * Every object of one region folder whose day lies in [from, to], in ONE key-ordered listing: the
 * prefix is the narrowest folder holding both ends (`2024/03/` inside a month) and the listing
 * starts after the day before `from` (S3's StartAfter) and stops at the first key past `to`. So a
 * week of a region costs one LIST per 1,000 objects in that week, not one per day folder.
 * Keys that do not fit the layout are reported, not read.
 *
 * @example
 *   await listRange(store, "AWSLogs/123456789012/CloudTrail/us-east-1/", { from: "2024-03-25", to: "2024-03-31" }, log);
 */
export async function listRange(store: ObjectStore, regionPrefix: string, range: { from?: Day; to?: Day }, log: SkipLog): Promise<DatedObject[]> {
  const { from, to } = range;
  let prefix = regionPrefix;
  if (from !== undefined && to !== undefined) prefix += commonFolder(dayFolder(from), dayFolder(to));
  // "2024/03/25" sorts after every key of 2024/03/24/ and before every key of 2024/03/25/.
  const startAfter = from === undefined ? undefined : regionPrefix + dayFolder(from).slice(0, -1);
  const out: DatedObject[] = [];
  let token: string | undefined;
  do {
    let page;
    try {
      page = await store.list({ prefix, continuationToken: token, ...(token === undefined && startAfter !== undefined ? { startAfter } : {}) });
    } catch (error) {
      // As in listFolder: one region closed to these credentials does not stop the others.
      if (error instanceof TrailhiveError && error.code === "SOURCE_ACCESS_DENIED") {
        log.skip(prefix, "access-denied", error.message);
        log.warn(`skipped ${prefix}: ${error.message}`);
        return out;
      }
      throw error;
    }
    for (const s of page.skipped ?? []) log.skip(s.path, s.code, s.reason);
    for (const o of page.objects) {
      const match = DATED_KEY.exec(o.key.slice(regionPrefix.length));
      if (match === null) {
        log.skip(o.key, "outside-layout");
        continue;
      }
      const day = `${match[1]}-${match[2]}-${match[3]}`;
      if (to !== undefined && day > to) return out;
      if (from !== undefined && day < from) continue;
      if (isLogFileName(match[4] as string)) out.push({ key: o.key, size: o.size, ...(o.version !== undefined ? { version: o.version } : {}), day });
      else log.skip(o.key, "not-log-file");
    }
    token = page.continuationToken;
  } while (token !== undefined);
  return out;
}

/** The longest run of whole folders two folder paths share: ("2024/03/25/", "2024/04/01/") -> "2024/". */
function commonFolder(a: string, b: string): string {
  const x = a.split("/");
  const y = b.split("/");
  const shared: string[] = [];
  for (let i = 0; i < Math.min(x.length, y.length) - 1 && x[i] === y[i]; i++) shared.push(x[i] as string);
  return shared.map((s) => s + "/").join("");
}
