import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { GENERATED_PATH, TEMPLATES_DIR, templatesSource } from "../../scripts/generate-templates.js";
import { BUILTIN_DDL_TEMPLATES, BUILTIN_QUERY_TEMPLATES } from "../../src/render/builtin-templates.generated.js";

test("the built-in templates module is what templates/ holds today (else: npm run templates:generate)", () => {
  assert.equal(readFileSync(GENERATED_PATH, "utf8"), templatesSource(TEMPLATES_DIR), "src/render/builtin-templates.generated.ts is stale: run npm run templates:generate");
  assert.ok(Object.keys(BUILTIN_DDL_TEMPLATES).includes("table.hql.hbs") && Object.keys(BUILTIN_DDL_TEMPLATES).some((k) => k.startsWith("partials/")));
  assert.ok(Object.keys(BUILTIN_QUERY_TEMPLATES).includes("security-group-changes.hql.hbs"));
});
