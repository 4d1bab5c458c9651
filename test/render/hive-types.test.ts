import { test } from "node:test";
import assert from "node:assert/strict";
import { shapeToHiveType, type ShapeToHiveOptions } from "../../src/hive/shape-to-hive-type.js";
import { typeInfoString, ddlTypeString } from "../../src/hive/hive-type.js";
import { tableColumns } from "../../src/hive/table-columns.js";
import { renderTable } from "../../src/render/render-table.js";
import { FLAVOR_NAMES, type FlavorName } from "../../src/flavors/index.js";
import type { RenderWarning } from "../../src/hive/render-warning.js";
import type { Shape } from "../../src/schema/shape.js";
import { field, object, schemaOf, S } from "./support/small-schema.js";

function typed(shape: Shape, oddKeys: ShapeToHiveOptions["oddKeys"] = "map-or-string") {
  const options: ShapeToHiveOptions = { oddKeys, warnings: [], mappings: new Map() };
  const type = shapeToHiveType(shape, "$.x", options);
  return { type: typeInfoString(type), ddl: ddlTypeString(type), warnings: options.warnings, mappings: options.mappings };
}

test("scalars: integers are BIGINT whatever range was seen, beyond BIGINT they are STRING with a warning", () => {
  assert.equal(typed({ kind: "integer", min: "0", max: "5" }).type, "bigint");
  assert.equal(typed({ kind: "integer", min: "0", max: "3000000000" }).type, "bigint");
  assert.equal(typed({ kind: "integer", min: "-9223372036854775808", max: "9223372036854775807" }).type, "bigint");
  const big = typed({ kind: "integer", min: "0", max: "9223372036854775808" });
  assert.equal(big.type, "string");
  assert.match(big.warnings[0]?.message ?? "", /\$\.x holds integers beyond BIGINT/);
  assert.equal(typed({ kind: "double" }).type, "double");
  assert.equal(typed({ kind: "boolean" }).type, "boolean");
});

test("documented choices: unknown and json are STRING, an object seen only empty is MAP<STRING,STRING>", () => {
  assert.equal(typed({ kind: "unknown" }).type, "string");
  assert.equal(typed({ kind: "json", reason: "object-vs-scalar" }).type, "string");
  assert.equal(typed({ kind: "object", fields: [] }).type, "map<string,string>");
  assert.equal(typed({ kind: "array", items: { kind: "unknown" }, maxLength: 0, empty: 3 }).type, "array<string>");
  assert.equal(typed({ kind: "map", values: { kind: "integer", min: "1", max: "2" }, distinctKeys: 40, reason: "many-rare-keys" }).type, "map<string,bigint>");
});

test("names: lower-cased, reserved words and leading digits backquoted in DDL but not in the TypeInfo string", () => {
  const t = typed(object(field("User", S), field("2fa", S), field("eventName", S), field("from", { kind: "boolean" })));
  assert.equal(t.type, "struct<2fa:string,eventname:string,from:boolean,user:string>");
  assert.equal(t.ddl, "STRUCT<`2fa`:STRING, eventname:STRING, `from`:BOOLEAN, `user`:STRING>");
});

test("keys Hive cannot name: the object becomes MAP<STRING,T> when its values agree, JSON STRING otherwise", () => {
  const same = typed(object(field("x-amz-id-2", S), field("host", S), field("@timestamp", S)));
  assert.equal(same.type, "map<string,string>");
  assert.equal(same.warnings[0]?.code, "odd-keys");
  assert.match(same.warnings[0]?.message ?? "", /\$\.x has keys Hive cannot name as struct fields \("@timestamp", "x-amz-id-2"\)/);
  const mixed = typed(object(field("s3:x-amz-acl", S), field("size", { kind: "integer", min: "1", max: "2" })));
  assert.equal(mixed.type, "string");
  assert.match(mixed.warnings[0]?.message ?? "", /typed STRING \(its JSON text\)/);
  // Nested: only the object holding the odd key changes.
  const nested = typed(object(field("headers", object(field("x-amz-id-2", S))), field("bucketName", S)));
  assert.equal(nested.type, "struct<bucketname:string,headers:map<string,string>>");
});

test("keys Hive cannot name, with a SerDe that maps names: renamed, collisions resolved deterministically, mappings reported", () => {
  const t = typed(object(field("x-amz-id-2", S), field("x_amz_id_2", S), field("x.amz.id.2", S)), "mapping");
  // Field order is key order: "x-amz-id-2" < "x.amz.id.2" < "x_amz_id_2"; the legal name keeps its own.
  assert.equal(t.type, "struct<x_amz_id_2_2:string,x_amz_id_2_3:string,x_amz_id_2:string>");
  assert.deepEqual(
    [...t.mappings],
    [
      ["x_amz_id_2_2", "x-amz-id-2"],
      ["x_amz_id_2_3", "x.amz.id.2"],
    ],
  );
  assert.deepEqual(
    t.warnings.map((w) => w.code),
    ["renamed-field", "renamed-field"],
  );
});

