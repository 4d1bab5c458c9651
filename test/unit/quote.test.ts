import { test } from "node:test";
import assert from "node:assert/strict";
import { quoteIdentifier, quoteString, quoteStringWith, quoteQualifiedName } from "../../src/hive/quote.js";
import { TrailhiveError } from "../../src/errors.js";

test("identifiers: plain names stay bare, reserved words and leading digits are backquoted", () => {
  assert.equal(quoteIdentifier("eventname"), "eventname");
  assert.equal(quoteIdentifier("user"), "`user`");
  assert.equal(quoteIdentifier("2fa"), "`2fa`");
  assert.equal(quoteQualifiedName("db.table"), "db.`table`");
});

test("identifiers that could move a statement boundary are refused with a suggestion", () => {
  for (const bad of ["a;b", "a`b", "x-amz-id-2", "a'b", "a\nb", "", "a.b.c"]) {
    assert.throws(
      () => quoteQualifiedName(bad),
      (e: unknown) => e instanceof TrailhiveError && e.code === "RENDER_BAD_IDENTIFIER",
      bad,
    );
  }
});

test("string literals escape quotes, backslashes, semicolons and control characters", () => {
  assert.equal(quoteString("it's"), "'it\\'s'");
  assert.equal(quoteString('a"b'), "'a\\\"b'");
  assert.equal(quoteString("a\\"), "'a\\\\'");
  assert.equal(quoteString("x;\n-- y"), "'x\\073\\n-- y'");
  assert.equal(quoteString("\u0001"), "'\\u0001'");
  // Nothing the literal holds can end it: the only bare quote is the closing one.
  const lit = quoteString("'; DROP TABLE t; --'");
  assert.equal(lit.replace(/\\./g, "").split("'").length, 3);
});

test("hive-cli variable substitution cannot reach into a literal, except Athena's named placeholders", () => {
  assert.equal(quoteString("${env:HOME}/x"), "'\\044{env:HOME}/x'");
  assert.equal(quoteString("$5 and $"), "'$5 and $'");
  assert.equal(quoteStringWith("s3://b/${account}/${region}/${hiveconf:x}", { keepVariables: ["account", "region"] }), "'s3://b/${account}/${region}/\\044{hiveconf:x}'");
});
