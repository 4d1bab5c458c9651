import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import { GetObjectCommand } from "@aws-sdk/client-s3";
import { formatResults, resultFormats, type ResultSet } from "../../src/output/format-results.js";
import { runCli, startEmrWorld, type EmrWorld } from "./cli-harness.js";

const COLUMNS = ["event_time", "event_name", "group_id", "principal_arn", "user_name", "access_key_id", "source_ip", "aws_region", "account_id", "ip_protocol", "from_port", "to_port", "cidrs_ipv4", "cidrs_ipv6", "error_code", "event_id"];

/** Values that break naive delimiters: JSON text, tab, newline, CR, backslash, \001, the string "\N", and NULL. */
const ROWS: (string | null)[][] = [
  ["2026-01-20T10:00:00Z", "AuthorizeSecurityGroupIngress", "sg-0123456789abcdef0", "arn:aws:iam::111122223333:user/alice", "alice", "AKIAEXAMPLE", "198.51.100.7", "us-east-1", "111122223333", '["tcp"]', "[22]", "[22]", '[["0.0.0.0/0"]]', null, null, "e-1"],
  ["2026-01-20T11:00:00Z", "ModifySecurityGroupRules", "sg-1", "a\tb", "line1\nline2\r\nline3", "back\\slash", "\u0001ctrl\u0002", "\\N", "", '{"k":"v;\'x\'"}', null, "", "x", "y", "Client.UnauthorizedOperation", "e-2"],
];

describe("trailhive run on EMR (end to end, real SDK against the EMR and S3 test servers)", () => {
  let w: EmrWorld;
  before(async () => {
    w = await startEmrWorld();
  });
  after(async () => {
    await w.stop();
  });

  for (const format of resultFormats) {
    it(`prints the answer as ${format} with the query's column names`, async () => {
      w.emr.scriptNextStep({ outcome: "COMPLETED", rows: ROWS });
      const run = await runCli([...w.base(`ok-${format}`, ["--cluster", w.clusterId, "--format", format])]);
      assert.equal(run.code, 0, run.stderr);
      const expected: ResultSet = { columns: COLUMNS, rows: ROWS };
      assert.equal(run.stdout, formatResults(expected, format));
      if (format === "jsonl") {
        // Independent of the formatter: every value came back byte for byte, NULL apart from "\N".
        const parsed = run.stdout.trim().split("\n").map((l) => JSON.parse(l) as Record<string, string | null>);
        assert.deepEqual(parsed.map((o) => COLUMNS.map((c) => o[c])), ROWS);
      }
      assert.match(run.stderr, /step s-\d+ PENDING/);
      assert.match(run.stderr, /step s-\d+ RUNNING/);
      assert.match(run.stderr, /step s-\d+ COMPLETED/);
    });
  }
});
