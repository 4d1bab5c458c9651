// Hostile local clients of a kept engine (issue 14): any local process can connect to its loopback
// port without the token. Each generated client (deep nesting, a huge line, garbage, a wrong token,
// idle connections, a slow drip, half a line) is thrown at a real engine on real Hive 4.1.0, and while
// the lingering ones are still connected a real query through trailhive's client is answered by the
// same JVM. Also a forged or stale engine.json: `engine stop` and `run` must never signal its pid.
import assert from "node:assert/strict";
import { spawn, type ChildProcess } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { connect, type Socket } from "node:net";
import { homedir, tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, test } from "node:test";
import { defaultCacheDir } from "../../src/engine/default-cache-dir.js";
import { ensureEngine, type HiveEngine } from "../../src/engine/ensure-engine.js";
import { ENGINE_DESCRIPTOR_FILE, stopKeptEngine, type KeptEngineDescriptor } from "../../src/engine/kept-engine.js";
import { runHiveSession } from "../../src/engine/run-hive-session.js";
import { hiveSkip, quickJvmArgs } from "../local/support/hive.js";
import { assertHandled, runTrailhive } from "./support/hostile.js";

const isAlive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

interface Hostile {
  name: string;
  /** what it sends once connected (undefined: nothing at all), given the real token */
  send?: (token: string) => Buffer | string;
  /** bytes dripped one at a time, every 100 ms, for as long as the connection is open */
  drip?: boolean;
  /** end its side after sending (half a line, then gone) */
  end?: boolean;
  /** how many such connections at once */
  count?: number;
  /** it never completes a line: it must still be connected when the query is answered */
  lingers?: boolean;
}

/** The class of hostile clients: each is connected, or has just been refused, while the real query runs. */
const hostiles: Hostile[] = [
  { name: "100,000 nested [ without the token", send: () => "[".repeat(100_000) + "\n" },
  { name: "100,000 nested { after the token", send: (t) => `${t}\n` + '{"a":'.repeat(100_000) + "\n" },
  { name: "a 16 MiB line without a newline", send: () => Buffer.alloc(16 << 20, "a") },
  { name: "a 70 MiB request after the token", send: (t) => `${t}\n${JSON.stringify({ request: { pad: "x".repeat(70 << 20) } })}\n` },
  { name: "binary garbage with newlines", send: () => Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 7919) % 256)) },
  { name: "a wrong token", send: () => `${"0".repeat(64)}\n${JSON.stringify({ request: { session: { statements: ["DROP TABLE ev"] } } })}\n` },
  { name: "the old protocol's token field", send: () => JSON.stringify({ token: "0".repeat(64), stop: true }) + "\n" },
  { name: "the real token and not JSON", send: (t) => `${t}\nnot json\n` },
  { name: "half a line, then closed", send: () => '{"tok', end: true },
  { name: "the real token, half a request, then closed", send: (t) => `${t}\n{"stop":tr`, end: true },
  { name: "60 idle connections", count: 60, lingers: true },
  // more than the engine keeps waiting for a token (128): the oldest make room, so the real client gets in
  { name: "200 idle connections", count: 200 },
  { name: "a slow drip of the token", drip: true, lingers: true },
];

function open(port: number, token: string, h: Hostile): Promise<Socket> {
  return new Promise((resolve, reject) => {
    const s = connect({ host: "127.0.0.1", port }, () => {
      if (h.send) {
        const payload = h.send(token);
        if (h.end) s.end(payload);
        else s.write(payload);
      }
      if (h.drip) {
        let i = 0;
        const timer = setInterval(() => (s.destroyed ? clearInterval(timer) : s.write(token[i++ % token.length]!)), 100);
        s.on("close", () => clearInterval(timer));
      }
      resolve(s);
    });
    s.on("error", () => undefined); // a refused or reset hostile connection is expected
    s.once("error", reject);
  });
}

