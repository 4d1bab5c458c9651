import type { S3Client } from "@aws-sdk/client-s3";
import { discoverPartitions } from "../partitions/discover-partitions.js";
import { sortPartitions, type PartitionRef } from "../partitions/render-partitions.js";
import { openStore } from "../source/resolve-sources.js";
import { createSourceStats } from "../source/source-stats.js";

export interface DayFolders {
  /** one per account, region and day, sorted */
  partitions: PartitionRef[];
  /** a day found twice (an organization trail and a member trail): the first location is kept */
  duplicates: PartitionRef[];
  listRequests: number;
  headRequests: number;
}

/**
 * The day folders of a range that exist under a trail's location: `discoverPartitions` (one delimiter
 * listing per level, only the range's years and months), in the trail bucket's own region so no
 * listing is redirected.
 *
 * @example
 *   const { partitions } = await findDayFolders("s3://trail", { from: "2026-01-19", to: "2026-01-26" }, { s3In: () => s3 });
 */
export async function findDayFolders(
  location: string,
  range: { from: string; to: string },
  options: { s3In: (region?: string) => S3Client; accounts?: string[]; regions?: string[] },
): Promise<DayFolders> {
  const stats = createSourceStats();
  const store = await openStore(location, { stats, s3Client: (region) => options.s3In(region) });
  const found = await discoverPartitions(store, { ...range, accounts: options.accounts, regions: options.regions });
  const { unique, duplicates } = sortPartitions(found.partitions);
  return { partitions: unique, duplicates, listRequests: stats.listRequests, headRequests: stats.headRequests ?? 0 };
}