test("CloudTrail profile: AWS's column order, variable fields STRING unless expanded, unseen AWS columns typed as AWS declares", () => {
  const schema = schemaOf(
    object(
      field("zzzCustom", S),
      field("eventName", S),
      field("requestParameters", object(field("groupId", S))),
      field("additionalEventData", object(field("x", S))),
      field("eventVersion", S),
      field("userIdentity", object(field("arn", S), field("type", S), field("extra", { kind: "boolean" }))),
    ),
  );
  const warnings: RenderWarning[] = [];
  const { columns } = tableColumns(schema, { oddKeys: "map-or-string", typeLimit: 4000, partitioned: true, rowPerFile: false, expand: ["requestParameters", "eventName"] });
  warnings.push(...tableColumns(schema, { oddKeys: "map-or-string", typeLimit: 4000, partitioned: true, rowPerFile: false, expand: ["eventName"] }).warnings);
  const names = columns.map((c) => c.name);
  assert.deepEqual(names.slice(0, 6), ["eventversion", "useridentity", "eventtime", "eventsource", "eventname", "awsregion"]);
  assert.equal(names[names.length - 1], "zzzcustom");
  const type = (n: string) => typeInfoString(columns.find((c) => c.name === n)!.type);
  assert.equal(type("requestparameters"), "struct<groupid:string>", "expanded");
  assert.equal(type("additionaleventdata"), "string", "JSON text by default");
  assert.equal(type("errorcode"), "string", "unseen, typed as AWS declares it");
  assert.match(type("useridentity"), /^struct<type:string,principalid:string,arn:string,.*,extra:boolean>$/);
  assert.equal(columns.find((c) => c.name === "requestparameters")?.jsonKey, "requestParameters");
  assert.match(warnings.find((w) => w.code === "expand-unknown")?.message ?? "", /--expand eventname: not one of the JSON-text columns/);
});

test("top-level fields Hive cannot name, or named like a partition column, are left out and reported on every flavor", () => {
  const schema = schemaOf(object(field("eventName", S), field("@timestamp", S), field("region", S)));
  const expected: Record<FlavorName, { partitioned: string[]; plain: string[] } | "not supported"> = {
    "emr-cloudtrail-serde": { partitioned: ["$.@timestamp", "$.region"], plain: ["$.@timestamp"] },
    "emr-hcatalog": { partitioned: ["$.@timestamp", "$.region"], plain: ["$.@timestamp"] },
    "athena-projection": { partitioned: ["$.@timestamp", "$.region"], plain: ["$.@timestamp"] },
    portable: { partitioned: ["$.@timestamp", "$.region"], plain: ["$.@timestamp"] },
    jsonl: { partitioned: ["$.@timestamp", "$.region"], plain: ["$.@timestamp"] },
    "eventbridge-jsonl": { partitioned: ["$.@timestamp", "$.region"], plain: ["$.@timestamp"] },
  };
  for (const flavor of FLAVOR_NAMES) {
    const e = expected[flavor];
    if (e === "not supported") continue;
    for (const partitioned of [true, false]) {
      const out = renderTable(schema, { flavor, table: "t", location: "s3://b/", partitioned });
      const dropped = out.warnings.filter((w) => w.code === "dropped-field").map((w) => w.path);
      assert.deepEqual(dropped, partitioned ? e.partitioned : e.plain, `${flavor} partitioned=${partitioned}`);
      // Where the record's columns are listed: the table, or the view over a row-per-file or envelope table.
      const names = (out.table.viewName !== undefined ? (out.statements[1]?.sql ?? "") : (out.statements[0]?.sql ?? "")).match(/^ {2}\S+/gm) ?? [];
      assert.equal(names.filter((n) => ["region", "r.region", "f.detail.region"].includes(n.trim())).length, partitioned ? 0 : 1, flavor);
      // Every warning is also a comment line at the top of the script, safe for hive -f.
      for (const w of out.warnings) assert.ok(out.text.includes(`-- warning: ${w.message.replace(/[';"]/g, "")}`), w.message);
    }
  }
});

test("keys that differ only by case are reported where they reach a typed column, not inside JSON text", () => {
  const schema = schemaOf(object(field("eventName", S), field("requestParameters", object(field("Tagging", S))), field("tags", object(field("Name", S)))));
  schema.conflicts = [
    { path: "$.requestParameters.Tagging", kinds: { string: 2 }, resolution: "case-merge", spellings: ["Tagging", "tagging"] },
    { path: "$.tags.Name", kinds: { string: 2 }, resolution: "case-merge", spellings: ["Name", "name"] },
    { path: "$.tags", kinds: { object: 1, string: 1 }, resolution: "object-vs-scalar" },
  ];
  const expected: Record<FlavorName, { plain: string[]; expanded: string[] } | "not supported"> = {
    "emr-cloudtrail-serde": { plain: ["$.tags.Name"], expanded: ["$.requestParameters.Tagging", "$.tags.Name"] },
    "emr-hcatalog": { plain: ["$.tags.Name"], expanded: ["$.requestParameters.Tagging", "$.tags.Name"] },
    "athena-projection": { plain: ["$.tags.Name"], expanded: ["$.requestParameters.Tagging", "$.tags.Name"] },
    portable: { plain: ["$.tags.Name"], expanded: ["$.requestParameters.Tagging", "$.tags.Name"] },
    jsonl: { plain: ["$.tags.Name"], expanded: ["$.requestParameters.Tagging", "$.tags.Name"] },
    "eventbridge-jsonl": { plain: ["$.tags.Name"], expanded: ["$.requestParameters.Tagging", "$.tags.Name"] },
  };
  for (const flavor of FLAVOR_NAMES) {
    const e = expected[flavor];
    if (e === "not supported") continue;
    for (const expand of [false, true]) {
      const out = renderTable(schema, { flavor, table: "t", location: "s3://b/", partitioned: false, expand: expand ? ["requestParameters"] : [] });
      const warned = out.warnings.filter((w) => w.code === "case-collision");
      assert.deepEqual(
        warned.map((w) => w.path),
        expand ? e.expanded : e.plain,
        flavor,
      );
      assert.match(warned.at(-1)?.message ?? "", /the keys Name and name differ only by case and are one field in Hive/);
    }
  }
});
