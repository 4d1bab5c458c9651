// What `trailhive partitions` costs on a bucket with a year of logs: delimiter listings (each one an
// S3 round trip) and CPU time, for the whole year and for the 8 day folders a week's query needs.
// The bucket is simulated in memory (3 accounts, one of them under an organisation trail, 4 regions,
// 365 days, 24 files a day), so the figures are trailhive's own cost, not a network's.
import { discoverPartitions } from "../src/partitions/discover-partitions.js";
import { renderPartitions, sortPartitions } from "../src/partitions/render-partitions.js";
import type { ListOptions, ListPage, ObjectStore } from "../src/source/object-store.js";

const ACCOUNTS = ["111111111111", "o-exampleorg1/222222222222", "o-exampleorg1/333333333333"];
const REGIONS = ["us-east-1", "eu-west-1", "eu-central-1", "ap-northeast-2"];
const FILES_PER_DAY = 24;

function days(): string[] {
  const out: string[] = [];
  const d = new Date("2026-01-01T00:00:00Z");
  for (let i = 0; i < 365; i++, d.setUTCDate(d.getUTCDate() + 1)) out.push(d.toISOString().slice(0, 10).replace(/-/g, "/"));
  return out;
}

const keys: string[] = [];
for (const a of ACCOUNTS) for (const r of REGIONS) for (const day of days()) for (let f = 0; f < FILES_PER_DAY; f++) keys.push(`AWSLogs/${a}/CloudTrail/${r}/${day}/${f}.json.gz`);
for (const a of ACCOUNTS) keys.push(`AWSLogs/${a}/CloudTrail-Digest/us-east-1/2026/01/01/d.json.gz`);
keys.sort();

/** S3's ListObjectsV2 over sorted keys: a page of up to 1,000 keys or common prefixes. */
class MemoryStore implements ObjectStore {
  readonly root = "s3://bench-bucket";
  listings = 0;
  async list(o: ListOptions): Promise<ListPage> {
    this.listings++;
    let lo = 0;
    let hi = keys.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (keys[mid]! < o.prefix) lo = mid + 1;
      else hi = mid;
    }
    const objects: { key: string; size: number }[] = [];
    const prefixes: string[] = [];
    for (let i = lo; i < keys.length && keys[i]!.startsWith(o.prefix); i++) {
      const key = keys[i]!;
      const at = o.delimiter === undefined ? -1 : key.indexOf(o.delimiter, o.prefix.length);
      const item = at >= 0 ? key.slice(0, at + 1) : key;
      if (o.continuationToken !== undefined && item <= o.continuationToken) continue;
      if (objects.length + prefixes.length >= 1000) return { objects, prefixes, continuationToken: prefixes.at(-1) ?? objects.at(-1)?.key };
      if (at >= 0) {
        if (prefixes.at(-1) !== item) prefixes.push(item);
      } else objects.push({ key, size: 1 });
    }
    return { objects, prefixes };
  }
  async get(): Promise<Buffer> {
    throw new Error("not used");
  }
}

async function measure(label: string, range: { from?: string; to?: string }): Promise<void> {
  const times: number[] = [];
  let listings = 0;
  let partitions = 0;
  let statements = 0;
  for (let run = 0; run < 7; run++) {
    const store = new MemoryStore();
    const start = process.cpuUsage();
    const found = await discoverPartitions(store, range);
    const sql = renderPartitions("cloudtrail", sortPartitions(found.partitions).unique);
    const used = process.cpuUsage(start);
    times.push((used.user + used.system) / 1000);
    listings = store.listings;
    partitions = found.partitions.length;
    statements = sql.length;
  }
  times.sort((a, b) => a - b);
  console.log(`| ${label} | ${partitions} | ${statements} | ${listings} | ${times[3]!.toFixed(1)} ms |`);
}

console.log(`${keys.length} objects; median CPU of 7 runs`);
console.log("| range | partitions | statements | listings | CPU |");
console.log("|---|---|---|---|---|");
await measure("the whole year", {});
await measure("one week (2026-11-16 to 2026-11-23)", { from: "2026-11-16", to: "2026-11-23" });
await measure("one day", { from: "2026-11-17", to: "2026-11-17" });
