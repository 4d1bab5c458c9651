import { test } from "node:test";
import assert from "node:assert/strict";
import { readLogFile } from "../../src/records/read-log-file.js";
import { SchemaBuilder } from "../../src/schema/schema-builder.js";
import { mergeSchemaStates } from "../../src/schema/schema-state.js";
import { serializeSchema } from "../../src/schema/schema-io.js";
import { corpusOrSkip, examplesRoot, listFiles, readBytes } from "./support/corpus.js";

/** One builder per share of the files (round robin from `offset`), their states merged: what staging's worker threads do. */
function mergedSchema(root: string, paths: readonly string[], builders: number, offset = 0): string {
  const shares = Array.from({ length: builders }, () => new SchemaBuilder());
  paths.forEach((path, i) => shares[(i + offset) % builders]!.addFile(path, readLogFile(readBytes(root, path), path)));
  // through structured clone, as a worker's state arrives; as counted (unsorted, what staging sends) and as merged
  const states = shares.map((b, i) => structuredClone(i % 2 === 0 ? b.counted() : b.state()));
  const target = new SchemaBuilder();
  for (const state of states.reverse()) target.addState(state);
  return serializeSchema(target.finish([root]));
}

function singleSchema(root: string, paths: readonly string[]): string {
  const builder = new SchemaBuilder();
  for (const path of paths) builder.addFile(path, readLogFile(readBytes(root, path), path));
  return serializeSchema(builder.finish([root]));
}

for (const [name, rootOf] of [
  ["the corpus", corpusOrSkip],
  ["the examples", () => examplesRoot],
] as const) {
  test(`merged builder states give the same schema bytes as one builder, on ${name}, for any split`, (t) => {
    const root = rootOf(t);
    if (root === undefined) return;
    const files = listFiles(root);
    const reference = singleSchema(root, files);
    assert.match(reference, /"records": [1-9]/, "the schema counts records");
    for (const [builders, offset] of [
      [2, 0],
      [3, 1],
      [7, 5],
    ] as const) {
      assert.equal(mergedSchema(root, files, builders, offset), reference, `${builders} builders, offset ${offset}`);
    }
    // a builder that saw nothing merges in as nothing
    assert.equal(mergedSchema(root, files, files.length + 3), reference, "more builders than files");
  });
}

test("merging sums records and event versions and joins provenance", () => {
  const log = (n: number, version: string) =>
    readLogFile(
      Buffer.from(
        JSON.stringify({ Records: Array.from({ length: n }, () => ({ eventVersion: version, eventSource: "s3.amazonaws.com", eventName: "GetObject", requestParameters: { bucketName: "b" } })) }),
      ),
      "x",
    );
  const a = new SchemaBuilder();
  a.addFile("a.json", log(2, "1.08"));
  a.addSkipped("bad.json", "invalid-json");
  const b = new SchemaBuilder();
  b.addFile("b.json", log(3, "1.09"));
  const merged = mergeSchemaStates([a.state(), b.state()]);
  assert.equal(merged.records, 5);
  assert.deepEqual(merged.eventVersions, [
    ["1.08", 2],
    ["1.09", 3],
  ]);
  assert.deepEqual(
    merged.events.map((e) => [e.key, e.records]),
    [["s3.amazonaws.com:GetObject", 5]],
  );
  assert.deepEqual(
    merged.files.map((f) => f.path),
    ["a.json", "b.json"],
  );
  assert.deepEqual(merged.skipped, [{ path: "bad.json", reason: "invalid-json" }]);
});
