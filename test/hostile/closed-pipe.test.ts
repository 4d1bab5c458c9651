import { test } from "node:test";
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { withTempDir } from "./support/hostile.js";

const here = dirname(fileURLToPath(import.meta.url));
const TSX = pathToFileURL(createRequire(import.meta.url).resolve("tsx")).href;
const examples = join(here, "..", "..", "examples", "logs");

/** Runs the CLI with its stdout's reader gone from the start, as `| head -0` leaves it. */
function closedEarly(args: string[], cwd: string): Promise<{ code: number | null; signal: NodeJS.Signals | null; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ["--import", TSX, join(here, "support", "cli-entry.ts"), ...args], { cwd, stdio: ["ignore", "pipe", "pipe"] });
    const err: Buffer[] = [];
    child.stderr.on("data", (c: Buffer) => err.push(c));
    child.stdout.destroy();
    const timer = setTimeout(() => child.kill("SIGKILL"), 60_000);
    child.on("error", reject);
    child.on("close", (code, signal) => {
      clearTimeout(timer);
      resolve({ code, signal, stderr: Buffer.concat(err).toString("utf8") });
    });
  });
}

test("a reader that has closed the pipe (| head) ends the command quietly: no EPIPE stack, exit 0", () =>
  withTempDir("closed-pipe", async (dir) => {
    for (const args of [
      ["query", "list"],
      ["infer", examples, "-o", "-", "--quiet"],
    ]) {
      const r = await closedEarly(args, dir);
      assert.equal(r.signal, null, r.stderr);
      assert.doesNotMatch(r.stderr, /EPIPE|internal error|^\s+at /m, `${args.join(" ")}: ${r.stderr}`);
      assert.equal(r.code, 0, `${args.join(" ")}: ${r.stderr}`);
    }
  }));
