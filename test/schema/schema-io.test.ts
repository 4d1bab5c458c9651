import { test } from "node:test";
import assert from "node:assert/strict";
import { inferSources } from "../../src/pipeline/infer-sources.js";
import { resolveSources } from "../../src/source/resolve-sources.js";
import { parseSchema, serializeSchema, stripProvenance } from "../../src/schema/schema-io.js";
import { TrailhiveError } from "../../src/errors.js";
import type { SchemaFile } from "../../src/schema/schema-file.js";
import { examplesRoot } from "./support/corpus.js";

async function example(): Promise<SchemaFile> {
  return (await inferSources(await resolveSources([examplesRoot]))).schema;
}

function rejects(text: string, pattern: RegExp, code = "SCHEMA_INVALID"): void {
  assert.throws(
    () => parseSchema(text, "trailhive.schema.json"),
    (e: unknown) => {
      assert.ok(e instanceof TrailhiveError);
      assert.equal(e.code, code);
      assert.match(e.message, /^trailhive\.schema\.json /);
      assert.match(e.message, pattern);
      return true;
    },
  );
}

test("written schema files: stable key order, 2-space indent, trailing newline, round trip to the same bytes", async () => {
  const schema = await example();
  const text = serializeSchema(schema);
  assert.ok(text.endsWith("}\n") && !text.endsWith("\n\n"));
  assert.match(text, /^\{\n {2}"format": "trailhive-schema",\n {2}"version": 1,\n {2}"records": 41,/);
  assert.equal(serializeSchema(parseSchema(text, "x")), text);
  // key order does not depend on how the object was built
  const scrambled = JSON.parse(text, (_k, v: unknown) => (v && typeof v === "object" && !Array.isArray(v) ? Object.fromEntries(Object.entries(v).reverse()) : v)) as SchemaFile;
  assert.notEqual(JSON.stringify(scrambled, null, 2) + "\n", text);
  assert.equal(serializeSchema(scrambled), text);
  // only deep objects out of order (parents in order, a child after others changed): same bytes
  const deep = JSON.parse(text, (k, v: unknown) => (k === "stats" && v && typeof v === "object" ? Object.fromEntries(Object.entries(v).reverse()) : v)) as SchemaFile;
  assert.notEqual(JSON.stringify(deep, null, 2) + "\n", text);
  assert.equal(serializeSchema(deep), text);
});

test("schema files hold no record values: no IPs, user names, account ids, event times", async () => {
  const schema = await example();
  const text = serializeSchema(schema);
  for (const value of ["203.0.113", "198.51.100", "alice", "svc-backup", "2026-11-1", "sg-0123456789abcdef0", "AKIAIOSFODNN7EXAMPLE", "amzn-s3-demo-bucket"]) {
    assert.ok(!text.includes(value), `the schema holds ${value}`);
  }
  // account ids appear only in provenance paths (the AWSLogs/<account>/ layout), not in the shape
  assert.ok(!serializeSchema(stripProvenance(schema)).includes("111122223333"));
  assert.ok(text.includes('"ec2.amazonaws.com:AuthorizeSecurityGroupIngress"'));
});

test("hand-edited invalid files get an error naming the JSON path and what to do", async () => {
  const text = serializeSchema(await example());
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- hand edits reach anywhere, like a person with an editor
  const edit = (change: (s: any) => void) => {
    const s = JSON.parse(text);
    change(s);
    return JSON.stringify(s, null, 2);
  };
  rejects(
    edit((s) => (s.root.fields[2].shape.kind = "strin")),
    /\$\.root\.fields\[2\] \(field "[a-z]+"\)\.shape\.kind: must be one of "unknown"/,
  );
  rejects(
    edit((s) => (s.root.fields[0].stats.present = -1)),
    /\$\.root\.fields\[0\] \(field "[a-z]+"\)\.stats\.present: must be >= 0/,
  );
  rejects(
    edit((s) => (s.root.fields[1].colour = "red")),
    /\$\.root\.fields\[1\] \(field "[a-z]+"\): has an unknown property "colour"/,
  );
  rejects(
    edit((s) => delete s.provenance),
    /\$: must have required property 'provenance'/,
  );
  rejects(
    edit((s) => (s.events["ec2.amazonaws.com:CreateSecurityGroup"].records = "1")),
    /\$\.events\["ec2\.amazonaws\.com:CreateSecurityGroup"\]\.records: must be integer/,
  );
  rejects(
    edit((s) => s.conflicts.push({ path: "$.x", kinds: {}, resolution: "guess" })),
    /\$\.conflicts\[\d+\]\.resolution: must be one of/,
  );
  rejects(
    edit((s) => (s.root.fields[0].shape = { kind: "integer", min: "1.5", max: "2" })),
    /\.shape\.min: must match pattern/,
  );
  rejects(text.slice(0, 50), /is not valid JSON/, "SCHEMA_NOT_JSON");
  rejects(
    edit((s) => (s.version = 2)),
    /newer than this trailhive reads/,
    "SCHEMA_VERSION",
  );
  assert.doesNotThrow(() => parseSchema(text, "ok.json"));
});

test("serializeSchema refuses to write a schema that breaks its JSON Schema (a bug, not a user error)", async () => {
  const schema = await example();
  const broken = { ...schema, records: -1 };
  assert.throws(
    () => serializeSchema(broken),
    (e: unknown) => e instanceof TrailhiveError && e.code === "INTERNAL_SCHEMA_INVALID" && !e.userError,
  );
});
