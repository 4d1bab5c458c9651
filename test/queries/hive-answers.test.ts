// Real Apache Hive answers the library's questions, and the answers equal the reference evaluator's,
// computed in TypeScript straight from the JSON. Hive 4.1.0 (embedded, one JVM for the file) runs
// every library query over the corpus and over examples/logs staged as JSON lines (the jsonl flavor,
// the table the local engine makes); Hive 3.1.3 (what EMR runs) cuts and parses the committed example
// scripts and the migrations `trailhive diff` renders.
import assert from "node:assert/strict";
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { homedir, tmpdir } from "node:os";
import { join } from "node:path";
import { hiveLocation } from "../../src/local/hive-location.js";
import { before, describe, test } from "node:test";
import { defaultCacheDir } from "../../src/engine/default-cache-dir.js";
import { ensureEngine } from "../../src/engine/ensure-engine.js";
import { runHiveSession, type StatementResult } from "../../src/engine/run-hive-session.js";
import { runHarness, type HarnessReport } from "../../src/engine/run-harness.js";
import { inferSources } from "../../src/pipeline/infer-sources.js";
import { getQuery, loadLibrary, renderQuery } from "../../src/queries/library.js";
import { renderTable } from "../../src/render/render-table.js";
import { resolveSources } from "../../src/source/resolve-sources.js";
import { renderView } from "../../src/views/render-view.js";
import { renderMigration } from "../../src/check/render-migration.js";
import type { SchemaFile } from "../../src/schema/schema-file.js";
import type { ObjectShape } from "../../src/schema/shape.js";
import { evaluateQuery } from "../reference/evaluate-query.js";
import { loadRecords } from "../reference/load-records.js";
import { corpusDir, repoRoot } from "../reference/corpus.js";
import { scriptProblems } from "../hive/support/judge.js";
import type { ScriptCase } from "../hive/support/render-everything.js";
import { withQuickJvm } from "../local/support/hive.js";

const corpusPresent = existsSync(corpusDir);
if (!corpusPresent && process.env.CI === "true") throw new Error(`the corpus is missing at ${corpusDir}: CI must clone ../shared beside the repository`);

interface Source {
  label: string;
  table: string;
  records: Record<string, unknown>[];
  schema?: SchemaFile;
}

/** The questions asked of each source: every query with its defaults, and the seed's question with its filters. */
function questions(label: string): { name: string; params: Record<string, string> }[] {
  const principal = label === "corpus" ? "arn:aws:iam::123837392027:user/bert-jan" : "arn:aws:iam::111122223333:user/alice";
  const all = loadLibrary().map((q) => ({ name: q.name, params: (q.name === "principal-activity" ? { principal } : {}) as Record<string, string> }));
  const seed =
    label === "corpus"
      ? { group_id: "sg-0e79c7acdf4a0225e", from: "2026-01-24", to: "2026-01-24", region: "ap-northeast-2" }
      : { group_id: "sg-0123456789abcdef0", from: "2026-11-16", to: "2026-11-22", region: "us-east-1" };
  return [...all, { name: "security-group-changes", params: seed }, { name: "iam-changes", params: { region: "eu-west-1" } }];
}

const work = mkdtempSync(join(tmpdir(), "trailhive-hive-answers-"));
const sources: Source[] = [];
let results: StatementResult[] = [];
const asked: { source: Source; name: string; params: Record<string, string>; index: number }[] = [];
let viewIndex = -1;
let parsed: HarnessReport;
const parseCases: ScriptCase[] = [];

