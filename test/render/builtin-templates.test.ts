import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { COMPILED_PATH, GENERATED_PATH, TEMPLATES_DIR, compiledSource, templatesSource } from "../../scripts/generate-templates.js";
import { BUILTIN_DDL_COMPILED } from "../../src/render/builtin-ddl-compiled.generated.js";
import { BUILTIN_DDL_TEMPLATES, BUILTIN_QUERY_TEMPLATES } from "../../src/render/builtin-templates.generated.js";
import { FLAVOR_NAMES } from "../../src/flavors/index.js";
import { ddlTemplates } from "../../src/render/load-ddl-template.js";
import { renderTable } from "../../src/render/render-table.js";
import { templateFiles } from "../../src/render/template-files.js";
import { SchemaBuilder } from "../../src/schema/schema-builder.js";

test("the built-in templates module is what templates/ holds today (else: npm run templates:generate)", () => {
  assert.equal(readFileSync(GENERATED_PATH, "utf8"), templatesSource(TEMPLATES_DIR), "src/render/builtin-templates.generated.ts is stale: run npm run templates:generate");
  assert.ok(Object.keys(BUILTIN_DDL_TEMPLATES).includes("table.hql.hbs") && Object.keys(BUILTIN_DDL_TEMPLATES).some((k) => k.startsWith("partials/")));
  assert.ok(Object.keys(BUILTIN_QUERY_TEMPLATES).includes("security-group-changes.hql.hbs"));
});

test("the compiled DDL templates are what templates/ddl compiles to today (else: npm run templates:generate)", () => {
  assert.equal(readFileSync(COMPILED_PATH, "utf8"), compiledSource(TEMPLATES_DIR), "src/render/builtin-ddl-compiled.generated.ts is stale: run npm run templates:generate");
  assert.deepEqual(Object.keys(BUILTIN_DDL_COMPILED), Object.keys(BUILTIN_DDL_TEMPLATES));
});

test("a built-in template renders the same compiled ahead of time as compiled now", () => {
  // the same model through both: the table template, its partials, the statement helper
  const schema = new SchemaBuilder().finish([]);
  // the same texts given as a user's folder are compiled now, with the compiler
  const now = ddlTemplates(templateFiles({ ...BUILTIN_DDL_TEMPLATES }, "fresh"));
  for (const flavor of FLAVOR_NAMES) {
    const options = { flavor, table: "db.ct", location: "s3://b/AWSLogs/", partitioned: true };
    assert.equal(renderTable(schema, options, now).text, renderTable(schema, options, ddlTemplates()).text, flavor);
  }
});
