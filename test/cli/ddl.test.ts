import { test } from "node:test";
import assert from "node:assert/strict";
import { mkdtempSync, readFileSync, writeFileSync, mkdirSync, existsSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { PassThrough } from "node:stream";
import { main } from "../../src/cli/main.js";
import type { Terminal } from "../../src/cli/io.js";
import { renderTable } from "../../src/render/render-table.js";
import { serializeSchema } from "../../src/schema/schema-io.js";
import { FLAVOR_NAMES } from "../../src/flavors/index.js";
import { SMALL_SCHEMA } from "../render/support/small-schema.js";
import { corpusDir, corpusSkip } from "../render/support/corpus-schema.js";

function terminal(cwd: string): Terminal & { out: () => string; err: () => string } {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  const chunks = { out: [] as Buffer[], err: [] as Buffer[] };
  stdout.on("data", (c: Buffer) => chunks.out.push(c));
  stderr.on("data", (c: Buffer) => chunks.err.push(c));
  return { stdout, stderr, env: {}, cwd, out: () => Buffer.concat(chunks.out).toString(), err: () => Buffer.concat(chunks.err).toString() };
}

function project(config?: object): string {
  const dir = mkdtempSync(join(tmpdir(), "trailhive-ddl-"));
  writeFileSync(join(dir, "trailhive.schema.json"), serializeSchema(SMALL_SCHEMA));
  if (config !== undefined) writeFileSync(join(dir, "trailhive.config.json"), JSON.stringify(config, null, 2));
  return dir;
}

test("ddl with flags prints exactly what renderTable renders", async () => {
  const dir = project();
  const term = terminal(dir);
  const code = await main(["ddl", "--flavor", "jsonl", "--table", "ct", "--location", "s3://b/AWSLogs/", "--partitioned", "--comment", "it's", "--tblproperty", "a=b=c", "--if-not-exists"], term);
  assert.equal(code, 0, term.err());
  const expected = renderTable(SMALL_SCHEMA, { flavor: "jsonl", table: "ct", location: "s3://b/AWSLogs/", partitioned: true, comment: "it's", tblProperties: { a: "b=c" }, ifNotExists: true });
  assert.equal(term.out(), expected.text);
  assert.ok(term.out().includes("CREATE EXTERNAL TABLE IF NOT EXISTS ct ("));
});

test("trailhive ddl with no flags writes every DDL output the config lists, and again the same bytes", async () => {
  const dir = project({
    $schema: "./node_modules/trailhive/schemas/config.json",
    version: 1,
    table: "cloudtrail",
    location: "s3://bucket/AWSLogs/",
    partitioned: true,
    ddl: FLAVOR_NAMES.map((flavor) => ({ flavor, output: `ddl/${flavor}.hql`, ...(flavor === "emr-cloudtrail-serde" ? { ifNotExists: true, table: "emr_trail" } : {}) })),
    views: { output: "views/" },
    queries: { output: "queries/" },
  });
  const term = terminal(dir);
  assert.equal(await main(["ddl"], term), 0, term.err());
  for (const flavor of FLAVOR_NAMES) {
    const text = readFileSync(join(dir, "ddl", `${flavor}.hql`), "utf8");
    const emr = flavor === "emr-cloudtrail-serde";
    assert.equal(text, renderTable(SMALL_SCHEMA, { flavor, table: emr ? "emr_trail" : "cloudtrail", location: "s3://bucket/AWSLogs/", partitioned: true, ifNotExists: emr }).text, flavor);
    assert.match(term.err(), new RegExp(`wrote ddl/${flavor}\\.hql \\(${flavor}, \\d statements?\\)`));
  }
  const first = FLAVOR_NAMES.map((f) => readFileSync(join(dir, "ddl", `${f}.hql`), "utf8"));
  const again = terminal(dir);
  assert.equal(await main(["ddl", "--quiet"], again), 0);
  assert.equal(again.err(), "");
  assert.deepEqual(
    FLAVOR_NAMES.map((f) => readFileSync(join(dir, "ddl", `${f}.hql`), "utf8")),
    first,
  );
  // A flag picks one flavor and prints it, with that flavor's config entry applied.
  const one = terminal(dir);
  assert.equal(await main(["ddl", "--flavor", "emr-cloudtrail-serde"], one), 0);
  assert.equal(one.out(), readFileSync(join(dir, "ddl", "emr-cloudtrail-serde.hql"), "utf8"));
});

test("an invalid config is refused naming the file, the JSON path and what is accepted", async () => {
  const dir = project({ version: 1, table: "ct", ddl: [{ flavor: "hive", output: "x.hql" }], colour: "blue" });
  const term = terminal(dir);
  assert.equal(await main(["ddl"], term), 2);
  assert.match(term.err(), /trailhive\.config\.json is not a valid trailhive config: /);
  assert.match(term.err(), /\$: unknown setting "colour"/);
  assert.match(term.err(), /\$\.ddl\[0\]\.flavor: must be one of "emr-cloudtrail-serde", "emr-hcatalog", "athena-projection", "portable", "jsonl"/);
});

test("a missing schema file says how to make one; --json prints a summary with the table spec and warnings", async () => {
  const empty = mkdtempSync(join(tmpdir(), "trailhive-ddl-"));
  const term = terminal(empty);
  assert.equal(await main(["ddl", "--table", "t", "--location", "s3://b/"], term), 2);
  assert.match(term.err(), /cannot read the schema file trailhive\.schema\.json: run trailhive infer <logs> first/);

  const dir = project();
  mkdirSync(join(dir, "out"));
  const json = terminal(dir);
  assert.equal(await main(["ddl", "--json", "--flavor", "portable", "--table", "t", "--location", "s3://b/", "--engine", "hive3", "-o", "out/t.hql"], json), 0);
  const summary = JSON.parse(json.out()) as { outputs: { flavor: string; output: string; statements: string[]; table: { viewName: string }; warnings: { code: string }[] }[] };
  assert.equal(summary.outputs[0]?.output, join("out", "t.hql"));
  assert.deepEqual(summary.outputs[0]?.statements, ["create-table", "create-view"]);
  assert.equal(summary.outputs[0]?.table.viewName, "t");
  assert.deepEqual(
    summary.outputs[0]?.warnings.map((w) => w.code),
    ["flavor-engine"],
  );
  assert.ok(existsSync(join(dir, "out", "t.hql")));
  // Without -o, --json keeps stdout one JSON document: the script is inside it.
  const inline = terminal(dir);
  assert.equal(await main(["ddl", "--json", "--flavor", "jsonl", "--table", "t", "--location", "s3://b/"], inline), 0);
  const doc = JSON.parse(inline.out()) as { outputs: { output: string | null; text: string }[] };
  assert.equal(doc.outputs[0]?.output, null);
  assert.equal(doc.outputs[0]?.text, renderTable(SMALL_SCHEMA, { flavor: "jsonl", table: "t", location: "s3://b/", partitioned: false }).text);
});

test("ddl <logs> infers first; --strict exits 3 when a file was skipped", { skip: corpusSkip() }, async () => {
  const dir = project();
  const logs = join(corpusDir, "aws-cloudtrail-processing-library");
  const term = terminal(dir);
  assert.equal(await main(["ddl", logs, "--table", "t", "--location", "s3://b/", "--flavor", "jsonl"], term), 0, term.err());
  assert.ok(term.out().startsWith("-- Generated by trailhive ddl (flavor jsonl)"));
  assert.match(term.err(), /skipped /);
  const strict = terminal(dir);
  assert.equal(await main(["ddl", logs, "--table", "t", "--location", "s3://b/", "--strict", "--quiet"], strict), 3);
});

test("a config may list one flavor twice (partitioned and flat): each output gets its own settings", async () => {
  const dir = project({
    version: 1,
    table: "ct",
    location: "s3://bucket/AWSLogs/",
    ddl: [
      { flavor: "jsonl", output: "ddl/partitioned.hql", partitioned: true },
      { flavor: "jsonl", output: "ddl/flat.hql", table: "ct_flat", location: "s3://bucket/flat/" },
    ],
  });
  const term = terminal(dir);
  assert.equal(await main(["ddl", "--quiet"], term), 0, term.err());
  assert.equal(readFileSync(join(dir, "ddl", "partitioned.hql"), "utf8"), renderTable(SMALL_SCHEMA, { flavor: "jsonl", table: "ct", location: "s3://bucket/AWSLogs/", partitioned: true }).text);
  assert.equal(readFileSync(join(dir, "ddl", "flat.hql"), "utf8"), renderTable(SMALL_SCHEMA, { flavor: "jsonl", table: "ct_flat", location: "s3://bucket/flat/", partitioned: false }).text);
});

test("ddl --flavor athena-projection renders projection without --partitioned; --no-partitioned still renders a flat table", async () => {
  const dir = project();
  const term = terminal(dir);
  assert.equal(await main(["ddl", "--flavor", "athena-projection", "--table", "ct", "--location", "s3://b/AWSLogs/"], term), 0, term.err());
  assert.equal(term.out(), renderTable(SMALL_SCHEMA, { flavor: "athena-projection", table: "ct", location: "s3://b/AWSLogs/", partitioned: true }).text);
  assert.match(term.out(), /'projection\.enabled'\s*=\s*'true'/);
  assert.match(term.out(), /PARTITIONED BY \(/);
  const flat = terminal(dir);
  assert.equal(await main(["ddl", "--flavor", "athena-projection", "--table", "ct", "--location", "s3://b/AWSLogs/", "--no-partitioned"], flat), 0, flat.err());
  assert.doesNotMatch(flat.out(), /projection\.enabled|PARTITIONED BY/);
  // other flavors stay flat unless asked
  const jsonl = terminal(dir);
  assert.equal(await main(["ddl", "--flavor", "jsonl", "--table", "ct", "--location", "s3://b/AWSLogs/"], jsonl), 0, jsonl.err());
  assert.doesNotMatch(jsonl.out(), /PARTITIONED BY/);
});
