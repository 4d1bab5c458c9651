import { test } from "node:test";
import { spawnSync } from "node:child_process";
import assert from "node:assert/strict";
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { main } from "../../src/cli/main.js";
import { captureTerminal } from "./support/capture-terminal.js";
import { examplesDir, repoRoot } from "./support/corpus.js";

// Bad input that must be refused before any JVM starts: each a clear message and exit 2.

test("an unknown query names the known ones, exit 2, and nothing is staged", async () => {
  const work = mkdtempSync(join(tmpdir(), "local-usage-"));
  try {
    const term = captureTerminal();
    const exit = await main(["run", "--query", "who-did-it", examplesDir, "--work", join(work, "w")], term);
    assert.equal(exit, 2);
    assert.match(term.err(), /no query named "who-did-it": choose one of .*security-group-changes/);
    assert.equal(term.out(), "");
    assert.equal(existsSync(join(work, "w")), false, "nothing staged for a query that cannot run");
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
});

test("an unknown or malformed parameter is refused with the query's parameters, exit 2", async () => {
  const unknown = captureTerminal();
  assert.equal(await main(["run", "--query", "security-group-changes", "--param", "group=sg-1", examplesDir], unknown), 2);
  assert.match(unknown.err(), /security-group-changes has no parameter "group": its parameters are group_id/);
  const malformed = captureTerminal();
  assert.equal(await main(["run", "--query", "security-group-changes", "--param", "group_id", examplesDir], malformed), 2);
  assert.match(malformed.err(), /--param group_id: write it as NAME=VALUE/);
  const missing = captureTerminal();
  assert.equal(await main(["run", "--query", "principal-activity", examplesDir], missing), 2);
  assert.match(missing.err(), /principal-activity needs --param principal=/);
});

test("a folder with no CloudTrail logs: each file skipped with its reason, then exit 2", async () => {
  const dir = mkdtempSync(join(tmpdir(), "local-nologs-"));
  try {
    const logs = join(dir, "logs");
    mkdirSync(logs);
    writeFileSync(join(logs, "README.md"), "# not logs\n");
    writeFileSync(join(logs, "broken.json"), '{"Records": [');
    const term = captureTerminal();
    const exit = await main(["run", "--query", "security-group-changes", logs, "--work", join(dir, "work")], term);
    assert.equal(exit, 2);
    assert.match(term.err(), /skipped README\.md: .*not JSON/);
    assert.match(term.err(), /skipped broken\.json: .*invalid JSON/);
    assert.match(term.err(), /no CloudTrail events in the logs given \(0 log file\(s\) read, 2 skipped\)/);
    assert.equal(term.out(), "");
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test("a missing folder and a --work folder that holds other files are refused, exit 2", async () => {
  const dir = mkdtempSync(join(tmpdir(), "local-work-"));
  try {
    const missing = captureTerminal();
    assert.equal(await main(["run", "--query", "security-group-changes", join(dir, "nowhere")], missing), 2);
    assert.match(missing.err(), /nowhere does not exist/);
    writeFileSync(join(dir, "thesis.tex"), "precious");
    const theirs = captureTerminal();
    assert.equal(await main(["run", "--query", "security-group-changes", examplesDir, "--work", dir], theirs), 2);
    assert.match(theirs.err(), /the work folder .* holds files trailhive cannot tell it wrote \(thesis\.tex; no \.trailhive-work marker\).*give --work an empty or new folder, or remove .* yourself/);
    assert.equal(existsSync(join(dir, "thesis.tex")), true);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test("no Java 17 on the machine: a message that says how to install one, exit 2, before anything is staged", async () => {
  const dir = mkdtempSync(join(tmpdir(), "local-nojava-"));
  try {
    // A real process whose PATH has no java (and no JAVA_HOME): the CLI as a user would meet it.
    const cli = `const { main } = await import(${JSON.stringify(join(repoRoot, "src/cli/main.ts"))}); process.exitCode = await main(process.argv.slice(1));`;
    const env = { ...process.env, PATH: dir, JAVA_HOME: "" };
    const run = spawnSync(process.execPath, ["--import", "tsx", "--input-type=module", "-e", cli, "run", "--query", "security-group-changes", examplesDir, "--work", join(dir, "work")], {
      cwd: repoRoot,
      env,
      encoding: "utf8",
    });
    assert.equal(run.status, 2, run.stderr);
    assert.match(run.stderr, /Java 17/);
    assert.match(run.stderr, /apt-get install openjdk-17-jre-headless|adoptium/);
    assert.doesNotMatch(run.stderr, /\n\s+at /, "no stack trace");
    assert.equal(existsSync(join(dir, "work")), false, "nothing staged without Java");
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
