import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { homedir, tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { embeddedHiveSession } from "../../src/local/embedded-hive.js";
import { localDeps } from "../../src/local/local-deps.js";
import type { HiveSession, SessionResult } from "../../src/local/hive-session.js";
import { runLocalInvestigation, type LocalRunOutcome } from "../../src/local/run-local-investigation.js";
import { getQuery, loadLibrary, renderQuery } from "../../src/queries/library.js";
import { readLogFile } from "../../src/records/read-log-file.js";
import { resolveSources } from "../../src/source/resolve-sources.js";
import { evaluateQuery } from "../reference/evaluate-query.js";
import { loadRecords } from "../reference/load-records.js";
import { hiveSkip } from "../local/support/hive.js";
import { corpusDir, corpusSkip } from "../local/support/corpus.js";
import { listFiles, readBytes } from "../schema/support/corpus.js";
import { writeShapes, type CloudTrailRecord } from "./support/write-shapes.js";

/**
 * Done-when of "every shape", the `run` half: the corpus's invictus set written in every shape gives
 * the same answers on the embedded Hive 4.1.0 as the native files. Each shape goes through `run`'s own
 * path (runLocalInvestigation: real staging into its own work folder, the table over it) with its own
 * table name; their statements are collected and run in ONE Hive session (one JVM for every shape),
 * in the first work folder's metastore: the tables are external, over each folder's staged events.
 */
const QUERIES = ["security-group-changes", "iam-changes"] as const;

/**
 * A HiveSession for `calls` runs at once: each run's request waits until all of them have asked, then
 * one real session runs their statements in turn and each run gets back its own results.
 */
function sharedSession(real: HiveSession): { session: HiveSession; asked: () => Promise<void>; runAll: () => Promise<void> } {
  const waiting: { statements: string[]; workDir: string; resolve: (r: SessionResult) => void }[] = [];
  let signal: (() => void) | undefined;
  return {
    session: ({ workDir, statements }) =>
      new Promise((resolve) => {
        waiting.push({ workDir, statements, resolve });
        signal?.();
      }),
    asked: () => new Promise((resolve) => (signal = resolve)),
    runAll: async () => {
      const { results } = await real({ workDir: waiting[0]!.workDir, statements: waiting.flatMap((w) => w.statements) });
      let at = 0;
      for (const w of waiting) {
        w.resolve({ results: results.slice(at, at + w.statements.length) });
        at += w.statements.length;
      }
    },
  };
}

describe("the invictus set in every shape on the embedded Hive", { skip: hiveSkip() || corpusSkip() }, () => {
  let dir: string;
  before(() => {
    dir = mkdtempSync(join(tmpdir(), "trailhive-shapes-hive-"));
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  test("every shape gives the native files' rows for security-group-changes and iam-changes", async () => {
    const root = join(corpusDir, "invictus-aws_dataset");
    const cases = new Map<string, Record<string, Buffer>>([["native", {}]]);
    let events = 0;
    for (const path of listFiles(root)) {
      const bytes = readBytes(root, path);
      const result = readLogFile(bytes, path);
      if (result.kind !== "log") continue;
      events += result.records.length;
      cases.get("native")![path] = bytes;
      for (const shape of writeShapes(result.records as CloudTrailRecord[])) {
        const name = shape.file.replace(/\W+/g, "_");
        if (!cases.has(name)) cases.set(name, {});
        cases.get(name)![`${path}.${shape.file}`] = shape.bytes;
      }
    }
    assert.ok(cases.size >= 12 && events >= 100, `${cases.size - 1} shapes of ${events} events`);

    const cacheDir = process.env["XDG_CACHE_HOME"] ? join(process.env["XDG_CACHE_HOME"], "trailhive") : join(homedir(), ".cache", "trailhive");
    const shared = sharedSession(embeddedHiveSession({ cacheDir, keepMinutes: 0 }));
    const library = loadLibrary();
    const runs: { name: string; outcome: Promise<LocalRunOutcome> }[] = [];
    for (const [name, files] of cases) {
      const logs = join(dir, "logs", name);
      for (const [key, bytes] of Object.entries(files)) {
        mkdirSync(dirname(join(logs, key)), { recursive: true });
        writeFileSync(join(logs, key), bytes);
      }
      const table = `shape_${name}`;
      const scripts = QUERIES.map((q) => {
        const rendered = renderQuery(getQuery(library, q), {}, { table, partitioned: true });
        return { name: q, statements: [rendered.sql], columns: rendered.columns };
      });
      const { files: sources } = await resolveSources([logs], {});
      const deps = localDeps({ sources: [logs], session: shared.session });
      const asked = shared.asked();
      const outcome = runLocalInvestigation({ files: sources, workDir: join(dir, "work", name), fresh: true, table, scripts }, { ...deps });
      // one staging at a time (each stages on its own parse threads): the next starts once this one waits for Hive
      await Promise.race([asked, outcome.then(() => assert.fail(`${name} ran without asking for a session`))]);
      runs.push({ name, outcome });
    }
    await shared.runAll();

    const answers = new Map<string, LocalRunOutcome>();
    for (const run of runs) {
      const outcome = await run.outcome;
      assert.equal(outcome.failure, undefined, `${run.name}: ${JSON.stringify(outcome.failure)}`);
      assert.equal(outcome.staging.records, events, `${run.name}: every event staged`);
      assert.equal(outcome.staging.skipped.length, 0, run.name);
      answers.set(run.name, outcome);
    }
    const rows = (name: string, query: number) => answers.get(name)!.scripts[query]!.results[0]!.rows;
    QUERIES.forEach((q, i) => assert.ok(rows("native", i).length > 0, `${q} has rows on the native files`));
    // and the native answer is the reference evaluator's, so a shared failure of every shape cannot pass
    const records = loadRecords(root);
    QUERIES.forEach((q, i) => assert.deepEqual(rows("native", i), evaluateQuery(q, {}, records).rows, `${q}: the reference's rows`));
    for (const name of cases.keys()) {
      QUERIES.forEach((q, i) => assert.deepEqual(rows(name, i), rows("native", i), `${name}: ${q} as on the native files`));
    }
  });
});
