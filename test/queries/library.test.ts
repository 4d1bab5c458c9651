import { readQueryFolder } from "../../src/config/read-template-folder.js";
import { test } from "node:test";
import assert from "node:assert/strict";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { getQuery, loadLibrary, renderQuery } from "../../src/queries/library.js";
import { quoteString } from "../../src/hive/quote.js";
import { TrailhiveError } from "../../src/errors.js";
import { referenceQueryNames } from "../reference/evaluate-query.js";

const library = loadLibrary();
const required: Record<string, Record<string, string>> = { "principal-activity": { principal: "arn:aws:iam::111111111111:user/alice" } };

function code(fn: () => unknown): string {
  try {
    fn();
  } catch (error) {
    assert.ok(error instanceof TrailhiveError, String(error));
    return error.code;
  }
  assert.fail("expected an error");
}

test("the library holds every question of the issue, and the reference evaluator answers the same ones", () => {
  const names = library.map((q) => q.name);
  for (const name of [
    "security-group-changes",
    "root-account-use",
    "console-sign-ins-without-mfa",
    "failed-sign-ins",
    "access-denied-by-principal",
    "iam-changes",
    "cloudtrail-tampering",
    "kms-key-deletion",
    "s3-bucket-policy-changes",
    "principal-activity",
  ]) {
    assert.ok(names.includes(name), name);
  }
  assert.deepEqual(names, referenceQueryNames());
});

