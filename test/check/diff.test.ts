import { test } from "node:test";
import assert from "node:assert/strict";
import { mkdtempSync, writeFileSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { diffSchemas } from "../../src/check/diff-schemas.js";
import { renderMigration } from "../../src/check/render-migration.js";
import { unifiedDiff } from "../../src/check/unified-diff.js";
import type { SchemaFile } from "../../src/schema/schema-file.js";
import type { Field, ObjectShape } from "../../src/schema/shape.js";
import { resolveSources } from "../../src/source/resolve-sources.js";
import { inferSources } from "../../src/pipeline/infer-sources.js";
import { serializeSchema } from "../../src/schema/schema-io.js";
import { main } from "../../src/cli/main.js";
import { capture } from "../support/capture-terminal.js";
import { repoRoot } from "../reference/corpus.js";
import { hiveCliStatements } from "../render/support/hive-cli-split.js";

const { schema: examples } = await inferSources(await resolveSources([join(repoRoot, "examples", "logs")]), {});

function fieldOf(shape: ObjectShape, name: string): Field {
  const f = shape.fields.find((x) => x.key === name.toLowerCase());
  assert.ok(f, name);
  return f;
}

/**
 * The examples' schema with one new struct field, one new top-level field, one widened and one
 * removed field (errorMessage: AWS documents it, so the table keeps it).
 */
function evolved(): SchemaFile {
  const s = structuredClone(examples);
  const who = fieldOf(s.root, "userIdentity").shape as ObjectShape;
  who.fields.push({ key: "sourceidentity", name: "sourceIdentity", spellings: ["sourceIdentity"], stats: { present: 1, nulls: 0, kinds: { string: 1 } }, shape: { kind: "string" } });
  who.fields.sort((a, b) => (a.key < b.key ? -1 : 1));
  s.root.fields.push({ key: "zzznewfield", name: "zzzNewField", spellings: ["zzzNewField"], stats: { present: 1, nulls: 0, kinds: { string: 1 } }, shape: { kind: "string" } });
  fieldOf(s.root, "tlsDetails").shape = { kind: "json", reason: "object-vs-scalar" };
  s.root.fields = s.root.fields.filter((f) => f.key !== "errormessage");
  return s;
}

test("unified diff: git's layout, hunks with context, a missing final newline marked", () => {
  assert.equal(unifiedDiff("same\n", "same\n", { oldLabel: "a", newLabel: "b" }), "");
  const before = Array.from({ length: 20 }, (_, i) => `line ${i + 1}`).join("\n") + "\n";
  const after = before.replace("line 3\n", "line three\n").replace("line 18\n", "");
  assert.equal(
    unifiedDiff(before, after, { oldLabel: "ddl/cloudtrail.hql (committed)", newLabel: "ddl/cloudtrail.hql (rendered)" }),
    [
      "--- ddl/cloudtrail.hql (committed)",
      "+++ ddl/cloudtrail.hql (rendered)",
      "@@ -1,6 +1,6 @@",
      " line 1",
      " line 2",
      "-line 3",
      "+line three",
      " line 4",
      " line 5",
      " line 6",
      "@@ -15,6 +15,5 @@",
      " line 15",
      " line 16",
      " line 17",
      "-line 18",
      " line 19",
      " line 20",
      "",
    ].join("\n"),
  );
  assert.equal(unifiedDiff("a\nb", "a\nb\n", { oldLabel: "x", newLabel: "y" }), "--- x\n+++ y\n@@ -1,2 +1,2 @@\n a\n-b\n\\ No newline at end of file\n+b\n");
  assert.equal(unifiedDiff("", "a\n", { oldLabel: "x", newLabel: "y" }), "--- x\n+++ y\n@@ -0,0 +1 @@\n+a\n");
});

test("unified diff: applying its hunks to the old text gives the new text", () => {
  let seed = 7;
  const rnd = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
  for (let t = 0; t < 200; t++) {
    const a = Array.from({ length: Math.floor(rnd() * 40) }, () => `l${Math.floor(rnd() * 5)}`);
    const b = a.filter(() => rnd() > 0.2).flatMap((l) => (rnd() > 0.85 ? [l, `n${Math.floor(rnd() * 5)}`] : [l]));
    const oldText = a.map((l) => l + "\n").join("");
    const newText = b.map((l) => l + "\n").join("");
    assert.equal(applyPatch(oldText, unifiedDiff(oldText, newText, { oldLabel: "a", newLabel: "b" })), newText, `case ${t}`);
  }
});

/** A minimal `patch`: enough to prove the hunks' numbers and lines are right. */
function applyPatch(text: string, patch: string): string {
  if (patch === "") return text;
  const lines = text === "" ? [] : text.slice(0, -1).split("\n");
  const out: string[] = [];
  let at = 0;
  for (const hunk of patch.split("\n@@ ").slice(1)) {
    const [header = "", ...body] = hunk.split("\n");
    const start = Number(/^-(\d+)/.exec(header)?.[1]);
    const count = Number(/^-\d+,(\d+)/.exec(header)?.[1] ?? 1);
    const from = count === 0 ? start : start - 1;
    out.push(...lines.slice(at, from));
    at = from;
    for (const l of body) {
      if (l.startsWith("+")) {
        out.push(l.slice(1));
        continue;
      }
      if (!l.startsWith(" ") && !l.startsWith("-")) continue;
      assert.equal(lines[at], l.slice(1));
      if (l.startsWith(" ")) out.push(l.slice(1));
      at++;
    }
  }
  out.push(...lines.slice(at));
  return out.map((l) => l + "\n").join("");
}

test("diffSchemas lists added, removed and widened fields in path order", () => {
  assert.deepEqual(diffSchemas(examples, examples), []);
  assert.deepEqual(diffSchemas(examples, evolved()), [
    { kind: "removed", path: "$.errorMessage" },
    { kind: "widened", path: "$.tlsDetails", from: "object", to: "json" },
    { kind: "added", path: "$.userIdentity.sourceIdentity" },
    { kind: "added", path: "$.zzzNewField" },
  ]);
  assert.deepEqual(
    diffSchemas(evolved(), examples).map((c) => c.kind),
    ["added", "narrowed", "removed", "removed"],
  );
});

test("the migration: CHANGE COLUMN for a widened struct, REPLACE COLUMNS when columns come and go", () => {
  const options = { flavor: "jsonl" as const, table: "trail.cloudtrail", location: "s3://b/AWSLogs/", partitioned: true };
  assert.deepEqual(renderMigration(examples, examples, options), []);
  const onlyStruct = structuredClone(examples);
  const who = fieldOf(onlyStruct.root, "userIdentity").shape as ObjectShape;
  who.fields.push({ key: "sourceidentity", name: "sourceIdentity", spellings: ["sourceIdentity"], stats: { present: 1, nulls: 0, kinds: { string: 1 } }, shape: { kind: "string" } });
  const change = renderMigration(examples, onlyStruct, options);
  assert.equal(change.length, 1);
  assert.match(change[0]?.sql ?? "", /^ALTER TABLE trail\.cloudtrail CHANGE COLUMN useridentity useridentity STRUCT<[\s\S]*sourceidentity: STRING[\s\S]*> CASCADE$/);
  const replace = renderMigration(examples, evolved(), options);
  assert.equal(replace.length, 1);
  const sql = replace[0]?.sql ?? "";
  assert.match(sql, /^ALTER TABLE trail\.cloudtrail REPLACE COLUMNS \(\n {2}eventversion STRING,\n/);
  assert.match(sql, /\n {2}zzznewfield STRING\n\) CASCADE$/);
  assert.match(sql, /\n {2}errormessage STRING,\n/, "AWS's documented columns stay, typed as AWS declares them");
  assert.ok(!/\n {2}(account|region|`year`) /.test(sql), "partition columns are not data columns");
  const unpartitioned = renderMigration(examples, evolved(), { ...options, partitioned: false });
  assert.ok(!unpartitioned[0]?.sql.endsWith("CASCADE"));
  const portable = renderMigration(examples, onlyStruct, { ...options, flavor: "portable" });
  assert.deepEqual(
    portable.map((s) => s.kind),
    ["alter-table", "drop-view", "create-view"],
  );
  assert.match(portable[0]?.sql ?? "", /^ALTER TABLE trail\.cloudtrail_files CHANGE COLUMN records records ARRAY<STRUCT</);
  // hive -f cuts the script into exactly these statements
  const script = [...change, ...replace, ...portable].map((s) => s.sql + ";\n").join("\n");
  assert.equal(hiveCliStatements(script).length, 5);
});

test("the migration of an eventbridge-jsonl table changes detail on <table>_envelope and re-creates the view", () => {
  const options = { flavor: "eventbridge-jsonl" as const, table: "trail.cloudtrail", location: "s3://b/events/", partitioned: true };
  assert.deepEqual(renderMigration(examples, examples, options), []);
  const migration = renderMigration(examples, evolved(), options);
  assert.deepEqual(
    migration.map((s) => s.kind),
    ["alter-table", "drop-view", "create-view"],
  );
  assert.match(migration[0]?.sql ?? "", /^ALTER TABLE trail\.cloudtrail_envelope CHANGE COLUMN detail detail STRUCT<[\s\S]*zzznewfield: STRING> CASCADE$/);
  assert.equal(migration[1]?.sql, "DROP VIEW IF EXISTS trail.cloudtrail");
  assert.match(migration[2]?.sql ?? "", /^CREATE VIEW trail\.cloudtrail\n[\s\S]*f\.detail\.zzznewfield AS zzznewfield,[\s\S]*FROM trail\.cloudtrail_envelope f$/);
});

test("trailhive diff prints the changes and the migration", async () => {
  const dir = mkdtempSync(join(tmpdir(), "trailhive-diff-"));
  writeFileSync(join(dir, "old.json"), serializeSchema(examples));
  writeFileSync(join(dir, "new.json"), serializeSchema(evolved()));
  const out = capture();
  assert.equal(await main(["diff", join(dir, "old.json"), join(dir, "new.json"), "--flavor", "jsonl", "-o", join(dir, "migrate.hql")], out.term), 0);
  assert.match(out.stdout(), /^- \$\.errorMessage {2}removed\n~ \$\.tlsDetails {2}widened \(object -> json\)\n\+ \$\.userIdentity\.sourceIdentity {2}added\n/);
  assert.match(readFileSync(join(dir, "migrate.hql"), "utf8"), /^ALTER TABLE cloudtrail REPLACE COLUMNS \(/);
  const same = capture();
  assert.equal(await main(["diff", join(dir, "old.json"), join(dir, "old.json")], same.term), 0);
  assert.match(same.stdout(), /no field changes\nthe emr-cloudtrail-serde table needs no migration/);
  const bad = capture();
  writeFileSync(join(dir, "bad.json"), "{}");
  assert.equal(await main(["diff", join(dir, "old.json"), join(dir, "bad.json")], bad.term), 2);
  assert.match(bad.stderr(), /bad\.json/);
});
