// npm run bench:sample: what `--days 7` costs against buckets of 10,000 and 100,000 objects.
// A fauxqs bucket on loopback, laid out as CloudTrail delivers: 3 accounts x 17 regions x N days,
// 22 small gzipped log files a day each (one real-shaped Records file, the same bytes for every key).
// Counts LIST and GET requests through the real SDK (S3Store's counters) and wall time for sampling
// alone, for sampling plus reading and inference (inferSources, 8 downloads at once), and for a
// plain full listing of the bucket for comparison.
import { gzipSync } from "node:zlib";
import { createS3Client } from "../src/aws/create-s3-client.js";
import { listAll } from "../src/source/object-store.js";
import { resolveSources, type SampleOptions } from "../src/source/resolve-sources.js";
import { S3Store } from "../src/source/s3-store.js";
import { createSourceStats } from "../src/source/source-stats.js";
import { inferSources } from "../src/pipeline/infer-sources.js";
import { startPreloadableS3Server, TEST_CREDENTIALS } from "../test/support/s3-server.js";
import { startFaultProxy } from "../test/support/fault-proxy.js";

const ACCOUNTS = ["111111111111", "222222222222", "333333333333"];
const REGIONS = [
  "us-east-1",
  "us-east-2",
  "us-west-1",
  "us-west-2",
  "ca-central-1",
  "eu-west-1",
  "eu-west-2",
  "eu-west-3",
  "eu-central-1",
  "eu-north-1",
  "ap-south-1",
  "ap-northeast-1",
  "ap-northeast-2",
  "ap-northeast-3",
  "ap-southeast-1",
  "ap-southeast-2",
  "sa-east-1",
];
const FILES_PER_DAY = 22;
const LAST_DAY = "2026-11-25";
const TODAY = "2026-11-26";

function days(n: number): string[] {
  const end = new Date(`${LAST_DAY}T00:00:00Z`).getTime();
  return Array.from({ length: n }, (_, i) => new Date(end - i * 86_400_000).toISOString().slice(0, 10));
}

function body(account: string, region: string): Buffer {
  const records = Array.from({ length: 3 }, (_, i) => ({
    eventVersion: "1.09",
    userIdentity: { type: "IAMUser", accountId: account, userName: `user${i}` },
    eventTime: `${LAST_DAY}T00:0${i}:00Z`,
    eventSource: "ec2.amazonaws.com",
    eventName: "DescribeInstances",
    awsRegion: region,
    sourceIPAddress: "192.0.2.10",
    requestParameters: { maxResults: 5 },
    responseElements: null,
    eventID: `00000000-0000-0000-0000-00000000000${i}`,
    readOnly: true,
    eventType: "AwsApiCall",
    recipientAccountId: account,
  }));
  return gzipSync(JSON.stringify({ Records: records }));
}

async function bench(dayCount: number): Promise<void> {
  const s3 = await startPreloadableS3Server();
  s3.createBucket("bench");
  const loadStart = performance.now();
  let objects = 0;
  const bodies = new Map<string, Buffer>();
  for (const account of ACCOUNTS) {
    for (const region of REGIONS) {
      const b = bodies.get(region) ?? body(account, region);
      bodies.set(region, b);
      for (const day of days(dayCount)) {
        const compact = day.replaceAll("-", "");
        for (let i = 0; i < FILES_PER_DAY; i++) {
          const time = `${String(i).padStart(2, "0")}${String((i * 7) % 60).padStart(2, "0")}`;
          s3.putObjectDirect("bench", `AWSLogs/${account}/CloudTrail/${region}/${day.replaceAll("-", "/")}/${account}_CloudTrail_${region}_${compact}T${time}Z_${i.toString(36)}abcdef.json.gz`, b);
          objects++;
        }
      }
    }
  }
  // A digest folder per account, as real buckets have, so discovery skips something real.
  for (const account of ACCOUNTS)
    s3.putObjectDirect("bench", `AWSLogs/${account}/CloudTrail-Digest/us-east-1/2026/11/25/${account}_CloudTrail-Digest_us-east-1_main_us-east-1_20261125T000000Z.json.gz`, gzipSync("{}"));
  const loadMs = performance.now() - loadStart;
  const client = createS3Client({ endpointUrl: s3.endpoint, credentials: TEST_CREDENTIALS });
  const row = (label: string, stats: ReturnType<typeof createSourceStats>, ms: number, extra = "") =>
    console.log(`| ${objects.toLocaleString("en-US")} | ${label} | ${stats.listRequests} | ${stats.getRequests} | ${(ms / 1000).toFixed(2)} s | ${extra} |`);

  const runs: [string, SampleOptions][] = [
    ["--days 7", { days: 7, today: TODAY }],
    ["--days 7 --max-files 500", { days: 7, today: TODAY, maxFiles: 500 }],
  ];
  for (const [label, options] of runs) {
    const sampleStats = createSourceStats();
    let t = performance.now();
    const resolved = await resolveSources(["s3://bench"], options, { s3Client: client, stats: sampleStats });
    row(`${label}: sample only`, sampleStats, performance.now() - t, `${resolved.files.length} files chosen`);
    const readStats = createSourceStats();
    t = performance.now();
    const again = await resolveSources(["s3://bench"], options, { s3Client: client, stats: readStats });
    const { summary } = await inferSources(again, { concurrency: 8 });
    row(`${label}: sample + read + infer`, readStats, performance.now() - t, `${summary.files.log} files, ${summary.records} records`);
  }
  // The same limited sample through a proxy answering 20% of requests with 503 SlowDown or a reset.
  const proxy = await startFaultProxy({ target: s3.endpoint, seed: "bench", faultRate: 0.2 });
  const faultyClient = createS3Client({ endpointUrl: proxy.endpoint, credentials: TEST_CREDENTIALS });
  const faultStats = createSourceStats();
  const ft = performance.now();
  const faulty = await resolveSources(["s3://bench"], { days: 7, today: TODAY, maxFiles: 500 }, { s3Client: faultyClient, stats: faultStats });
  const faultySummary = (await inferSources(faulty, { concurrency: 8 })).summary;
  row(
    "--days 7 --max-files 500 + read, 20% SlowDown/reset",
    faultStats,
    performance.now() - ft,
    `${faultySummary.files.log} files; ${faultStats.retries} retries for ${proxy.counts.slowDowns + proxy.counts.resets} faults injected`,
  );
  faultyClient.destroy();
  await proxy.stop();

  const fullStats = createSourceStats();
  const t = performance.now();
  let listed = 0;
  for await (const _ of listAll(new S3Store(client, { bucket: "bench", stats: fullStats }), "")) listed++;
  row("full listing (no delimiter)", fullStats, performance.now() - t, `${listed.toLocaleString("en-US")} keys listed`);
  console.log(`|  | (loading ${objects.toLocaleString("en-US")} objects into fauxqs's memory directly: ${(loadMs / 1000).toFixed(2)} s) | | | | |`);
  client.destroy();
  await s3.stop();
}

console.log(`sample bench, ${new Date().toISOString().slice(0, 10)}, node ${process.version}`);
console.log("| objects | run | LIST | GET | wall | notes |");
console.log("|---|---|---|---|---|---|");
await bench(9); // 3 x 17 x 9 x 22 = 10,098 objects
await bench(90); // 3 x 17 x 90 x 22 = 100,980 objects
