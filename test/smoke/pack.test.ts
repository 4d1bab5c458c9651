import { test } from "node:test";
import assert from "node:assert/strict";
import { execFileSync, spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), "../..");

// What a user gets from the registry: `npm pack`'s tarball installed into an empty project, its bin
// run from there. Catches files missing from package.json "files" (templates, schemas, the engine's
// jars) and paths that only work inside the repository.
test("the packed tarball installs into a fresh folder and its bin renders DDL and infers a schema", () => {
  const dir = mkdtempSync(join(tmpdir(), "trailhive-pack-"));
  try {
    execFileSync("npm", ["pack", repoRoot, "--pack-destination", dir, "--silent"], { cwd: dir, stdio: "pipe" });
    const tarball = readdirSync(dir).find((f) => f.endsWith(".tgz"));
    assert.ok(tarball !== undefined, "npm pack wrote a tarball");
    const app = join(dir, "app");
    execFileSync("mkdir", [app]);
    writeFileSync(join(app, "package.json"), JSON.stringify({ name: "app", private: true }));
    execFileSync("npm", ["install", "--no-audit", "--no-fund", "--prefer-offline", join(dir, tarball)], { cwd: app, stdio: "pipe" });
    const bin = join(app, "node_modules", ".bin", "trailhive");
    const run = (args: string[]) => spawnSync(bin, args, { cwd: app, encoding: "utf8" });

    const version = run(["--version"]);
    assert.equal(version.status, 0, version.stderr);
    assert.equal(version.stdout.trim(), (JSON.parse(readFileSync(join(repoRoot, "package.json"), "utf8")) as { version: string }).version);

    const ddl = run(["ddl", "--schema", join(repoRoot, "examples/trailhive.schema.json"), "--flavor", "emr-cloudtrail-serde", "--table", "ct", "--location", "s3://b/AWSLogs/", "--partitioned"]);
    assert.equal(ddl.status, 0, ddl.stderr);
    assert.match(ddl.stdout, /^CREATE EXTERNAL TABLE ct \($/m);
    assert.match(ddl.stdout, /ROW FORMAT SERDE 'com\.amazon\.emr\.hive\.serde\.CloudTrailSerde'/);

    const infer = run(["infer", join(repoRoot, "examples/logs"), "-o", "-", "--quiet"]);
    assert.equal(infer.status, 0, infer.stderr);
    const schema = JSON.parse(infer.stdout) as { format: string; records: number };
    assert.equal(schema.format, "trailhive-schema");
    assert.ok(schema.records > 0);
    // the installed package knows its library queries (templates shipped in the tarball)
    const list = run(["query", "list"]);
    assert.equal(list.status, 0, list.stderr);
    assert.match(list.stdout, /security-group-changes/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
