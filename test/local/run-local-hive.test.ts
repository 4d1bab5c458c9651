import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { main } from "../../src/cli/main.js";
import { embeddedHiveSession } from "../../src/local/embedded-hive.js";
import { localDeps } from "../../src/local/local-deps.js";
import { runLocalInvestigation, type LocalScript } from "../../src/local/run-local-investigation.js";
import { resolveSources } from "../../src/source/resolve-sources.js";
import { getQuery, loadLibrary, renderQuery } from "../../src/queries/library.js";
import type { ResultSet } from "../../src/output/format-results.js";
import { evaluateQuery } from "../reference/evaluate-query.js";
import { loadRecords } from "../reference/load-records.js";
import { captureTerminal } from "./support/capture-terminal.js";
import { corpusDir, corpusSkip, examplesDir } from "./support/corpus.js";
import { hiveSkip } from "./support/hive.js";
import { stopKeptEngine } from "../../src/engine/kept-engine.js";

/**
 * The local engine end to end on real Apache Hive 4.1.0: the CLI answers the seed's question on the
 * corpus (cold: stages, creates the table, one JVM), then every library query runs in ONE more JVM on
 * the same work folder (warm: nothing staged or created again), each answer equal to the TypeScript
 * reference computed from the JSON; a script with an error shows Hive's error line. The examples run
 * every query cold in one JVM. Four JVMs in all: one per step, never one per query.
 */
const TABLE = "cloudtrail";

/** Parameters for the queries that need one, chosen so the answer is not empty. */
function paramsFor(name: string, records: readonly Record<string, unknown>[]): Record<string, string> {
  if (name !== "principal-activity") return {};
  const arns = records.map((r) => (r["userIdentity"] as { arn?: unknown } | undefined)?.arn).filter((a): a is string => typeof a === "string");
  const counts = new Map<string, number>();
  for (const a of arns) counts.set(a, (counts.get(a) ?? 0) + 1);
  const [top] = [...counts].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));
  return { principal: top?.[0] ?? "" };
}

function jsonlRows(text: string, columns: string[]): (string | null)[][] {
  return text
    .split("\n")
    .filter((l) => l !== "")
    .map((l) => {
      const row = JSON.parse(l) as Record<string, string | null>;
      assert.deepEqual(Object.keys(row), columns);
      return columns.map((c) => row[c] ?? null);
    });
}

/** Every library query in one Hive session (warm: over a work folder the CLI already made), each compared with the reference. */
async function everyQuery(logs: string, work: string, records: Record<string, unknown>[], options: { warm: boolean; columnar?: boolean }): Promise<{ name: string; rows: number }[]> {
  const library = loadLibrary();
  const session = embeddedHiveSession({ cacheDir: defaultCache(), keepMinutes: 0 });
  const deps = localDeps({ sources: [logs], session });
  const scripts: LocalScript[] = library.map((def) => {
    const q = renderQuery(getQuery(library, def.name), paramsFor(def.name, records), { table: TABLE, partitioned: true });
    return { name: def.name, statements: [q.sql], columns: q.columns };
  });
  const { files } = await resolveSources([logs], {});
  const outcome = await runLocalInvestigation({ files, workDir: work, fresh: false, table: TABLE, scripts }, { ...deps });
  assert.equal(outcome.failure, undefined, JSON.stringify(outcome.failure));
  assert.equal(outcome.stagingReused, options.warm, "a second run over unchanged logs stages nothing");
  assert.equal(outcome.tableReused, options.warm, "and creates no table");
  if (options.columnar !== undefined) assert.equal(outcome.columnar, options.columnar, "the table read is the columnar copy");
  return outcome.scripts.map((s, i) => {
    const def = library[i]!;
    const [result] = s.results as [ResultSet];
    const expected = evaluateQuery(def.name, paramsFor(def.name, records), records);
    assert.deepEqual(result.columns, expected.columns, def.name);
    // The same rows; order compared only where the query's ORDER BY decides it (rows that tie on
    // every sort key, such as the corpus's hand-copied duplicate events, may come in any order).
    assert.deepEqual(sortedRows(result.rows), sortedRows(expected.rows), `${def.name}: Hive's answer equals the reference`);
    assert.deepEqual(
      result.rows.map((r) => r[0]),
      expected.rows.map((r) => r[0]),
      `${def.name}: in the reference's order`,
    );
    return { name: def.name, rows: result.rows.length };
  });
}

async function waitFor(check: () => boolean, timeoutMs: number): Promise<boolean> {
  for (const until = Date.now() + timeoutMs; Date.now() < until; await new Promise((r) => setTimeout(r, 250))) if (check()) return true;
  return check();
}

function sortedRows(rows: (string | null)[][]): string[] {
  return rows.map((r) => JSON.stringify(r)).sort();
}

