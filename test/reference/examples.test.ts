import { test } from "node:test";
import assert from "node:assert/strict";
import { join } from "node:path";
import { evaluateQuery } from "./evaluate-query.js";
import { loadRecords } from "./load-records.js";
import { repoRoot } from "./corpus.js";
import { loadLibrary } from "../../src/queries/library.js";

/**
 * Every library query has at least one matching event and one near miss in examples/logs (docs/ARCHITECTURE.md, Tests),
 * so comparing Hive's answer with the reference's can never be empty against empty. A near miss is an
 * event the question is close to but must leave out.
 */
type Rec = Record<string, unknown>;
const who = (r: Rec) => (r.userIdentity ?? {}) as Rec;
const cases: Record<string, { params: Record<string, string>; nearMiss: (r: Rec) => boolean }> = {
  "security-group-changes": { params: {}, nearMiss: (r) => r.eventName === "DescribeSecurityGroups" },
  "root-account-use": { params: {}, nearMiss: (r) => who(r).type === "IAMUser" && r.eventName === "ConsoleLogin" },
  "console-sign-ins-without-mfa": { params: {}, nearMiss: (r) => r.eventName === "ConsoleLogin" && (r.additionalEventData as Rec | undefined)?.MFAUsed === "Yes" },
  "failed-sign-ins": { params: {}, nearMiss: (r) => r.eventName === "ConsoleLogin" && (r.responseElements as Rec | undefined)?.ConsoleLogin === "Success" },
  "access-denied-by-principal": { params: {}, nearMiss: (r) => r.errorCode === undefined && r.eventName === "CreateUser" },
  "iam-changes": { params: {}, nearMiss: (r) => r.eventSource === "iam.amazonaws.com" && ["GetUser", "ListUsers"].includes(String(r.eventName)) },
  "cloudtrail-tampering": { params: {}, nearMiss: (r) => r.eventName === "DescribeTrails" },
  "kms-key-deletion": { params: {}, nearMiss: (r) => r.eventName === "Decrypt" },
  "s3-bucket-policy-changes": { params: {}, nearMiss: (r) => r.eventName === "GetBucketPolicy" },
  "principal-activity": { params: { principal: "arn:aws:iam::111122223333:user/alice" }, nearMiss: (r) => who(r).arn === "arn:aws:iam::111122223333:user/bob" },
};

const records = loadRecords(join(repoRoot, "examples", "logs"));

test("every library query has a case here", () => {
  assert.deepEqual(
    Object.keys(cases).sort(),
    loadLibrary().map((q) => q.name),
  );
});

for (const [name, c] of Object.entries(cases)) {
  test(`examples hold a match and a near miss for ${name}`, () => {
    const answer = evaluateQuery(name, c.params, records);
    assert.ok(answer.rows.length > 0, `${name} has an answer on examples/logs`);
    const misses = records.filter(c.nearMiss);
    assert.ok(misses.length > 0, `examples/logs hold a near miss for ${name}`);
    if (answer.columns.includes("event_id")) {
      const ids = new Set(answer.rows.map((r) => r[answer.columns.indexOf("event_id")]));
      for (const m of misses) assert.ok(!ids.has(String(m.eventID)), `${name} leaves out ${String(m.eventName)} ${String(m.eventID)}`);
    } else {
      const answered = answer.rows.reduce((n, r) => n + Number(r[1]), 0);
      const denied = records.filter((r) => ["AccessDenied", "AccessDeniedException", "Client.UnauthorizedOperation"].includes(String(r.errorCode))).length;
      assert.equal(answered, denied, "only refused calls are counted");
    }
  });
}

test("the seed's question on the examples: who changed the security group last week", () => {
  const answer = evaluateQuery("security-group-changes", { group_id: "sg-0123456789abcdef0", from: "2026-11-16", to: "2026-11-22" }, records);
  assert.ok(answer.rows.length >= 3);
  const names = new Set(answer.rows.map((r) => r[answer.columns.indexOf("event_name")]));
  assert.ok(names.has("AuthorizeSecurityGroupIngress"));
  assert.ok(answer.rows.every((r) => r[answer.columns.indexOf("group_id")] === "sg-0123456789abcdef0"));
});
