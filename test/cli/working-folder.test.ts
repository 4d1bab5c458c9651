import { test } from "node:test";
import assert from "node:assert/strict";
import { copyFileSync, cpSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { main } from "../../src/cli/main.js";
import { capture } from "../support/capture-terminal.js";
import { repoRoot } from "../reference/corpus.js";

/**
 * Every command reads the paths it is given against the same working folder, the terminal's (a
 * library caller's cwd), never the process's: run from a folder that is not process.cwd().
 */
test("view, diff, ddl, infer, partitions and query resolve relative paths against the working folder, and a missing schema file is named as given", async () => {
  const dir = mkdtempSync(join(tmpdir(), "trailhive-cwd-"));
  try {
    copyFileSync(join(repoRoot, "examples", "trailhive.schema.json"), join(dir, "s.json"));
    cpSync(join(repoRoot, "templates", "queries"), join(dir, "my-queries"), { recursive: true });
    assert.notEqual(process.cwd(), dir);

    const view = capture({ cwd: dir });
    assert.equal(await main(["view", "ec2:AuthorizeSecurityGroupIngress", "--schema", "s.json", "-o", "v.hql"], view.term), 0, view.stderr());
    assert.match(readFileSync(join(dir, "v.hql"), "utf8"), /CREATE VIEW/);

    const diff = capture({ cwd: dir });
    assert.equal(await main(["diff", "s.json", "s.json"], diff.term), 0, diff.stderr());

    const ddl = capture({ cwd: dir });
    assert.equal(await main(["ddl", "--schema", "s.json", "--table", "t", "--location", "s3://trail/AWSLogs/"], ddl.term), 0, ddl.stderr());
    assert.match(ddl.stdout(), /CREATE EXTERNAL TABLE/);

    cpSync(join(repoRoot, "examples", "logs"), join(dir, "logs"), { recursive: true });
    const infer = capture({ cwd: dir });
    assert.equal(await main(["infer", "logs", "-o", "inferred.json", "--quiet"], infer.term), 0, infer.stderr());
    assert.match(readFileSync(join(dir, "inferred.json"), "utf8"), /"eventVersions"/);
    const partitions = capture({ cwd: dir });
    assert.equal(await main(["partitions", "logs"], partitions.term), 0, partitions.stderr());
    assert.match(partitions.stdout(), /^ALTER TABLE cloudtrail ADD IF NOT EXISTS$/m);

    const query = capture({ cwd: dir });
    assert.equal(await main(["query", "list", "--templates", "my-queries"], query.term), 0, query.stderr());
    assert.match(query.stdout(), /security-group-changes/);

    const missing = capture({ cwd: dir });
    assert.equal(await main(["view", "ec2:AuthorizeSecurityGroupIngress", "--schema", "nope.json"], missing.term), 2);
    assert.match(missing.stderr(), /cannot read the schema file nope\.json: run trailhive infer first, or pass --schema FILE \(no such file\)/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
