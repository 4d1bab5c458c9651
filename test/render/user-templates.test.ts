import { ddlTemplates } from "../../src/render/load-ddl-template.js";
import { readTemplateFolder } from "../../src/config/read-template-folder.js";
import { test } from "node:test";
import assert from "node:assert/strict";
import { mkdtempSync, mkdirSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { renderTable } from "../../src/render/render-table.js";
import { FLAVOR_NAMES, type FlavorName } from "../../src/flavors/index.js";
import { SMALL_SCHEMA } from "./support/small-schema.js";
import { hiveCliStatements } from "./support/hive-cli-split.js";

function templatesDir(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), "trailhive-templates-"));
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(join(dir, name, ".."), { recursive: true });
    writeFileSync(join(dir, name), text);
  }
  return dir;
}

test("--templates: a user's partial overrides the built-in one for every flavor, with the same quoting helpers", () => {
  // The user's create-table adds a table property through the `str` helper from the raw comment.
  const dir = templatesDir({
    "partials/create-table.hbs": "CREATE EXTERNAL TABLE {{tableName}} (x STRING)\n{{> storage}}\nLOCATION {{str raw.location}}\nTBLPROPERTIES ('note'={{str raw.comment}})\n",
  });
  const expected: Record<FlavorName, string | "not supported"> = {
    "emr-cloudtrail-serde": "CREATE EXTERNAL TABLE t (x STRING)\nROW FORMAT SERDE 'com.amazon.emr.hive.serde.CloudTrailSerde'",
    "emr-hcatalog": "CREATE EXTERNAL TABLE t (x STRING)\nROW FORMAT SERDE 'org.apache.hive.hcatalog.data.JsonSerDe'",
    "athena-projection": "CREATE EXTERNAL TABLE t (x STRING)\nROW FORMAT SERDE 'org.apache.hive.hcatalog.data.JsonSerDe'",
    portable: "CREATE EXTERNAL TABLE t_files (x STRING)\nROW FORMAT SERDE 'org.apache.hadoop.hive.serde2.JsonSerDe'",
    jsonl: "CREATE EXTERNAL TABLE t (x STRING)\nROW FORMAT SERDE 'org.apache.hadoop.hive.serde2.JsonSerDe'",
    "eventbridge-jsonl": "CREATE EXTERNAL TABLE t_envelope (x STRING)\nROW FORMAT SERDE 'org.apache.hadoop.hive.serde2.JsonSerDe'",
  };
  for (const flavor of FLAVOR_NAMES) {
    const e = expected[flavor];
    if (e === "not supported") continue;
    const out = renderTable(SMALL_SCHEMA, { flavor, table: "t", location: "s3://b/x", partitioned: false, comment: "a';b" }, ddlTemplates(readTemplateFolder(dir)));
    const create = out.statements[0]?.sql ?? "";
    assert.ok(create.startsWith(e), `${flavor}: ${create}`);
    assert.ok(create.endsWith("TBLPROPERTIES ('note'='a\\'\\073b')"), flavor);
    assert.deepEqual(
      hiveCliStatements(out.text).map((s) => s.trim()),
      out.statements.map((s) => s.sql),
      flavor,
    );
  }
});

test("--templates: a missing variable, a syntax error or a missing folder is a clear error", () => {
  const missing = templatesDir({ "jsonl.hql.hbs": '{{#*inline "storage"}}{{> stored-as-textfile}}{{/inline}}{{> script}}{{nothing}}\n' });
  assert.throws(
    () => renderTable(SMALL_SCHEMA, { flavor: "jsonl", table: "t", location: "s3://b/", partitioned: false }, ddlTemplates(readTemplateFolder(missing))),
    /rendering jsonl\.hql\.hbs failed: "nothing" not defined/,
  );
  const broken = templatesDir({ "jsonl.hql.hbs": "{{#if}}\n" });
  assert.throws(() => renderTable(SMALL_SCHEMA, { flavor: "jsonl", table: "t", location: "s3://b/", partitioned: false }, ddlTemplates(readTemplateFolder(broken))), /jsonl\.hql\.hbs: /);
  assert.throws(
    () => renderTable(SMALL_SCHEMA, { flavor: "jsonl", table: "t", location: "s3://b/", partitioned: false }, ddlTemplates(readTemplateFolder("/nonexistent/templates"))),
    /--templates \/nonexistent\/templates does not exist/,
  );
});
