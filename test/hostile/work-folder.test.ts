import { test } from "node:test";
import assert from "node:assert/strict";
import { existsSync, lstatSync, mkdirSync, readdirSync, readFileSync, statSync, symlinkSync, writeFileSync } from "node:fs";
import { join, relative } from "node:path";
import { main } from "../../src/cli/main.js";
import { captureTerminal } from "../local/support/capture-terminal.js";
import { examplesDir } from "../local/support/corpus.js";
import { hiveSkip } from "../local/support/hive.js";
import { assertHandled, assertTreeUnchanged, runTrailhive, snapshotTree, withTempDir } from "./support/hostile.js";
import { DEFAULT_NAME, deadEngineDescriptor, hostileWorkFolders, noEventLogs, put } from "./support/work-folders.js";

/**
 * The work folder (issue 14): `run --work DIR` and the cache's default work folders may empty only a
 * folder trailhive marked as its own. Every other kind of folder is refused with exit 2, naming it,
 * before anything is listed, staged or started, and nothing anywhere changes; `engine status|stop`
 * neither remove nor create anything in them. What trailhive makes is owner-only.
 */
const cli = (dir: string, work: string, logs = examplesDir, extra: string[] = []) =>
  runTrailhive(["run", "--query", "security-group-changes", "--work", work, "--cache-dir", join(dir, "cache"), "--keep-engine", "0", ...extra, logs], { cwd: dir, timeoutMs: 180_000 });

hostileWorkFolders.forEach((kind, i) => {
  // every other case with --fresh: starting over must not reach a folder that is not trailhive's either
  const extra = i % 2 === 1 ? ["--fresh"] : [];
  test(`run ${extra.join(" ")} refuses ${kind.name}: exit 2, the folder named, nothing changed`.replace("  ", " "), () =>
    withTempDir("work", async (dir) => {
      const { work } = kind.make(dir);
      const before = snapshotTree(dir);
      assert.ok(before.size > 0, "the case built something to protect");
      const r = await cli(dir, work, examplesDir, extra);
      assertHandled(r, { exit: 2, names: [work, /give --work an empty or new folder, or remove .* yourself/] });
      assert.doesNotMatch(r.stderr, /^staged \d|running on the embedded Hive/m, "refused before staging or Hive");
      assertTreeUnchanged(before, snapshotTree(dir));
    }),
  );
});

// In this process (main, as the CLI runs it): one child process per case would double the file's time.
test("engine status and stop name each folder that is not a work folder (exit 2) and remove or create nothing in it", () =>
  withTempDir("engine", async (dir) => {
    for (const [i, kind] of hostileWorkFolders.entries()) {
      const sub = join(dir, String(i));
      mkdirSync(sub);
      const { work } = kind.make(sub);
      // a descriptor whose process is gone: status and stop remove it from a real work folder
      if (statSync(work, { throwIfNoEntry: false })?.isDirectory() === true && !existsSync(join(work, "engine.json"))) writeFileSync(join(work, "engine.json"), deadEngineDescriptor());
      const before = snapshotTree(dir);
      for (const action of ["status", "stop"]) {
        const term = captureTerminal({ cwd: dir });
        assert.equal(await main(["engine", action, "--work", work, "--cache-dir", join(sub, "cache")], term), 2, `${kind.name}: ${term.err()}`);
        assert.ok(term.err().includes(`--work ${work} is not a trailhive work folder`), `${kind.name}: ${term.err()}`);
      }
      assertTreeUnchanged(before, snapshotTree(dir));
    }
  }));

test("engine status and stop over the cache pass over what is not a work folder, and change nothing", () =>
  withTempDir("engine-cache", async (dir) => {
    const root = join(dir, "cache", "work");
    put(join(root, DEFAULT_NAME, "engine.json"), deadEngineDescriptor());
    put(join(root, DEFAULT_NAME, "thesis.tex"), "precious\n");
    put(join(root, "my-folder", "engine.json"), deadEngineDescriptor());
    const before = snapshotTree(dir);
    for (const action of ["status", "stop"]) {
      const term = captureTerminal({ cwd: dir });
      assert.equal(await main(["engine", action, "--cache-dir", join(dir, "cache")], term), 0, term.err());
      assert.match(term.err(), /no Hive engine/);
    }
    assertTreeUnchanged(before, snapshotTree(dir));
  }));

const noJava = hiveSkip();

