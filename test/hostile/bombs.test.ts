import assert from "node:assert/strict";
import { test } from "node:test";
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { assertHandled, assertTreeUnchanged, runTrailhive, snapshotTree, withTempDir } from "./support/hostile.js";
import { recordsOf, spaces, withDeclaredSize, writeGzipStream, writeLog } from "./support/file-system.js";

// Files that inflate (or are) past --max-file-size: skipped as too-large, named with the bound and the
// option, the other files still read. A small bound keeps the inputs a few MB; one case runs at the default.

const MIB = 1024 * 1024;

async function bombFolder(dir: string, bombs: (logs: string) => Promise<void>): Promise<string> {
  const logs = join(dir, "logs");
  mkdirSync(logs);
  writeLog(join(logs, "good.json.gz"));
  await bombs(logs);
  return logs;
}

function skippedOf(stdout: string): { path: string; reason: string }[] {
  return (JSON.parse(stdout) as { provenance: { skipped: { path: string; reason: string }[] } }).provenance.skipped;
}

test("gzip of spaces, of a Records array, and a plain file past --max-file-size are skipped as too-large", () =>
  withTempDir("bombs-small", async (dir) => {
    const logs = await bombFolder(dir, async (l) => {
      await writeGzipStream(join(l, "spaces.json.gz"), spaces(8 * MIB));
      await writeGzipStream(join(l, "records.json.gz"), recordsOf(3 * MIB));
      writeFileSync(join(l, "plain.json"), Buffer.alloc(2 * MIB, 0x20));
    });
    const before = snapshotTree(dir);
    const args = ["--max-file-size", "1"];
    const run = await runTrailhive(["infer", logs, "-o", "-", ...args], { cwd: dir });
    assertHandled(run, { exit: 0, names: ["spaces.json.gz", "records.json.gz", "plain.json", "1 MiB", "--max-file-size"] });
    assert.deepEqual(skippedOf(run.stdout), [
      { path: "plain.json", reason: "too-large" },
      { path: "records.json.gz", reason: "too-large" },
      { path: "spaces.json.gz", reason: "too-large" },
    ]);
    assertHandled(await runTrailhive(["infer", logs, "-o", "-", "--strict", ...args], { cwd: dir }), { exit: 3, names: "records.json.gz" });
    assertTreeUnchanged(before, snapshotTree(dir));
  }));

test("ddl from logs skips the same bombs; raising --max-file-size reads the file the bound skipped", () =>
  withTempDir("bombs-ddl", async (dir) => {
    const logs = await bombFolder(dir, async (l) => {
      await writeGzipStream(join(l, "spaces.json.gz"), spaces(8 * MIB));
      await writeGzipStream(join(l, "records.json.gz"), recordsOf(3 * MIB));
    });
    const before = snapshotTree(dir);
    const args = ["--max-file-size", "1"];
    assertHandled(await runTrailhive(["ddl", logs, "--table", "t", "--location", "s3://trail/AWSLogs/", "--strict", ...args], { cwd: dir }), { exit: 3, names: ["spaces.json.gz", "--max-file-size"] });
    // Below the bound the same Records file is read: the bound is what skipped it.
    const raised = await runTrailhive(["infer", join(logs, "records.json.gz"), "-o", "-", "--max-file-size", "8"], { cwd: dir });
    assertHandled(raised, { exit: 0 });
    assert.deepEqual(skippedOf(raised.stdout), []);
    assertTreeUnchanged(before, snapshotTree(dir));
  }));

test("a gzip whose trailer declares a size it does not have: a small one declared huge, a bomb declared small", () =>
  withTempDir("bombs-declared", async (dir) => {
    const logs = await bombFolder(dir, async (l) => {
      await writeGzipStream(join(dir, "bomb.gz"), spaces(8 * MIB));
      await withDeclaredSize(join(dir, "bomb.gz"), join(l, "declared-small.json.gz"), 100);
      await writeGzipStream(join(dir, "small.gz"), recordsOf(1000));
      await withDeclaredSize(join(dir, "small.gz"), join(l, "declared-huge.json.gz"), 0xffffffff);
    });
    const before = snapshotTree(dir);
    // The bound sits above the small file's ~1 MiB, so only the lie can refuse it (at 1 MiB it is also too large).
    const run = await runTrailhive(["infer", logs, "-o", "-", "--max-file-size", "2"], { cwd: dir });
    assertHandled(run, { exit: 0, names: ["declared-small.json.gz", "declared-huge.json.gz"] });
    // zlib checks the length word: the lie is corrupt gzip; the bomb is stopped at the bound whatever it declares.
    assert.deepEqual(skippedOf(run.stdout), [
      { path: "declared-huge.json.gz", reason: "corrupt-gzip" },
      { path: "declared-small.json.gz", reason: "too-large" },
    ]);
    assertHandled(await runTrailhive(["infer", logs, "-o", "-", "--strict", "--max-file-size", "2"], { cwd: dir }), { exit: 3 });
    assertTreeUnchanged(before, snapshotTree(dir));
  }));

test("at the default bound (256 MiB), a gzip of 300 MiB of spaces is skipped as too-large", () =>
  withTempDir("bombs-default", async (dir) => {
    const logs = await bombFolder(dir, (l) => writeGzipStream(join(l, "spaces.json.gz"), spaces(300 * MIB)));
    const before = snapshotTree(dir);
    const run = await runTrailhive(["infer", logs, "-o", "-"], { cwd: dir });
    assertHandled(run, { exit: 0, names: ["spaces.json.gz", "256 MiB", "--max-file-size"] });
    assert.deepEqual(skippedOf(run.stdout), [{ path: "spaces.json.gz", reason: "too-large" }]);
    assertTreeUnchanged(before, snapshotTree(dir));
  }));

test("--max-file-size must be a positive number of MiB a string can hold", () =>
  withTempDir("bombs-usage", async (dir) => {
    const logs = await bombFolder(dir, async () => {});
    for (const bad of ["0", "100000"]) assertHandled(await runTrailhive(["infer", logs, "-o", "-", "--max-file-size", bad], { cwd: dir }), { exit: 2, names: "--max-file-size" });
  }));
