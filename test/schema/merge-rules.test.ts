import { test } from "node:test";
import assert from "node:assert/strict";
import { readLogFile } from "../../src/records/read-log-file.js";
import { SchemaBuilder } from "../../src/schema/schema-builder.js";
import type { InferenceOptions } from "../../src/schema/infer-shape.js";
import type { SchemaFile } from "../../src/schema/schema-file.js";
import type { Field, Shape } from "../../src/schema/shape.js";

function infer(records: Record<string, unknown>[], options: InferenceOptions = {}): SchemaFile {
  const builder = new SchemaBuilder(options);
  for (const r of records) builder.addRecord(r);
  return builder.finish(["test"]);
}

/** The field at a dotted path of lower-cased keys ("a.b"; "[]" steps into array items). */
function field(shape: Shape, path: string): Field {
  let current: Shape = shape;
  let found: Field | undefined;
  for (const step of path.split(".")) {
    while (current.kind === "array") current = current.items;
    assert.equal(current.kind, "object", `${path}: ${step} is under a ${current.kind}`);
    found = (current as Extract<Shape, { kind: "object" }>).fields.find((f) => f.key === step);
    assert.ok(found, `${path}: no field ${step}`);
    current = found.shape;
  }
  return found!;
}

function conflictAt(schema: SchemaFile, path: string) {
  return schema.conflicts.filter((c) => c.path === path && c.event === undefined).map((c) => ({ resolution: c.resolution, kinds: c.kinds }));
}

test("null never decides a type: null + string is a string, only nulls is unknown", () => {
  const s = infer([{ a: null, b: null }, { a: "x", b: null }, { a: null }]);
  assert.deepEqual(field(s.root, "a").shape, { kind: "string" });
  assert.deepEqual(field(s.root, "a").stats, { present: 3, nulls: 2, kinds: { string: 1 } });
  assert.deepEqual(field(s.root, "b").shape, { kind: "unknown" });
  assert.deepEqual(s.conflicts, []);
});

test("integer + float is double, reported as a conflict with counts", () => {
  const s = infer([{ n: 1 }, { n: 2.5 }, { n: 3 }]);
  assert.deepEqual(field(s.root, "n").shape, { kind: "double" });
  assert.deepEqual(conflictAt(s, "$.n"), [{ resolution: "double", kinds: { integer: 2, number: 1 } }]);
});

test("integer ranges are exact, above 2^31 and above 2^53", () => {
  const text = '{"Records":[{"n":3000000000,"big":9007199254740993},{"n":-5,"big":9007199254740995}]}';
  const result = readLogFile(Buffer.from(text), "x.json");
  assert.equal(result.kind, "log");
  const builder = new SchemaBuilder();
  builder.addFile("x.json", result);
  const s = builder.finish(["x"]);
  assert.deepEqual(field(s.root, "n").shape, { kind: "integer", min: "-5", max: "3000000000" });
  assert.deepEqual(field(s.root, "big").shape, { kind: "integer", min: "9007199254740993", max: "9007199254740995" });
});

test("integers beyond signed 64 bits are widened to JSON text (integer-out-of-range)", () => {
  const text = '{"Records":[{"id":18446744073709551615},{"id":1},{"ok":9223372036854775807}]}';
  const builder = new SchemaBuilder();
  builder.addFile("x.json", readLogFile(Buffer.from(text), "x.json"));
  const s = builder.finish(["x"]);
  assert.deepEqual(field(s.root, "id").shape, { kind: "json", reason: "integer-out-of-range" });
  assert.deepEqual(conflictAt(s, "$.id"), [{ resolution: "integer-out-of-range", kinds: { integer: 2 } }]);
  assert.deepEqual(field(s.root, "ok").shape, { kind: "integer", min: "9223372036854775807", max: "9223372036854775807" });
});

test("mixed primitives are widened to JSON text", () => {
  const s = infer([{ v: "a" }, { v: 1 }, { v: true }]);
  assert.deepEqual(field(s.root, "v").shape, { kind: "json", reason: "mixed-primitives" });
  assert.deepEqual(conflictAt(s, "$.v"), [{ resolution: "mixed-primitives", kinds: { boolean: 1, integer: 1, string: 1 } }]);
});

test("object vs scalar and array vs object are widened, with the shape below dropped", () => {
  const s = infer([{ o: { a: 1 } }, { o: "text" }, { ao: [1] }, { ao: { a: 1 } }]);
  assert.deepEqual(field(s.root, "o").shape, { kind: "json", reason: "object-vs-scalar" });
  assert.deepEqual(field(s.root, "ao").shape, { kind: "json", reason: "array-vs-object" });
  assert.deepEqual(conflictAt(s, "$.o"), [{ resolution: "object-vs-scalar", kinds: { string: 1, object: 1 } }]);
});

