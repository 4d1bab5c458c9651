// The kept engine (one JVM per work folder, answering requests until idle) on real Hive 4.1.0, through
// the same runHiveSession the CLI uses: reuse, a session per request, the token, replacement of an
// engine of another build or a dead one, stop, and the idle timeout.
import assert from "node:assert/strict";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { connect } from "node:net";
import { homedir, tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, test } from "node:test";
import { defaultCacheDir } from "../../src/engine/default-cache-dir.js";
import { ensureEngine, type HiveEngine } from "../../src/engine/ensure-engine.js";
import { ENGINE_DESCRIPTOR_FILE, ENGINE_LOG_FILE, stopKeptEngine, type KeptEngineDescriptor } from "../../src/engine/kept-engine.js";
import { handOffHiveSession, runHiveSession, type SessionResult } from "../../src/engine/run-hive-session.js";
import { hiveSkip, quickJvmArgs } from "../local/support/hive.js";

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** Polls for a state; the bound only turns a hang into a failure (a loaded machine starts a job slowly). */
async function waitUntil(what: string, done: () => boolean, timeoutMs = 180_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!done()) {
    if (Date.now() > deadline) assert.fail(`timed out waiting until ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

function rowsOf(result: SessionResult, i: number): (string | null)[][] | undefined {
  const r = result.results[i];
  assert.ok(r?.ok, JSON.stringify(r));
  return r.rows;
}

function kept(result: SessionResult): { pid: number; started: boolean; served: number } {
  assert.equal(result.engine.kind, "kept");
  if (result.engine.kind !== "kept") throw new Error("unreachable");
  const { pid, started, served } = result.engine;
  return { pid, started, served };
}

describe("a kept Hive engine", { skip: hiveSkip() }, () => {
  let dir: string;
  let work: string;
  let engine: HiveEngine;
  /** run's JVM flags (class-data archive, quick JIT): every engine here starts with them, as run's do */
  let quick: string[];
  /** The engine the last request went to: the tests follow it from their own results, not from a file read at a guessed moment. */
  let current = -1;
  const descriptor = () => JSON.parse(readFileSync(join(work, ENGINE_DESCRIPTOR_FILE), "utf8")) as KeptEngineDescriptor;
  const session = async (statements: string[], extra: { keepSeconds?: number; jvmArgs?: string[] } = {}) => {
    const r = await runHiveSession({ workDir: work, statements, engine, ...extra, jvmArgs: [...quick, ...(extra.jvmArgs ?? [])] });
    if (r.engine.kind === "kept") current = r.engine.pid;
    return r;
  };

  /**
   * Starts a query whose MapReduce job would sleep ten minutes a row (GROUP BY makes the job; a column
   * in the argument keeps the sleep from being folded at compile time), and returns once the job runs.
   */
  const sleepingJob = async (signal?: AbortSignal) => {
    const log = join(work, ENGINE_LOG_FILE);
    const jobsStarted = () => (readFileSync(log, "utf8").match(/Job running in-process/g) ?? []).length;
    const before = jobsStarted();
    const pending = runHiveSession({
      workDir: work,
      statements: ["SELECT eventname, max(reflect('java.lang.Thread', 'sleep', CAST(600000 + length(eventname) * 0 AS BIGINT))) FROM ev GROUP BY eventname"],
      engine,
      keepSeconds: 300,
      jvmArgs: quick,
      ...(signal ? { signal } : {}),
    });
    pending.catch(() => undefined); // awaited by the caller; not an unhandled rejection meanwhile
    await waitUntil("the slow query's job runs", () => jobsStarted() > before);
    return { pending };
  };

  before(async () => {
    dir = mkdtempSync(join(tmpdir(), "kept-engine-"));
    work = join(dir, "work");
    const data = join(dir, "data");
    mkdirSync(data);
    writeFileSync(join(data, "events.json"), '{"eventName":"AuthorizeSecurityGroupIngress"}\n{"eventName":"DescribeInstances"}\n');
    const cacheDir = defaultCacheDir(process.env, homedir());
    engine = await ensureEngine("4.1.0", { cacheDir, javaHome: process.env.JAVA_HOME });
    quick = await quickJvmArgs(engine, cacheDir);
    const created = await session([`CREATE EXTERNAL TABLE ev (eventname STRING) ROW FORMAT SERDE 'org.apache.hadoop.hive.serde2.JsonSerDe' LOCATION 'file://${data}'`], { keepSeconds: 300 });
    assert.deepEqual(
      created.results.map((r) => r.ok),
      [true],
    );
    assert.equal(kept(created).started, true);
  });
  after(async () => {
    await stopKeptEngine(work);
    rmSync(dir, { recursive: true, force: true });
  });

  test("answers the work folder's next requests in the same JVM, each in a session of its own", async () => {
    const pid = current;
    const first = await session(["SET hivevar:who=DescribeInstances", "SELECT count(*) FROM ev WHERE eventname = '${hivevar:who}'"], { keepSeconds: 300 });
    assert.deepEqual(kept(first), { pid, started: false, served: 2 });
    assert.deepEqual(rowsOf(first, 1), [["1"]]);
    // the variable set by the request before is not there: a new session per request
    const second = await session(["SELECT '${hivevar:who}'", "SELECT eventname FROM ev ORDER BY eventname"], { keepSeconds: 300 });
    assert.deepEqual(kept(second), { pid, started: false, served: 3 });
    assert.deepEqual(rowsOf(second, 0), [["${hivevar:who}"]]);
    assert.deepEqual(rowsOf(second, 1), [["AuthorizeSecurityGroupIngress"], ["DescribeInstances"]]);
    // a request that does not ask to keep an engine still goes to the running one: it holds the metastore
    const third = await session(["SELECT count(*) FROM ev"]);
    assert.deepEqual(kept(third), { pid, started: false, served: 4 });
    assert.deepEqual(rowsOf(third, 0), [["2"]]);
  });

  test("refuses a request without its token, and goes on answering", async () => {
    const d = descriptor();
    assert.equal(d.pid, current);
    const reply = await new Promise<string>((resolve, reject) => {
      let text = "";
      const socket = connect({ host: "127.0.0.1", port: d.port }, () =>
        socket.end(`${"0".repeat(64)}\n${JSON.stringify({ request: { session: { workDir: work, statements: ["DROP TABLE ev"] } } })}\n`),
      );
      socket.on("data", (c: Buffer) => (text += c.toString("utf8")));
      socket.on("error", reject);
      socket.on("close", () => resolve(text));
    });
    assert.deepEqual(JSON.parse(reply), { refused: "wrong token" });
    const after = await session(["SELECT count(*) FROM ev"], { keepSeconds: 300 });
    assert.equal(kept(after).pid, d.pid);
    assert.deepEqual(rowsOf(after, 0), [["2"]], "the table is still there");
  });

  test("an engine of another build is replaced, and a dead engine's descriptor is forgotten", async () => {
    const old = current;
    const other = await session(["SELECT count(*) FROM ev"], { keepSeconds: 300, jvmArgs: ["-Dtrailhive.test.build=2"] });
    assert.equal(kept(other).started, true);
    assert.notEqual(kept(other).pid, old);
    assert.equal(isAlive(old), false, "the engine of the other build was stopped");
    assert.deepEqual(rowsOf(other, 0), [["2"]], "the new engine opens the same metastore");

    process.kill(kept(other).pid, "SIGKILL");
    await waitUntil("the killed engine is gone", () => !isAlive(kept(other).pid));
    assert.ok(existsSync(join(work, ENGINE_DESCRIPTOR_FILE)), "a killed JVM leaves its descriptor behind");
    const revived = await session(["SELECT count(*) FROM ev"], { keepSeconds: 300, jvmArgs: ["-Dtrailhive.test.build=2"] });
    assert.equal(kept(revived).started, true);
    assert.notEqual(kept(revived).pid, kept(other).pid);
    assert.deepEqual(rowsOf(revived, 0), [["2"]]);
  });

  test("stop ends the engine and removes its descriptor; an idle engine stops by itself", async () => {
    const pid = current;
    assert.equal(await stopKeptEngine(work), true);
    assert.equal(isAlive(pid), false);
    assert.equal(existsSync(join(work, ENGINE_DESCRIPTOR_FILE)), false);
    assert.equal(await stopKeptEngine(work), false, "nothing left to stop");

    const brief = await session(["SELECT count(*) FROM ev"], { keepSeconds: 2 });
    assert.equal(kept(brief).started, true);
    await waitUntil("the idle engine stops", () => !isAlive(kept(brief).pid));
    assert.equal(existsSync(join(work, ENGINE_DESCRIPTOR_FILE)), false, "and removes its descriptor");
  });

  test("two commands at once with no engine running share one new engine", async () => {
    const both = await Promise.all([session(["SELECT count(*) FROM ev"], { keepSeconds: 300 }), session(["SELECT count(*) FROM ev"], { keepSeconds: 300 })]);
    assert.deepEqual(both.map((r) => kept(r).started).sort(), [false, true], `one started it, the other waited for it: ${JSON.stringify(both.map((r) => r.engine))}`);
    assert.equal(kept(both[0]!).pid, kept(both[1]!).pid);
    assert.deepEqual(both.map((r) => kept(r).served).sort(), [1, 2]);
    assert.deepEqual(
      both.map((r) => rowsOf(r, 0)),
      [[["2"]], [["2"]]],
    );
  });

  test("a command that goes away mid-query has its jobs killed, so the engine answers the next one", { timeout: 240_000 }, async () => {
    const pid = current;
    const log = join(work, ENGINE_LOG_FILE);
    const controller = new AbortController();
    const slow = await sleepingJob(controller.signal);
    controller.abort();
    await assert.rejects(slow.pending, /interrupted while Hive was answering/);
    // without the kill, this would wait behind the sleeping job for ten minutes (past the test's timeout)
    const next = await session(["SELECT count(*) FROM ev"], { keepSeconds: 300 });
    assert.equal(kept(next).pid, pid, "the same engine");
    assert.deepEqual(rowsOf(next, 0), [["2"]]);
    assert.match(readFileSync(log, "utf8"), /the client went away; killing its running jobs/);
  });

  test("background work runs once after its client left, and yields to a request a user waits on", { timeout: 240_000 }, async () => {
    const pid = current;
    const log = join(work, ENGINE_LOG_FILE);
    const doneFile = join(work, "copy.done");
    // No engine of this build, no hand-off: background work never starts a JVM.
    assert.equal(await handOffHiveSession({ engine, workDir: work, statements: ["SELECT 1"], doneFile, jvmArgs: [...quick, "-Dtrailhive.test.build=none"] }), false);
    const copy = ["CREATE TABLE ev_copy STORED AS ORC AS SELECT eventname FROM ev"];
    assert.equal(await handOffHiveSession({ engine, workDir: work, statements: copy, doneFile, jvmArgs: quick }), true);
    await waitUntil("the background work wrote its done file", () => existsSync(doneFile));
    const read = await session(["SELECT count(*) FROM ev_copy"], { keepSeconds: 300 });
    assert.equal(kept(read).pid, pid, "the same engine");
    assert.deepEqual(rowsOf(read, 0), [["2"]], "the background statements ran though their client had gone");
    // Done once: the same work again is skipped (a second CREATE of ev_copy would fail and leave a trace).
    assert.equal(await handOffHiveSession({ engine, workDir: work, statements: copy, doneFile, jvmArgs: quick }), true);
    const after = await session(["SELECT count(*) FROM ev_copy"], { keepSeconds: 300 });
    assert.deepEqual(rowsOf(after, 0), [["2"]]);
    assert.doesNotMatch(readFileSync(log, "utf8"), /AlreadyExistsException|Table ev_copy already exists/);

    // Background work holding Hive with a job that would sleep ten minutes: a user's request makes it yield.
    const slowDone = join(work, "slow.done");
    const jobsStarted = () => (readFileSync(log, "utf8").match(/Job running in-process/g) ?? []).length;
    const before = jobsStarted();
    const slow = ["SELECT eventname, max(reflect('java.lang.Thread', 'sleep', CAST(600000 + length(eventname) * 0 AS BIGINT))) FROM ev GROUP BY eventname", "SELECT 1"];
    assert.equal(await handOffHiveSession({ engine, workDir: work, statements: slow, doneFile: slowDone, jvmArgs: quick }), true);
    await waitUntil("the background job runs", () => jobsStarted() > before);
    const waited = await session(["SELECT count(*) FROM ev"], { keepSeconds: 300 });
    assert.deepEqual(rowsOf(waited, 0), [["2"]], "answered long before the background job's ten minutes");
    assert.match(readFileSync(log, "utf8"), /a request is waiting; stopping the background work/);
    assert.equal(existsSync(slowDone), false, "work that yielded is not done");
  });

  test("background work's last step, once begun, runs to its end while a user's request waits", { timeout: 240_000 }, async () => {
    // The columnar copy's swap (drop the table, rename the copy) stopped halfway left no table at all:
    // a query arriving then failed "Table not found" (CI, 2026-12-03). Here the step holds a job of
    // about four seconds (two rows, two seconds each) between a CREATE and the RENAME.
    const log = join(work, ENGINE_LOG_FILE);
    const doneFile = join(work, "step.done");
    const yieldNotes = () => (readFileSync(log, "utf8").match(/stopping the background work/g) ?? []).length;
    const jobsStarted = () => (readFileSync(log, "utf8").match(/Job running in-process/g) ?? []).length;
    const [notesBefore, jobsBefore] = [yieldNotes(), jobsStarted()];
    const sleepy = "reflect('java.lang.Thread', 'sleep', CAST(2000 + length(eventname) * 0 AS BIGINT))";
    const step = [
      "DROP TABLE IF EXISTS ev_step",
      "CREATE TABLE ev_step (n BIGINT)",
      `INSERT INTO ev_step SELECT count(*) FROM ev WHERE coalesce(${sleepy}, 'slept') IS NOT NULL`,
      "ALTER TABLE ev_step RENAME TO ev_stepped",
    ];
    assert.equal(await handOffHiveSession({ engine, workDir: work, statements: step, doneFile, commitFrom: 2, jvmArgs: quick }), true);
    await waitUntil("the step's job runs", () => jobsStarted() > jobsBefore);
    const waited = await session(["SELECT n FROM ev_stepped"], { keepSeconds: 300 });
    assert.deepEqual(rowsOf(waited, 0), [["2"]], "the request waited for the step and saw all of it");
    assert.equal(existsSync(doneFile), true, "the work is done");
    assert.equal(yieldNotes(), notesBefore, "nothing was asked to stop");
  });

  test("stop ends an engine busy with a long query", { timeout: 240_000 }, async () => {
    const pid = current;
    const slow = await sleepingJob();
    const outcome = slow.pending.then(
      () => "answered",
      (e: Error) => e.message,
    );
    // the engine reads the stop only after its query: stop gives it a bounded time, then signals
    assert.equal(await stopKeptEngine(work, { timeoutMs: 2_000 }), true);
    assert.equal(isAlive(pid), false);
    assert.match(await outcome, /stopped while answering/);
    const next = await session(["SELECT count(*) FROM ev"], { keepSeconds: 300 });
    assert.equal(kept(next).started, true);
  });

  test("an engine that dies while answering is reported with its log, not asked again", { timeout: 240_000 }, async () => {
    // killed once the engine has taken the request and its job runs (not after a guessed delay:
    // killed before it took the request, the request would rightly go to a new engine instead)
    const slow = await sleepingJob();
    const { pid } = descriptor();
    process.kill(pid, "SIGKILL");
    await assert.rejects(slow.pending, /the kept Hive engine \(pid \d+\) stopped while answering .*its log is .*engine\.log/s);
    const next = await session(["SELECT count(*) FROM ev"], { keepSeconds: 300 });
    assert.equal(kept(next).started, true, "the next request starts a new engine");
    assert.deepEqual(rowsOf(next, 0), [["2"]]);
  });
});
