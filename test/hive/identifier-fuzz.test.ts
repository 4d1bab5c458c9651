// Identifiers against the real parsers (issue 14): names from every character class, in every role
// trailhive writes a name (table, column, struct field, partition column, view column), rendered by
// trailhive's own renderers. Each rendered statement must parse on Hive 3.1.3 (as `hive -f` cuts it)
// and run on an embedded Hive 4.1.0, and each name must come back as meant (SHOW TABLES, DESCRIBE,
// the JSON SerDe reading the key into its column; on 3.1.3 the lexer's reading of `USE <name>`);
// or the name is refused with a message naming it, or (a JSON key no Hive name can hold) left out
// or read as a map, with a warning naming it. One JVM per Hive version for the whole fuzz.
import assert from "node:assert/strict";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { homedir, tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, test } from "node:test";
import { defaultCacheDir } from "../../src/engine/default-cache-dir.js";
import { ensureEngine } from "../../src/engine/ensure-engine.js";
import { runHarness, type HarnessReport } from "../../src/engine/run-harness.js";
import { runHiveSession, type SessionResult } from "../../src/engine/run-hive-session.js";
import { TrailhiveError } from "../../src/errors.js";
import { hiveFieldName } from "../../src/hive/hive-name.js";
import { isIdentifier } from "../../src/schema/json-path.js";
import { HIVE_RESERVED, MAX_IDENTIFIER, quoteIdentifier } from "../../src/hive/quote.js";
import { inferSources } from "../../src/pipeline/infer-sources.js";
import { renderTable } from "../../src/render/render-table.js";
import type { SchemaFile } from "../../src/schema/schema-file.js";
import { resolveSources } from "../../src/source/resolve-sources.js";
import { renderView } from "../../src/views/render-view.js";
import { SMALL_SCHEMA } from "../render/support/small-schema.js";
import { withQuickJvm } from "../local/support/hive.js";

/** Names by character class. Distinct case-insensitively, since Hive lower-cases them. */
const CLASSES: Record<string, string[]> = {
  "leading _": ["_return", "_", "__", "_x1", "_1"],
  "leading digit": ["1a", "1e5", "10l", "2fa", "7_"],
  "digits only": ["123", "0"],
  reserved: [...HIVE_RESERVED],
  "keyword, not reserved": ["comment", "location", "limit", "key", "format", "columns", "data", "role", "name", "default"],
  plain: ["eventz", "a_b", "x"],
  $: ["a$b", "$x"],
  ".": ["a.b"],
  "-": ["x-amz-id-2"],
  ":": ["aws:lambda"],
  backquote: ["a`b", "`"],
  "unicode letters": ["café", "名前", "ǅx"],
  empty: [""],
  "very long": ["l".repeat(MAX_IDENTIFIER), "m".repeat(MAX_IDENTIFIER + 1), "_" + "n".repeat(MAX_IDENTIFIER - 1)],
  whitespace: ["a b", " lead", "trail "],
  "control characters": ["a\tb", "a\u0000b", "a\u001bb", "a\u202eb"],
};
const NAMES = Object.entries(CLASSES).flatMap(([cls, names]) => names.map((name) => ({ cls, name })));
const label = (n: { cls: string; name: string }) => `${n.cls} ${JSON.stringify(n.name)}`;
/** A key inference keeps as a struct field (any other key makes its object a map) and Hive can name. */
const isStructKey = (name: string) => isIdentifier(name) && hiveFieldName(name) !== undefined;

const TABLE_COLUMNS = "fuzz_columns";
const TABLE_PARTS = "fuzz_parts";
const VIEW = "fuzz_view";
const EVENT = "ec2:FuzzEvent";

let work: string;
let schema: SchemaFile;
/** the table role: each name as `--table`, rendered, or the error refusing it */
const tables: { cls: string; name: string; sql?: string; refused?: unknown }[] = [];
let columns: ReturnType<typeof renderTable>;
let parts: ReturnType<typeof renderTable>;
let view: ReturnType<typeof renderView>;
let h3: HarnessReport;
let h4: SessionResult;
/** index in the 4.1.0 session of each check statement */
const at: Record<string, number> = {};