test("every query renders with its defaults, returns the columns it declares, and keeps hive -f's comment rules", () => {
  for (const def of library) {
    for (const partitioned of [false, true]) {
      const q = renderQuery(def, { ...required[def.name], from: "2026-01-19", to: "2026-01-25", region: "eu-west-1" }, { table: "trail.cloudtrail", partitioned });
      assert.deepEqual(q.columns, def.columns);
      assert.deepEqual(q.range, { from: "2026-01-19", to: "2026-01-26" });
      assert.match(q.sql, /FROM trail\.cloudtrail/);
      assert.match(q.sql, /ORDER BY /, `${def.name} has a deterministic order`);
      assert.ok(!q.sql.includes(";"), `${def.name}: no ; in the statement`);
      for (const line of q.sql.split("\n")) {
        if (line.includes("--")) assert.ok(line.startsWith("--") && !/['";]/.test(line), `${def.name}: ${line}`);
      }
      assert.equal(q.sql.includes("`year`"), partitioned, `${def.name}: partition pruning only on a partitioned table`);
      // every declared column is selected by name (as an alias or a grouping column)
      const select = q.sql.slice(0, q.sql.lastIndexOf("ORDER BY"));
      for (const column of def.columns) assert.match(select, new RegExp(`\\b${column}\\b`), `${def.name} selects ${column}`);
    }
  }
});

test("global-service queries always include us-east-1 in a region filter, regional ones do not", () => {
  const iam = renderQuery(getQuery(library, "iam-changes"), { region: "eu-west-1" }, { table: "ct" });
  assert.match(iam.sql, /awsregion IN \('eu-west-1', 'us-east-1'\)/);
  const sg = renderQuery(getQuery(library, "security-group-changes"), { region: "eu-west-1" }, { table: "ct", partitioned: true });
  assert.match(sg.sql, /awsregion = 'eu-west-1'/);
  assert.match(sg.sql, /AND region = 'eu-west-1'/);
  assert.ok(!sg.sql.includes("us-east-1"));
});

test("parameters enter the SQL only as quoted literals, whatever they hold", () => {
  const nasty = "x'; DROP TABLE ct; --\n-- '";
  const q = renderQuery(getQuery(library, "security-group-changes"), { group_id: nasty, who: nasty, source_ip: nasty }, { table: "ct" });
  assert.equal(q.sql.split(quoteString(nasty)).length - 1, 5);
  assert.ok(!q.sql.includes("DROP TABLE ct;"));
  assert.ok(!q.sql.includes("\n-- '"));
});

test("optional filters appear only when given", () => {
  const def = getQuery(library, "security-group-changes");
  const all = renderQuery(def, {}, { table: "ct" });
  assert.ok(!all.sql.includes("AND group_id ="));
  assert.equal(all.range, undefined);
  const one = renderQuery(def, { group_id: "sg-0123" }, { table: "ct" });
  assert.match(one.sql, /\) changes\nWHERE group_id = 'sg-0123'\nORDER BY/);
  assert.ok(!all.sql.includes("WHERE 1") && !one.sql.includes("WHERE 1"));
  const two = renderQuery(def, { group_id: "sg-0123", source_ip: "203.0.113.10" }, { table: "ct" });
  assert.match(two.sql, /\nWHERE group_id = 'sg-0123'\n {2}AND source_ip = '203\.0\.113\.10'\nORDER BY/);
  assert.match(one.sql, /ModifySecurityGroupRulesRequest\.GroupId/);
  assert.match(one.sql, /ipPermissions\.items\[\*\]\.ipRanges\.items\[\*\]\.cidrIp/);
});

test("bad parameters are usage errors that name the query and the parameter", () => {
  const sg = getQuery(library, "security-group-changes");
  assert.equal(
    code(() => getQuery(library, "no-such-query")),
    "USAGE_UNKNOWN_QUERY",
  );
  assert.equal(
    code(() => renderQuery(sg, { groupid: "sg-1" }, { table: "ct" })),
    "USAGE_UNKNOWN_PARAM",
  );
  assert.equal(
    code(() => renderQuery(sg, { from: "2026-02-30" }, { table: "ct" })),
    "USAGE_BAD_PARAM",
  );
  assert.equal(
    code(() => renderQuery(sg, { from: "2026-02-03", to: "2026-02-01" }, { table: "ct" })),
    "USAGE_BAD_PARAM",
  );
  assert.equal(
    code(() => renderQuery(sg, { region: "EU West" }, { table: "ct" })),
    "USAGE_BAD_PARAM",
  );
  assert.equal(
    code(() => renderQuery(getQuery(library, "principal-activity"), {}, { table: "ct" })),
    "USAGE_MISSING_PARAM",
  );
  assert.equal(
    code(() => renderQuery(sg, {}, { table: "ct;drop" })),
    "RENDER_BAD_IDENTIFIER",
  );
});

test("a user's template folder is validated, and a mistake names the file and the field", () => {
  const dir = mkdtempSync(join(tmpdir(), "trailhive-queries-"));
  writeFileSync(join(dir, "mine.hql.hbs"), '{{!--\n{ "description": "d", "params": [{ "name": "x", "type": "number", "description": "d", "default": "" }], "columns": ["a"] }\n--}}\nSELECT 1 AS a\n');
  assert.throws(
    () => loadLibrary(readQueryFolder(dir)),
    (e: TrailhiveError) => e.code === "CONFIG_BAD_QUERY_TEMPLATE" && e.message.includes("mine.hql.hbs") && e.message.includes("/params/0/type"),
  );
  writeFileSync(join(dir, "mine.hql.hbs"), '{{!--\n{ "description": "d", "params": [], "columns": ["a"] }\n--}}\nSELECT 1 AS a -- it\'s inline\n');
  assert.throws(() => loadLibrary(readQueryFolder(dir)), /comments must start at column 0/);
  writeFileSync(join(dir, "mine.hql.hbs"), "SELECT 1 AS a\n");
  assert.throws(() => loadLibrary(readQueryFolder(dir)), /must start with a \{\{!-- \.\.\. --\}\} block/);
  writeFileSync(join(dir, "mine.hql.hbs"), '{{!--\n{ "description": "d", "params": [], "columns": ["a"] }\n--}}\n-- mine\nSELECT 1 AS a FROM {{table table_name}}\n');
  const [mine] = loadLibrary(readQueryFolder(dir));
  assert.ok(mine);
  assert.equal(renderQuery(mine, {}, { table: "ct" }).sql, "-- mine\nSELECT 1 AS a FROM ct");
});