test("a work folder trailhive marked is emptied again with --fresh, and links in it are removed, never followed", { skip: noJava }, () =>
  withTempDir("marked", async (dir) => {
    const logs = noEventLogs(dir);
    const work = join(dir, "work");
    // trailhive makes the folder: no CloudTrail event, so it stops after staging with exit 2 (no Hive)
    assertHandled(await cli(dir, work, logs), { exit: 2, names: "no CloudTrail events" });
    const marker = readFileSync(join(work, ".trailhive-work"), "utf8");
    const outside = join(dir, "outside");
    put(join(outside, "keep.txt"), "not trailhive's\n");
    put(join(outside, "deep", "keep.txt"), "not trailhive's\n");
    symlinkSync(outside, join(work, "staged"));
    mkdirSync(join(work, "metastore_db"));
    symlinkSync(join(outside, "deep"), join(work, "metastore_db", "seg0"));
    const before = snapshotTree(outside);

    assertHandled(await cli(dir, work, logs, ["--fresh"]), { exit: 2, names: "no CloudTrail events" });
    assertTreeUnchanged(before, snapshotTree(outside));
    assert.equal(existsSync(join(work, "metastore_db")), false, "emptied");
    assert.equal(lstatSync(join(work, "staged"), { throwIfNoEntry: false })?.isSymbolicLink() ?? false, false, "the link is gone");
    assert.equal(readFileSync(join(work, ".trailhive-work"), "utf8"), marker, "the marker stays: the folder is still trailhive's");
  }),
);

test("a work folder of the release before markers, in the cache and holding only its names, is adopted: marked, made private, emptied", { skip: noJava }, () =>
  withTempDir("legacy", async (dir) => {
    const root = join(dir, "cache", "work");
    const work = join(root, DEFAULT_NAME);
    for (const file of ["manifest.json", "schema.json", "derby.log", "engine.log", "staged/account=1/part-00000.json.gz", "metastore_db/seg0/c10.dat", "tmp/local/x"]) put(join(work, file), "old\n");
    for (const folder of [root, work]) assert.notEqual(statSync(folder).mode & 0o077, 0, "the earlier release left them readable");

    assertHandled(await cli(dir, work, noEventLogs(dir)), { exit: 2, names: "no CloudTrail events" });
    assert.deepEqual(readdirSync(work).sort(), [".trailhive-work", "manifest.json"], "the earlier release's files are gone; a marker and the new manifest are there");
    for (const folder of [root, work]) assert.equal(statSync(folder).mode & 0o777, 0o700, `${relative(dir, folder)} is owner-only`);
    assert.equal(statSync(join(work, "manifest.json")).mode & 0o777, 0o600);
  }),
);

test("a real run leaves an owner-only work folder, keeps Hadoop's job staging inside it, and a --fresh run empties it again", { skip: noJava }, () =>
  withTempDir("modes", async (dir) => {
    const work = join(dir, "nested", "work");
    // the user's cache (no --cache-dir): Hive's jars and class-data archive are there already
    const run = (extra: string[]) => runTrailhive(["run", "--query", "security-group-changes", "--work", work, ...extra, examplesDir], { cwd: dir, timeoutMs: 180_000 });
    const first = await run(["--keep-engine", "0"]);
    assertHandled(first, { exit: 0 });
    assert.match(first.stdout, /sg-0123456789abcdef0/);
    assert.equal(statSync(work).mode & 0o777, 0o700, "the work folder");
    assert.equal(statSync(join(dir, "nested")).mode & 0o777, 0o700, "a parent trailhive made for it");
    const written = [".trailhive-work", "manifest.json", "schema.json", ...filesBelow(join(work, "staged")).map((f) => relative(work, f))];
    assert.ok(written.length > 4, "staged files were written");
    for (const f of written) assert.equal(statSync(join(work, f)).mode & 0o777, 0o600, `${f} is owner-only`);
    for (const d of foldersBelow(join(work, "staged"))) assert.equal(statSync(d).mode & 0o777, 0o700, `${relative(work, d)} is owner-only`);
    // LocalJobRunner's own default is /tmp/hadoop/mapred/staging: the query's ORDER BY ran a job here instead
    assert.ok(existsSync(join(work, "tmp", "hadoop", "mapred", "staging")), "Hadoop's job staging is in the work folder");

    const marker = readFileSync(join(work, ".trailhive-work"), "utf8");
    put(join(work, "staged", "stale.json.gz"), "from an earlier staging");
    const again = await run(["--fresh", "--keep-engine", "1"]);
    const stop = await runTrailhive(["engine", "stop", "--work", work], { cwd: dir });
    assertHandled(again, { exit: 0, names: /staged 41 events/ });
    assert.equal(existsSync(join(work, "staged", "stale.json.gz")), false, "--fresh emptied the marked folder");
    assert.equal(readFileSync(join(work, ".trailhive-work"), "utf8"), marker);
    if (/Hive stays up/.test(again.stderr)) {
      assert.equal(statSync(join(work, "engine.log")).mode & 0o777, 0o600, "the kept engine's log");
      assertHandled(stop, { exit: 0, names: `stopped the Hive engine of ${work}` });
    } else assertHandled(stop, { exit: 0 });
  }),
);

function filesBelow(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? filesBelow(join(dir, e.name)) : [join(dir, e.name)]));
}

function foldersBelow(dir: string): string[] {
  return [dir, ...readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? foldersBelow(join(dir, e.name)) : []))];
}
