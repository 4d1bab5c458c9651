import { test } from "node:test";
import assert from "node:assert/strict";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { assertHandled, assertTreeUnchanged, runTrailhive, snapshotTree, withTempDir } from "./support/hostile.js";
import { HOSTILE_DEPTHS, INVALID_REGIONS, writeCharacterSweep, writeHostilePartitionLogs } from "./support/hostile-partitions.js";
import { hiveSkip } from "../local/support/hive.js";

/**
 * Hostile partition values and depths through `trailhive run` (issue 14): regions that are no folder
 * names or spell Hive's own escapes, a region per character class, account ids beyond 2^53, Records and
 * eventTime twice, events nested past Hive's 1,000 levels. The run ends by itself with exit 0, names the
 * one file it skipped, counts every event (a MapReduce job over every partition, where one deep event
 * used to fail them all), and writes nothing outside its work folder.
 */
test("hostile partition values and depths: every event counted, nothing written outside the work folder", { skip: hiveSkip() }, async () => {
  await withTempDir("partition-values", async (dir) => {
    const logs = join(dir, "logs");
    const { expected } = writeHostilePartitionLogs(logs);
    const { regions } = writeCharacterSweep(join(logs, "sweep"));
    assert.ok(INVALID_REGIONS.length > 0 && HOSTILE_DEPTHS.includes(5000));
    const script = join(dir, "count.hql");
    writeFileSync(script, "SELECT count(*) AS events, count(DISTINCT eventid) AS ids, count(DISTINCT awsregion) AS regions FROM cloudtrail;\n");
    const before = snapshotTree(dir);
    const run = await runTrailhive(["run", "-f", script, logs, "--work", join(dir, "work"), "--format", "tsv", "--keep-engine", "0"], { cwd: dir, timeoutMs: 300_000 });
    assertHandled(run, { exit: 0, names: "records-not-array.json" });
    const events = expected.length + regions.length;
    const distinctRegions = new Set([...expected.map((e) => e.awsregion), ...regions]).size;
    assert.equal(run.stdout, `events\tids\tregions\n${events}\t${events}\t${distinctRegions}\n`);
    assertTreeUnchanged(before, snapshotTree(dir), { except: ["work"] });
  });
});
