import { test } from "node:test";
import assert from "node:assert/strict";
import { mkdtempSync, readFileSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, relative, resolve } from "node:path";
import { gunzipSync } from "node:zlib";
import { escapePartitionValue, partitionFolder, partitionOf } from "../../src/local/partition-of.js";
import { stageLogs } from "../../src/local/stage-logs.js";
import { resolveSources } from "../../src/source/resolve-sources.js";
import { INVALID, writeHostilePartitionLogs, type ExpectedEvent } from "../hostile/support/hostile-partitions.js";

/** Hive's FileUtils.unescapePathName: what Hive reads a folder's value back as. */
const unescape = (s: string) => s.replace(/%([0-9A-F]{2})/g, (_, h: string) => String.fromCharCode(parseInt(h, 16)));

/** The value Hive reads for a key: the last of its spellings in any case. */
const lastSpelling = (record: Record<string, unknown>, key: string) =>
  Object.entries(record)
    .filter(([k]) => k.toLowerCase() === key.toLowerCase())
    .pop()?.[1];

function staged(root: string): { folder: string; record: Record<string, unknown> }[] {
  const out: { folder: string; record: Record<string, unknown> }[] = [];
  const walk = (dir: string) => {
    for (const e of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, e.name);
      if (e.isDirectory()) walk(path);
      else
        for (const line of gunzipSync(readFileSync(path))
          .toString("utf8")
          .split("\n")
          .filter((l) => l !== ""))
          out.push({ folder: relative(root, dir), record: JSON.parse(line) as Record<string, unknown> });
    }
  };
  walk(root);
  return out;
}

for (const workers of [1, 2]) {
  test(`hostile partition values and depths (${workers} thread(s)): every event staged once, in a folder of its own values, none outside the root`, async () => {
    const dir = mkdtempSync(join(tmpdir(), "stage-hostile-"));
    try {
      const { expected } = writeHostilePartitionLogs(join(dir, "logs"));
      const root = join(dir, "staged");
      const { files } = await resolveSources([join(dir, "logs")], {});
      const summary = await stageLogs(files, { root, workers, inferSchema: true });
      assert.deepEqual(
        summary.skipped.map((s) => [s.path, s.reason]),
        [["records-not-array.json", "not-cloudtrail"]],
      );
      assert.equal(summary.records, expected.length);
      assert.equal(summary.reserialized, 0);
      // the record's braces are level 1: a field's N brackets reach level N + 1, inside requestParameters' object N + 2
      const levels = (id: string) => Number(/-(\d+)$/.exec(id)?.[1]) + (id.startsWith("deep-parameters-") ? 2 : 1);
      assert.equal(summary.tooDeep, expected.filter((e) => e.eventid.startsWith("deep-") && levels(e.eventid) >= 64).length, "nested 64 deep or more");
      assert.equal(summary.tooDeep, 19);
      const lines = staged(root);
      const got = lines.map(({ folder, record }): ExpectedEvent => {
        assert.ok(!resolve(root, folder).startsWith(resolve(root) + "/..") && resolve(root, folder).startsWith(resolve(root) + "/"), folder);
        const values = new Map(folder.split("/").map((seg) => [seg.slice(0, seg.indexOf("=")), unescape(seg.slice(seg.indexOf("=") + 1))]));
        const value = (c: string) => values.get(c) ?? assert.fail(`${folder} has no ${c}`);
        return {
          eventid: record["eventID"] as string,
          awsregion: lastSpelling(record, "awsRegion") as string,
          account: value("account"),
          region: value("region"),
          year: value("year"),
          month: value("month"),
          day: value("day"),
        };
      });
      const byId = (a: ExpectedEvent, b: ExpectedEvent) => (a.eventid < b.eventid ? -1 : 1);
      assert.deepEqual(got.sort(byId), [...expected].sort(byId));
      // the summary's partitions are the folders, their values as given to ADD PARTITION
      for (const p of summary.partitions) assert.equal(p.folder, partitionFolder(p));
      assert.ok(summary.partitions.some((p) => p.region === INVALID));
      // deep events: cut at level 64 into a string holding the rest's text; the shallow ones kept as they are
      const deep = (id: string) => lines.find((l) => l.record["eventID"] === id)?.record;
      let at: unknown = deep("deep-array-5000")?.["deepArray"];
      for (let level = 2; level < 64; level++) at = (at as unknown[])[0];
      assert.equal(at, "[".repeat(5000 - 62) + "1" + "]".repeat(5000 - 62));
      assert.equal(JSON.stringify(deep("deep-object-62")?.["deepObject"]), '{"a":'.repeat(62) + "1" + "}".repeat(62), "level 63: kept as it is");
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
}

test("partition values: Hive's escaping is one-to-one; what no folder can hold is one documented value", () => {
  const values = ["..", "_x2e2e", "/", "_x2f", "%2F", "%252F", "a=b", "東京"];
  const folders = values.map(escapePartitionValue);
  assert.equal(new Set(folders).size, values.length);
  assert.deepEqual(folders.map(unescape), values);
  assert.deepEqual(folders, ["..", "_x2e2e", "%2F", "_x2f", "%252F", "%25252F", "a%3Db", "東京"]);
  const of = (awsRegion: unknown) => partitionOf({ awsRegion, recipientAccountId: "1", eventTime: "2024-01-02T00:00:00Z" }).region;
  assert.equal(of("x".repeat(200)), "x".repeat(200));
  assert.equal(of("x".repeat(201)), INVALID);
  assert.equal(of("\ud800"), INVALID, "a lone surrogate has no UTF-8 spelling");
  assert.equal(of(""), "unknown");
  assert.equal(partitionOf(JSON.parse('{"recipientAccountId":111122223333444455556666}') as Record<string, unknown>, () => "111122223333444455556666").account, "111122223333444455556666");
  assert.equal(partitionOf({ recipientAccountId: 111122223333 }, () => "not asked").account, "111122223333", "an exact number needs no text");
});
