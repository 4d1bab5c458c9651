import { test } from "node:test";
import assert from "node:assert/strict";
import { readLogFile, type CloudTrailRecord } from "../../src/records/read-log-file.js";
import { SchemaBuilder } from "../../src/schema/schema-builder.js";
import { parseSchema, serializeSchema } from "../../src/schema/schema-io.js";
import type { SchemaFile } from "../../src/schema/schema-file.js";
import { checkCoverage, widenings } from "./support/check-coverage.js";
import { corpusOrSkip, examplesRoot, listFiles, readBytes } from "./support/corpus.js";

function inferAll(roots: string[]): { schema: SchemaFile; records: CloudTrailRecord[] } {
  const builder = new SchemaBuilder();
  const records: CloudTrailRecord[] = [];
  for (const root of roots) {
    for (const path of listFiles(root)) {
      const result = readLogFile(readBytes(root, path), path);
      builder.addFile(path, result);
      if (result.kind === "log") records.push(...result.records);
    }
  }
  // Through the file, as later stages see it.
  const schema = parseSchema(serializeSchema(builder.finish(roots)), "trailhive.schema.json");
  return { schema, records };
}

test("coverage: every value of every accepted corpus and example record is accepted by the Shape at its path", (t) => {
  const corpus = corpusOrSkip(t);
  if (corpus === undefined) return;
  const { schema, records } = inferAll([corpus, examplesRoot]);
  assert.equal(records.length, schema.records);
  assert.ok(records.length > 3600, `expected the whole corpus, got ${records.length} records`);
  const problems: string[] = [];
  let eventChecks = 0;
  for (const record of records) {
    problems.push(...checkCoverage(schema.root, record, "$"));
    const key = `${String(record.eventSource)}:${String(record.eventName)}`;
    const event = schema.events[key];
    if (typeof record.eventSource === "string" && typeof record.eventName === "string") {
      assert.ok(event, `no per-event shapes for ${key}`);
      for (const field of ["requestParameters", "responseElements"] as const) {
        const shape = event[field];
        if (shape === undefined) continue;
        problems.push(...checkCoverage(shape, record[field], `${key} $.${field}`));
        eventChecks++;
      }
    }
  }
  assert.deepEqual(problems.slice(0, 20), []);
  assert.ok(eventChecks > 3000, `per-event shapes checked ${eventChecks} times`);
});

test("coverage: the checker rejects values a Shape does not promise (it is not vacuous)", (t) => {
  const corpus = corpusOrSkip(t);
  if (corpus === undefined) return;
  const { schema, records } = inferAll([corpus]);
  const record = records.find((r) => r.eventName === "AuthorizeSecurityGroupIngress")!;
  assert.deepEqual(checkCoverage(schema.root, record, "$"), []);
  assert.notDeepEqual(checkCoverage(schema.root, { ...record, eventName: 42 }, "$"), []);
  assert.notDeepEqual(checkCoverage(schema.root, { ...record, brandNewField: "x" }, "$"), []);
  const req = schema.events["ec2.amazonaws.com:AuthorizeSecurityGroupIngress"]!.requestParameters!;
  assert.deepEqual(checkCoverage(req, record.requestParameters, "$.requestParameters"), []);
  assert.notDeepEqual(checkCoverage(req, { groupId: ["sg-1"] }, "$.requestParameters"), []);
});

test("every widening to JSON text is listed in conflicts with its path and reason", (t) => {
  const corpus = corpusOrSkip(t);
  if (corpus === undefined) return;
  const { schema } = inferAll([corpus, examplesRoot]);
  const listed = new Set(schema.conflicts.map((c) => `${c.event ?? ""}|${c.path}|${c.resolution}`));
  const found = widenings(schema.root, "$").map((w) => `|${w.path}|${w.reason}`);
  for (const [key, event] of Object.entries(schema.events)) {
    for (const field of ["requestParameters", "responseElements"] as const) {
      const shape = event[field];
      if (shape) found.push(...widenings(shape, `$.${field}`).map((w) => `${key}|${w.path}|${w.reason}`));
    }
  }
  assert.ok(found.length >= 10, `the corpus has conflicts; found ${found.length} widenings`);
  assert.deepEqual(
    found.filter((w) => !listed.has(w)),
    [],
  );
  // The corpus's documented traps are among them.
  const paths = schema.conflicts.map((c) => `${c.event ?? ""} ${c.path} ${c.resolution}`);
  for (const expected of [
    "s3.amazonaws.com:PutBucketTagging $.requestParameters.Tagging case-merge",
    "s3.amazonaws.com:PutBucketTagging $.requestParameters.Tagging object-vs-scalar",
    "s3.amazonaws.com:PutBucketPolicy $.requestParameters.bucketPolicy.Statement[].Action array-vs-scalar",
  ]) {
    assert.ok(paths.includes(expected), `missing conflict: ${expected}`);
  }
});
