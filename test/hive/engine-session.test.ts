// The engine check: in one embedded Hive 4.1.0 session (Derby metastore and warehouse in a temp
// folder), the portable flavor over the log files as CloudTrail delivers them (one single-line
// {"Records":[...]} per file) and the emr-hcatalog flavor over the records staged one per line (as
// CloudTrailInputFormat splits them on EMR), from the corpus and the examples together, each with its
// view; every library query runs on both, and its answer equals the TypeScript reference's.
import assert from "node:assert/strict";
import { existsSync, mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { homedir, tmpdir } from "node:os";
import { join } from "node:path";
import { before, test } from "node:test";
import { defaultCacheDir } from "../../src/engine/default-cache-dir.js";
import { runHiveSession, type SessionResult } from "../../src/engine/run-hive-session.js";
import { TEXT_INPUT_FORMAT, CLOUDTRAIL_INPUT_FORMAT } from "../../src/flavors/flavor.js";
import { inferSources } from "../../src/pipeline/infer-sources.js";
import { loadLibrary } from "../../src/queries/library.js";
import { renderQuery } from "../../src/queries/render-query.js";
import { readLogFile } from "../../src/records/read-log-file.js";
import { renderTable } from "../../src/render/render-table.js";
import { resolveSources } from "../../src/source/resolve-sources.js";
import { renderView } from "../../src/views/render-view.js";
import { evaluateQuery } from "../reference/evaluate-query.js";
import { corpusRoot, examplesRoot } from "../schema/support/corpus.js";
import { ensureEngine } from "../../src/engine/ensure-engine.js";
import { withQuickJvm } from "../local/support/hive.js";

const FLAVORS = ["portable", "emr-hcatalog"] as const;
type Rec = Record<string, unknown>;

interface Planned {
  label: string;
  /** index of the statement's result */
  at: number;
  expected?: { columns: string[]; rows: (string | null)[][] };
}

let session: SessionResult;
let planned: Planned[] = [];
let statements: string[] = [];
let recordCount = 0;

before(async () => {
  const corpusPresent = existsSync(corpusRoot);
  if (!corpusPresent && process.env.CI === "true") throw new Error(`the corpus is missing at ${corpusRoot}; CI must provide ../shared/corpus`);
  const roots = [...(corpusPresent ? [corpusRoot] : []), examplesRoot];
  const resolved = await resolveSources(roots);
  const { schema } = await inferSources(resolved);
  const work = mkdtempSync(join(tmpdir(), "trailhive-hive-engine-"));
  const files = join(work, "staged", "files");
  const lines = join(work, "staged", "lines");
  mkdirSync(files, { recursive: true });
  mkdirSync(lines, { recursive: true });
  const records: Rec[] = [];
  const perLine: string[] = [];
  // One line per delivered file (CloudTrail writes each as one line), all in one text file: the rows are
  // the same as over separate files, and local MapReduce runs one split instead of hundreds.
  const fileLines: string[] = [];
  for (const f of resolved.files) {
    const r = readLogFile(await f.store.get(f.key), f.key);
    if (r.kind !== "log") continue;
    records.push(...r.records);
    fileLines.push(JSON.stringify({ Records: r.records }));
    for (const rec of r.records) perLine.push(JSON.stringify(rec));
  }
  writeFileSync(join(lines, "records.json"), perLine.join("\n") + "\n");
  writeFileSync(join(files, "files.json"), fileLines.join("\n") + "\n");
  recordCount = records.length;

  const library = loadLibrary();
  const topPrincipal = mostCommon(records.map((r) => (r.userIdentity as Rec | undefined)?.arn).filter((a): a is string => typeof a === "string"));
  statements = [];
  planned = [];
  const add = (label: string, sql: string, expected?: Planned["expected"]) => {
    planned.push({ label, at: statements.length, ...(expected ? { expected } : {}) });
    statements.push(sql);
  };
  for (const flavor of FLAVORS) {
    const table = flavor === "portable" ? "ct_portable" : "ct_hcatalog";
    const location = `file://${flavor === "portable" ? files : lines}`;
    const out = renderTable(schema, { flavor, table, location, partitioned: false });
    for (const s of out.statements) {
      // Apache Hive has no CloudTrailInputFormat: the staged one-record-per-line text stands in for it.
      add(`${flavor}: ${s.kind}`, s.sql.replaceAll(CLOUDTRAIL_INPUT_FORMAT, TEXT_INPUT_FORMAT));
    }
    add(`${flavor}: row count`, `SELECT count(*) FROM ${table}`, { columns: ["_c0"], rows: [[String(records.length)]] });
    const view = renderView(schema, "ec2:AuthorizeSecurityGroupIngress", { table, explode: "ipPermissions.items", name: `${table}_sg_ingress` });
    for (const s of view.statements) add(`${flavor}: view ${s.kind}`, s.sql);
    add(`${flavor}: view rows`, `SELECT count(*) FROM ${view.name}`);
    for (const def of library) {
      const params: Record<string, string> = def.params.some((p) => p.name === "principal" && p.required) ? { principal: topPrincipal } : {};
      const q = renderQuery(def, params, { table, partitioned: false });
      add(`${flavor}: query ${def.name}`, q.sql, evaluateQuery(def.name, params, records));
    }
  }
  const cacheDir = defaultCacheDir(process.env, homedir());
  const engine = await ensureEngine("4.1.0", { cacheDir, javaHome: process.env.JAVA_HOME });
  session = await withQuickJvm(engine, cacheDir, (jvmArgs) => runHiveSession({ workDir: join(work, "hive"), statements, engine, jvmArgs }));
  if (process.env.TRAILHIVE_DEBUG) for (const p of planned) console.log(p.label, session.results[p.at]?.ms);
  const queries = planned.filter((p) => p.label.includes(": query ")).length;
  const matching = planned.filter((p) => p.label.includes(": query ") && answerProblems(p).length === 0).length;
  console.log(
    `\nHive 4.1.0 engine check: ${records.length} records, ${statements.length} statements, ${session.results.filter((r) => r.ok).length} ran; ` +
      `queries run and equal to TypeScript's: ${matching}/${queries} (first row ${session.firstRowMs} ms after JVM start, JVM ${session.jvmMs} ms, peak RSS ${Math.round((session.peakRssKb ?? 0) / 1024)} MB)`,
  );
});

function mostCommon(values: string[]): string {
  const counts = new Map<string, number>();
  for (const v of values) counts.set(v, (counts.get(v) ?? 0) + 1);
  return [...counts].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))[0]?.[0] ?? "";
}

