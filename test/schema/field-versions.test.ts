// Per-field eventVersions (issue 19's schema tree: "the eventVersions that brought it"): a field says
// `versions` only where the records that had it are of fewer eventVersions than those that reached its
// parent, the same bytes whichever builder (thread) counted which record, and nothing at all when the
// records have more versions than a builder gives bits (hostile input).
import { test } from "node:test";
import assert from "node:assert/strict";
import { SchemaBuilder } from "../../src/schema/schema-builder.js";
import { parseSchema, serializeSchema } from "../../src/schema/schema-io.js";
import type { SchemaFile } from "../../src/schema/schema-file.js";
import type { Field, Shape } from "../../src/schema/shape.js";

const older = (i: number) => ({
  eventVersion: "1.05",
  eventSource: "ec2.amazonaws.com",
  eventName: "RunInstances",
  eventID: `a${i}`,
  userIdentity: { type: "IAMUser" },
  requestParameters: { instanceType: "t3.micro" },
});
const newer = (i: number) => ({
  eventVersion: "1.08",
  eventSource: "ec2.amazonaws.com",
  eventName: "RunInstances",
  eventID: `b${i}`,
  userIdentity: { type: "AssumedRole", sessionContext: { sourceIdentity: "alice" } },
  tlsDetails: { tlsVersion: "TLSv1.3" },
  requestParameters: { instanceType: "t3.micro", metadataOptions: { httpTokens: "required" } },
});

function schemaOf(records: readonly Record<string, unknown>[][]): SchemaFile {
  const builders = records.map((share) => {
    const b = new SchemaBuilder();
    for (const r of share) b.addRecord(r);
    return b;
  });
  const target = new SchemaBuilder();
  for (const b of builders) target.addState(structuredClone(b.counted()));
  return target.finish(["logs"]);
}

const field = (shape: Shape | undefined, name: string): Field => {
  assert.equal(shape?.kind, "object");
  const f = (shape as { fields: Field[] }).fields.find((x) => x.name === name);
  assert.ok(f, `field ${name}`);
  return f;
};

test("a field says which eventVersions brought it, only where they are fewer than its parent's", () => {
  const schema = schemaOf([[older(1), newer(1), older(2)]]);
  const root = schema.root;
  assert.deepEqual(field(root, "tlsDetails").versions, ["1.08"]);
  assert.equal(field(root, "eventID").versions, undefined, "in every record: nothing to say");
  const identity = field(root, "userIdentity");
  assert.equal(identity.versions, undefined);
  assert.deepEqual(field(identity.shape, "sessionContext").versions, ["1.08"]);
  // below a field of 1.08 only, 1.08 is all there is: not repeated
  assert.equal(field(field(identity.shape, "sessionContext").shape, "sourceIdentity").versions, undefined);
  assert.equal(field(field(root, "tlsDetails").shape, "tlsVersion").versions, undefined);
  // per-event shapes: relative to the versions of the event's own fields
  const request = schema.events["ec2.amazonaws.com:RunInstances"]?.requestParameters;
  assert.equal(field(request, "instanceType").versions, undefined);
  assert.deepEqual(field(request, "metadataOptions").versions, ["1.08"]);
  // and in the record's merged requestParameters
  assert.deepEqual(field(field(root, "requestParameters").shape, "metadataOptions").versions, ["1.08"]);
});

test("the same bytes whichever builder counted which record, in whatever order each saw the versions", () => {
  const records = [older(1), newer(1), older(2), newer(2), newer(3), older(3)];
  const one = serializeSchema(schemaOf([records]));
  assert.match(one, /"versions": \[\s*"1\.08"\s*\]/, "the schema holds per-field versions");
  // each builder numbers the versions in the order it met them: 1.08 first here, 1.05 first there
  const splits = [
    [
      [newer(1), older(1), newer(3)],
      [older(2), newer(2), older(3)],
    ],
    [
      [newer(1), newer(2), newer(3)],
      [older(1), older(2), older(3)],
    ],
  ];
  for (const split of splits) assert.equal(serializeSchema(schemaOf(split)), one);
});

test("more eventVersions than a builder has bits for: no field says any, the record counts stay exact", () => {
  const records: Record<string, unknown>[] = Array.from({ length: 40 }, (_, i) => ({ ...newer(i), eventVersion: `9.${i}` }));
  records.push({ ...older(0), eventVersion: "1.05" });
  const schema = schemaOf([records]);
  assert.equal(Object.keys(schema.eventVersions).length, 41);
  assert.doesNotMatch(serializeSchema(schema), /"versions"/);
  assert.equal(field(schema.root, "tlsDetails").stats.present, 40);
});

test("hostile eventVersions ('__proto__', markup) are kept as data in a field's versions and read back", () => {
  const records = [
    { ...newer(1), eventVersion: "__proto__" },
    { ...older(1), eventVersion: "</script><img src=x onerror=alert(1)>" },
    { ...older(2), eventVersion: "constructor" },
  ];
  const schema = schemaOf([records]);
  assert.deepEqual(field(schema.root, "tlsDetails").versions, ["__proto__"]);
  const text = serializeSchema(schema);
  const back = parseSchema(text, "hostile.schema.json");
  assert.deepEqual(field(back.root, "tlsDetails").versions, ["__proto__"]);
  assert.deepEqual(Object.keys(back.eventVersions).sort(), ["</script><img src=x onerror=alert(1)>", "__proto__", "constructor"]);
  assert.equal(serializeSchema(back), text);
});
