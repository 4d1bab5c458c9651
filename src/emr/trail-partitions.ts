import type { S3Client } from "@aws-sdk/client-s3";
import { TrailhiveError } from "../errors.js";
import type { PartitionRef } from "../partitions/render-partitions.js";
import { listFolders } from "./s3-objects.js";
import { joinKey, parseS3Uri, s3Uri } from "./s3-uri.js";

/** One account x region folder of a trail: `AWSLogs/[o-org/]<account>/CloudTrail/<region>/`. */
export interface TrailFolder {
  account: string;
  region: string;
  /** the folder's S3 URI, ending with `/` */
  uri: string;
}

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
  if (end < start) throw new TrailhiveError("USAGE_BAD_RANGE", `the date range ends (${to}) before it starts (${from})`, { from, to });
  const days: [string, string, string][] = [];
  for (let t = start; t <= end; t += 86_400_000) {
    if (days.length >= MAX_DAYS) throw new TrailhiveError("USAGE_BAD_RANGE", `the date range ${from}..${to} spans more than ${MAX_DAYS} days`, { from, to });
    const iso = new Date(t).toISOString();
    days.push([iso.slice(0, 4), iso.slice(5, 7), iso.slice(8, 10)]);
  }
  return days;
}

function parseDay(day: string, what: string): number {
  const t = /^\d{4}-\d{2}-\d{2}$/.test(day) ? Date.parse(day + "T00:00:00Z") : NaN;
  if (Number.isNaN(t) || new Date(t).toISOString().slice(0, 10) !== day) {
    throw new TrailhiveError("USAGE_BAD_DATE", `${what} must be a date as YYYY-MM-DD, not ${JSON.stringify(day)}`, { [what]: day });
  }
  return t;
}

/**
 * The partitions a query over `days` needs: one per trail folder and day, located where CloudTrail
 * writes that day's files (the layout is not key=value, so MSCK cannot find them: DESIGN.md).
 *
 * @example
 *   partitionsFor([{ account: "111122223333", region: "us-east-1", uri: "s3://t/AWSLogs/111122223333/CloudTrail/us-east-1/" }], [["2024","01","02"]])
 *   // [{ account: "111122223333", ..., location: "s3://t/AWSLogs/111122223333/CloudTrail/us-east-1/2024/01/02/" }]
 */
export function partitionsFor(folders: TrailFolder[], days: [string, string, string][]): PartitionRef[] {
  return folders.flatMap((f) => days.map(([year, month, day]) => ({ account: f.account, region: f.region, year, month, day, location: `${f.uri}${year}/${month}/${day}/` })));
}

/**
 * Trail folders named on the command line (no listing): every account x region under `root/AWSLogs/`.
 *
 * @example
 *   namedTrailFolders("s3://t", ["111122223333"], ["eu-west-1"])[0].uri  // "s3://t/AWSLogs/111122223333/CloudTrail/eu-west-1/"
 */
export function namedTrailFolders(root: string, accounts: string[], regions: string[]): TrailFolder[] {
  const at = parseS3Uri(root, "log location");
  return accounts.flatMap((account) =>
    regions.map((region) => ({ account, region, uri: s3Uri({ bucket: at.bucket, key: joinKey(at.key, "AWSLogs", account, "CloudTrail", region) + "/" }) })),
  );
}

/**
 * Finds the account x region folders under `root/AWSLogs/` by delimiter listings, organisation trails
 * (`AWSLogs/o-xxxx/<account>/`) included, optionally keeping only the given accounts and regions.
 *
 * @example
 *   await discoverTrailFolders(s3, "s3://trail-bucket/prefix")
 */
export async function discoverTrailFolders(s3: S3Client, root: string, only: { accounts?: string[]; regions?: string[] } = {}): Promise<TrailFolder[]> {
  const at = parseS3Uri(root, "log location");
  const base = joinKey(at.key, "AWSLogs") + "/";
  const accountFolders: { account: string; key: string }[] = [];
  for (const child of await listFolders(s3, { bucket: at.bucket, key: base })) {
    const name = child.slice(base.length, -1);
    if (/^\d{12}$/.test(name)) accountFolders.push({ account: name, key: child });
    else if (/^o-[a-z0-9]+$/.test(name)) {
      for (const inner of await listFolders(s3, { bucket: at.bucket, key: child })) {
        const acct = inner.slice(child.length, -1);
        if (/^\d{12}$/.test(acct)) accountFolders.push({ account: acct, key: inner });
      }
    }
  }
  const folders: TrailFolder[] = [];
  for (const a of accountFolders) {
    if (only.accounts && !only.accounts.includes(a.account)) continue;
    const ct = a.key + "CloudTrail/";
    for (const r of await listFolders(s3, { bucket: at.bucket, key: ct })) {
      const region = r.slice(ct.length, -1);
      if (only.regions && !only.regions.includes(region)) continue;
      folders.push({ account: a.account, region, uri: s3Uri({ bucket: at.bucket, key: r }) });
    }
  }
  return folders.sort((x, y) => (x.uri < y.uri ? -1 : x.uri > y.uri ? 1 : 0));
}
