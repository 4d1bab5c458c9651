import assert from "node:assert/strict";
import { test } from "node:test";
import { chmodSync, mkdirSync, symlinkSync } from "node:fs";
import { execFileSync } from "node:child_process";
import { createServer } from "node:net";
import { join } from "node:path";
import { assertHandled, assertTreeUnchanged, runTrailhive, snapshotTree, withTempDir, type CliRun } from "./support/hostile.js";
import { runTrailhiveUnprivileged, unprivilegedRunner, writeLog } from "./support/file-system.js";

// File-system oddities inside (or as) a logs folder: links, loops, FIFOs, sockets, unreadable folders.
// Each must end by itself, be read or be named as skipped, and count as skipped under --strict.

/** A logs folder with one good file, and whatever `arrange` adds. */
function logsFolder(dir: string): string {
  const logs = join(dir, "logs");
  mkdirSync(logs);
  writeLog(join(logs, "a.json.gz"));
  return logs;
}

function provenance(run: CliRun): { files: string[]; skipped: { path: string; reason: string }[] } {
  const schema = JSON.parse(run.stdout) as { provenance: { files: { path: string }[]; skipped: { path: string; reason: string }[] } };
  return { files: schema.provenance.files.map((f) => f.path), skipped: schema.provenance.skipped };
}

test("a symlinked file and a symlinked folder are read once each, keyed by the first path in key order", () =>
  withTempDir("fs-links", async (dir) => {
    const logs = logsFolder(dir);
    mkdirSync(join(dir, "elsewhere", "deep"), { recursive: true });
    writeLog(join(dir, "elsewhere", "b.json.gz"));
    writeLog(join(dir, "elsewhere", "deep", "c.json.gz"));
    symlinkSync("../elsewhere/b.json.gz", join(logs, "linked.json.gz"));
    symlinkSync("../elsewhere", join(logs, "linked-dir"));
    const before = snapshotTree(dir);
    const run = await runTrailhive(["infer", logs, "-o", "-"], { cwd: dir });
    // linked.json.gz is elsewhere/b.json.gz, already read as linked-dir/b.json.gz ("-" sorts before ".").
    assertHandled(run, { exit: 0, names: ["linked.json.gz", "same file as linked-dir/b.json.gz"] });
    assert.deepEqual(provenance(run).files, ["a.json.gz", "linked-dir/b.json.gz", "linked-dir/deep/c.json.gz"]);
    assertHandled(await runTrailhive(["infer", logs, "-o", "-", "--strict"], { cwd: dir }), { exit: 0 });
    assertTreeUnchanged(before, snapshotTree(dir));
  }));

test("a link back to a folder above it is reported once and not followed again; the run ends", () =>
  withTempDir("fs-loop", async (dir) => {
    const logs = logsFolder(dir);
    mkdirSync(join(logs, "sub"));
    writeLog(join(logs, "sub", "b.json.gz"));
    symlinkSync("..", join(logs, "sub", "up"));
    symlinkSync(".", join(logs, "self"));
    const before = snapshotTree(dir);
    const run = await runTrailhive(["infer", logs, "-o", "-"], { cwd: dir, timeoutMs: 30_000 });
    assertHandled(run, { exit: 0, names: ["self/", "sub/up/", "leads back"] });
    assert.deepEqual(provenance(run).files, ["a.json.gz", "sub/b.json.gz"]);
    // Nothing was left unread (each file is read once, through its folder): not a skip under --strict.
    assertHandled(await runTrailhive(["infer", logs, "-o", "-", "--strict"], { cwd: dir, timeoutMs: 30_000 }), { exit: 0 });
    assertTreeUnchanged(before, snapshotTree(dir));
  }));

test("a link to a sibling folder in the same logs folder reads its events once, not twice", () =>
  withTempDir("fs-alias", async (dir) => {
    const logs = join(dir, "logs");
    mkdirSync(join(logs, "real"), { recursive: true });
    for (let i = 0; i < 5; i++) writeLog(join(logs, "real", `f${i}.json.gz`));
    symlinkSync("real", join(logs, "alias"));
    const before = snapshotTree(dir);
    const run = await runTrailhive(["infer", logs, "-o", "-"], { cwd: dir });
    assertHandled(run, { exit: 0, names: ["real/", "same folder as alias/"] });
    assert.deepEqual(
      provenance(run).files,
      [0, 1, 2, 3, 4].map((i) => `alias/f${i}.json.gz`),
    );
    assert.equal((JSON.parse(run.stdout) as { records: number }).records, 10);
    assertHandled(await runTrailhive(["infer", logs, "-o", "-", "--strict"], { cwd: dir }), { exit: 0 });
    assertTreeUnchanged(before, snapshotTree(dir));
  }));

