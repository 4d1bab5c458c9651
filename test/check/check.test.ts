import { test } from "node:test";
import assert from "node:assert/strict";
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { main } from "../../src/cli/main.js";
import { capture } from "../support/capture-terminal.js";
import { repoRoot } from "../reference/corpus.js";
import type { SchemaFile } from "../../src/schema/schema-file.js";
import { parseSchema, serializeSchema, stripProvenance } from "../../src/schema/schema-io.js";
import { inferSources } from "../../src/pipeline/infer-sources.js";
import { resolveSources } from "../../src/source/resolve-sources.js";
import type { ObjectShape } from "../../src/schema/shape.js";

const examples = join(repoRoot, "examples");

/** A copy of the committed examples (config, schema, DDL, views, queries) to edit. */
function copyExamples(): string {
  const dir = mkdtempSync(join(tmpdir(), "trailhive-check-"));
  for (const name of ["trailhive.config.json", "trailhive.schema.json", "ddl", "rules"]) cpSync(join(examples, name), join(dir, name), { recursive: true });
  // the config's $schema points into the package; it is only for editors
  return dir;
}

async function check(dir: string, ...args: string[]) {
  const out = capture({ cwd: dir });
  const code = await main(["check", ...args], out.term);
  return { code, stdout: out.stdout(), stderr: out.stderr() };
}

test("the committed example schema is what trailhive infer makes of examples/logs today", async () => {
  const committed = parseSchema(readFileSync(join(examples, "trailhive.schema.json"), "utf8"), "examples/trailhive.schema.json");
  const fresh = (await inferSources(await resolveSources([join(examples, "logs")]), {})).schema;
  assert.equal(serializeSchema(stripProvenance(fresh)), serializeSchema(stripProvenance(committed)), "run: cd examples && trailhive infer logs && trailhive ddl && trailhive check --write");
});

test("check passes on the committed examples", async () => {
  const { code, stderr } = await check(examples);
  assert.equal(code, 0, stderr);
  assert.match(stderr, /^14 generated files match trailhive\.schema\.json\n$/);
});

test("check fails with a readable unified diff after one field of the schema file is edited", async () => {
  const dir = copyExamples();
  const schema = JSON.parse(readFileSync(join(dir, "trailhive.schema.json"), "utf8")) as SchemaFile;
  const tls = schema.root.fields.find((f) => f.key === "tlsdetails");
  assert.ok(tls && tls.shape.kind === "object");
  const cipher = (tls.shape as ObjectShape).fields.find((f) => f.key === "ciphersuite");
  assert.ok(cipher);
  cipher.key = "cipherid";
  cipher.name = "cipherId";
  cipher.spellings = ["cipherId"];
  writeFileSync(join(dir, "trailhive.schema.json"), JSON.stringify(schema, null, 2) + "\n");
  const { code, stdout, stderr } = await check(dir);
  assert.equal(code, 1);
  assert.match(stderr, /drifted: ddl\/cloudtrail\.jsonl\.hql \(ddl jsonl\)/);
  assert.match(stderr, /2 of 14 generated files differ from what trailhive renders: run trailhive check --write/);
  assert.match(stdout, /^--- ddl\/cloudtrail\.emr-cloudtrail-serde\.hql \(committed\)\n\+\+\+ ddl\/cloudtrail\.emr-cloudtrail-serde\.hql \(rendered\)\n@@ /m);
  // AWS documents cipherSuite, so the table keeps it; the renamed key shows up as a new struct field
  assert.match(stdout, /^ {5}ciphersuite: STRING,\n- {4}clientprovidedhostheader: STRING>,\n\+ {4}clientprovidedhostheader: STRING,\n\+ {4}cipherid: STRING>,$/m);
  // only the lines that changed, with context: not the whole file
  assert.equal(stdout.split("\n").filter((l) => /^[-+][^-+]/.test(l)).length, 6);

  const fixed = await check(dir, "--write");
  assert.equal(fixed.code, 0);
  assert.match(fixed.stderr, /wrote ddl\/cloudtrail\.jsonl\.hql/);
  assert.equal((await check(dir)).code, 0);
});

