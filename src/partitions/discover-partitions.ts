import { TrailhiveError } from "../errors.js";
import type { ObjectStore } from "../source/object-store.js";
import { folderWalk } from "./folder-walk.js";
import { partitionsInRange, sortPartitions, type PartitionRef } from "./render-partitions.js";

export interface DiscoverOptions {
  /** first day, YYYY-MM-DD (inclusive) */
  from?: string;
  /** last day, YYYY-MM-DD (inclusive) */
  to?: string;
  accounts?: string[];
  regions?: string[];
  /**
   * The URI that the store's root stands for in LOCATION clauses. Default: the root itself when it
   * is an `s3://` URI, otherwise the root folder as a `file://` URL.
   */
  locationBase?: string;
  /** listings in flight at once (default 8) */
  concurrency?: number;
}

export interface DiscoveredPartitions {
  partitions: PartitionRef[];
  /** delimiter listings made, to see what discovery cost */
  listings: number;
}

const ACCOUNT = /^\d{12}$/;
/** AWS documents o- and 10 to 32 characters; test data uses shorter ids, which do no harm. */
const ORG = /^o-[a-z0-9]+$/;
const REGION = /^[a-z]{2}(-[a-z]+)+-\d{1,2}$/;
const YEAR = /^\d{4}$/;
const TWO_DIGITS = /^\d{2}$/;

/**
 * Finds the CloudTrail day folders that exist under a store, walking the key layout
 * `AWSLogs/[o-org/]<account>/CloudTrail/<region>/<yyyy>/<mm>/<dd>/` one delimiter listing per level
 * (never listing files), and skipping years, months and days outside `from`..`to` without listing
 * them. Digest and Insight folders are not CloudTrail/ and so are never partitions.
 *
 * @example
 *   const { partitions } = await discoverPartitions(new LocalStore("examples/logs"), { from: "2026-01-19", to: "2026-01-26" });
 */
export async function discoverPartitions(store: ObjectStore, options: DiscoverOptions = {}): Promise<DiscoveredPartitions> {
  const { folders, location, keep, listings } = folderWalk(store, options, pool(options.concurrency ?? 8));

  const top = await folders("");
  const start = top.includes("AWSLogs") ? "AWSLogs/" : top.some((f) => ACCOUNT.test(f) || ORG.test(f)) ? "" : undefined;
  if (start === undefined) {
    throw new TrailhiveError("SOURCE_NO_CLOUDTRAIL", { root: store.root });
  }
  const accountPrefixes: { account: string; prefix: string }[] = [];
  for (const name of await folders(start)) {
    if (ACCOUNT.test(name)) accountPrefixes.push({ account: name, prefix: `${start}${name}/` });
    else if (ORG.test(name)) {
      for (const account of await folders(`${start}${name}/`)) {
        if (ACCOUNT.test(account)) accountPrefixes.push({ account, prefix: `${start}${name}/${account}/` });
      }
    }
  }
  const wanted = (list: string[] | undefined, value: string) => list === undefined || list.length === 0 || list.includes(value);
  const found: PartitionRef[] = [];
  await Promise.all(
    accountPrefixes
      .filter((a) => wanted(options.accounts, a.account))
      .map(async ({ account, prefix }) => {
        const trail = `${prefix}CloudTrail/`;
        const regions = (await folders(trail)).filter((r) => REGION.test(r) && wanted(options.regions, r));
        await Promise.all(
          regions.map(async (region) => {
            const years = (await folders(`${trail}${region}/`)).filter((y) => YEAR.test(y) && keep(y));
            await Promise.all(
              years.map(async (year) => {
                const months = (await folders(`${trail}${region}/${year}/`)).filter((m) => TWO_DIGITS.test(m) && keep(`${year}-${m}`));
                await Promise.all(
                  months.map(async (month) => {
                    const days = (await folders(`${trail}${region}/${year}/${month}/`)).filter((d) => TWO_DIGITS.test(d));
                    for (const day of days) {
                      found.push({ account, region, year, month, day, location: location(`${trail}${region}/${year}/${month}/${day}/`) });
                    }
                  }),
                );
              }),
            );
          }),
        );
      }),
  );
  // Listings finish in any order; sorting makes the answer the same bytes every time.
  const { unique, duplicates } = sortPartitions(partitionsInRange(found, { from: options.from ?? "", to: options.to ?? "" }));
  return { partitions: [...unique, ...duplicates].sort((a, b) => cmpRef(a, b)), listings: listings() };
}

/** A tiny bound on concurrent listings, so a bucket with thousands of day folders is not asked all at once. */
function pool(size: number): <T>(task: () => Promise<T>) => Promise<T> {
  let active = 0;
  const waiting: (() => void)[] = [];
  return async <T>(task: () => Promise<T>): Promise<T> => {
    while (active >= size) await new Promise<void>((resolve) => waiting.push(resolve));
    active += 1;
    try {
      return await task();
    } finally {
      active -= 1;
      waiting.shift()?.();
    }
  };
}

function cmpRef(a: PartitionRef, b: PartitionRef): number {
  const ka = [a.account, a.region, a.year, a.month, a.day, a.location].join("\u0000");
  const kb = [b.account, b.region, b.year, b.month, b.day, b.location].join("\u0000");
  return ka < kb ? -1 : ka > kb ? 1 : 0;
}
