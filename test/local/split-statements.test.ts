import { test } from "node:test";
import assert from "node:assert/strict";
import { splitStatements } from "../../src/local/split-statements.js";
import { hiveErrorLine } from "../../src/local/hive-session.js";
import { partitionOf } from "../../src/local/partition-of.js";

test("scripts are cut as hive -f cuts them: column-0 comments dropped, ; inside quotes kept", () => {
  const script = "-- who changed it; and when\nSELECT 'a;b', \"c;d\", 'it\\'s;' FROM t;\n  -- indented comments stay in the statement\nSELECT 1;\n\n;";
  assert.deepEqual(splitStatements(script), ["SELECT 'a;b', \"c;d\", 'it\\'s;' FROM t", "-- indented comments stay in the statement\nSELECT 1"]);
  assert.deepEqual(splitStatements("-- only a comment\n"), []);
});

test("a failed statement shows Hive's own line, else the exception's line, never a stack", () => {
  assert.equal(
    hiveErrorLine({ errorLine: "FAILED: ParseException line 1:0 cannot recognize input near 'SELEC'", message: "x" }),
    "FAILED: ParseException line 1:0 cannot recognize input near 'SELEC'",
  );
  assert.equal(
    hiveErrorLine({ errorLine: " ", message: "org.apache.hadoop.hive.ql.parse.SemanticException: Line 1:7 Invalid table alias\n\tat org.apache.X(X.java:1)" }),
    "SemanticException: Line 1:7 Invalid table alias",
  );
  assert.equal(hiveErrorLine({ errorLine: "", message: "java.lang.OutOfMemoryError: heap\n\tat a.b" }), "java.lang.OutOfMemoryError: heap");
});

test("partition values come from the event; what it lacks is 'unknown'", () => {
  assert.deepEqual(partitionOf({ userIdentity: { accountId: "444455556666" }, awsRegion: "eu-west-1", eventTime: "2026-01-02T03:04:05Z" }), {
    account: "444455556666",
    region: "eu-west-1",
    year: "2026",
    month: "01",
    day: "02",
  });
  assert.deepEqual(partitionOf({ recipientAccountId: "", eventTime: "yesterday" }), { account: "unknown", region: "unknown", year: "unknown", month: "unknown", day: "unknown" });
});
