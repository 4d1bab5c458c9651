import { test } from "node:test";
import assert from "node:assert/strict";
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, utimesSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseSchema } from "../../src/schema/schema-io.js";
import type { SchemaFile } from "../../src/schema/schema-file.js";
import { localDeps } from "../../src/local/local-deps.js";
import { runLocalInvestigation, type LocalRunEvent } from "../../src/local/run-local-investigation.js";
import type { HiveSession, StatementResult } from "../../src/local/hive-session.js";
import { resolveSources } from "../../src/source/resolve-sources.js";
import { examplesDir } from "./support/corpus.js";

/**
 * The work folder's bookkeeping, without a JVM: which statements each run sends to Hive. The session
 * here only records statements (the Hive tests run the same orchestration on the real engine); the
 * reader, schema inference, DDL and partitions are the real ones.
 */
function recordingSession(): { session: HiveSession; runs: string[][] } {
  const runs: string[][] = [];
  return {
    runs,
    session: async ({ statements }) => {
      runs.push([...statements]);
      return { results: statements.map((): StatementResult => ({ ok: true, columns: ["n"], rows: [["1"]] })) };
    },
  };
}

/** Work folders let go of (their kept engine stopped), with whether the folder still held its manifest then. */
const releases: { workDir: string; manifestThere: boolean }[] = [];

async function run(logs: string, work: string, session: HiveSession, options: { fresh?: boolean; table?: string; schema?: SchemaFile } = {}) {
  const events: LocalRunEvent[] = [];
  const deps = localDeps({ sources: [logs], session });
  const { files } = await resolveSources([logs], {});
  const outcome = await runLocalInvestigation(
    {
      files,
      workDir: work,
      fresh: options.fresh ?? false,
      table: options.table ?? "cloudtrail_logs",
      scripts: [{ name: "q", statements: ["SELECT 1"] }],
      ...(options.schema ? { schema: options.schema } : {}),
    },
    { ...deps, onEvent: (e) => events.push(e), releaseWorkFolder: async (workDir) => void releases.push({ workDir, manifestThere: existsSync(join(workDir, "manifest.json")) }) },
  );
  return { outcome, kinds: events.map((e) => e.kind).filter((k) => k !== "staging") };
}

test("cold, warm, another table, changed logs, --fresh: staging and DDL only when needed", async () => {
  const dir = mkdtempSync(join(tmpdir(), "local-work-"));
  try {
    const logs = join(dir, "logs");
    cpSync(examplesDir, logs, { recursive: true });
    const work = join(dir, "work");
    const { session, runs } = recordingSession();

    releases.length = 0;
    const cold = await run(logs, work, session);
    assert.deepEqual(cold.kinds, ["staged", "table-creating", "session-starting"]);
    assert.match(runs[0]?.[0] ?? "", /^CREATE EXTERNAL TABLE cloudtrail_logs \(/);
    assert.match(runs[0]?.[0] ?? "", /ROW FORMAT SERDE 'org\.apache\.hadoop\.hive\.serde2\.JsonSerDe'/);
    assert.match(
      runs[0]?.[1] ?? "",
      /^ALTER TABLE cloudtrail_logs ADD IF NOT EXISTS\n {2}PARTITION \(account = '111122223333', region = 'eu-west-1', `year` = '2026', `month` = '11', `day` = '17'\) LOCATION 'file:\/\//,
    );
    assert.equal(runs[0]?.at(-1), "SELECT 1");
    assert.deepEqual(cold.outcome.scripts[0]?.results, [{ columns: ["n"], rows: [["1"]] }]);

    const warm = await run(logs, work, session);
    assert.deepEqual(warm.kinds, ["staging-reused", "table-reused", "session-starting"]);
    assert.deepEqual(runs[1], ["SELECT 1"], "a second query over unchanged logs sends only the query");

    const other = await run(logs, work, session, { table: "ct2" });
    assert.deepEqual(other.kinds, ["staging-reused", "table-creating", "session-starting"]);
    assert.match(runs[2]?.[0] ?? "", /^CREATE EXTERNAL TABLE ct2 /, "a new table name: new DDL, same staged files");

    // a log file changes: staged again, in a new metastore (so no DROP is needed)
    const file = join(logs, "AWSLogs/111122223333/CloudTrail/eu-west-1/2026/11/17/111122223333_CloudTrail_eu-west-1_20261117T1305Z_08ee2e52bc8078ec.json.gz");
    utimesSync(file, new Date(), new Date(Date.now() + 5000));
    assert.deepEqual(releases, [], "nothing to let go of while the folder is new or kept");
    const changed = await run(logs, work, session);
    assert.deepEqual(changed.kinds, ["staged", "table-creating", "session-starting"]);
    assert.deepEqual(releases, [{ workDir: work, manifestThere: true }], "the engine holding the old metastore is stopped before the folder is emptied");
    assert.doesNotMatch(runs[3]?.join("\n") ?? "", /DROP TABLE/);

    // a different schema for the same table (userIdentity not described): dropped (EXTERNAL, so the staged files stay) and created again
    const schema = JSON.parse(readFileSync(join(work, "schema.json"), "utf8")) as { root: { fields: { name: string }[] } };
    const given = parseSchema(JSON.stringify({ ...schema, root: { ...schema.root, fields: schema.root.fields.filter((f) => f.name !== "userIdentity") } }), "the test's schema");
    const reshaped = await run(logs, work, session, { schema: given });
    assert.deepEqual(reshaped.kinds, ["staging-reused", "table-creating", "session-starting"]);
    assert.equal(runs[4]?.[0], "DROP TABLE IF EXISTS cloudtrail_logs");

    const fresh = await run(logs, work, session, { fresh: true });
    assert.deepEqual(fresh.kinds, ["staged", "table-creating", "session-starting"]);
    assert.equal(releases.length, 2, "--fresh lets go of the folder too");
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test("a failing setup statement is reported with Hive's line and the table is not recorded as created", async () => {
  const dir = mkdtempSync(join(tmpdir(), "local-fail-"));
  try {
    const work = join(dir, "work");
    const failing: HiveSession = async ({ statements }) => ({
      results: [{ ok: false, errorLine: "", message: "org.apache.hadoop.hive.ql.parse.SemanticException: Line 1:2 bad\n\tat org.apache.Foo(Foo.java:1)" }].slice(0, statements.length),
    });
    await assert.rejects(
      run(examplesDir, work, failing),
      (e: Error) => /could not create the table cloudtrail_logs over the staged logs: SemanticException: Line 1:2 bad \(statement: CREATE/.test(e.message) && !/\tat /.test(e.message),
    );
    const { session, runs } = recordingSession();
    const again = await run(examplesDir, work, session);
    assert.deepEqual(again.kinds, ["staging-reused", "table-creating", "session-starting"]);
    assert.match(runs[0]?.[0] ?? "", /^CREATE EXTERNAL TABLE/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