test("folders each holding two links to the next (2^20 paths to one file) read that file once; the run ends", () =>
  withTempDir("fs-fan-out", async (dir) => {
    const logs = logsFolder(dir);
    const depth = 20;
    for (let i = 0; i <= depth; i++) mkdirSync(join(logs, "lvl", String(i)), { recursive: true });
    for (let i = 0; i < depth; i++) for (const name of ["a", "b"]) symlinkSync(join("..", String(i + 1)), join(logs, "lvl", String(i), name));
    writeLog(join(logs, "lvl", String(depth), "deep.json.gz"));
    const before = snapshotTree(dir);
    const run = await runTrailhive(["infer", logs, "-o", "-"], { cwd: dir, timeoutMs: 30_000 });
    assertHandled(run, { exit: 0, names: ["lvl/0/b/", "same folder as lvl/0/a/"] });
    assert.deepEqual(provenance(run).files, ["a.json.gz", "lvl/0/" + "a/".repeat(depth) + "deep.json.gz"]);
    assertHandled(await runTrailhive(["infer", logs, "-o", "-", "--strict"], { cwd: dir, timeoutMs: 30_000 }), { exit: 0 });
    assertTreeUnchanged(before, snapshotTree(dir));
  }));

test("a dangling link is skipped with its reason (exit 3 under --strict)", () =>
  withTempDir("fs-dangling", async (dir) => {
    const logs = logsFolder(dir);
    symlinkSync("gone.json.gz", join(logs, "dangling.json.gz"));
    const before = snapshotTree(dir);
    const run = await runTrailhive(["infer", logs, "-o", "-"], { cwd: dir });
    assertHandled(run, { exit: 0, names: ["dangling.json.gz", "gone.json.gz", "dangling"] });
    assert.deepEqual(provenance(run).skipped, [{ path: "dangling.json.gz", reason: "dangling-link" }]);
    assertHandled(await runTrailhive(["infer", logs, "-o", "-", "--strict"], { cwd: dir }), { exit: 3, names: "dangling.json.gz" });
    assertTreeUnchanged(before, snapshotTree(dir));
  }));

test("a FIFO given as the source is refused unopened (no hang), beside a folder and alone", () =>
  withTempDir("fs-fifo-source", async (dir) => {
    const logs = logsFolder(dir);
    const fifo = join(dir, "pipe.json");
    execFileSync("mkfifo", [fifo]);
    const before = snapshotTree(dir);
    assertHandled(await runTrailhive(["infer", fifo, logs, "-o", "-"], { cwd: dir, timeoutMs: 30_000 }), { exit: 0, names: [fifo, "FIFO"] });
    assertHandled(await runTrailhive(["infer", fifo, logs, "-o", "-", "--strict"], { cwd: dir, timeoutMs: 30_000 }), { exit: 3, names: fifo });
    assertHandled(await runTrailhive(["infer", fifo, "-o", "-"], { cwd: dir, timeoutMs: 30_000 }), { exit: 2, names: [fifo, "FIFO"] });
    assertTreeUnchanged(before, snapshotTree(dir));
  }));

test("a FIFO and a socket inside a folder are named as skipped, never opened (infer and ddl)", () =>
  withTempDir("fs-fifo-inside", async (dir) => {
    const logs = logsFolder(dir);
    execFileSync("mkfifo", [join(logs, "pipe.json")]);
    const server = createServer();
    await new Promise<void>((resolve) => server.listen(join(logs, "sock.json"), resolve));
    try {
      const before = snapshotTree(dir);
      const run = await runTrailhive(["infer", logs, "-o", "-"], { cwd: dir, timeoutMs: 30_000 });
      assertHandled(run, { exit: 0, names: ["pipe.json", "FIFO", "sock.json", "socket"] });
      assert.deepEqual(provenance(run).skipped, [
        { path: "pipe.json", reason: "not-a-file" },
        { path: "sock.json", reason: "not-a-file" },
      ]);
      assertHandled(await runTrailhive(["infer", logs, "-o", "-", "--strict"], { cwd: dir, timeoutMs: 30_000 }), { exit: 3, names: "pipe.json" });
      assertHandled(await runTrailhive(["ddl", logs, "--table", "t", "--location", "s3://trail/AWSLogs/", "--strict"], { cwd: dir, timeoutMs: 30_000 }), {
        exit: 3,
        names: ["pipe.json", "sock.json"],
      });
      assertTreeUnchanged(before, snapshotTree(dir));
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
  }));

test("an unreadable subfolder is skipped with a message, as a denied S3 prefix is (exit 3 under --strict)", async (t) => {
  // Root reads a folder of mode 000: the CLI runs as an unprivileged user so the denial is real.
  const runner = unprivilegedRunner();
  if (runner === undefined) return t.skip("running as root without setpriv: no way to be denied a folder");
  await withTempDir("fs-denied", async (dir) => {
    chmodSync(dir, 0o755);
    const logs = logsFolder(dir);
    mkdirSync(join(logs, "locked"));
    writeLog(join(logs, "locked", "x.json.gz"));
    chmodSync(join(logs, "locked"), 0o000);
    try {
      const before = snapshotTree(dir);
      const run = await runTrailhiveUnprivileged(runner, ["infer", logs, "-o", "-"], { cwd: dir });
      assertHandled(run, { exit: 0, names: ["locked/", "permission denied"] });
      assert.deepEqual(provenance(run), { files: ["a.json.gz"], skipped: [{ path: "locked/", reason: "access-denied" }] });
      assertHandled(await runTrailhiveUnprivileged(runner, ["infer", logs, "-o", "-", "--strict"], { cwd: dir }), { exit: 3, names: "locked/" });
      assertTreeUnchanged(before, snapshotTree(dir));
    } finally {
      chmodSync(join(logs, "locked"), 0o755);
    }
  });
});
