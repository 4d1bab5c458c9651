import { test } from "node:test";
import assert from "node:assert/strict";
import { renderTable, type TableOptions } from "../../src/render/render-table.js";
import { ddlTemplates } from "../../src/render/load-ddl-template.js";
import type { FlavorName } from "../../src/flavors/index.js";
import { TrailhiveError } from "../../src/errors.js";
import { hiveCliStatements } from "./support/hive-cli-split.js";
import { lexHiveQL, type Token } from "./support/hiveql-lexer.js";
import { SMALL_SCHEMA } from "./support/small-schema.js";
import { hostileValues } from "./support/hostile-values.js";

type Role = "table" | "location" | "comment" | "property-key" | "property-value";
const ROLES: Role[] = ["table", "location", "comment", "property-key", "property-value"];

function optionsFor(role: Role, value: string, flavor: FlavorName, partitioned: boolean): TableOptions {
  const base: TableOptions = { flavor, table: "ct", location: "s3://bucket/AWSLogs/", partitioned, comment: "plain", tblProperties: { k: "v" } };
  switch (role) {
    case "table":
      return { ...base, table: value };
    case "location":
      return { ...base, location: value };
    case "comment":
      return { ...base, comment: value };
    case "property-key":
      return { ...base, tblProperties: { [value]: "v" } };
    case "property-value":
      return { ...base, tblProperties: { k: value } };
  }
}

const FIRST_WORDS: Record<string, string[]> = {
  "create-table": ["CREATE", "EXTERNAL", "TABLE"],
  "create-view": ["CREATE", "VIEW"],
};

/** The literal following a keyword sequence such as COMMENT or LOCATION, decoded as Hive does. */
function literalAfter(tokens: Token[], word: string): string | undefined {
  const i = tokens.findIndex((t) => t.kind === "word" && t.text === word);
  const next = tokens[i + 1];
  return i >= 0 && next?.kind === "string" ? next.value : undefined;
}

function tblProperties(tokens: Token[]): Record<string, string> {
  const i = tokens.findIndex((t) => t.kind === "word" && t.text === "TBLPROPERTIES");
  const out: Record<string, string> = {};
  if (i < 0) return out;
  for (let j = i + 2; ; j += 4) {
    const [k, eq, v, sep] = [tokens[j], tokens[j + 1], tokens[j + 2], tokens[j + 3]];
    assert.ok(k?.kind === "string" && eq?.text === "=" && v?.kind === "string", `TBLPROPERTIES entry at token ${j}`);
    out[k.value] = v.value;
    if (sep?.text !== ",") break;
  }
  return out;
}

test("hostile table names, locations, comments and table properties are refused or stay inside their literal, for every flavor", () => {
  const templates = ddlTemplates(undefined);
  let rendered = 0;
  let refused = 0;
  for (const { value, flavors } of hostileValues()) {
    for (const role of ROLES) {
      for (const [n, flavor] of flavors.entries()) {
        const partitioned = (n + value.length) % 2 === 0;
        const options = optionsFor(role, value, flavor, partitioned);
        let out;
        try {
          out = renderTable(SMALL_SCHEMA, options, templates);
        } catch (error) {
          assert.ok(error instanceof TrailhiveError, `${role} ${JSON.stringify(value)}: ${String(error)}`);
          assert.match(error.code, /^(USAGE|RENDER)_/);
          assert.ok(error.message.includes(JSON.stringify(value)), `the message names the value: ${error.message}`);
          // Only names, blank locations and control characters in a location or property name are refused; comments never are.
          const allowed = role === "table" || (role !== "comment" && role !== "property-value" && (value.trim() === "" || [...value].some((ch) => ch < " " || ch === "\u2028")));
          assert.ok(allowed, `${role} ${JSON.stringify(value)} was refused: ${error.message}`);
          refused++;
          continue;
        }
        rendered++;
        const what = `${flavor} ${role} ${JSON.stringify(value)}`;
        // hive -f cuts the script into exactly the intended statements.
        assert.deepEqual(
          hiveCliStatements(out.text).map((s) => s.trim()),
          out.statements.map((s) => s.sql),
          what,
        );
        for (const statement of out.statements) {
          const tokens = lexHiveQL(statement.sql);
          const words = FIRST_WORDS[statement.kind] ?? [];
          assert.deepEqual(
            tokens.slice(0, words.length).map((t) => t.text),
            words,
            what,
          );
          assert.equal(literalAfter(tokens, "COMMENT"), options.comment, what);
          if (statement.kind !== "create-table") continue;
          const expectedLocation = partitioned ? options.location.replace(/\/*$/, "/") : options.location;
          assert.equal(literalAfter(tokens, "LOCATION"), expectedLocation, what);
          const props = tblProperties(tokens);
          for (const [k, v] of Object.entries(options.tblProperties ?? {})) assert.equal(props[k], v, what);
        }
      }
    }
  }
  assert.ok(rendered > 1500 && refused > 500, `rendered ${rendered}, refused ${refused}`);
});
