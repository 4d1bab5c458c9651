import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import { GetObjectCommand } from "@aws-sdk/client-s3";
import { runCli, SG_EVENT, startEmrWorld, type EmrWorld } from "../emr/cli-harness.js";
import { sigmaDir, sigmaSkip } from "../reference/corpus.js";

const SIGMA = sigmaDir;
const SG_RULE = "6fb77778-040f-4015-9440-572aa9b6b580";

/**
 * detect on EMR through the real SDK against the project's EMR and S3 test servers: the rules go up
 * as one script (the table, the range's day folders found in S3, one scan testing every rule), and the
 * answer comes back as hits carrying each rule's title, level and author. The test server cannot run
 * Hive, so the step answers with the row Hive would write for the trail's one event.
 */
describe("trailhive detect on EMR", { skip: sigmaSkip(), timeout: 120_000 }, () => {
  let w: EmrWorld;
  before(async () => {
    w = await startEmrWorld();
  });
  after(async () => {
    await w.stop();
  });

  it("uploads one scan of every rule over the range's day folders and prints the hits with the rules' authors", async () => {
    const who = SG_EVENT.userIdentity;
    w.emr.scriptNextStep({
      outcome: "COMPLETED",
      rows: [[SG_RULE, SG_EVENT.eventID, SG_EVENT.eventTime, SG_EVENT.eventSource, SG_EVENT.eventName, who.arn, SG_EVENT.sourceIPAddress, SG_EVENT.awsRegion, SG_EVENT.recipientAccountId, null]],
    });
    const argv = w
      .base("detect-1", ["--cluster", w.clusterId, "--format", "jsonl"])
      .filter((a, i, all) => !["--query", "--param", "--schema"].includes(a) && !["--query", "--param", "--schema"].includes(all[i - 1] ?? ""));
    const run = await runCli(["detect", "--rules", SIGMA, "--from", "2026-01-20", "--to", "2026-01-20", ...argv.slice(1)]);
    assert.equal(run.code, 0, run.stderr);
    const hits = run.stdout
      .trim()
      .split("\n")
      .map((l) => JSON.parse(l) as Record<string, string | null>);
    assert.deepEqual(hits, [
      {
        rule_id: SG_RULE,
        rule_title: "Ingress/Egress Security Group Modification",
        level: "medium",
        rule_author: "jamesc-grafana",
        event_id: SG_EVENT.eventID,
        event_time: SG_EVENT.eventTime,
        event_source: "ec2.amazonaws.com",
        event_name: "AuthorizeSecurityGroupIngress",
        principal: who.arn,
        source_ip: SG_EVENT.sourceIPAddress,
        region: "us-east-1",
        account: "111122223333",
        error_code: null,
      },
    ]);
    assert.match(run.stderr, /56 rules translated, 1 left out/);
    const obj = await w.s3.client.send(new GetObjectCommand({ Bucket: "staging", Key: "trailhive/scripts/detect-1.q" }));
    const script = (await obj.Body?.transformToString()) ?? "";
    assert.match(
      script,
      /^ {2}PARTITION \(account = '111122223333', region = 'us-east-1', `year` = '2026', `month` = '01', `day` = '20'\) LOCATION 's3:\/\/trail\/AWSLogs\/111122223333\/CloudTrail\/us-east-1\/2026\/01\/20\/'/m,
    );
    assert.equal((script.match(/^ {2}IF\(/gm) ?? []).length, 56, "one scan tests every translated rule");
    assert.match(script, /^INSERT OVERWRITE DIRECTORY 's3:\/\/staging\/trailhive\/results\/detect-1\/'$/m);
  });
});
