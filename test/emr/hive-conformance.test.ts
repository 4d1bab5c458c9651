// The EMR script and result format against real Apache Hive (hive-engine): the uploaded script cut as
// `hive -f` cuts it and parsed by Hive 3.1.3's parser (EMR 7 runs Hive 3.1.3); the INSERT OVERWRITE
// DIRECTORY format written by a real Hive 4.1.0 session and read back by trailhive's parser; and the
// failure fixture's Hive error line compared with what that session prints. One JVM per Hive version.
import assert from "node:assert/strict";
import { mkdtempSync, readdirSync, readFileSync } from "node:fs";
import { homedir, tmpdir } from "node:os";
import { join } from "node:path";
import { describe, it } from "node:test";
import { defaultCacheDir } from "../../src/engine/default-cache-dir.js";
import { runHarness } from "../../src/engine/run-harness.js";
import { runHiveSession } from "../../src/engine/run-hive-session.js";
import { quoteString } from "../../src/hive/quote.js";
import { parseResultText } from "../../src/emr/result-row-format.js";
import { insertDirectoryClause } from "../../src/emr/build-emr-script.js";
import { runCli, startEmrWorld } from "./cli-harness.js";
import { ensureEngine } from "../../src/engine/ensure-engine.js";
import { withQuickJvm } from "../local/support/hive.js";

const cacheDir = defaultCacheDir(process.env, homedir());
const FIXTURE_LINE = readFileSync(new URL("./fixtures/hive-table-not-found.stderr", import.meta.url), "utf8").split("\n")[1];

describe("the EMR script and result format in real Hive", () => {
  it("every statement of the uploaded script parses with Hive 3.1.3 as hive -f cuts it", async () => {
    const w = await startEmrWorld();
    let script: string;
    try {
      const run = await runCli([
        "run",
        "--dry-run",
        "--json",
        "--cluster",
        "j-1",
        "--query",
        "security-group-changes",
        "--param",
        "from=2026-01-20",
        "--param",
        "to=2026-01-21",
        "--param",
        "who=it's; -- me",
        "--location",
        "s3://trail",
        "--accounts",
        "111122223333",
        "--regions",
        "us-east-1",
        "eu-west-1",
        "--staging",
        "s3://staging/trailhive",
        "--schema",
        w.schemaPath,
        "--run-id",
        "parse",
      ]);
      assert.equal(run.code, 0, run.stderr);
      script = (JSON.parse(run.stdout) as { script: string }).script;
    } finally {
      await w.stop();
    }
    const engine = await ensureEngine("3.1.3", { cacheDir });
    const report = await withQuickJvm(engine, cacheDir, (jvmArgs) => runHarness({ version: "3.1.3", scripts: [{ name: "emr", text: script }] }, { engine, jvmArgs }));
    const statements = report.scripts[0]?.statements ?? [];
    // SET is a hive-cli command (SetProcessor), never given to the parser; everything else must parse.
    const [set, ...rest] = statements;
    assert.equal(set?.sql.trim(), "SET hive.exec.compress.output=false");
    assert.deepEqual(
      rest.map((s) => (s.ok ? s.root : `${s.sql.slice(0, 60)}: ${s.error}`)),
      ["TOK_CREATETABLE", "TOK_ALTERTABLE", "TOK_QUERY"],
    );
    const query = rest[2];
    assert.ok(query?.sql.includes("INSERT OVERWRITE DIRECTORY"), "the query is the statement that writes the answer");
  });

  it("what Hive 4.1.0 writes with the result format reads back value for value, and its error line matches the fixture", async () => {
    // The result folder stands for EMR's s3:// staging prefix, which is plain: CI's TMPDIR holds a space,
    // '#' and '%' (for the local engine's paths), and INSERT OVERWRITE DIRECTORY takes its text as a URI.
    const work = mkdtempSync(join(/^[\w/.-]+$/.test(tmpdir()) ? tmpdir() : "/tmp", "trailhive-emr-hive-"));
    const out = join(work, "results");
    const values: (string | null)[][] = [
      ['{"groupId":"sg-1","items":[{"cidrIp":"0.0.0.0/0"}]}', "tab\there", "line1\nline2\r\nline3", "\\N", null, "back\\slash; 'q' \"dq\" \u0001\u0002"],
      ["", "--not a comment", "ünïcødé ✓", "x", "y", "z"],
    ];
    const select = values.map((row, i) => `SELECT ${i} AS k, ${row.map((v, j) => `${v === null ? "CAST(NULL AS STRING)" : quoteString(v)} AS c${j}`).join(", ")}`).join("\nUNION ALL\n");
    const engine = await ensureEngine("4.1.0", { cacheDir, javaHome: process.env.JAVA_HOME });
    const r = await withQuickJvm(engine, cacheDir, (jvmArgs) =>
      runHiveSession({
        workDir: join(work, "hive"),
        engine,
        jvmArgs,
        statements: [
          // no ORDER BY: a map-only job is much faster; rows carry k to be put in order here
          `${insertDirectoryClause(`file://${out}/`)}\nSELECT k, c0, c1, c2, c3, c4, c5 FROM (\n${select}\n) t`,
          "select * from no_such_table",
        ],
      }),
    );
    assert.equal(r.results[0]?.ok, true, JSON.stringify(r.results[0]));
    const files = readdirSync(out)
      .filter((f) => !f.startsWith(".") && !f.startsWith("_"))
      .sort();
    assert.ok(files.length > 0, "Hive wrote result files");
    const rows = files.flatMap((f) => parseResultText(readFileSync(join(out, f), "utf8")));
    assert.equal(rows.length, values.length);
    assert.deepEqual(
      rows.sort((a, b) => Number(a[0]) - Number(b[0])).map((r) => r.slice(1)),
      values,
    );
    const failed = r.results[1];
    assert.equal(failed?.ok, false);
    if (failed && !failed.ok) assert.equal(failed.errorLine, FIXTURE_LINE);
  });
});