before(async () => {
  work = mkdtempSync(join(tmpdir(), "trailhive-ident-fuzz-"));
  const logs = join(work, "logs");
  const data = join(work, "data");
  mkdirSync(logs);
  mkdirSync(data);
  const keyed = (value: (name: string) => unknown, names: readonly string[]) => Object.fromEntries(names.map((n) => [n, value(n)]));
  const all = NAMES.map((n) => n.name);
  const structKeys = all.filter(isStructKey);
  const record = {
    eventVersion: "1.08",
    eventTime: "2026-11-16T08:05:40Z",
    eventSource: "ec2.amazonaws.com",
    eventName: "FuzzEvent",
    awsRegion: "us-east-1",
    eventID: "fuzz-1",
    recipientAccountId: "111122223333",
    // the column role: every name as a top-level key holding its own name
    ...keyed(
      (n) => n,
      all.filter((n) => !["eventversion", "eventtime", "eventsource", "eventname", "awsregion", "eventid", "recipientaccountid"].includes(n.toLowerCase())),
    ),
    // the struct-field role: keys the schema keeps as fields (a key starting with a digit makes the object a map)
    fuzzStruct: keyed((n) => `r:${n}`, structKeys),
    // the view-column role: every field name as a request parameter (snake_cased into view columns)
    requestParameters: keyed((n) => `q:${n}`, structKeys),
    // a nested object with every key: a map, since some keys cannot be fields
    additionalEventData: keyed((n) => `a:${n}`, all),
  };
  writeFileSync(join(logs, "fuzz.json"), JSON.stringify({ Records: [record] }));
  writeFileSync(join(data, "fuzz.json"), JSON.stringify(record) + "\n");
  ({ schema } = await inferSources(await resolveSources([logs])));

  const location = `file://${data}`;
  for (const n of NAMES) {
    try {
      // the table role needs only the name: a small schema keeps these statements short
      const script = renderTable(SMALL_SCHEMA, { flavor: "jsonl", table: n.name, location, partitioned: false });
      tables.push({ ...n, sql: script.statements.map((s) => s.sql).join(";\n") });
    } catch (error) {
      tables.push({ ...n, refused: error });
    }
  }
  columns = renderTable(schema, { flavor: "jsonl", table: TABLE_COLUMNS, location, partitioned: false, expand: ["additionalEventData"], typeLimit: 1_000_000 });
  parts = renderTable(schema, { flavor: "jsonl", table: TABLE_PARTS, location, partitioned: true, typeLimit: 1_000_000 });
  view = renderView(schema, EVENT, { table: TABLE_COLUMNS, name: VIEW });

  const statements: string[] = [];
  const add = (key: string, sql: string) => {
    at[key] = statements.length;
    statements.push(sql);
  };
  // `a.b` is DATABASE.TABLE to every renderer: its database must exist
  const databases = [...new Set(tables.filter((t) => t.sql !== undefined && t.name.includes(".")).map((t) => t.name.split(".")[0] as string))];
  for (const db of databases) add(`create database ${db}`, `CREATE DATABASE ${quoteIdentifier(db)}`);
  for (const t of tables) if (t.sql !== undefined) add(`create ${t.name}`, t.sql);
  add("show tables", "SHOW TABLES");
  for (const db of databases) add(`show tables ${db}`, `SHOW TABLES IN ${quoteIdentifier(db)}`);
  for (const s of columns.statements) add(`columns ${s.kind}`, s.sql);
  add("describe columns", `DESCRIBE ${TABLE_COLUMNS}`);
  add("select columns", `SELECT * FROM ${TABLE_COLUMNS}`);
  for (const s of parts.statements) add(`parts ${s.kind}`, s.sql);
  add("describe parts", `DESCRIBE ${TABLE_PARTS}`);
  for (const s of view.statements) add(`view ${s.kind}`, s.sql);
  add("describe view", `DESCRIBE ${VIEW}`);
  add("select view", `SELECT * FROM ${VIEW}`);

  const options = { cacheDir: defaultCacheDir(process.env, homedir()), javaHome: process.env.JAVA_HOME };
  const e3 = await ensureEngine("3.1.3", options);
  const e4 = await ensureEngine("4.1.0", options);
  const accepted = NAMES.filter((n) => !n.name.includes(".") && tables.some((t) => t.name === n.name && t.sql !== undefined));
  const scripts = [
    ...tables.filter((t) => t.sql !== undefined).map((t) => ({ name: `table ${label(t)}`, text: (t.sql as string) + ";\n" })),
    { name: "columns", text: columns.text },
    { name: "parts", text: parts.text },
    { name: "view", text: view.statements.map((s) => s.sql + ";\n").join("") },
    // the lexer's reading of each name: USE's only child is the identifier as Hive read it
    ...accepted.map((n) => ({ name: `use ${label(n)}`, text: `USE ${quoteIdentifier(n.name)};\n` })),
  ];
  const types = columns.table.columns.map((c) => ({ name: c.name, type: c.type }));
  [h3, h4] = await Promise.all([
    withQuickJvm(e3, options.cacheDir, (jvmArgs) => runHarness({ version: "3.1.3", scripts, types }, { engine: e3, jvmArgs })),
    withQuickJvm(e4, options.cacheDir, (jvmArgs) => runHiveSession({ workDir: join(work, "hive"), statements, engine: e4, jvmArgs })),
  ]);
});

