import { test } from "node:test";
import assert from "node:assert/strict";
import { mkdirSync, mkdtempSync, renameSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { LocalStore } from "../../src/source/local-store.js";
import type { ListOptions, ListPage, ObjectStore } from "../../src/source/object-store.js";
import { discoverPartitions } from "../../src/partitions/discover-partitions.js";
import { partitionsInRange, renderPartitions, sortPartitions, type PartitionRef } from "../../src/partitions/render-partitions.js";
import { main } from "../../src/cli/main.js";
import { capture } from "../support/capture-terminal.js";

/** A bucket copy with an account trail, an organisation trail, digest and Insight folders and stray objects. */
function makeBucket(): string {
  const root = mkdtempSync(join(tmpdir(), "trailhive-partitions-"));
  const put = (key: string) => {
    const path = join(root, ...key.split("/"));
    mkdirSync(join(path, ".."), { recursive: true });
    writeFileSync(path, "{}");
  };
  for (const day of ["2026/01/18", "2026/01/19", "2026/01/20", "2026/02/01", "2025/12/31"]) {
    put(`AWSLogs/111111111111/CloudTrail/eu-west-1/${day}/111111111111_CloudTrail_eu-west-1_x.json.gz`);
  }
  put("AWSLogs/111111111111/CloudTrail/us-east-1/2026/01/19/a.json.gz");
  put("AWSLogs/111111111111/CloudTrail-Digest/eu-west-1/2026/01/19/d.json.gz");
  put("AWSLogs/111111111111/CloudTrail-Insight/eu-west-1/2026/01/19/i.json.gz");
  put("AWSLogs/o-abcdefghij/222222222222/CloudTrail/us-east-1/2026/01/19/b.json.gz");
  put("AWSLogs/o-abcdefghij/333333333333/CloudTrail/ap-northeast-2/2026/01/20/c.json.gz");
  put("AWSLogs/111111111111/CloudTrail/eu-west-1/2026/01/notaday/x.json.gz");
  put("README.txt");
  return root;
}

const days = (ps: PartitionRef[]) => ps.map((p) => `${p.account}/${p.region}/${p.year}-${p.month}-${p.day}`);

test("discovery finds the day folders of account and organisation trails, and nothing else", async () => {
  const root = makeBucket();
  const { partitions } = await discoverPartitions(new LocalStore(root), { locationBase: "s3://bucket/logs" });
  assert.deepEqual(days(partitions), [
    "111111111111/eu-west-1/2025-12-31",
    "111111111111/eu-west-1/2026-01-18",
    "111111111111/eu-west-1/2026-01-19",
    "111111111111/eu-west-1/2026-01-20",
    "111111111111/eu-west-1/2026-02-01",
    "111111111111/us-east-1/2026-01-19",
    "222222222222/us-east-1/2026-01-19",
    "333333333333/ap-northeast-2/2026-01-20",
  ]);
  assert.equal(partitions[6]?.location, "s3://bucket/logs/AWSLogs/o-abcdefghij/222222222222/CloudTrail/us-east-1/2026/01/19/");
});

test("a range is pruned while walking: months outside it are never listed", async () => {
  const root = makeBucket();
  const listed: string[] = [];
  const local = new LocalStore(root);
  const spy: ObjectStore = { root: local.root, get: (k) => local.get(k), list: (o: ListOptions): Promise<ListPage> => (listed.push(o.prefix), local.list(o)) };
  const { partitions, listings } = await discoverPartitions(spy, { from: "2026-01-19", to: "2026-01-20", regions: ["eu-west-1", "ap-northeast-2"] });
  assert.deepEqual(days(partitions), ["111111111111/eu-west-1/2026-01-19", "111111111111/eu-west-1/2026-01-20", "333333333333/ap-northeast-2/2026-01-20"]);
  assert.ok(!listed.some((p) => p.includes("/2026/02/") || p.includes("/2025/")), listed.join("\n"));
  assert.equal(listings, listed.length);
  assert.ok(partitions[0]?.location.startsWith("file:///"));
});

test("a local folder's locations keep its path as it is, as Hive's LOCATION takes it (a space or # percent-encoded would name another folder)", async () => {
  const root = makeBucket();
  const odd = join(root, "..", `${root.split("/").pop()} a b#c%d`);
  renameSync(root, odd);
  const { partitions } = await discoverPartitions(new LocalStore(odd), { from: "2026-01-19", to: "2026-01-19", regions: ["us-east-1"] });
  assert.deepEqual(
    partitions.map((p) => p.location),
    [`file://${odd}/AWSLogs/111111111111/CloudTrail/us-east-1/2026/01/19/`, `file://${odd}/AWSLogs/o-abcdefghij/222222222222/CloudTrail/us-east-1/2026/01/19/`],
  );
});

test("statements are batched, sorted, idempotent, and quote what the bucket holds", () => {
  const ps: PartitionRef[] = [3, 1, 2].map((d) => ({ account: "111111111111", region: "eu-west-1", year: "2026", month: "01", day: `0${d}`, location: `s3://b/it's/${d}/` }));
  const statements = renderPartitions("db.cloudtrail", ps, { batchSize: 2 });
  assert.equal(statements.length, 2);
  assert.equal(
    statements[0],
    "ALTER TABLE db.cloudtrail ADD IF NOT EXISTS\n" +
      "  PARTITION (account = '111111111111', region = 'eu-west-1', `year` = '2026', `month` = '01', `day` = '01') LOCATION 's3://b/it\\'s/1/'\n" +
      "  PARTITION (account = '111111111111', region = 'eu-west-1', `year` = '2026', `month` = '01', `day` = '02') LOCATION 's3://b/it\\'s/2/'",
  );
  assert.deepEqual(renderPartitions("db.cloudtrail", [...ps].reverse(), { batchSize: 2 }), statements);
  assert.deepEqual(renderPartitions("t", []), []);
  const dup = { ...ps[0]!, location: "s3://a/first/" };
  const split = sortPartitions([...ps, dup]);
  assert.equal(split.unique.length, 3);
  assert.deepEqual(
    split.duplicates.map((p) => p.location),
    ["s3://b/it's/3/"],
  );
  assert.deepEqual(days(partitionsInRange(ps, { from: "2026-01-02" })), ["111111111111/eu-west-1/2026-01-03", "111111111111/eu-west-1/2026-01-02"]);
});

test("trailhive partitions prints the statements; a folder without AWSLogs is a usage error", async () => {
  const root = makeBucket();
  const out = capture();
  assert.equal(await main(["partitions", root, "--from", "2026-01-19", "--to", "2026-01-19", "--table", "ct", "--location", "s3://bucket"], out.term), 0);
  assert.equal(out.stdout().split("PARTITION (").length - 1, 3);
  assert.match(out.stdout(), /^ALTER TABLE ct ADD IF NOT EXISTS\n/);
  assert.match(out.stderr(), /3 partitions in 1 statement/);
  const bad = capture();
  assert.equal(await main(["partitions", join(root, "AWSLogs", "111111111111", "CloudTrail-Digest")], bad.term), 2);
  assert.match(bad.stderr(), /no AWSLogs\/ folder/);
  const date = capture();
  assert.equal(await main(["partitions", root, "--from", "19/01/2026"], date.term), 2);
});
