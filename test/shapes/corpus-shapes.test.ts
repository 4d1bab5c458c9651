import { test } from "node:test";
import assert from "node:assert/strict";
import { join } from "node:path";
import { readLogFile } from "../../src/records/read-log-file.js";
import { SchemaBuilder } from "../../src/schema/schema-builder.js";
import { serializeSchema, stripProvenance } from "../../src/schema/schema-io.js";
import { corpusOrSkip, listFiles, readBytes } from "../schema/support/corpus.js";
import { stagedEvents } from "./support/staged-events.js";
import { writeShapes, type CloudTrailRecord } from "./support/write-shapes.js";

/**
 * Done-when of "every shape": the corpus's invictus set (real S3 deliveries), each file written in
 * every shape, gives the same schema (provenance aside) and stages the same events in the same
 * partitions as the native files, so the local engine's table and every answer over it are the same.
 */
test("the invictus set in every shape: the same schema and the same staged events as the native files", async (t) => {
  const corpus = corpusOrSkip(t);
  if (corpus === undefined) return;
  const root = join(corpus, "invictus-aws_dataset");
  const native: Record<string, Buffer> = {};
  const perFile: { path: string; records: CloudTrailRecord[] }[] = [];
  const nativeSchema = new SchemaBuilder();
  for (const path of listFiles(root)) {
    const bytes = readBytes(root, path);
    const result = readLogFile(bytes, path);
    nativeSchema.addFile(path, result);
    if (result.kind !== "log") continue;
    native[path] = bytes;
    perFile.push({ path, records: result.records });
  }
  const records = perFile.reduce((n, f) => n + f.records.length, 0);
  assert.ok(perFile.length >= 10 && records >= 100, `the invictus set holds logs (${perFile.length} files, ${records} events)`);
  const expectedSchema = serializeSchema(stripProvenance(nativeSchema.finish(["invictus"])));
  const expectedStaged = await stagedEvents(native);
  assert.equal(expectedStaged.length, records);

  const written = perFile.map((f) => ({ path: f.path, records: f.records.length, shapes: writeShapes(f.records) }));
  for (const [index, { file: name }] of written[0]!.shapes.entries()) {
    const builder = new SchemaBuilder();
    const files: Record<string, Buffer> = {};
    for (const f of written) {
      const shape = f.shapes[index]!;
      const key = `${f.path}.${name}`;
      const result = readLogFile(shape.bytes, key);
      builder.addFile(key, result);
      // records concatenated: a file of one record is one bare event
      const container = shape.container === "concatenated" && f.records === 1 ? "event" : shape.container;
      assert.equal(result.kind === "log" ? result.container : result.kind, container, key);
      files[key] = shape.bytes;
    }
    assert.equal(serializeSchema(stripProvenance(builder.finish(["invictus"]))), expectedSchema, `${name}: the same schema`);
    assert.deepEqual(await stagedEvents(files), expectedStaged, `${name}: the same staged events`);
  }
});