after(() => rmSync(work, { recursive: true, force: true }));

function result4(key: string) {
  const r = h4.results[at[key] ?? -1];
  assert.ok(r !== undefined, `${key} did not run on Hive 4.1.0 (an earlier statement failed: ${h4.results.find((x) => !x.ok && "errorLine" in x) ? JSON.stringify(h4.results.at(-1)) : "none"})`);
  assert.ok(r.ok, `${key} failed on Hive 4.1.0: ${r.ok ? "" : r.errorLine}`);
  return r;
}

/** BaseSemanticAnalyzer.unescapeIdentifier: a backquoted name without its backquotes, a doubled one single. */
function unescapeIdentifier(text: string): string {
  return text.length >= 2 && text.startsWith("`") && text.endsWith("`") ? text.slice(1, -1).replaceAll("``", "`") : text;
}

/** DESCRIBE's rows, cells trimmed (Hive pads them into columns). */
function describeRows(key: string): [string, string][] {
  return (result4(key).rows ?? []).map((r) => [(r[0] ?? "").trim(), (r[1] ?? "").trim()]);
}

function statements3(name: string) {
  const s = h3.scripts.find((x) => x.name === name);
  assert.ok(s !== undefined && s.statements.length > 0, `no 3.1.3 result for ${name}`);
  return s.statements;
}

test("every class is tried, and both outcomes occur: names rendered and names refused", () => {
  assert.ok(tables.filter((t) => t.sql !== undefined).length >= 150, "reserved words and more are rendered");
  assert.ok(tables.filter((t) => t.refused !== undefined).length >= 15, "odd names are refused");
});

test("table role: a name is refused with a message naming it, or it parses on 3.1.3, is created on 4.1.0 and comes back", () => {
  const shown = new Set((result4("show tables").rows ?? []).map((r) => r[0]));
  for (const t of tables) {
    if (t.refused !== undefined) {
      assert.ok(t.refused instanceof TrailhiveError && t.refused.code === "RENDER_BAD_IDENTIFIER", `${label(t)}: ${String(t.refused)}`);
      assert.ok(t.refused.message.includes(JSON.stringify(t.name).slice(0, 30)), `${label(t)}: the message names it: ${t.refused.message}`);
      continue;
    }
    for (const s of statements3(`table ${label(t)}`)) assert.ok(s.ok && s.root === "TOK_CREATETABLE", `${label(t)} on Hive 3.1.3: ${s.error ?? s.root}\n${s.sql.slice(0, 200)}`);
    result4(`create ${t.name}`);
    const [db, table] = t.name.includes(".") ? t.name.split(".") : [undefined, t.name];
    const listed = db === undefined ? shown : new Set((result4(`show tables ${db}`).rows ?? []).map((r) => r[0]));
    assert.ok(listed.has((table ?? "").toLowerCase()), `${label(t)}: SHOW TABLES on 4.1.0 lists ${t.name.toLowerCase()}`);
  }
});

