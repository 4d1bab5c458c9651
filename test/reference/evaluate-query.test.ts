import { test } from "node:test";
import assert from "node:assert/strict";
import { join } from "node:path";
import { evaluateQuery } from "./evaluate-query.js";
import { hiveGetJsonObject } from "./hive-get-json-object.js";
import { loadRecords } from "./load-records.js";
import { corpusDir, corpusSkip } from "./corpus.js";

const skip = corpusSkip();

function column(result: { columns: string[]; rows: (string | null)[][] }, name: string): (string | null)[] {
  const i = result.columns.indexOf(name);
  assert.ok(i >= 0, name);
  return result.rows.map((r) => r[i] ?? null);
}

test("get_json_object as Hive documents it: one [*] match unwrapped, several as a JSON array, misses NULL", () => {
  const rp = { ipPermissions: { items: [{ fromPort: 22, ipRanges: { items: [{ cidrIp: "10.0.0.0/8" }, { cidrIp: "0.0.0.0/0" }] } }, { fromPort: 443 }] } };
  assert.equal(hiveGetJsonObject(rp, "$.ipPermissions.items[*].fromPort"), "[22,443]");
  assert.equal(hiveGetJsonObject({ ipPermissions: { items: [{ fromPort: 22 }] } }, "$.ipPermissions.items[*].fromPort"), "22");
  assert.equal(hiveGetJsonObject(rp, "$.ipPermissions.items[*].ipRanges.items[*].cidrIp"), '["10.0.0.0/8","0.0.0.0/0"]');
  assert.equal(hiveGetJsonObject(rp, "$.ipPermissions.items[0].fromPort"), "22");
  assert.equal(hiveGetJsonObject(rp, "$.ipPermissions.items[5].fromPort"), null);
  assert.equal(hiveGetJsonObject(rp, "$.nothing"), null);
  assert.equal(hiveGetJsonObject(JSON.stringify({ a: { b: true } }), "$.a"), '{"b":true}');
  assert.equal(hiveGetJsonObject(null, "$.a"), null);
  assert.equal(hiveGetJsonObject("not json", "$.a"), null);
});

test("reference answers on the corpus: the seed's security-group question", { skip }, () => {
  const records = loadRecords(join(corpusDir, "cloudtrail-watcher"));
  const all = evaluateQuery("security-group-changes", {}, records);
  assert.deepEqual(column(all, "event_name").sort(), [
    "AuthorizeSecurityGroupEgress",
    "AuthorizeSecurityGroupIngress",
    "CreateSecurityGroup",
    "ModifySecurityGroupRules",
    "RevokeSecurityGroupEgress",
    "RevokeSecurityGroupIngress",
  ]);
  // ModifySecurityGroupRules spells its request in PascalCase; the answer still has the group, ports and CIDR.
  const modify = evaluateQuery("security-group-changes", { group_id: "sg-ef6e8186" }, records);
  assert.equal(modify.rows.length, 1);
  const row = Object.fromEntries(modify.columns.map((c, i) => [c, modify.rows[0]?.[i]]));
  assert.deepEqual(
    [row.event_name, row.ip_protocol, row.from_port, row.to_port, row.cidrs_ipv4, row.principal_arn],
    ["ModifySecurityGroupRules", "tcp", "443", "443", "127.0.0.1/32", "arn:aws:iam::000000000000:user/test_user"],
  );
  const ingress = evaluateQuery("security-group-changes", { group_id: "sg-0e79c7acdf4a0225e", from: "2026-01-24", to: "2026-01-24" }, records);
  assert.deepEqual(column(ingress, "event_name"), ["AuthorizeSecurityGroupEgress", "AuthorizeSecurityGroupIngress", "RevokeSecurityGroupEgress", "RevokeSecurityGroupIngress"]);
  assert.deepEqual(column(ingress, "from_port"), [null, "22", null, "22"]);
  assert.equal(evaluateQuery("security-group-changes", { group_id: "sg-0e79c7acdf4a0225e", from: "2026-01-25" }, records).rows.length, 0);
  assert.equal(evaluateQuery("security-group-changes", { who: "someone-else" }, records).rows.length, 0);
  assert.equal(evaluateQuery("security-group-changes", { who: "test_user", region: "ap-northeast-2" }, records).rows.length, 5);
});

test("reference answers on the whole corpus are non-empty where the corpus has the events, and ordered", { skip }, () => {
  const records = loadRecords(corpusDir);
  assert.ok(records.length > 3000);
  const expectSome = ["security-group-changes", "root-account-use", "console-sign-ins-without-mfa", "access-denied-by-principal", "iam-changes", "cloudtrail-tampering", "s3-bucket-policy-changes"];
  for (const name of expectSome) {
    const result = evaluateQuery(name, {}, records);
    assert.ok(result.rows.length > 0, `${name} finds something in the corpus`);
    if (result.columns.includes("event_time")) {
      const times = column(result, "event_time").map((t) => t ?? "");
      assert.deepEqual(times, [...times].sort(), `${name} is ordered by time`);
    }
  }
  const tampering = evaluateQuery("cloudtrail-tampering", {}, records);
  assert.deepEqual([...new Set(column(tampering, "event_name"))].sort(), ["DeleteTrail", "PutEventSelectors", "StopLogging", "UpdateTrail"]);
  const denied = evaluateQuery("access-denied-by-principal", {}, records);
  const counts = column(denied, "denied_calls").map(Number);
  assert.deepEqual(
    counts,
    [...counts].sort((a, b) => b - a),
  );
  const total = records.filter((r) => ["AccessDenied", "AccessDeniedException", "Client.UnauthorizedOperation"].includes(String(r.errorCode))).length;
  assert.equal(
    counts.reduce((a, b) => a + b, 0),
    total,
  );
  const root = evaluateQuery("root-account-use", {}, records);
  assert.ok(root.rows.length >= 10);
  const arn = "arn:aws:iam::123837392027:user/bert-jan";
  const activity = evaluateQuery("principal-activity", { principal: arn }, records);
  assert.ok(activity.rows.length > 0);
  assert.ok(column(activity, "principal_arn").every((a) => a === arn));
});