test("array vs scalar (AWS's one-element lists: Statement[].Action) is widened at the element path", () => {
  const policy = (action: unknown) => ({ bucketPolicy: { Statement: [{ Effect: "Allow", Action: action }] } });
  const s = infer([{ p: policy("s3:GetObject") }, { p: policy(["s3:GetObject", "s3:PutObject"]) }]);
  assert.deepEqual(field(s.root, "p.bucketpolicy.statement.action").shape, { kind: "json", reason: "array-vs-scalar" });
  assert.deepEqual(conflictAt(s, "$.p.bucketPolicy.Statement[].Action"), [{ resolution: "array-vs-scalar", kinds: { string: 1, array: 1 } }]);
  assert.equal(field(s.root, "p.bucketpolicy.statement.effect").shape.kind, "string");
});

test("keys that differ only by case merge into one field with every spelling, even in one object", () => {
  const s = infer([{ r: { Tagging: { TagSet: [] }, tagging: "" } }, { r: { Tagging: { TagSet: [] } } }]);
  const tagging = field(s.root, "r.tagging");
  assert.deepEqual(tagging.spellings, ["Tagging", "tagging"]);
  assert.equal(tagging.name, "Tagging", "the most frequent spelling names the field");
  assert.equal(tagging.stats.present, 3);
  assert.deepEqual(tagging.shape, { kind: "json", reason: "object-vs-scalar" });
  const found = s.conflicts.filter((c) => c.path === "$.r.Tagging").map((c) => c.resolution);
  assert.deepEqual(found, ["case-merge", "object-vs-scalar"]);
  assert.deepEqual(s.conflicts.find((c) => c.resolution === "case-merge")?.spellings, ["Tagging", "tagging"]);
});

test("empty objects and arrays: always-empty stays an object without fields / an array of unknown; beside data they merge", () => {
  const s = infer([
    { e: {}, a: [], mixed: {}, list: [] },
    { e: {}, a: [], mixed: { x: 1 }, list: ["s"] },
  ]);
  assert.deepEqual(field(s.root, "e").shape, { kind: "object", fields: [] });
  assert.deepEqual(field(s.root, "a").shape, { kind: "array", items: { kind: "unknown" }, maxLength: 0, empty: 2 });
  assert.equal(field(s.root, "mixed.x").stats.present, 1);
  assert.deepEqual(field(s.root, "list").shape, { kind: "array", items: { kind: "string" }, maxLength: 1, empty: 1 });
  assert.deepEqual(s.conflicts, []);
});

test("maps: non-identifier keys (x-amz-id-2, ARNs) make a map of merged values", () => {
  const s = infer([{ extra: { "x-amz-id-2": "abc", SignatureVersion: "SigV4", bytesTransferredIn: 10 } }, { tags: { "aws:cloudformation:stack-name": "s" } }]);
  const extra = field(s.root, "extra").shape;
  assert.equal(extra.kind, "map");
  assert.deepEqual(extra, { kind: "map", values: { kind: "json", reason: "mixed-primitives" }, distinctKeys: 3, reason: "non-identifier-keys" });
  assert.deepEqual(field(s.root, "tags").shape, { kind: "map", values: { kind: "string" }, distinctKeys: 1, reason: "non-identifier-keys" });
  assert.deepEqual(conflictAt(s, "$.extra.*"), [{ resolution: "mixed-primitives", kinds: { integer: 1, string: 2 } }]);
});

test("maps: many rare keys make a map; a wide struct seen in few objects stays a struct; thresholds are options", () => {
  const records = Array.from({ length: 40 }, (_, i) => ({ byInstance: { [`i${i}abc`]: { state: "running" } }, wide: Object.fromEntries(Array.from({ length: 25 }, (_, k) => [`field${k}`, k])) }));
  const s = infer(records);
  const byInstance = field(s.root, "byinstance").shape;
  assert.equal(byInstance.kind, "map");
  assert.equal((byInstance as Extract<Shape, { kind: "map" }>).reason, "many-rare-keys");
  assert.equal((byInstance as Extract<Shape, { kind: "map" }>).distinctKeys, 40);
  assert.deepEqual((byInstance as Extract<Shape, { kind: "map" }>).values.kind, "object");
  assert.equal(field(s.root, "wide").shape.kind, "object");
  const strict = infer(records, { maps: { manyKeys: 100 } });
  assert.equal(field(strict.root, "byinstance").shape.kind, "object");
  const loose = infer(records, { maps: { alwaysMapKeys: 25 } });
  assert.equal(field(loose.root, "wide").shape.kind, "map");
});

test("per-path overrides: json, map and object win over the rules", () => {
  const records = [{ a: { b: 1 }, m: { x: 1, y: 2 }, k: { "x-y": 1 } }];
  const s = infer(records, { overrides: { "$.A": "json", "$.m": "map", "$.k": "object" } });
  assert.deepEqual(field(s.root, "a").shape, { kind: "json", reason: "override" });
  assert.deepEqual(field(s.root, "m").shape, { kind: "map", values: { kind: "integer", min: "1", max: "2" }, distinctKeys: 2, reason: "override" });
  assert.equal(field(s.root, "k").shape.kind, "object");
  assert.deepEqual(conflictAt(s, "$.a"), [{ resolution: "override", kinds: { object: 1 } }]);
});

