// --report's mistakes are told before any log is read or engine started (issue 19), and report
// schema names a schema file it cannot read.
import assert from "node:assert/strict";
import { existsSync } from "node:fs";
import { join } from "node:path";
import { test } from "node:test";
import { assertHandled, runTrailhive, withTempDir } from "../hostile/support/hostile.js";

const LOGS = join(import.meta.dirname, "..", "..", "examples", "logs");

test("run and detect refuse a --report in a folder that does not exist before staging, and --report with --detach", () =>
  withTempDir("report-usage", async (dir) => {
    const work = join(dir, "work");
    const run = await runTrailhive(["run", "--query", "security-group-changes", "--work", work, "--report", "no such/x.html", LOGS], { cwd: dir });
    assertHandled(run, { exit: 2, names: "cannot write no such/x.html: its folder does not exist; give --report a file in a folder that exists" });
    assert.equal(existsSync(work), false, "nothing was staged");
    const detect = await runTrailhive(["detect", "--rules", join(LOGS, "..", "rules"), "--work", work, "--report", "no such/x.html", LOGS], { cwd: dir });
    assertHandled(detect, { exit: 2, names: "give --report a file" });
    const detach = await runTrailhive(["run", "--query", "security-group-changes", "--cluster", "j-1", "--staging", "s3://b/t", "--detach", "--report", "x.html"], { cwd: dir });
    assertHandled(detach, { exit: 2, names: "--report needs the rows, and --detach leaves before they exist" });
    const missing = await runTrailhive(["report", "schema", "gone.schema.json"], { cwd: dir });
    assertHandled(missing, { exit: 2, names: "gone.schema.json" });
    assert.equal(existsSync(join(dir, "gone.schema.html")), false);
  }));
