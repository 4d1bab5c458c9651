// A record with one top-level key Hive cannot name (a Logstash `@timestamp`, a key with a dot) used
// to become one MAP of every field, losing every typed column; the record stays an object and only
// that key is left out, with a warning naming it.
import { test } from "node:test";
import assert from "node:assert/strict";
import { renderTable } from "../../src/render/render-table.js";
import { SchemaBuilder } from "../../src/schema/schema-builder.js";

test("odd top-level keys leave the record an object: the other columns stay typed, the odd key is left out and named", () => {
  for (const odd of ["@timestamp", "a.b", "x-amz-id-2", "名前", "a\u0000b", "l".repeat(200)]) {
    const builder = new SchemaBuilder();
    builder.addRecord({ eventVersion: "1.08", eventName: "RunInstances", responseElements: { _return: true }, [odd]: "v" });
    const schema = builder.finish(["logs"]);
    assert.equal(schema.root.kind, "object", JSON.stringify(odd));
    const t = renderTable(schema, { flavor: "jsonl", table: "t", location: "s3://b/", partitioned: false, expand: ["responseElements"] });
    const columns = new Map(t.table.columns.map((c) => [c.name, c.type]));
    assert.equal(columns.get("eventname"), "string", JSON.stringify(odd));
    assert.equal(columns.get("responseelements"), "struct<_return:boolean>");
    assert.ok(
      t.warnings.some((w) => w.message.includes(odd.slice(0, 40))),
      `${JSON.stringify(odd)}: ${t.warnings.map((w) => w.message).join("; ")}`,
    );
  }
});
