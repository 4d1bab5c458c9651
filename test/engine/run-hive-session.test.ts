// The embedded Hive 4.1.0 session through the Node driver: one JVM for the whole file. Real Hive,
// real Derby metastore, real local MapReduce; needs Java 17 (the test fails saying how to install it).
import assert from "node:assert/strict";
import { mkdtempSync, mkdirSync, writeFileSync } from "node:fs";
import { homedir, tmpdir } from "node:os";
import { join } from "node:path";
import { test } from "node:test";
import { defaultCacheDir } from "../../src/engine/default-cache-dir.js";
import { runHiveSession } from "../../src/engine/run-hive-session.js";

test("an embedded Hive 4.1.0 session runs DDL and queries, returns nulls as null, and stops at Hive's error line", async () => {
  const work = mkdtempSync(join(tmpdir(), "trailhive-session-"));
  const data = join(work, "data");
  mkdirSync(data);
  writeFileSync(
    join(data, "events.json"),
    [
      { eventName: "AuthorizeSecurityGroupIngress", requestParameters: { groupId: "sg-1", ipPermissions: { items: [{ fromPort: 22 }] } }, n: 3000000000 },
      { eventName: "DescribeInstances", requestParameters: null, n: 1 },
    ]
      .map((r) => JSON.stringify(r))
      .join("\n") + "\n",
  );
  const statements = [
    `CREATE EXTERNAL TABLE ev (eventname STRING, requestparameters STRING, n BIGINT) ROW FORMAT SERDE 'org.apache.hadoop.hive.serde2.JsonSerDe' LOCATION 'file://${data}'`,
    "SELECT eventname, get_json_object(requestparameters, '$.groupId') AS g, n FROM ev WHERE eventname RLIKE 'SecurityGroup'",
    "SELECT eventname, requestparameters FROM ev ORDER BY eventname",
    "-- SET is the CLI's command: the session runs it too\nSET hivevar:who=DescribeInstances",
    "SELECT count(*) FROM ev WHERE eventname = '${hivevar:who}'",
    "SELECT nope FROM ev",
    "SELECT 1",
  ];
  const r = await runHiveSession({ workDir: join(work, "hive"), statements, cacheDir: defaultCacheDir(process.env, homedir()), javaHome: process.env.JAVA_HOME });
  assert.equal(r.results.length, 6, "the session stops at the failing statement");
  assert.deepEqual(r.results[0], { ok: true, ms: r.results[0]!.ms });
  assert.deepEqual(r.results[1], { ok: true, columns: ["eventname", "g", "n"], rows: [["AuthorizeSecurityGroupIngress", "sg-1", "3000000000"]], ms: r.results[1]!.ms });
  const third = r.results[2]!;
  assert.ok(third.ok);
  assert.deepEqual(third.rows, [
    ["AuthorizeSecurityGroupIngress", '{"groupId":"sg-1","ipPermissions":{"items":[{"fromPort":22}]}}'],
    ["DescribeInstances", null],
  ]);
  assert.deepEqual(r.results[3], { ok: true, ms: r.results[3]!.ms });
  assert.deepEqual(r.results[4], { ok: true, columns: ["_c0"], rows: [["1"]], ms: r.results[4]!.ms }, "the SET took effect");
  const failed = r.results[5]!;
  assert.equal(failed.ok, false);
  if (!failed.ok) {
    assert.match(failed.errorLine, /^FAILED: SemanticException \[Error 10004\]: Line 1:7 Invalid table alias or column reference 'nope'/);
    assert.doesNotMatch(failed.message, /\n\s+at /, "no Java stack trace");
  }
  assert.ok(r.firstRowMs !== undefined && r.firstRowMs > 0);
  console.log(`embedded Hive 4.1.0: first row ${r.firstRowMs} ms after JVM start, JVM ${r.jvmMs} ms, peak RSS ${Math.round((r.peakRssKb ?? 0) / 1024)} MB`);
});