function defaultCache(): string {
  const xdg = process.env["XDG_CACHE_HOME"];
  return join(xdg !== undefined && xdg !== "" ? xdg : join(process.env["HOME"] ?? tmpdir(), ".cache"), "trailhive");
}

describe("run --local on the corpus", { skip: corpusSkip() || hiveSkip() }, () => {
  let work: string;
  let records: Record<string, unknown>[];
  before(() => {
    work = mkdtempSync(join(tmpdir(), "local-corpus-"));
    records = loadRecords(corpusDir);
  });
  after(async () => {
    await stopKeptEngine(work);
    rmSync(work, { recursive: true, force: true });
  });

  test("the seed's question: exactly the security-group changes in the logs, as TypeScript computes them", async () => {
    const term = captureTerminal();
    const exit = await main(["run", "--query", "security-group-changes", corpusDir, "--work", work, "--format", "jsonl", "--strict"], term);
    const expected = evaluateQuery("security-group-changes", {}, records);
    assert.ok(expected.rows.length >= 10, `the corpus holds security-group changes (${expected.rows.length})`);
    // the corpus holds invalid files: they are skipped with reasons, and --strict turns that into exit 3
    assert.equal(exit, 3, term.err());
    assert.match(term.err(), /skipped .*invalid JSON/);
    assert.match(term.err(), /staged [\d,]+ events from [\d,]+ files into [\d,]+ partitions \(\d+ files skipped\)/);
    assert.doesNotMatch(term.err(), /\tat |Exception in thread/, "no Java stack on the terminal");
    const rows = jsonlRows(term.out(), expected.columns);
    assert.deepEqual(rows, expected.rows);
    const names = new Set(rows.map((r) => r[expected.columns.indexOf("event_name")]));
    for (const n of ["AuthorizeSecurityGroupIngress", "RevokeSecurityGroupIngress", "ModifySecurityGroupRules"]) assert.ok(names.has(n), n);
  });

  test("every library query, warm, in one JVM: answers equal to the reference", async () => {
    const answers = await everyQuery(corpusDir, work, records, { warm: true });
    assert.ok(answers.filter((a) => a.rows > 0).length >= 6, JSON.stringify(answers));
  });

  test("the kept engine makes a columnar copy after an answer; every library query on it equals the reference", async () => {
    // The first run on a machine makes Java's class-data archive in a JVM of its own and keeps none:
    // then the next run starts the kept engine, which takes the copy.
    let handedOff = false;
    for (let attempt = 0; attempt < 2 && !handedOff; attempt++) {
      const term = captureTerminal();
      assert.equal(await main(["run", "--query", "security-group-changes", corpusDir, "--work", work, "--format", "jsonl"], term), 0, term.err());
      handedOff = /Hive makes a columnar copy of cloudtrail while idle/.test(term.err());
    }
    assert.ok(handedOff, "a run handed the copy to the kept engine");
    const done = await waitFor(() => readdirSync(work).some((n) => /^columnar-[0-9a-f]{16}\.done$/.test(n)), 300_000);
    assert.ok(done, "the engine wrote the copy's done file");
    const answers = await everyQuery(corpusDir, work, records, { warm: true, columnar: true });
    assert.ok(answers.filter((a) => a.rows > 0).length >= 6, JSON.stringify(answers));
    const term = captureTerminal();
    assert.equal(await main(["run", "--query", "security-group-changes", corpusDir, "--work", work, "--format", "jsonl"], term), 0, term.err());
    assert.match(term.err(), /table cloudtrail is already in the work folder's metastore \(its columnar copy\)/);
    assert.doesNotMatch(term.err(), /columnar copy of cloudtrail while idle/, "a copy is made once");
  });

  test("a script with a broken statement: the rows before it, then Hive's error line (no stack), exit 1", async () => {
    const script = join(work, "..", `broken-${process.pid}.hql`);
    writeFileSync(script, `-- how many events; and then a typo\nSELECT count(*) AS events FROM ${TABLE};\nSELEC eventname FROM ${TABLE};\n`);
    try {
      const term = captureTerminal();
      const exit = await main(["run", "-f", script, corpusDir, "--work", work, "--format", "csv"], term);
      assert.equal(exit, 1, term.err());
      // Hive sees every staged event: none lost to the SerDe (the reference counts only events with a name or version)
      const staged = Number(/logs unchanged: reusing ([\d,]+) staged events/.exec(term.err())?.[1]?.replace(/,/g, ""));
      assert.ok(staged >= records.length, `${staged} staged`);
      assert.equal(term.out(), `events\r\n${staged}\r\n`);
      assert.match(term.err(), /Hive refused .*broken-\d+\.hql: .*ParseException.*\n {2}in: SELEC eventname/);
      assert.doesNotMatch(term.err(), /\tat /);
    } finally {
      rmSync(script, { force: true });
    }
  });

  test("the engine stays up for the next query until `trailhive engine stop`", async () => {
    // By now a run has found Java's class-data archive (the first run on a machine makes it, in a JVM of
    // its own), so `run` kept its engine: the next query goes to that same JVM.
    const status = captureTerminal();
    assert.equal(await main(["engine", "status", "--work", work, "--json"], status), 0, status.err());
    const [running] = (JSON.parse(status.out()) as { engines: { pid: number; workDir: string }[] }).engines;
    assert.ok(running !== undefined, "an engine is running for the work folder");
    const term = captureTerminal();
    assert.equal(await main(["run", "--query", "security-group-changes", corpusDir, "--work", work, "--format", "jsonl"], term), 0, term.err());
    assert.equal(jsonlRows(term.out(), evaluateQuery("security-group-changes", {}, records).columns).length, evaluateQuery("security-group-changes", {}, records).rows.length);
    const again = captureTerminal();
    await main(["engine", "status", "--work", work, "--json"], again);
    assert.deepEqual(JSON.parse(again.out()), { engines: [running] }, "the same JVM answered");

    const stop = captureTerminal();
    assert.equal(await main(["engine", "stop", "--work", work], stop), 0);
    assert.match(stop.err(), new RegExp(`stopped the Hive engine of .* \\(pid ${running.pid}\\)`));
    const none = captureTerminal();
    await main(["engine", "status", "--work", work, "--json"], none);
    assert.deepEqual(JSON.parse(none.out()), { engines: [] });
  });

  test("--keep-engine 0 with an engine up: that engine answers and is stopped after the run, with no columnar copy handed to it", async () => {
    const expected = evaluateQuery("security-group-changes", {}, records);
    const kept = captureTerminal();
    assert.equal(await main(["run", "--query", "security-group-changes", corpusDir, "--work", work, "--format", "jsonl"], kept), 0, kept.err());
    const status = captureTerminal();
    await main(["engine", "status", "--work", work, "--json"], status);
    const [running] = (JSON.parse(status.out()) as { engines: { pid: number }[] }).engines;
    assert.ok(running !== undefined, `the default run kept its engine: ${kept.err()}`);

    const once = captureTerminal();
    assert.equal(await main(["run", "--query", "security-group-changes", corpusDir, "--work", work, "--format", "jsonl", "--keep-engine", "0"], once), 0, once.err());
    assert.equal(jsonlRows(once.out(), expected.columns).length, expected.rows.length);
    const after = captureTerminal();
    await main(["engine", "status", "--work", work, "--json"], after);
    assert.deepEqual(JSON.parse(after.out()), { engines: [] }, "no engine is left running");
    assert.throws(() => process.kill(running.pid, 0), /ESRCH/, `the kept JVM (pid ${running.pid}) has exited`);
    assert.doesNotMatch(once.err(), /stays up/);
  });
});

describe("run --local on the example logs", { skip: hiveSkip() }, () => {
  let work: string;
  const records = loadRecords(examplesDir);
  before(() => {
    work = mkdtempSync(join(tmpdir(), "local-examples-"));
  });
  after(async () => {
    await stopKeptEngine(work);
    rmSync(work, { recursive: true, force: true });
  });

  test("every library query in one JVM (cold: staged and created in the same session): answers equal to the reference, none empty", async () => {
    const answers = await everyQuery(examplesDir, work, records, { warm: false });
    assert.deepEqual(
      answers.filter((a) => a.rows === 0),
      [],
      "the examples hold a match for every query",
    );
  });

  test("a table the metastore lost (a script dropped it) is made again by the next run, which answers", async () => {
    const session = embeddedHiveSession({ cacheDir: defaultCache(), keepMinutes: 0 });
    const deps = localDeps({ sources: [examplesDir], session });
    const { files } = await resolveSources([examplesDir], {});
    const runScript = async (statements: string[]) => {
      const events: string[] = [];
      const outcome = await runLocalInvestigation({ files, workDir: work, fresh: false, table: TABLE, scripts: [{ name: "s", statements }] }, { ...deps, onEvent: (e) => events.push(e.kind) });
      return { outcome, events };
    };
    const dropped = await runScript([`DROP TABLE ${TABLE}`]);
    assert.equal(dropped.outcome.failure, undefined, JSON.stringify(dropped.outcome.failure));
    const counted = await runScript([`SELECT count(*) FROM ${TABLE}`]);
    assert.equal(counted.outcome.failure, undefined, JSON.stringify(counted.outcome.failure));
    assert.deepEqual(
      counted.events.filter((k) => k.startsWith("table-")),
      ["table-reused", "table-lost"],
    );
    assert.deepEqual(counted.outcome.scripts[0]?.results[0]?.rows, [[String(records.length)]]);
    const again = await runScript([`SELECT count(*) FROM ${TABLE}`]);
    assert.deepEqual(
      again.events.filter((k) => k.startsWith("table-")),
      ["table-reused"],
      "made again once, then reused",
    );
  });
});