before(async () => {
  const cacheDir = defaultCacheDir(process.env, homedir());
  if (corpusPresent) sources.push({ label: "corpus", table: "ct_corpus", records: loadRecords(corpusDir) });
  sources.push({ label: "examples", table: "ct_examples", records: loadRecords(join(repoRoot, "examples", "logs")) });
  const statements: string[] = [];
  for (const s of sources) {
    // Staged as the local engine stages logs: JSON lines, one event per line.
    const dir = join(work, "data", s.label);
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, "events.jsonl"), s.records.map((r) => JSON.stringify(r) + "\n").join(""));
    s.schema = (await inferSources(await resolveSources([dir]), {})).schema;
    const ddl = renderTable(s.schema, { flavor: "jsonl", table: s.table, location: hiveLocation(dir), partitioned: false });
    statements.push(...ddl.statements.map((x) => x.sql));
    for (const q of questions(s.label)) {
      asked.push({ source: s, ...q, index: statements.length });
      statements.push(renderQuery(getQuery(loadLibrary(), q.name), q.params, { table: s.table }).sql);
    }
  }
  // The seed's typed view, one row per ingress permission, over the examples.
  const examples = sources.at(-1)!;
  const view = renderView(examples.schema!, "ec2:AuthorizeSecurityGroupIngress", { table: examples.table, explode: "ipPermissions.items" });
  statements.push(...view.statements.map((x) => x.sql));
  viewIndex = statements.length;
  statements.push(`SELECT event_id, item_index, item_ip_protocol, item_from_port, item_to_port, item_ip_ranges_items, items_truncated FROM ${view.name} ORDER BY event_id, item_index`);

  // Hive 3.1.3: the committed example scripts and the migrations, as hive -f cuts them.
  for (const dir of ["ddl/views", "ddl/queries"]) {
    for (const name of readdirSync(join(repoRoot, "examples", dir)).sort()) {
      const text = readFileSync(join(repoRoot, "examples", dir, name), "utf8");
      const pieces = text
        .split(/;\n/)
        .map((p) => p.trim())
        .filter((p) => p !== "");
      const kinds = pieces.map((p) => (/^(--.*\n)*DROP VIEW/.test(p) ? "drop-view" : /^(--.*\n)*CREATE VIEW/.test(p) ? "create-view" : "query") as ScriptCase["statements"][number]["kind"]);
      parseCases.push({ name: `examples/${dir}/${name}`, text, statements: pieces.map((sql, i) => ({ kind: kinds[i]!, sql })) });
    }
  }
  const evolved = structuredClone(examples.schema!);
  (evolved.root.fields.find((f) => f.key === "useridentity")!.shape as ObjectShape).fields.push({
    key: "sourceidentity",
    name: "sourceIdentity",
    spellings: ["sourceIdentity"],
    stats: { present: 1, nulls: 0, kinds: { string: 1 } },
    shape: { kind: "string" },
  });
  const added = structuredClone(evolved);
  added.root.fields.push({ key: "newtoplevel", name: "newTopLevel", spellings: ["newTopLevel"], stats: { present: 1, nulls: 0, kinds: { string: 1 } }, shape: { kind: "string" } });
  for (const flavor of ["emr-cloudtrail-serde", "jsonl", "portable"] as const) {
    for (const [label, to] of [
      ["change", evolved],
      ["replace", added],
    ] as const) {
      const migration = renderMigration(examples.schema!, to, { flavor, table: "trail.cloudtrail", location: "s3://b/AWSLogs/", partitioned: true });
      assert.ok(migration.length > 0);
      parseCases.push({ name: `migration/${flavor}/${label}`, text: migration.map((m) => m.sql + ";\n").join("\n"), statements: migration });
    }
  }
  const engine3 = await ensureEngine("3.1.3", { cacheDir });
  const engine4 = await ensureEngine("4.1.0", { cacheDir });
  const [session, report] = await Promise.all([
    withQuickJvm(engine4, cacheDir, (jvmArgs) => runHiveSession({ workDir: join(work, "hive"), statements, engine: engine4, jvmArgs })),
    withQuickJvm(engine3, cacheDir, (jvmArgs) => runHarness({ version: "3.1.3", scripts: parseCases.map(({ name, text }) => ({ name, text })) }, { engine: engine3, jvmArgs })),
  ]);
  results = session.results;
  parsed = report;
});

/** Rows compared as sets (Hive orders ties by other columns as it likes), and Hive's order checked on the ORDER BY keys. */
function sortRows(rows: (string | null)[][]): string[] {
  return rows.map((r) => JSON.stringify(r)).sort();
}

describe("Hive 4.1.0 answers every library query as the reference does", () => {
  test("every statement ran", () => {
    const failed = results.find((r) => !r.ok);
    assert.equal(failed, undefined, failed && !failed.ok ? failed.errorLine : "");
    assert.equal(results.length, viewIndex + 1);
  });
  test("each answer equals the reference evaluator's, and is not empty where the data has the events", () => {
    let nonEmpty = 0;
    for (const q of asked) {
      const got = results[q.index];
      assert.ok(got?.ok, `${q.source.label} ${q.name}`);
      const want = evaluateQuery(q.name, q.params, q.source.records);
      assert.deepEqual(got.columns, want.columns, `${q.source.label} ${q.name} columns`);
      assert.deepEqual(sortRows(got.rows ?? []), sortRows(want.rows), `${q.source.label} ${q.name} ${JSON.stringify(q.params)}`);
      if (want.rows.length > 0) nonEmpty++;
      // Hive's own order follows the ORDER BY keys
      const keys = want.columns.includes("event_time") ? ["event_time", "event_id"] : [];
      const at = keys.map((k) => want.columns.indexOf(k));
      const seq = (got.rows ?? []).map((r) => at.map((i) => r[i] ?? "").join("\u0000"));
      assert.deepEqual(seq, [...seq].sort(), `${q.source.label} ${q.name} is ordered`);
    }
    const examples = asked.filter((q) => q.source.label === "examples");
    assert.ok(
      examples.every((q) => evaluateQuery(q.name, q.params, q.source.records).rows.length > 0),
      "every question has an answer on the examples",
    );
    assert.ok(nonEmpty >= examples.length);
  });
  test("the typed view gives one row per ingress permission, typed", () => {
    const got = results[viewIndex];
    assert.ok(got?.ok);
    const records = sources.at(-1)!.records.filter((r) => r.eventName === "AuthorizeSecurityGroupIngress");
    const want = records
      .flatMap((r) => {
        const items = (r.requestParameters as { ipPermissions?: { items?: Record<string, unknown>[] } } | null)?.ipPermissions?.items ?? [];
        return items.map((item, i) => [
          String(r.eventID),
          String(i),
          String(item.ipProtocol),
          item.fromPort === undefined ? null : String(item.fromPort),
          item.toPort === undefined ? null : String(item.toPort),
          item.ipRanges === undefined ? null : JSON.stringify((item.ipRanges as { items?: unknown }).items ?? null),
          "false",
        ]);
      })
      .sort((a, b) => (a[0]! < b[0]! ? -1 : a[0]! > b[0]! ? 1 : Number(a[1]) - Number(b[1])));
    assert.ok(want.length > 0);
    assert.deepEqual(got.rows, want);
  });
});

describe("Hive 3.1.3 parses the committed examples and the migrations as hive -f cuts them", () => {
  test("every script cuts into the statements meant, each with the right root token", () => {
    const byName = new Map(parsed.scripts.map((s) => [s.name, s.statements]));
    const problems = parseCases.flatMap((c) => scriptProblems(c, byName.get(c.name) ?? []).map((p) => `${c.name}: ${p}`));
    assert.ok(parseCases.length >= 15);
    assert.deepEqual(problems, []);
  });
});
