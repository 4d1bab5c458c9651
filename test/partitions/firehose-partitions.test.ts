import { test } from "node:test";
import assert from "node:assert/strict";
import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { LocalStore } from "../../src/source/local-store.js";
import type { ListOptions, ListPage, ObjectStore } from "../../src/source/object-store.js";
import { deliveryLayout, discoverHourPartitions } from "../../src/partitions/discover-firehose-partitions.js";
import { renderHourPartitions } from "../../src/partitions/render-partitions.js";
import { main } from "../../src/cli/main.js";
import { capture } from "../support/capture-terminal.js";

/** A Firehose delivery prefix: hour folders over two days and a month, Firehose's extensionless file names, and strays. */
function makeDelivery(): string {
  const root = mkdtempSync(join(tmpdir(), "trailhive-firehose-"));
  const put = (key: string) => {
    const path = join(root, ...key.split("/"));
    mkdirSync(join(path, ".."), { recursive: true });
    writeFileSync(path, '{"version":"0","detail":{}}\n');
  };
  for (const hour of ["2026/01/19/13", "2026/01/19/14", "2026/01/20/00", "2026/02/01/23", "2025/12/31/23"]) {
    put(`${hour}/trail-to-s3-1-${hour.replaceAll("/", "-")}-05-00-0a1b2c3d`);
  }
  put("2026/01/19/notanhour/x");
  put("errors/processing-failed/2026/01/19/13/x");
  return root;
}

const hours = (ps: { year: string; month: string; day: string; hour: string }[]) => ps.map((p) => `${p.year}-${p.month}-${p.day}T${p.hour}`);

test("a Firehose delivery is told from an AWSLogs tree by its top folders", async () => {
  assert.equal(await deliveryLayout(new LocalStore(makeDelivery())), "firehose");
  const trail = mkdtempSync(join(tmpdir(), "trailhive-awslogs-"));
  mkdirSync(join(trail, "AWSLogs", "111111111111", "CloudTrail"), { recursive: true });
  writeFileSync(join(trail, "AWSLogs", "111111111111", "CloudTrail", "x.json"), "{}");
  assert.equal(await deliveryLayout(new LocalStore(trail)), "cloudtrail");
});

test("discovery finds every hour folder, and nothing else, sorted by hour", async () => {
  const { partitions } = await discoverHourPartitions(new LocalStore(makeDelivery()), { locationBase: "s3://bucket/cloudtrail-events" });
  assert.deepEqual(hours(partitions), ["2025-12-31T23", "2026-01-19T13", "2026-01-19T14", "2026-01-20T00", "2026-02-01T23"]);
  assert.equal(partitions[1]?.location, "s3://bucket/cloudtrail-events/2026/01/19/13/");
});

test("a day range is pruned while walking: years and months outside it are never listed", async () => {
  const local = new LocalStore(makeDelivery());
  const listed: string[] = [];
  const spy: ObjectStore = { root: local.root, get: (k) => local.get(k), list: (o: ListOptions): Promise<ListPage> => (listed.push(o.prefix), local.list(o)) };
  const { partitions, listings } = await discoverHourPartitions(spy, { from: "2026-01-19", to: "2026-01-19" });
  assert.deepEqual(hours(partitions), ["2026-01-19T13", "2026-01-19T14"]);
  assert.ok(!listed.some((p) => p.startsWith("2025/") || p.startsWith("2026/02/") || p.startsWith("2026/01/20/")), listed.join("\n"));
  assert.equal(listings, listed.length);
});

test("hour partitions render sorted, deduplicated and batched, with year, month, day, hour", () => {
  const p = (hour: string) => ({ year: "2026", month: "01", day: "19", hour, location: `s3://b/e/2026/01/19/${hour}/` });
  const statements = renderHourPartitions("db.ct_envelope", [p("14"), p("13"), p("14")], { batchSize: 1 });
  assert.deepEqual(statements, [
    "ALTER TABLE db.ct_envelope ADD IF NOT EXISTS\n  PARTITION (`year` = '2026', `month` = '01', `day` = '19', `hour` = '13') LOCATION 's3://b/e/2026/01/19/13/'",
    "ALTER TABLE db.ct_envelope ADD IF NOT EXISTS\n  PARTITION (`year` = '2026', `month` = '01', `day` = '19', `hour` = '14') LOCATION 's3://b/e/2026/01/19/14/'",
  ]);
});

test("trailhive partitions finds a Firehose layout by itself and adds to <table>_envelope; --accounts does not apply there", async () => {
  const root = makeDelivery();
  const out = capture();
  assert.equal(await main(["partitions", root, "--from", "2026-01-19", "--to", "2026-01-20", "--table", "ct", "--location", "s3://bucket/events/"], out.term), 0);
  assert.match(
    out.stdout(),
    /^ALTER TABLE ct_envelope ADD IF NOT EXISTS\n {2}PARTITION \(`year` = '2026', `month` = '01', `day` = '19', `hour` = '13'\) LOCATION 's3:\/\/bucket\/events\/2026\/01\/19\/13\/'/,
  );
  assert.equal(out.stdout().split("PARTITION (").length - 1, 3);
  assert.match(out.stderr(), /3 hour partitions of ct_envelope \(Firehose layout\) in 1 statement/);
  const bad = capture();
  assert.equal(await main(["partitions", root, "--accounts", "111111111111"], bad.term), 2);
  assert.match(bad.stderr(), /--accounts does not apply to a Firehose layout/);
  // Told to read it as CloudTrail's layout, the same folder has no AWSLogs/.
  const forced = capture();
  assert.equal(await main(["partitions", root, "--layout", "cloudtrail"], forced.term), 2);
  assert.match(forced.stderr(), /no AWSLogs\/ folder/);
});