test("per-event shapes of requestParameters and responseElements are keyed eventSource:eventName, and join into the record's", () => {
  const s = infer([
    { eventSource: "ec2.amazonaws.com", eventName: "AuthorizeSecurityGroupIngress", requestParameters: { groupId: "sg-1", ipPermissions: { items: [{ fromPort: 22 }] } }, responseElements: null },
    { eventSource: "ec2.amazonaws.com", eventName: "AuthorizeSecurityGroupIngress", requestParameters: { groupId: "sg-2", ipPermissions: { items: [{ fromPort: 443 }] } } },
    { eventSource: "s3.amazonaws.com", eventName: "GetBucketPolicy", requestParameters: { bucketName: "b", groupId: 5 } },
  ]);
  assert.deepEqual(Object.keys(s.events), ["ec2.amazonaws.com:AuthorizeSecurityGroupIngress", "s3.amazonaws.com:GetBucketPolicy"]);
  const sg = s.events["ec2.amazonaws.com:AuthorizeSecurityGroupIngress"]!;
  assert.equal(sg.records, 2);
  assert.deepEqual(field(sg.requestParameters!, "ippermissions.items.fromport").shape, { kind: "integer", min: "22", max: "443" });
  assert.deepEqual(sg.responseElements, { kind: "unknown" });
  assert.deepEqual(field(s.events["s3.amazonaws.com:GetBucketPolicy"]!.requestParameters!, "groupid").shape, { kind: "integer", min: "5", max: "5" });
  // the record's shape is the union: groupId is a string in one event and an integer in the other
  assert.deepEqual(field(s.root, "requestparameters.groupid").shape, { kind: "json", reason: "mixed-primitives" });
  assert.equal(field(s.root, "requestparameters").stats.present, 3);
  assert.equal(field(s.root, "responseelements").stats.nulls, 1);
});

test("merge is independent of record order", () => {
  const records = [
    { a: 1, b: { C: "x" } },
    { a: 2.5, b: { c: "y", d: [] } },
    { a: null, b: { d: [true] }, e: "z" },
  ];
  const reference = JSON.stringify(infer(records));
  for (const order of [
    [2, 1, 0],
    [1, 0, 2],
    [2, 0, 1],
  ])
    assert.equal(JSON.stringify(infer(order.map((i) => records[i]!))), reference);
});

test("hostile keys stay data: __proto__ as eventVersion, event name and field; colons in event names", async () => {
  const { serializeSchema, parseSchema } = await import("../../src/schema/schema-io.js");
  const records = [
    JSON.parse('{"eventVersion":"__proto__","eventSource":"__proto__","eventName":"a:b","requestParameters":{"__proto__":{"x":1},"constructor":2}}'),
    { eventVersion: "constructor", eventSource: "", eventName: "", requestParameters: { y: "s" } },
  ];
  const text = serializeSchema(infer(records));
  const s = parseSchema(text, "hostile.json");
  assert.deepEqual(Object.entries(s.eventVersions), [
    ["__proto__", 1],
    ["constructor", 1],
  ]);
  assert.deepEqual(Object.keys(s.events), ["__proto__:a:b"], "records without eventSource/eventName join the record's shape only");
  assert.equal(field(s.events["__proto__:a:b"]!.requestParameters!, "__proto__.x").shape.kind, "integer");
  assert.deepEqual(field(s.root, "requestparameters").shape.kind, "object");
  assert.equal(serializeSchema(s), text);
});

test("values nested deeper than MAX_DEPTH become JSON text (too-deep) instead of overflowing the stack", async () => {
  const { MAX_DEPTH } = await import("../../src/schema/accumulator.js");
  const deep = JSON.parse(`${"[".repeat(5000)}${"]".repeat(5000)}`) as unknown;
  let nested: unknown = "leaf";
  for (let i = 0; i < MAX_DEPTH + 5; i++) nested = { n: nested };
  const s = infer([{ deep, nested, shallow: [[1]] }]);
  assert.deepEqual(field(s.root, "shallow").shape, { kind: "array", items: { kind: "array", items: { kind: "integer", min: "1", max: "1" }, maxLength: 1, empty: 0 }, maxLength: 1, empty: 0 });
  const tooDeep = s.conflicts.filter((c) => c.resolution === "too-deep");
  assert.equal(tooDeep.length, 2);
  // the record is depth 1, its fields depth 2: the value at depth MAX_DEPTH is where JSON text starts
  const nestedConflict = tooDeep.find((c) => c.path.startsWith("$.nested"))!;
  assert.equal(nestedConflict.path, "$.nested" + ".n".repeat(MAX_DEPTH - 2));
  assert.ok(tooDeep.some((c) => c.path === "$.deep" + "[]".repeat(MAX_DEPTH - 2)));
});