describe("hostile local clients of a kept engine", { skip: hiveSkip(), timeout: 600_000 }, () => {
  let dir: string;
  let work: string;
  let engine: HiveEngine;
  /** run's JVM flags (class-data archive, quick JIT), as run's engines start */
  let quick: string[];
  /** and a first-line deadline longer than the test: the lingering connections are still open when the query is answered */
  let jvmArgs: string[];
  const descriptor = () => JSON.parse(readFileSync(join(work, ENGINE_DESCRIPTOR_FILE), "utf8")) as KeptEngineDescriptor;
  const query = async () => {
    const r = await runHiveSession({ workDir: work, statements: ["SELECT count(*) FROM ev"], engine, keepSeconds: 300, jvmArgs });
    assert.ok(r.results[0]?.ok, JSON.stringify(r.results[0]));
    assert.deepEqual(r.results[0].rows, [["2"]]);
    assert.equal(r.engine.kind, "kept");
    return r.engine.kind === "kept" ? r.engine.pid : -1;
  };

  before(async () => {
    dir = mkdtempSync(join(tmpdir(), "hostile-clients-"));
    work = join(dir, "work");
    const data = join(dir, "data");
    mkdirSync(data);
    writeFileSync(join(data, "events.json"), '{"eventName":"AuthorizeSecurityGroupIngress"}\n{"eventName":"DescribeInstances"}\n');
    const cacheDir = defaultCacheDir(process.env, homedir());
    engine = await ensureEngine("4.1.0", { cacheDir, javaHome: process.env.JAVA_HOME });
    quick = await quickJvmArgs(engine, cacheDir);
    jvmArgs = [...quick, "-Dtrailhive.engine.tokenDeadlineMs=600000"];
    const created = await runHiveSession({
      workDir: work,
      statements: [`CREATE EXTERNAL TABLE ev (eventname STRING) ROW FORMAT SERDE 'org.apache.hadoop.hive.serde2.JsonSerDe' LOCATION 'file://${data}'`],
      engine,
      keepSeconds: 300,
      jvmArgs,
    });
    assert.deepEqual(
      created.results.map((r) => r.ok),
      [true],
    );
  });
  after(async () => {
    await stopKeptEngine(work);
    rmSync(dir, { recursive: true, force: true });
  });

  for (const h of hostiles) {
    test(`${h.name}: the engine answers a real query while it is connected, in the same JVM`, async () => {
      const d = descriptor();
      const sockets = await Promise.all(Array.from({ length: h.count ?? 1 }, () => open(d.port, d.token, h)));
      try {
        assert.equal(await query(), d.pid, "the same engine answered");
        if (h.lingers)
          assert.ok(
            sockets.every((s) => !s.destroyed && !s.readableEnded),
            "the hostile connections were still open when the query was answered",
          );
        assert.ok(isAlive(d.pid));
      } finally {
        for (const s of sockets) s.destroy();
      }
    });
  }

  test("a slow drip is closed at the first-line deadline however often its bytes arrive", async () => {
    await stopKeptEngine(work);
    const shortDeadline = [...quick, "-Dtrailhive.engine.tokenDeadlineMs=1500"];
    await runHiveSession({ workDir: work, statements: ["SELECT 1"], engine, keepSeconds: 300, jvmArgs: shortDeadline });
    const d = descriptor();
    const s = await open(d.port, d.token, { name: "drip", drip: true });
    // bytes every 100 ms: a per-byte timeout would never fire; the engine's total deadline does
    await new Promise((r) => s.on("close", r));
    assert.ok(isAlive(d.pid));
    await stopKeptEngine(work);
  });
});

describe("a forged or stale engine.json", { skip: hiveSkip(), timeout: 600_000 }, () => {
  let dir: string;
  let work: string;
  let sleeper: ChildProcess;
  const logs = join(process.cwd(), "examples/logs");
  const forge = (d: Partial<KeptEngineDescriptor> & Record<string, unknown>) => writeFileSync(join(work, ENGINE_DESCRIPTOR_FILE), JSON.stringify(d));

  before(async () => {
    dir = mkdtempSync(join(tmpdir(), "hostile-descriptor-"));
    work = join(dir, "work");
    sleeper = spawn("sleep", ["300"], { stdio: "ignore" });
    // a real work folder, made by trailhive, without a kept engine
    assertHandled(await runTrailhive(["run", "--query", "security-group-changes", "--work", work, "--keep-engine", "0", "--format", "tsv", logs], { cwd: dir, timeoutMs: 300_000 }), { exit: 0 });
  });
  after(() => {
    sleeper.kill("SIGKILL");
    rmSync(dir, { recursive: true, force: true });
  });

  for (const who of ["a sleep the test started", "the test's own process"]) {
    test(`engine stop and run leave ${who} alone when engine.json names it`, async () => {
      const pid = who.startsWith("a sleep") ? sleeper.pid! : process.pid;
      const forged = { pid, port: 9, token: "f".repeat(64), key: "0".repeat(32) };
      forge(forged);
      const stop = await runTrailhive(["engine", "stop", "--work", work], { cwd: dir });
      assertHandled(stop, { exit: 0, names: [`names pid ${pid}, which is not this folder's engine: left alone`, work] });
      assert.ok(isAlive(pid), "not signalled");
      assert.deepEqual(JSON.parse(readFileSync(join(work, ENGINE_DESCRIPTOR_FILE), "utf8")), forged, "a descriptor trailhive cannot vouch for is left as it is");

      const run = await runTrailhive(["run", "--query", "security-group-changes", "--work", work, "--format", "tsv", logs], { cwd: dir, timeoutMs: 300_000 });
      assertHandled(run, { exit: 0, names: `names pid ${pid}, which is not this folder's engine: left alone` });
      assert.match(run.stdout, /sg-0123456789abcdef0/, "the run still answered");
      assert.ok(isAlive(pid), "not signalled by run");
      assert.deepEqual(JSON.parse(readFileSync(join(work, ENGINE_DESCRIPTOR_FILE), "utf8")), forged);
    });
  }

  test("engine stop forgets a stale descriptor trailhive wrote (its pid now another process) without signalling it", async () => {
    forge({ pid: sleeper.pid!, port: 9, token: "e".repeat(64), key: "0".repeat(32), started: "stat:1" });
    const stop = await runTrailhive(["engine", "stop", "--work", work], { cwd: dir });
    assertHandled(stop, { exit: 0, names: "no Hive engine was running" });
    assert.ok(isAlive(sleeper.pid!), "not signalled");
    assert.equal(existsSync(join(work, ENGINE_DESCRIPTOR_FILE)), false, "the stale descriptor is forgotten");
  });
});
