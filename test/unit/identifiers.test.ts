// Which names Hive's lexer takes bare, which are backquoted and which are refused (the real parsers
// check the same classes in test/hive/identifier-fuzz.test.ts).
import { test } from "node:test";
import assert from "node:assert/strict";
import { TrailhiveError } from "../../src/errors.js";
import { hiveFieldName, renameKey } from "../../src/hive/hive-name.js";
import { ddlFieldName } from "../../src/hive/hive-type.js";
import { isBareIdentifier, MAX_IDENTIFIER, quoteIdentifier, quoteQualifiedName } from "../../src/hive/quote.js";

test("a leading _ is backquoted everywhere a name is written: AWS's _return, a bare _, --table _t", () => {
  for (const name of ["_return", "_", "__", "_t", "_1"]) {
    assert.equal(isBareIdentifier(name), false, name);
    assert.equal(quoteIdentifier(name), "`" + name + "`");
    assert.equal(ddlFieldName(name), "`" + name + "`");
  }
  assert.equal(quoteQualifiedName("_db._t"), "`_db`.`_t`");
  assert.equal(hiveFieldName("_return"), "_return");
});

test("reserved words of Hive 4.1.0 and 3.1.3 alike are backquoted, in any case", () => {
  for (const word of ["except", "minus", "preserve", "qualify", "leading", "trailing", "real", "some", "convert", "prepare", "application", "from", "USER"]) {
    assert.equal(quoteIdentifier(word), "`" + word + "`", word);
    assert.equal(ddlFieldName(word.toLowerCase()), "`" + word.toLowerCase() + "`", word);
  }
  for (const plain of ["eventname", "comment", "location", "a_", "x1"]) assert.equal(quoteIdentifier(plain), plain);
});

test("leading digits and digits only are backquoted (bare they would lex as numbers)", () => {
  for (const name of ["1", "123", "1e5", "10l", "2fa"]) assert.equal(quoteIdentifier(name), "`" + name + "`");
});

test("names with other characters, empty, or too long are refused with the role named; long keys get no field name", () => {
  const long = "a".repeat(MAX_IDENTIFIER + 1);
  for (const bad of ["", "a$b", "a.b", "a-b", "a:b", "a`b", "é", "a b", "a\tb", "a\u0000b", "a\u202eb", long]) {
    assert.throws(
      () => quoteIdentifier(bad, "column"),
      (e: unknown) => e instanceof TrailhiveError && e.code === "RENDER_BAD_IDENTIFIER" && e.message.startsWith("column "),
      JSON.stringify(bad),
    );
  }
  assert.equal(quoteIdentifier("a".repeat(MAX_IDENTIFIER)), "a".repeat(MAX_IDENTIFIER));
  assert.equal(hiveFieldName(long), undefined);
  assert.ok(renameKey("-".repeat(10) + long, new Set()).length <= MAX_IDENTIFIER);
});

test("a view column from a long key is cut to a name Hive can hold, and stays unique", async () => {
  const { viewColumns } = await import("../../src/views/view-columns.js");
  const key = "n".repeat(MAX_IDENTIFIER - 1);
  const field = (k: string) => ({ key: k, name: k, spellings: [k], stats: { present: 1, nulls: 0, kinds: {} }, shape: { kind: "string" as const } });
  const { columns } = viewColumns({ kind: "object", fields: [field(key), field(key + "x")] }, "request");
  const names = columns.map((c) => c.name);
  assert.equal(new Set(names).size, 2, names.join(" "));
  for (const name of names) assert.equal(quoteIdentifier(name), name);
});
