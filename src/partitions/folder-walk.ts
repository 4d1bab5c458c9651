import { resolve } from "node:path";
import { hiveLocation } from "../local/hive-location.js";
import type { ObjectStore } from "../source/object-store.js";

/**
 * What both partition layouts (CloudTrail's day folders, Firehose's hour folders) walk with: the
 * subfolders of a prefix by delimiter listings (never listing files, every page), counted; a folder's
 * key as the partition's LOCATION (an s3:// root as it is, a local folder as Hive's LOCATION takes it);
 * and whether a partial date (`2026`, `2026-01`) can still fall in `from`..`to`.
 *
 * @example
 *   const walk = folderWalk(store, { from: "2026-01-19" });
 *   const years = (await walk.folders("AWSLogs/111122223333/CloudTrail/eu-west-1/")).filter((y) => walk.keep(y));
 */
export function folderWalk(
  store: ObjectStore,
  options: { locationBase?: string | undefined; from?: string | undefined; to?: string | undefined },
  limit: <T>(task: () => Promise<T>) => Promise<T> = (task) => task(),
): { folders(prefix: string): Promise<string[]>; location(key: string): string; keep(partial: string): boolean; listings(): number } {
  let listings = 0;
  const base = options.locationBase ?? (store.root.startsWith("s3://") ? store.root : hiveLocation(resolve(store.root)));
  const from = options.from ?? "";
  const to = options.to ?? "";
  return {
    async folders(prefix) {
      const out: string[] = [];
      let token: string | undefined;
      do {
        const page = await limit(() => store.list({ prefix, delimiter: "/", continuationToken: token }));
        listings += 1;
        out.push(...page.prefixes.map((p) => p.slice(prefix.length, -1)));
        token = page.continuationToken;
      } while (token !== undefined);
      return out;
    },
    location: (key) => (base.endsWith("/") ? base : base + "/") + key,
    keep: (partial) => (from === "" || partial >= from.slice(0, partial.length)) && (to === "" || partial <= to.slice(0, partial.length)),
    listings: () => listings,
  };
}
