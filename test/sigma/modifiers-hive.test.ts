import { after, before, describe, it } from "node:test";
import { createHash } from "node:crypto";
import assert from "node:assert/strict";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import { stringify } from "yaml";
import { main } from "../../src/cli/main.js";
import { capture } from "../support/capture-terminal.js";
import { referenceRule } from "../reference/evaluate-sigma.js";
import { hiveSkip } from "../local/support/hive.js";

type Rec = Record<string, unknown>;

/**
 * Every modifier and condition form trailhive translates, each a rule with one event it must match
 * and a near miss it must not (both written here), run on the embedded Hive in one detect: each
 * rule's hits are exactly its matches, and equal the reference evaluator's. The rules trailhive
 * reports as untranslatable are checked for their reasons.
 */
interface Case {
  name: string;
  detection: Rec;
  /** fields of the events that must match (each gets the case's eventSource) */
  match: Rec[];
  miss: Rec[];
}

const cases: Case[] = [
  { name: "exact", detection: { sel: { eventName: "StopLogging" } }, match: [{ eventName: "stoplogging" }], miss: [{ eventName: "StopLoggingX" }] },
  { name: "list", detection: { sel: { eventName: ["DeleteTrail", "UpdateTrail"] } }, match: [{ eventName: "UpdateTrail" }], miss: [{ eventName: "CreateTrail" }] },
  { name: "contains", detection: { sel: { "userAgent|contains": "boto3" } }, match: [{ userAgent: "Boto3/1.34 Python" }], miss: [{ userAgent: "boto-3" }] },
  { name: "startswith", detection: { sel: { "userAgent|startswith": "aws-cli" } }, match: [{ userAgent: "AWS-CLI/2.15" }], miss: [{ userAgent: "x aws-cli" }] },
  {
    name: "endswith",
    detection: { sel: { "userIdentity.arn|endswith": ":root" } },
    match: [{ userIdentity: { arn: "arn:aws:iam::111122223333:root" } }],
    miss: [{ userIdentity: { arn: "arn:aws:iam::111122223333:root2" } }],
  },
  { name: "star", detection: { sel: { eventName: "Delete*Bucket" } }, match: [{ eventName: "DeleteMyBucket" }], miss: [{ eventName: "DeleteMyBuckets" }] },
  { name: "question", detection: { sel: { eventName: "Get?" } }, match: [{ eventName: "GetX" }], miss: [{ eventName: "GetXY" }] },
  { name: "escaped-star", detection: { sel: { errorMessage: "a\\*b" } }, match: [{ errorMessage: "A*B" }], miss: [{ errorMessage: "axb" }] },
  {
    name: "like-chars",
    detection: { sel: { "errorMessage|contains": "50%_off" } },
    match: [{ errorMessage: "now 50%_off!" }],
    miss: [{ errorMessage: "now 50x_off" }, { errorMessage: "now 50%xoff" }],
  },
  { name: "re", detection: { sel: { "userAgent|re": "^Mozilla/[0-9]+" } }, match: [{ userAgent: "Mozilla/5.0" }], miss: [{ userAgent: "mozilla/5.0" }] },
  { name: "all", detection: { sel: { "userAgent|contains|all": ["python", "boto"] } }, match: [{ userAgent: "Boto3 Python/3.12" }], miss: [{ userAgent: "python only" }] },
  { name: "cased", detection: { sel: { "eventName|cased": "ConsoleLogin" } }, match: [{ eventName: "ConsoleLogin" }], miss: [{ eventName: "consolelogin" }] },
  {
    name: "null",
    detection: { sel: { eventName: "GetSessionToken", errorCode: null } },
    match: [{ eventName: "GetSessionToken" }],
    miss: [{ eventName: "GetSessionToken", errorCode: "AccessDenied" }],
  },
  { name: "exists", detection: { sel: { "errorCode|exists": true } }, match: [{ errorCode: "AccessDenied" }], miss: [{ eventName: "x" }] },
  {
    name: "fieldref",
    detection: { sel: { "userIdentity.userName|fieldref": "requestParameters.userName" } },
    match: [{ userIdentity: { userName: "alice" }, requestParameters: { userName: "Alice" } }],
    miss: [{ userIdentity: { userName: "alice" }, requestParameters: { userName: "bob" } }],
  },
  {
    name: "json-key",
    detection: { sel: { "requestParameters.bucketName": "my-bucket" } },
    match: [{ requestParameters: { bucketName: "My-Bucket" } }],
    miss: [{ requestParameters: { bucketName: "other" } }],
  },
  // CloudTrail writes some APIs' requestParameters in PascalCase: the key is found in either spelling
  {
    name: "json-key-case",
    detection: { sel: { "requestParameters.bucketName": "logs" } },
    match: [{ requestParameters: { BucketName: "logs" } }, { requestParameters: { bucketName: "LOGS" } }],
    miss: [{ requestParameters: { bucketname2: "logs" } }],
  },
  { name: "json-number", detection: { sel: { "requestParameters.fromPort": 22 } }, match: [{ requestParameters: { fromPort: 22 } }], miss: [{ requestParameters: { fromPort: 2222 } }] },
  {
    name: "json-whole",
    detection: { sel: { "requestParameters|contains": "secretvalue" } },
    match: [{ requestParameters: { a: { b: "xSecretValuex" } } }],
    miss: [{ requestParameters: { a: "nothing" } }],
  },
  {
    name: "struct-path",
    detection: { sel: { "userIdentity.sessionContext.sessionIssuer.type": "Role" } },
    match: [{ userIdentity: { sessionContext: { sessionIssuer: { type: "Role" } } } }],
    miss: [{ userIdentity: { sessionContext: { sessionIssuer: { type: "User" } } } }],
  },
  // an absent field does not match the filter, so `not filter` keeps the event (Sigma's two-valued logic)
  {
    name: "not",
    detection: { sel: { eventName: "ListBuckets" }, filter: { "userAgent|contains": "console" }, condition: "sel and not filter" },
    match: [{ eventName: "ListBuckets", userAgent: "aws-cli" }, { eventName: "ListBuckets" }],
    miss: [{ eventName: "ListBuckets", userAgent: "AWS Console" }],
  },
  { name: "one-of", detection: { sel_a: { eventName: "A1" }, sel_b: { eventName: "B1" }, condition: "1 of sel_*" }, match: [{ eventName: "B1" }], miss: [{ eventName: "C1" }] },
  {
    name: "all-of",
    detection: { sel_a: { eventName: "A2" }, sel_b: { "userAgent|contains": "x" }, condition: "all of sel_*" },
    match: [{ eventName: "A2", userAgent: "xx" }],
    miss: [{ eventName: "A2", userAgent: "yy" }],
  },
  { name: "them", detection: { one: { eventName: "T1" }, two: { eventName: "T2" }, condition: "1 of them" }, match: [{ eventName: "T2" }], miss: [{ eventName: "T3" }] },
  {
    name: "parens",
    detection: { a: { eventName: "P1" }, b: { eventName: "P2" }, c: { "userAgent|startswith": "cli" }, condition: "(a or b) and c" },
    match: [{ eventName: "P2", userAgent: "cli/1" }],
    miss: [{ eventName: "P1", userAgent: "web" }],
  },
  {
    name: "cidr",
    detection: { sel: { "sourceIPAddress|cidr": ["10.0.0.0/8", "192.168.1.0/24"] } },
    match: [{ sourceIPAddress: "10.200.3.4" }, { sourceIPAddress: "192.168.1.255" }],
    miss: [{ sourceIPAddress: "11.0.0.1" }, { sourceIPAddress: "192.168.2.1" }, { sourceIPAddress: "ec2.amazonaws.com" }],
  },
  { name: "base64", detection: { sel: { "userAgent|base64|contains": "evil" } }, match: [{ userAgent: "x ZXZpbA== y" }], miss: [{ userAgent: "evil" }, { userAgent: "zxzpba==" }] },
  {
    name: "base64offset",
    detection: { sel: { "userAgent|base64offset|contains": "http://" } },
    match: [{ userAgent: Buffer.from("http://a").toString("base64") }, { userAgent: Buffer.from("xhttp://a").toString("base64") }, { userAgent: Buffer.from("xxhttp://a").toString("base64") }],
    miss: [{ userAgent: Buffer.from("https://a").toString("base64") }],
  },
  { name: "alternatives", detection: { sel: [{ eventName: "Q1" }, { userAgent: "q-agent" }] }, match: [{ eventName: "x", userAgent: "Q-Agent" }], miss: [{ eventName: "Q2", userAgent: "other" }] },
];

