// Real Apache Hive judges what trailhive renders: Hive 3.1.3 (what EMR runs) cuts every script as
// `hive -f` does, parses each statement and every column type; Hive 4.1.0 reads every record of the
// corpus and the examples through each flavor's JSON SerDe and every value is compared with the JSON.
// One JVM per Hive version for the whole file. First the harness proves it can fail.
import assert from "node:assert/strict";
import { existsSync } from "node:fs";
import { homedir } from "node:os";
import { before, describe, test } from "node:test";
import { defaultCacheDir } from "../../src/engine/default-cache-dir.js";
import { flavors, type Flavor } from "../../src/flavors/index.js";
import { ensureEngine } from "../../src/engine/ensure-engine.js";
import { runHarness, type HarnessDataSet, type HarnessReport } from "../../src/engine/run-harness.js";
import { corpusRoot, examplesRoot } from "../schema/support/corpus.js";
import { dataProblems, scriptProblems, scriptsByName } from "./support/judge.js";
import { printReport } from "./support/print-report.js";
import { renderEverything, type Rendered, type ScriptCase } from "./support/render-everything.js";
import { withQuickJvm } from "../local/support/hive.js";

const corpusPresent = existsSync(corpusRoot);

/** Hand-written inputs, each with a twin that differs only by its defect (so a failure is the defect's). */
const BROKEN_SCRIPTS: { defect: string; broken: ScriptCase; fixed: ScriptCase }[] = [
  {
    defect: "an injected second statement",
    broken: {
      name: "broken/injected",
      text: "CREATE EXTERNAL TABLE t (a STRING) COMMENT 'x'; DROP TABLE t; --' LOCATION 's3://b/';\n",
      statements: [{ kind: "create-table", sql: "CREATE EXTERNAL TABLE t (a STRING) COMMENT 'x'; DROP TABLE t; --' LOCATION 's3://b/'" }],
    },
    fixed: {
      name: "fixed/injected",
      text: "CREATE EXTERNAL TABLE t (a STRING) COMMENT 'x\\'; DROP TABLE t; --' LOCATION 's3://b/';\n",
      statements: [{ kind: "create-table", sql: "CREATE EXTERNAL TABLE t (a STRING) COMMENT 'x\\'; DROP TABLE t; --' LOCATION 's3://b/'" }],
    },
  },
  {
    defect: "a ' inside an inline -- comment",
    broken: {
      name: "broken/comment-quote",
      text: "CREATE EXTERNAL TABLE t (\n  a STRING -- the user's name\n) LOCATION 's3://b/';\nSELECT a FROM t;\n",
      statements: [
        { kind: "create-table", sql: "CREATE EXTERNAL TABLE t (\n  a STRING -- the user's name\n) LOCATION 's3://b/'" },
        { kind: "query", sql: "SELECT a FROM t" },
      ],
    },
    fixed: {
      name: "fixed/comment-quote",
      text: "CREATE EXTERNAL TABLE t (\n  a STRING -- the user name\n) LOCATION 's3://b/';\nSELECT a FROM t;\n",
      statements: [
        { kind: "create-table", sql: "CREATE EXTERNAL TABLE t (\n  a STRING -- the user name\n) LOCATION 's3://b/'" },
        { kind: "query", sql: "SELECT a FROM t" },
      ],
    },
  },
];
const BROKEN_TYPES = [
  { name: "broken/unclosed", type: "struct<a:string,b:array<bigint>" },
  { name: "broken/odd-field-name", type: "struct<x-amz-id-2:string>" },
  { name: "fixed/type", type: "struct<a:string,b:array<bigint>>" },
];

let rendered: Rendered[] = [];
let h3: HarnessReport;
let h4: HarnessReport;
let misnamed: HarnessDataSet[] = [];

before(async () => {
  if (!corpusPresent && process.env.CI === "true") throw new Error(`the corpus is missing at ${corpusRoot}; CI must provide ../shared/corpus`);
  const sources = [...(corpusPresent ? [{ label: "corpus", root: corpusRoot }] : []), { label: "examples", root: examplesRoot }];
  rendered = await Promise.all(sources.map((s) => renderEverything(s.label, s.root)));
  misnamed = misnamedDataSets(rendered.at(-1)!);
  const options = { cacheDir: defaultCacheDir(process.env, homedir()), javaHome: process.env.JAVA_HOME };
  // Sequential: the first run on a fresh machine downloads the jars (one progress line per version).
  const e3 = await ensureEngine("3.1.3", options);
  const e4 = await ensureEngine("4.1.0", options);
  const scripts = [...BROKEN_SCRIPTS.flatMap((b) => [b.broken, b.fixed]), ...rendered.flatMap((r) => r.scripts)];
  const data = rendered.flatMap((r) => r.data.map((d) => d.dataset));
  [h3, h4] = await Promise.all([
    withQuickJvm(e3, options.cacheDir, (jvmArgs) =>
      runHarness({ version: "3.1.3", scripts: scripts.map(({ name, text }) => ({ name, text })), types: [...BROKEN_TYPES, ...rendered.flatMap((r) => r.types)], data }, { engine: e3, jvmArgs }),
    ),
    withQuickJvm(e4, options.cacheDir, (jvmArgs) => runHarness({ version: "4.1.0", data: [...data, ...misnamed] }, { engine: e4, jvmArgs })),
  ]);
  printReport({ rendered, h3, h4, corpusPresent });
});

