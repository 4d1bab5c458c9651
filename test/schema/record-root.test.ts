import { test } from "node:test";
import assert from "node:assert/strict";
import { SchemaBuilder } from "../../src/schema/schema-builder.js";
import { tableColumns } from "../../src/hive/table-columns.js";

const record = (extra: Record<string, unknown>) => ({ eventVersion: "1.09", eventSource: "ec2.amazonaws.com", eventName: "RunInstances", managementEvent: true, ...extra });

test("the record is never a map: a top-level key Hive cannot name is left out of the table and reported, the other fields keep their types", () => {
  for (const odd of ["x-amz-extra", "@timestamp", "a-b", "1abc"]) {
    const builder = new SchemaBuilder();
    builder.addRecord(record({ [odd]: "v" }));
    builder.addRecord(record({}));
    const schema = builder.finish(["x"]);
    assert.equal(schema.root.kind, "object", odd);
    const byKey = new Map(schema.root.fields.map((f) => [f.key, f.shape.kind]));
    assert.equal(byKey.get("managementevent"), "boolean", `${odd}: managementEvent keeps its type`);
    assert.equal(byKey.get("eventname"), "string", odd);
    const { columns, warnings } = tableColumns(schema, { oddKeys: "map-or-string", typeLimit: 4000, partitioned: false, rowPerFile: false });
    const names = columns.map((c) => c.name);
    assert.ok(names.includes("managementevent") && names.includes("eventname"), `${odd}: ${names.join(",")}`);
    // A leading digit is a legal column once backquoted; the others cannot be named at all.
    if (odd === "1abc") assert.ok(names.includes("1abc"), names.join(","));
    else {
      assert.ok(!names.includes(odd.toLowerCase()), odd);
      assert.ok(
        warnings.some((w) => w.code === "dropped-field" && w.message.includes(JSON.stringify(odd))),
        `${odd}: ${warnings.map((w) => w.message).join(" | ")}`,
      );
    }
  }
});

test("inside the record, keys Hive cannot name still make their object a map", () => {
  const builder = new SchemaBuilder();
  builder.addRecord(record({ additionalEventData: { "x-amz-id-2": "a" }, userIdentity: { "a-b": 1 } }));
  const schema = builder.finish(["x"]);
  assert.equal(schema.root.fields.find((f) => f.key === "useridentity")?.shape.kind, "map");
});