/** Rules trailhive must report, not approximate, with the reason it gives. */
const untranslatable: { name: string; detection: Rec; reason: RegExp }[] = [
  { name: "cidr-ipv6", detection: { sel: { "sourceIPAddress|cidr": "2001:db8::/32" } }, reason: /sourceIPAddress\|cidr 2001:db8::\/32: only IPv4 ranges/ },
  { name: "windash", detection: { sel: { "userAgent|windash": "-x" } }, reason: /the windash modifier is not translated/ },
  { name: "keywords", detection: { words: ["evil"], condition: "words" }, reason: /keywords \(values without a field\)/ },
  { name: "count", detection: { sel: { eventName: "x" }, condition: "sel | count() > 5" }, reason: /aggregates/ },
  { name: "near", detection: { a: { eventName: "x" }, b: { eventName: "y" }, condition: "a near b" }, reason: /uses near/ },
  { name: "unknown-field", detection: { sel: { noSuchField: "x" } }, reason: /noSuchField: the table has no such field/ },
];

const source = (name: string) => `${name}.fixture.example.com`;
/** A distinct rule id per case (a hash: names share prefixes, such as base64 and base64offset). */
const id = (name: string) => `00000000-0000-4000-8000-${createHash("sha256").update(name).digest("hex").slice(0, 12)}`;

