import { TrailhiveError } from "../errors.js";
import { checkDay } from "../values/check-day.js";
import type { PartitionRef } from "../partitions/render-partitions.js";
import { joinKey, parseS3Uri, s3Uri } from "../values/s3-uri.js";

/** A day range this long is almost certainly a typo (and would add that many partitions per folder). */
const MAX_DAYS = 3660;

/**
 * Every day from `from` to `to` inclusive (YYYY-MM-DD, UTC).
 *
 * @example
 *   daysInRange("2024-02-28", "2024-03-01")  // [["2024","02","28"], ["2024","02","29"], ["2024","03","01"]]
 */
export function daysInRange(from: string, to: string): [string, string, string][] {
  const start = parseDay(from, "from");
  const end = parseDay(to, "to");
  if (end < start) throw new TrailhiveError("USAGE_BAD_RANGE", { problem: "reversed", from, to });
  const days: [string, string, string][] = [];
  for (let t = start; t <= end; t += 86_400_000) {
    if (days.length >= MAX_DAYS) throw new TrailhiveError("USAGE_BAD_RANGE", { problem: "too-long", from, to, maxDays: MAX_DAYS });
    const iso = new Date(t).toISOString();
    days.push([iso.slice(0, 4), iso.slice(5, 7), iso.slice(8, 10)]);
  }
  return days;
}

function parseDay(day: string, what: string): number {
  return Date.parse(checkDay(day, what) + "T00:00:00Z");
}

/**
 * The partitions `--dry-run` shows, since it lists nothing: every day of the range for every named
 * account x region, at `root/AWSLogs/<account>/CloudTrail/<region>/<yyyy>/<mm>/<dd>/` (an account
 * trail's layout). A real run adds only the day folders `discoverPartitions` finds, organisation
 * trails included.
 *
 * @example
 *   assumedPartitions("s3://t/p", { accounts: ["111122223333"], regions: ["eu-west-1"], from: "2026-01-20", to: "2026-01-20" })[0]?.location
 *   // "s3://t/p/AWSLogs/111122223333/CloudTrail/eu-west-1/2026/01/20/"
 */
export function assumedPartitions(root: string, named: { accounts: string[]; regions: string[]; from: string; to: string }): PartitionRef[] {
  const at = parseS3Uri(root, "log location");
  const days = daysInRange(named.from, named.to);
  return named.accounts.flatMap((account) =>
    named.regions.flatMap((region) => {
      const folder = s3Uri({ bucket: at.bucket, key: joinKey(at.key, "AWSLogs", account, "CloudTrail", region) + "/" });
      return days.map(([year, month, day]) => ({ account, region, year, month, day, location: `${folder}${year}/${month}/${day}/` }));
    }),
  );
}
