import { test } from "node:test";
import assert from "node:assert/strict";
import { mkdtempSync, readdirSync, rmSync, writeFileSync, mkdirSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { gunzipSync } from "node:zlib";
import { readLogFile } from "../../src/records/read-log-file.js";
import { SchemaBuilder } from "../../src/schema/schema-builder.js";
import { serializeSchema, stripProvenance } from "../../src/schema/schema-io.js";
import { inferSources } from "../../src/pipeline/infer-sources.js";
import { resolveSources } from "../../src/source/resolve-sources.js";
import { exampleLogFiles } from "../../examples/generate-logs.js";
import { corpusOrSkip, examplesRoot, listFiles, readBytes } from "./support/corpus.js";

function schemaOf(root: string, paths: string[]): string {
  const builder = new SchemaBuilder();
  for (const path of paths) builder.addFile(path, readLogFile(readBytes(root, path), path));
  return serializeSchema(builder.finish([root]));
}

/** A seeded shuffle (mulberry32), so a failure can be replayed. */
function shuffled<T>(items: readonly T[], seed: number): T[] {
  const out = [...items];
  let s = seed;
  const next = () => {
    s = (s + 0x6d2b79f5) | 0;
    let t = Math.imul(s ^ (s >>> 15), 1 | s);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(next() * (i + 1));
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

test("trailscraper's .json and .json.gz give identical schemas (once provenance is left out)", (t) => {
  const corpus = corpusOrSkip(t);
  if (corpus === undefined) return;
  const root = join(corpus, "trailscraper");
  const files = listFiles(root);
  const plain = files.find((f) => f.endsWith(".json") && files.includes(`${f}.gz`))!;
  assert.ok(plain, `a .json with a .json.gz twin among ${files.join(", ")}`);
  const a = new SchemaBuilder();
  a.addFile(plain, readLogFile(readBytes(root, plain), plain));
  const b = new SchemaBuilder();
  b.addFile(`${plain}.gz`, readLogFile(readBytes(root, `${plain}.gz`), `${plain}.gz`));
  const sa = a.finish([root]);
  const sb = b.finish([root]);
  assert.ok(sa.records > 0 && sa.root.fields.length > 5, "the schema is not empty");
  assert.notEqual(serializeSchema(sa), serializeSchema(sb), "provenance differs (the file names)");
  assert.equal(serializeSchema(stripProvenance(sa)), serializeSchema(stripProvenance(sb)));
});

test("shuffled file order gives byte-identical schema files, provenance included", (t) => {
  const corpus = corpusOrSkip(t);
  if (corpus === undefined) return;
  const files = listFiles(corpus);
  const reference = schemaOf(corpus, files);
  assert.ok(reference.length > 100_000);
  for (const seed of [1, 2]) assert.equal(schemaOf(corpus, shuffled(files, seed)), reference, `seed ${seed}`);
  assert.equal(schemaOf(corpus, [...files].reverse()), reference);
});

test("inferSources with concurrency gives the same bytes as one file at a time, for local examples", async () => {
  const resolved = await resolveSources([examplesRoot]);
  const one = await inferSources(resolved, { concurrency: 1 });
  const many = await inferSources(resolved, { concurrency: 8 });
  assert.equal(serializeSchema(many.schema), serializeSchema(one.schema));
  assert.deepEqual(one.summary.files, { log: 11, digest: 1, insight: 1, "not-cloudtrail": 0, skipped: 0 });
  assert.ok(
    one.schema.provenance.files.every((f) => f.path.startsWith("AWSLogs/")),
    "provenance paths are relative to the source root",
  );
});

test("the example logs are what the generator writes (deterministic), gzipped single-line Records files", () => {
  const generated = exampleLogFiles();
  const committed = listFiles(examplesRoot);
  assert.deepEqual(generated.map((f) => f.key).sort(), committed);
  for (const f of generated) {
    assert.ok(readBytes(examplesRoot, f.key).equals(f.body), `${f.key} differs from the generator's output: run npm run examples:logs`);
    const text = gunzipSync(f.body).toString("utf8");
    assert.ok(!text.includes("\n"), `${f.key} is one line`);
  }
  // a second run is the same bytes
  const again = exampleLogFiles();
  assert.deepEqual(
    again.map((f) => f.body.toString("base64")),
    generated.map((f) => f.body.toString("base64")),
  );
});

test("a copy of the examples under another folder gives byte-identical schemas once provenance is left out", async () => {
  const dir = mkdtempSync(join(tmpdir(), "trailhive-infer-"));
  try {
    for (const f of exampleLogFiles()) {
      mkdirSync(dirname(join(dir, "copy", f.key)), { recursive: true });
      writeFileSync(join(dir, "copy", f.key), f.body);
    }
    assert.ok(readdirSync(join(dir, "copy")).length > 0);
    const a = await inferSources(await resolveSources([examplesRoot]));
    const b = await inferSources(await resolveSources([join(dir, "copy")]));
    assert.equal(serializeSchema(stripProvenance(b.schema)), serializeSchema(stripProvenance(a.schema)));
    assert.deepEqual(b.schema.provenance.files, a.schema.provenance.files);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test("provenance lists are sorted by path, then by entry, whatever the order and however often a path repeats", () => {
  const log = (n: number) =>
    readLogFile(Buffer.from(JSON.stringify({ Records: Array.from({ length: n }, () => ({ eventVersion: "1.08", eventSource: "s3.amazonaws.com", eventName: "GetObject" })) })), "x");
  const adds: [string, number][] = [
    ["b", 2],
    ["a", 10],
    ["b", 9],
    ["a", 10],
    ["c", 1],
    ["b", 2],
    ["a", 1],
  ];
  const provenance = (order: [string, number][]) => {
    const builder = new SchemaBuilder();
    for (const [path, n] of order) builder.addFile(path, log(n));
    for (const [path, reason] of [
      ["z", "empty"],
      ["y", "not-json"],
      ["z", "empty"],
      ["z", "truncated-gzip"],
    ])
      builder.addSkipped(path!, reason!);
    return builder.finish(["."]).provenance;
  };
  const first = provenance(adds);
  // by path, then by JSON text: `"records":10}` before `"records":1}` ("0" < "}")
  assert.deepEqual(
    first.files.map((f) => `${f.path}:${f.records}`),
    ["a:10", "a:10", "a:1", "b:2", "b:2", "b:9", "c:1"],
  );
  assert.deepEqual(
    first.skipped.map((f) => `${f.path}:${f.reason}`),
    ["y:not-json", "z:empty", "z:empty", "z:truncated-gzip"],
  );
  assert.deepEqual(provenance([...adds].reverse()), first);
});