function ruleText(name: string, detection: Rec): string {
  const { condition = "sel", ...searches } = detection;
  // every search also names the case's eventSource, so a rule sees only its own events
  const scoped = Object.fromEntries(
    Object.entries(searches).map(([k, v]) => [
      k,
      Array.isArray(v) && v.every((x) => typeof x === "object") ? (v as Rec[]).map((m) => ({ eventSource: source(name), ...m })) : Array.isArray(v) ? v : { eventSource: source(name), ...(v as Rec) },
    ]),
  );
  return stringify({
    title: `fixture ${name}`,
    id: id(name),
    status: "test",
    author: "trailhive tests",
    level: "low",
    logsource: { product: "aws", service: "cloudtrail" },
    detection: { ...scoped, condition },
  });
}

function event(name: string, kind: string, i: number, fields: Rec): Rec {
  return {
    eventVersion: "1.09",
    eventTime: `2026-11-16T10:${String(i).padStart(2, "0")}:00Z`,
    eventSource: source(name),
    eventName: "Fixture",
    awsRegion: "us-east-1",
    recipientAccountId: "111122223333",
    eventID: `${name}-${kind}-${i}`,
    ...fields,
  };
}

describe("each modifier and condition form: a match and a near miss, on the embedded Hive and the reference evaluator", { skip: hiveSkip(), timeout: 300_000 }, () => {
  let dir: string;
  let stdout = "";
  let stderr = "";
  const records: Rec[] = [];
  before(async () => {
    dir = mkdtempSync(join(tmpdir(), "trailhive-sigma-modifiers-"));
    mkdirSync(join(dir, "rules"));
    for (const c of [...cases, ...untranslatable]) writeFileSync(join(dir, "rules", `${c.name}.yml`), ruleText(c.name, c.detection));
    for (const c of cases) {
      c.match.forEach((f, i) => records.push(event(c.name, "match", i, f)));
      c.miss.forEach((f, i) => records.push(event(c.name, "miss", i, f)));
    }
    const logs = join(dir, "logs", "AWSLogs", "111122223333", "CloudTrail", "us-east-1", "2026", "11", "16");
    mkdirSync(logs, { recursive: true });
    writeFileSync(join(logs, "111122223333_CloudTrail_us-east-1_20261116T1000Z_fixture.json.gz"), gzipSync(JSON.stringify({ Records: records })));
    const out = capture();
    const code = await main(["detect", "--rules", join(dir, "rules"), join(dir, "logs"), "--work", join(dir, "work"), "--keep-engine", "0", "--format", "jsonl"], out.term);
    stdout = out.stdout();
    stderr = out.stderr();
    assert.equal(code, 0, stderr);
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  const hitsOf = (name: string) =>
    stdout
      .split("\n")
      .filter(Boolean)
      .map((l) => JSON.parse(l) as { rule_id: string; event_id: string })
      .filter((h) => h.rule_id === id(name))
      .map((h) => h.event_id)
      .sort();

  for (const c of cases) {
    it(`${c.name}: the match, not the near miss`, () => {
      const expected = c.match.map((_, i) => `${c.name}-match-${i}`).sort();
      assert.deepEqual(hitsOf(c.name), expected, "the embedded Hive");
      const reference = referenceRule(ruleText(c.name, c.detection));
      assert.ok(reference.matches !== undefined);
      assert.deepEqual(
        records
          .filter(reference.matches)
          .map((r) => String(r.eventID))
          .sort(),
        expected,
        "the reference evaluator",
      );
    });
  }

  for (const u of untranslatable) {
    it(`${u.name}: reported with its reason and left out, never approximated`, () => {
      assert.match(stderr, new RegExp(`rule .*${u.name}\\.yml \\(fixture ${u.name}\\) left out: .*${u.reason.source}`));
      assert.deepEqual(hitsOf(u.name), []);
    });
  }
});
