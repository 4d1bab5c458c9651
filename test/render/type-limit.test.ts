import { test } from "node:test";
import assert from "node:assert/strict";
import { renderTable } from "../../src/render/render-table.js";
import { ddlTemplates } from "../../src/render/load-ddl-template.js";
import { limitTypeSize } from "../../src/hive/limit-type-size.js";
import { typeInfoString, type HiveType } from "../../src/hive/hive-type.js";
import { FLAVOR_NAMES, type FlavorName } from "../../src/flavors/index.js";
import type { RenderWarning } from "../../src/hive/render-warning.js";
import type { SchemaFile } from "../../src/schema/schema-file.js";
import { corpusSchema, corpusSkip } from "./support/corpus-schema.js";

const str: HiveType = { kind: "string" };
const struct = (...fields: [string, HiveType][]): HiveType => ({ kind: "struct", fields: fields.map(([name, type]) => ({ name, jsonKey: name, type })) });
const wide = (prefix: string, n: number): HiveType => struct(...Array.from({ length: n }, (_, i) => [`${prefix}${i}`, str] as [string, HiveType]));

test("limitTypeSize demotes the smallest subtree that is enough, else the largest first, and names each path", () => {
  const type = struct(["b", struct(["a", wide("f", 20)], ["tiny", struct(["x", str])])], ["c", wide("g", 10)], ["d", str]);
  const before = typeInfoString(type).length;
  const warnings: RenderWarning[] = [];
  const limited = limitTypeSize(type, { path: "$.col", column: "col", limit: before - 100, warnings });
  // $.col.c (10 fields) is the smallest subtree whose demotion saves 100 characters; b and b.a stay typed.
  assert.equal(typeInfoString(limited), typeInfoString(struct(["b", struct(["a", wide("f", 20)], ["tiny", struct(["x", str])])], ["c", str], ["d", str])));
  assert.deepEqual(
    warnings.map((w) => w.path),
    ["$.col.c"],
  );
  assert.match(warnings[0]?.message ?? "", /^\$\.col\.c is typed STRING \(its JSON text\) to keep the type of column col within \d+ characters/);

  // No single subtree is enough: the largest goes first (ties: path order), then the smallest that is enough.
  const two = struct(["p", wide("f", 10)], ["q", wide("g", 10)], ...Array.from({ length: 30 }, (_, i) => [`s${i}`, str] as [string, HiveType]));
  const saved = typeInfoString(wide("f", 10)).length - "string".length;
  const both: RenderWarning[] = [];
  const out = limitTypeSize(two, { path: "$.two", column: "two", limit: typeInfoString(two).length - saved - 10, warnings: both });
  assert.deepEqual(
    both.map((w) => w.path),
    ["$.two.p", "$.two.q"],
  );
  assert.ok(typeInfoString(out).startsWith("struct<p:string,q:string,s0:string"));

  // A struct of scalars alone over the limit: the whole column is demoted.
  const flat: RenderWarning[] = [];
  assert.deepEqual(limitTypeSize(wide("h", 100), { path: "$.flat", column: "flat", limit: 100, warnings: flat }), str);
  assert.deepEqual(
    flat.map((w) => w.path),
    ["$.flat"],
  );
  // Under the limit nothing changes and nothing is reported.
  const none: RenderWarning[] = [];
  assert.equal(limitTypeSize(type, { path: "$.col", column: "col", limit: before, warnings: none }), type);
  assert.equal(none.length, 0);
});

/**
 * A real oversized schema: the whole corpus's record, with requestParameters and responseElements
 * typed as EC2 RunInstances logged them (the per-event shapes a typed view uses), both expanded.
 */
function runInstancesSchema(corpus: SchemaFile): SchemaFile {
  const event = corpus.events["ec2.amazonaws.com:RunInstances"];
  assert.ok(event?.requestParameters && event.responseElements, "the corpus holds RunInstances with request and response");
  const fields = corpus.root.fields.map((f) =>
    f.key === "requestparameters" ? { ...f, shape: event.requestParameters! } : f.key === "responseelements" ? { ...f, shape: event.responseElements! } : f,
  );
  return { ...corpus, root: { kind: "object", fields } };
}

const skip = corpusSkip();

test("a real oversized schema: types past the limit are demoted with a warning naming the path, per flavor", { skip }, async () => {
  const schema = runInstancesSchema(await corpusSchema());
  const templates = ddlTemplates(undefined);
  const expand = ["requestParameters", "responseElements"];
  // What each flavor demotes at the default 4,000 (older metastores), at 2,000, and at Glue's 131,072.
  // "several": the record type passes 2,000 by far; the test then checks only the limit and the messages.
  type Expect = { at4000: string[]; at2000: string[] | "several"; atGlue: string[] };
  const perEvent: Expect = { at4000: [], at2000: ["$.responseElements.instancesSet.items[].networkInterfaceSet.items[]"], atGlue: [] };
  const expected: Record<FlavorName, Expect | "not supported"> = {
    "emr-cloudtrail-serde": perEvent,
    "emr-hcatalog": perEvent,
    "athena-projection": perEvent,
    jsonl: perEvent,
    // One `records` column holds the whole record type, so it demotes more.
    // No single subtree is enough: the largest (responseElements) goes, then the smallest that is enough.
    portable: { at4000: ["$.responseElements", "$.requestParameters.metadataOptions"], at2000: "several", atGlue: [] },
    // One `detail` column holds the whole record type too, without the array's 7 characters: after
    // responseElements a smaller subtree is enough.
    "eventbridge-jsonl": { at4000: ["$.responseElements", "$.requestParameters.blockDeviceMapping.items[]"], at2000: "several", atGlue: [] },
  };
  for (const flavor of FLAVOR_NAMES) {
    const e = expected[flavor];
    if (e === "not supported") continue;
    for (const [typeLimit, paths] of [
      [4000, e.at4000],
      [2000, e.at2000],
      [131072, e.atGlue],
    ] as const) {
      const out = renderTable(schema, { flavor, table: "t", location: "s3://b/AWSLogs/", partitioned: true, expand, typeLimit }, templates);
      const demoted = out.warnings.filter((w) => w.code === "type-limit");
      for (const c of out.table.columns) assert.ok(c.type.length <= typeLimit, `${flavor} ${c.name} is ${c.type.length} > ${typeLimit}`);
      for (const w of demoted) assert.match(w.message, new RegExp(`^${escapeRegExp(w.path ?? "")} is typed STRING \\(its JSON text\\) to keep the type of column \\w+ within ${typeLimit} characters`));
      if (paths === "several") {
        assert.ok(demoted.length >= 2, `${flavor} at ${typeLimit}: ${demoted.length} demotions`);
        continue;
      }
      assert.deepEqual(
        demoted.map((w) => w.path),
        paths,
        `${flavor} at ${typeLimit}`,
      );
      // Demoted subtrees are STRING in the table; the rest of the expanded column is still typed.
      if (flavor === "jsonl" && typeLimit === 2000) {
        const response = out.table.columns.find((c) => c.name === "responseelements")?.type ?? "";
        assert.match(response, /^struct<.*networkinterfaceset:struct<items:array<string>>.*>$/);
        assert.ok(out.text.includes("-- warning: $.responseElements.instancesSet.items[].networkInterfaceSet.items[] is typed STRING"));
      }
    }
  }
});

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}