/** The examples' jsonl table with one column and one struct field named unlike their JSON keys. */
function misnamedDataSets(r: Rendered): HarnessDataSet[] {
  const base = r.data.find((d) => d.flavor === "jsonl")!.dataset;
  const column = base.columns.map((c) => (c.name === "eventname" ? { ...c, name: "event_name" } : c));
  const field = base.columns.map((c) => (c.name === "useridentity" ? { ...c, type: c.type.replace("username:", "usrname:") } : c));
  assert.notDeepEqual(field, base.columns, "the examples' useridentity has a username field to misname");
  return [
    { ...base, name: "broken/misnamed-column", columns: column },
    { ...base, name: "broken/misnamed-field", columns: field },
  ];
}

describe("the harness can fail", () => {
  for (const b of BROKEN_SCRIPTS) {
    test(`${b.defect} makes it fail (and its fixed twin passes)`, () => {
      const cut = scriptsByName(h3);
      const problems = scriptProblems(b.broken, cut.get(b.broken.name)!);
      assert.ok(problems.length > 0, `${b.defect} went unnoticed`);
      assert.deepEqual(scriptProblems(b.fixed, cut.get(b.fixed.name)!), []);
    });
  }
  test("the injected statement is caught by its root token too", () => {
    const cut = scriptsByName(h3).get("broken/injected")!;
    assert.equal(cut[1]?.root, "TOK_DROPTABLE");
  });
  test("a broken type string makes it fail (and the fixed one prints back)", () => {
    const t = new Map(h3.types.map((x) => [x.name, x]));
    assert.equal(t.get("broken/unclosed")?.ok, false);
    assert.equal(t.get("broken/odd-field-name")?.ok, false);
    assert.equal(t.get("fixed/type")?.printed, "struct<a:string,b:array<bigint>>");
  });
  test("a misnamed column or struct field makes the data check fail", () => {
    const d = new Map(h4.data.map((x) => [x.name, x]));
    const examples = rendered.at(-1)!;
    const records = examples.records;
    const column = d.get("broken/misnamed-column")!;
    assert.ok(column.mismatchesByPath["event_name"]! > 0, "NULL where the JSON has eventName");
    assert.ok(dataProblems(column, records).length > 0);
    const field = d.get("broken/misnamed-field")!;
    assert.ok(field.undeclaredKeys["useridentity.userName"]! > 0, "useridentity.userName read by no field");
    assert.ok(dataProblems(field, records).length > 0);
    assert.deepEqual(dataProblems(d.get("examples/jsonl"), records), [], "the unbroken twin passes");
  });
});

describe("Hive 3.1.3 cuts and parses everything rendered as meant", () => {
  test("every script: hive -f cuts exactly the intended statements, each parses with the intended root token", () => {
    const cut = scriptsByName(h3);
    const all = rendered.flatMap((r) => r.scripts);
    assert.ok(all.length > 0);
    const problems = all.flatMap((s) => scriptProblems(s, cut.get(s.name) ?? []).map((p) => `${s.name}: ${p}`));
    assert.deepEqual(problems, []);
  });
  test("every column type parses with TypeInfoUtils and prints back unchanged", () => {
    const names = new Set(rendered.flatMap((r) => r.types.map((t) => t.name)));
    const judged = h3.types.filter((t) => names.has(t.name));
    assert.equal(judged.length, names.size);
    const bad = judged.filter((t) => !t.ok || t.printed !== t.type).map((t) => `${t.name}: ${t.error ?? `printed back as ${t.printed?.slice(0, 200)}`}`);
    assert.deepEqual(bad, []);
  });
});

describe("Hive 4.1.0 reads every record through each flavor's SerDe, every value equal to the JSON", () => {
  test("every public SerDe: 0 mismatches over the whole corpus and the examples", () => {
    const d = new Map(h4.data.map((x) => [x.name, x]));
    const cases = rendered.flatMap((r) => r.data);
    assert.ok(cases.length >= 4 * rendered.length, "a data set per public-SerDe flavor and source");
    const problems = cases.flatMap((c) => dataProblems(d.get(c.dataset.name), c.records).map((p) => `${c.dataset.name}: ${p}`));
    assert.deepEqual(problems, []);
  });
});

describe("the flavor registry's engine claims agree with what Hive did", () => {
  test("a flavor said to work on Apache Hive 3 or 4 reads every value there; one said to break on Hive 3 does break", () => {
    const d3 = new Map(h3.data.map((x) => [x.name, x]));
    const d4 = new Map(h4.data.map((x) => [x.name, x]));
    const claims: string[] = [];
    for (const c of rendered.flatMap((r) => r.data)) {
      const flavor: Flavor = flavors.find((f) => f.name === c.flavor)!;
      const on3 = dataProblems(d3.get(c.dataset.name), c.records);
      const on4 = dataProblems(d4.get(c.dataset.name), c.records);
      if (flavor.engines.hive4.status === "works" && on4.length > 0) claims.push(`${c.dataset.name}: said to work on hive4, but ${on4.join("; ")}`);
      if (flavor.engines.hive3.status === "works" && on3.length > 0) claims.push(`${c.dataset.name}: said to work on hive3, but ${on3.join("; ")}`);
      if (flavor.engines.hive3.status === "breaks" && on3.length === 0) claims.push(`${c.dataset.name}: said to break on hive3, but read every value`);
    }
    assert.deepEqual(claims, []);
  });
});
