import { test } from "node:test";
import assert from "node:assert/strict";
import { mkdirSync, symlinkSync } from "node:fs";
import { homedir } from "node:os";
import { join } from "node:path";
import { defaultCacheDir, mavenRepoDir } from "../../src/engine/default-cache-dir.js";
import { ensureEngine } from "../../src/engine/ensure-engine.js";
import { runHiveSession } from "../../src/engine/run-hive-session.js";
import { evaluateQuery } from "../reference/evaluate-query.js";
import { loadRecords } from "../reference/load-records.js";
import { examplesDir } from "../local/support/corpus.js";
import { hiveSkip, withQuickJvm } from "../local/support/hive.js";
import { assertHandled, assertTreeUnchanged, runTrailhive, snapshotTree, withTempDir } from "./support/hostile.js";

/**
 * Paths with special characters (issue 14): a space, `#`, `%`, `;`, `,` and non-ASCII letters in the
 * work folder, all of those plus `:` in the cache (macOS's "Application Support", a user named
 * "Jane Doe" or "Jürgen"). A local query from them answers exactly what it answers from plain paths;
 * a work folder holding `:`, which Hadoop and Derby cannot use, is refused before anything is staged.
 * The cache's maven/ is a link to the real jar cache, so Hive's classpath carries the characters
 * without a download.
 */
const SPECIAL = "a b#c%d;e,f Jürgen";
const QUERY = "security-group-changes";

function jsonlRows(text: string, columns: readonly string[]): (string | null)[][] {
  return text
    .split("\n")
    .filter((l) => l !== "")
    .map((l) => {
      const row = JSON.parse(l) as Record<string, string | null>;
      return columns.map((c) => row[c] ?? null);
    });
}

test("a local query from a work folder and a cache whose paths hold a space, #, %, ;, :, and non-ASCII answers as from plain paths", { skip: hiveSkip(), timeout: 600_000 }, () =>
  withTempDir("paths", async (dir) => {
    const cache = join(dir, `cache ${SPECIAL}:g`, "trailhive");
    mkdirSync(cache, { recursive: true });
    // the real jar cache (made when it is not there yet, so the first run downloads into it, not through a dangling link)
    const jars = mavenRepoDir(defaultCacheDir(process.env, homedir()));
    mkdirSync(jars, { recursive: true });
    symlinkSync(jars, mavenRepoDir(cache));
    const work = join(dir, `work ${SPECIAL}`, "work");
    const before = snapshotTree(dir);
    const expected = evaluateQuery(QUERY, {}, loadRecords(examplesDir));
    assert.ok(expected.rows.length >= 10, `the examples hold security-group changes (${expected.rows.length})`);
    const args = ["run", "--query", QUERY, examplesDir, "--work", work, "--cache-dir", cache, "--format", "jsonl"];
    try {
      // a JVM of its own (the first run), then the kept engine reopening the same metastore
      for (const keep of [["--keep-engine", "0"], []]) {
        const run = await runTrailhive([...args, ...keep], { cwd: dir, timeoutMs: 240_000 });
        assertHandled(run, { exit: 0 });
        assert.deepEqual(jsonlRows(run.stdout, expected.columns), expected.rows);
      }
    } finally {
      await runTrailhive(["engine", "stop", "--work", work], { cwd: dir });
    }
    assertTreeUnchanged(before, snapshotTree(dir), { except: [join(`cache ${SPECIAL}:g`, "trailhive"), `work ${SPECIAL}`] });
  }),
);

test("a failed local job names its cause, not only MapRedTask's return code", { skip: hiveSkip(), timeout: 600_000 }, () =>
  withTempDir("job-cause", async (dir) => {
    const work = join(dir, `work ${SPECIAL}`);
    const setup = await runTrailhive(["run", "--query", QUERY, examplesDir, "--work", work, "--keep-engine", "0", "--format", "csv"], { cwd: dir, timeoutMs: 240_000 });
    assertHandled(setup, { exit: 0 });
    // Hadoop's folders named absolutely under a path with a space: its shuffle cannot find its own map output
    const cacheDir = defaultCacheDir(process.env, homedir());
    const engine = await ensureEngine("4.1.0", { cacheDir, javaHome: process.env.JAVA_HOME });
    const { results } = await withQuickJvm(engine, cacheDir, (jvmArgs) =>
      runHiveSession({
        workDir: work,
        engine,
        jvmArgs,
        settings: { "hadoop.tmp.dir": join(work, "tmp", "hadoop abs") },
        statements: ["SELECT eventname, count(*) FROM cloudtrail GROUP BY eventname"],
      }),
    );
    const [result] = results;
    assert.ok(result !== undefined && !result.ok, JSON.stringify(results));
    assert.match(result.errorLine, /return code 2 .*\(cause: java\.io\.FileNotFoundException: File .*%20.* does not exist\)/);
  }),
);

test("a work folder whose path holds ':' is refused (exit 2) with the reason, before anything is written", () =>
  withTempDir("colon", async (dir) => {
    const before = snapshotTree(dir);
    const work = join(dir, "a:b", "work");
    const run = await runTrailhive(["run", "--query", QUERY, examplesDir, "--work", work], { cwd: dir });
    assertHandled(run, { exit: 2, names: [work, "':'"] });
    assertTreeUnchanged(before, snapshotTree(dir));
  }));