/** How Hive's answer differs from the reference's (empty: the same). */
function answerProblems(p: Planned): string[] {
  const r = session.results[p.at];
  if (!r?.ok) return [`did not run: ${r ? r.errorLine : "no result"}`];
  if (!p.expected) return ["no reference answer"];
  if (JSON.stringify(r.columns) !== JSON.stringify(p.expected.columns)) return [`columns ${r.columns?.join(",")}, reference ${p.expected.columns.join(",")}`];
  const got = (r.rows ?? []).map((x) => JSON.stringify(x));
  const want = p.expected.rows.map((x) => JSON.stringify(x));
  const missing = want.filter((x) => !got.includes(x));
  const extra = got.filter((x) => !want.includes(x));
  if (missing.length > 0 || extra.length > 0 || got.length !== want.length) {
    return [`${got.length} rows, reference ${want.length}; reference rows Hive lacks: ${missing.slice(0, 3).join(" ")}; Hive rows the reference lacks: ${extra.slice(0, 3).join(" ")}`];
  }
  // ORDER BY event_time, event_id is not total where the logs repeat an event ID (the corpus's
  // hand-edited 2015 files do): rows tied on the sort keys may come in any order.
  const keys = ["event_time", "event_id", "denied_calls", "principal"].map((c) => p.expected!.columns.indexOf(c)).filter((i) => i >= 0);
  if (keys.length === 0) return ["no sort key column"];
  const sortKey = (row: (string | null)[]) => JSON.stringify(keys.map((i) => row[i]));
  return JSON.stringify((r.rows ?? []).map(sortKey)) === JSON.stringify(p.expected.rows.map(sortKey)) ? [] : ["rows in a different order"];
}

test("every statement runs: both flavors' tables and views, and every library query", () => {
  const failed = session.results.flatMap((r, i) => (r.ok ? [] : [`${planned[i]?.label}: ${r.errorLine}`]));
  assert.deepEqual(failed, []);
  assert.equal(session.results.length, statements.length);
});

test("each flavor's table holds every record", () => {
  for (const p of planned.filter((x) => x.label.endsWith("row count"))) {
    assert.deepEqual(session.results[p.at], { ok: true, columns: ["_c0"], rows: [[String(recordCount)]], ms: session.results[p.at]!.ms }, p.label);
  }
});

test("every library query's answer on Hive equals the TypeScript reference's, on both flavors", () => {
  const checked = planned.filter((p) => p.label.includes(": query "));
  assert.equal(checked.length, FLAVORS.length * loadLibrary().length);
  assert.ok(
    checked.some((p) => (p.expected?.rows.length ?? 0) > 0),
    "some answer is not empty",
  );
  assert.deepEqual(
    checked.flatMap((p) => answerProblems(p).map((x) => `${p.label}: ${x}`)),
    [],
  );
});