test("the 3.1.3 lexer reads every accepted name back as itself", () => {
  for (const t of tables.filter((x) => x.sql !== undefined && !x.name.includes("."))) {
    const [use] = statements3(`use ${label(t)}`);
    assert.ok(use?.ok, `${label(t)}: USE ${quoteIdentifier(t.name)} does not parse: ${use?.error}`);
    // Without a session conf the lexer keeps a quoted name's backquotes; the analyzer then strips them
    // (BaseSemanticAnalyzer.unescapeIdentifier), as a session's lexer does itself.
    assert.deepEqual(use.children?.map(unescapeIdentifier), [t.name], `${label(t)}: Hive 3.1.3 read ${JSON.stringify(use.children)}`);
  }
});

test("column role: each nameable key is a column named as meant and read from its key; the others are left out with a warning", () => {
  for (const s of statements3("columns")) assert.ok(s.ok, `Hive 3.1.3: ${s.error}\n${s.sql.slice(0, 300)}`);
  for (const t of h3.types) assert.ok(t.ok && t.printed === t.type, `type of ${t.name} on 3.1.3: ${t.error ?? t.printed}`);
  const described = new Map(describeRows("describe columns"));
  const select = result4("select columns");
  const row = new Map((select.columns ?? []).map((c, i) => [c.replace(/^fuzz_columns\./, ""), select.rows?.[0]?.[i]]));
  const warned = columns.warnings.map((w) => w.message).join("\n");
  for (const n of NAMES) {
    if (["eventversion", "eventtime", "eventsource", "eventname", "awsregion", "eventid", "recipientaccountid"].includes(n.name.toLowerCase())) continue;
    const name = hiveFieldName(n.name);
    if (name === undefined) {
      assert.ok(!described.has(n.name.toLowerCase()), `${label(n)} is not a column`);
      assert.ok(n.name === "" || warned.includes(JSON.stringify(n.name).slice(1, 20)) || warned.includes(n.name.slice(0, 20)), `${label(n)}: a warning names it:\n${warned.slice(0, 600)}`);
      continue;
    }
    assert.ok(described.has(name), `${label(n)}: DESCRIBE on 4.1.0 has column ${name}`);
    assert.equal(row.get(name), n.name, `${label(n)}: the JSON SerDe read the key into its column`);
  }
});

test("struct field role: every key the schema keeps as a field is one, in DESCRIBE's type; a map holds an object with other keys", () => {
  const described = new Map(describeRows("describe columns"));
  const struct = described.get("fuzzstruct") ?? "";
  const fields = new Set([...struct.matchAll(/[<,]([a-z0-9_]+):/g)].map((m) => m[1]));
  const keys = NAMES.map((n) => n.name).filter(isStructKey);
  assert.ok(keys.length > 100);
  for (const key of keys) assert.ok(fields.has(key.toLowerCase()), `struct field ${key} in ${struct.slice(0, 200)}...`);
  assert.ok(columns.text.includes("`_return`: STRING") || columns.text.includes("`_return`:STRING"), "_return is backquoted in the DDL");
  assert.match(described.get("additionaleventdata") ?? "", /^map<string,string>$/);
});

test("partition column role: the five partition columns, backquoted where reserved, on both versions", () => {
  for (const s of statements3("parts")) assert.ok(s.ok, `Hive 3.1.3: ${s.error}`);
  const names = describeRows("describe parts").map((r) => r[0]);
  for (const p of ["account", "region", "year", "month", "day"]) assert.ok(names.includes(p), `partition column ${p}`);
  assert.match(parts.text, /`year` STRING/);
});

test("view column role: each view column Hive describes is the name trailhive meant, and the view answers", () => {
  for (const s of statements3("view")) assert.ok(s.ok, `Hive 3.1.3: ${s.error}\n${s.sql.slice(0, 300)}`);
  const described = describeRows("describe view").map((r) => r[0]);
  assert.deepEqual(
    described,
    view.columns.map((c) => c.name.toLowerCase()),
  );
  assert.ok(view.columns.length > 100, "a column per request parameter");
  const select = result4("select view");
  assert.equal(select.rows?.length, 1);
  const row = new Map((select.columns ?? []).map((c, i) => [c.replace(/^fuzz_view\./, ""), select.rows?.[0]?.[i]]));
  assert.equal(row.get("request_return"), "q:_return", "the view reads _return into request_return");
  assert.equal(row.get("request_from"), "q:from");
});
