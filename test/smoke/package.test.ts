import { test } from "node:test";
import assert from "node:assert/strict";
import { execFileSync, spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { dirname, resolve } from "node:path";

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), "../..");

// The package as a user runs it: built with tsc, started through bin/trailhive.js.
test("the built CLI starts, lists its commands, and rejects unknown flags with exit 2", () => {
  execFileSync("npm", ["run", "--silent", "build"], { cwd: repoRoot, stdio: "pipe" });
  const help = spawnSync(process.execPath, ["bin/trailhive.js", "--help"], { cwd: repoRoot, encoding: "utf8" });
  assert.equal(help.status, 0, help.stderr);
  for (const cmd of ["infer", "ddl", "query", "run", "partitions", "view", "check", "diff", "status", "logs", "engine"]) {
    assert.match(help.stdout, new RegExp(`trailhive ${cmd}\\b`), `--help lists ${cmd}`);
  }
  const bad = spawnSync(process.execPath, ["bin/trailhive.js", "infer", "somewhere", "--bogus-flag"], { cwd: repoRoot, encoding: "utf8" });
  assert.equal(bad.status, 2);
  assert.match(bad.stderr, /bogus-flag/);
  // The SDK's Node-version warning is silenced for CLI users (docs/ARCHITECTURE.md, Decisions).
  assert.doesNotMatch(bad.stderr, /NodeVersionSupportWarning/);
});
