import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { SCHEMA_PATH, VALIDATOR_PATH, validatorSource } from "../../scripts/generate-schema-validator.js";
import { validate } from "../../src/schema/schema-file-validator.generated.js";

test("the generated schema-file validator is current: regenerating it from schemas/schema-file.json gives the committed file (else run npm run schema:validator)", () => {
  const committed = readFileSync(VALIDATOR_PATH, "utf8");
  const fresh = validatorSource(readFileSync(SCHEMA_PATH, "utf8"));
  assert.ok(fresh.includes("function validate10"), "the generator produced a validator");
  assert.equal(committed, fresh, `${VALIDATOR_PATH} is stale: run npm run schema:validator`);
  // and a change to the JSON Schema does change the generated code (the check can fail)
  const edited = JSON.parse(readFileSync(SCHEMA_PATH, "utf8")) as { properties: { format: { const: string } } };
  edited.properties.format.const = "trailhive-schema-edited";
  assert.notEqual(validatorSource(JSON.stringify(edited)), committed);
});

test("the generated validator accepts the committed example schema and rejects a broken one", () => {
  const example = JSON.parse(readFileSync(new URL("../../examples/trailhive.schema.json", import.meta.url), "utf8")) as Record<string, unknown>;
  const check = validate as (value: unknown) => boolean;
  assert.equal(check(example), true);
  assert.equal(check({ ...example, format: "other" }), false);
  assert.equal(check({ ...example, extra: 1 }), false);
});