test("a hand-edited view or query drifts on its own; check FILE looks at that file only", async () => {
  const dir = copyExamples();
  const view = join(dir, "ddl/views/ec2_authorize_security_group_ingress.hql");
  writeFileSync(view, readFileSync(view, "utf8").replace("AS item_from_port", "AS from_port"));
  const query = join(dir, "ddl/queries/root-account-use.hql");
  writeFileSync(query, readFileSync(query, "utf8").replace("'Root'", "'IAMUser'"));
  const all = await check(dir);
  assert.equal(all.code, 1);
  assert.match(all.stderr, /drifted: ddl\/views\/ec2_authorize_security_group_ingress\.hql \(view\)\ndrifted: ddl\/queries\/root-account-use\.hql \(query root-account-use\)\n/);
  assert.match(all.stdout, /^-.*AS from_port,\n\+.*AS item_from_port,$/m);
  const one = await check(dir, "ddl/cloudtrail.jsonl.hql");
  assert.equal(one.code, 0);
  assert.match(one.stderr, /^1 generated file match/);
  const stranger = await check(dir, "README.md");
  assert.equal(stranger.code, 2);
  assert.match(stranger.stderr, /README\.md: not a file trailhive\.config\.json has trailhive generate/);
});

test("a missing generated file fails; a missing config or schema is a usage error", async () => {
  const dir = copyExamples();
  cpSync(join(dir, "trailhive.config.json"), join(dir, "other.config.json"));
  writeFileSync(join(dir, "ddl/cloudtrail.jsonl.hql"), "");
  const drift = await check(dir, "--config", "other.config.json", "--json");
  assert.equal(drift.code, 1);
  const report = JSON.parse(drift.stdout) as { ok: boolean; files: { status: string }[] };
  assert.equal(report.ok, false);
  assert.equal(report.files.filter((f) => f.status !== "ok").length, 1);
  const empty = mkdtempSync(join(tmpdir(), "trailhive-check-empty-"));
  const noConfig = await check(empty);
  assert.equal(noConfig.code, 2);
  assert.match(noConfig.stderr, /cannot read .*trailhive\.config\.json/);
  writeFileSync(join(empty, "trailhive.config.json"), JSON.stringify({ version: 1, table: "ct", location: "s3://b/", ddl: [{ flavor: "jsonl", output: "a.hql" }] }));
  const noSchema = await check(empty);
  assert.equal(noSchema.code, 2);
  assert.match(noSchema.stderr, /run trailhive infer/);
});

test("the example CI workflow runs trailhive check", () => {
  const workflow = readFileSync(join(examples, "ci", "trailhive-check.yml"), "utf8");
  assert.match(workflow, /^\s+- run: npx trailhive check/m);
});

test("a config that lists one flavor twice (partitioned and flat) checks each file against its own entry", async () => {
  const dir = copyExamples();
  const config = JSON.parse(readFileSync(join(dir, "trailhive.config.json"), "utf8")) as { ddl: { flavor: string; output: string; partitioned?: boolean }[] };
  config.ddl.push({ flavor: "jsonl", output: "ddl/cloudtrail.jsonl.flat.hql", partitioned: false });
  writeFileSync(join(dir, "trailhive.config.json"), JSON.stringify(config, null, 2));
  assert.equal((await check(dir)).code, 1);
  assert.equal((await check(dir, "--write")).code, 0);
  assert.equal((await check(dir)).code, 0);
  assert.match(readFileSync(join(dir, "ddl/cloudtrail.jsonl.hql"), "utf8"), /PARTITIONED BY/);
  assert.doesNotMatch(readFileSync(join(dir, "ddl/cloudtrail.jsonl.flat.hql"), "utf8"), /PARTITIONED BY/);
});
