// engineProcess against real processes: a stand-in whose command line is an engine's (node with the
// engine's arguments after its script), the test's own process, and recorded start times right and wrong.
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import { test } from "node:test";
import { MAIN_CLASS } from "../../src/engine/ensure-engine.js";
import { engineProcess } from "../../src/engine/process-identity.js";

test(
  "a pid is an engine only with the engine's command line and its recorded start time",
  { timeout: 30_000, skip: process.platform !== "linux" && "the start time is read from /proc" },
  async (t) => {
    const descriptorPath = "/tmp/some work/engine.json";
    const child = spawn(process.execPath, ["-e", "setInterval(() => {}, 1000)", MAIN_CLASS, "--serve", descriptorPath, "k1", "600"], { stdio: "ignore" });
    t.after(() => child.kill("SIGKILL"));
    await new Promise((r) => child.once("spawn", r));
    const pid = child.pid!;
    // exec has replaced the forked image once its command line names the script's arguments
    while (!readFileSync(`/proc/${pid}/cmdline`, "utf8").includes("--serve")) await new Promise((r) => setTimeout(r, 20));
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    const started = `stat:${stat.slice(stat.lastIndexOf(")") + 2).split(" ")[19]}`;
    const claim = { descriptorPath, key: "k1", mainClass: MAIN_CLASS };

    assert.equal(engineProcess(pid, { ...claim, started }), "engine");
    assert.equal(engineProcess(pid, claim), "engine", "a descriptor without a start time (an older engine's) by its command line");
    assert.equal(engineProcess(pid, { ...claim, started: "stat:1" }), "reused", "started at another time: the pid is another process now");
    assert.equal(engineProcess(pid, { ...claim, key: "k2", started }), "other", "another build's key");
    assert.equal(engineProcess(pid, { ...claim, descriptorPath: "/tmp/other/engine.json", started }), "other", "another folder's engine");
    assert.equal(engineProcess(process.pid, claim), "other", "this test's own process");
  },
);

test("an exited process that its parent has not reaped is gone, not a process to leave alone", { timeout: 30_000, skip: process.platform !== "linux" && "the state is read from /proc" }, async () => {
  // kill(pid, 0) still succeeds on a zombie (a killed engine whose parent, the command that started
  // it, has not reaped it yet). Node reaps its own children at once, so the zombie's parent here is
  // a shell that became a `sleep`, which never waits.
  const sh = spawn("sh", ["-c", "sleep 0.1 & echo $!; exec sleep 30"], { stdio: ["ignore", "pipe", "ignore"] });
  const pid = Number(await new Promise<string>((r) => sh.stdout.once("data", (c: Buffer) => r(c.toString()))));
  while (readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1]?.[0] !== "Z") await new Promise((r) => setTimeout(r, 20));
  process.kill(pid, 0); // the test's premise: the zombie answers the probe
  assert.equal(engineProcess(pid, { descriptorPath: "/w/engine.json", key: "k", mainClass: MAIN_CLASS, started: "stat:1" }), "gone");
  sh.kill("SIGKILL");
});
