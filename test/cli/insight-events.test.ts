import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync, writeFileSync, mkdirSync } from "node:fs";
import { join } from "node:path";
import { stageLogs } from "../../src/local/stage-logs.js";
import { resolveSources } from "../../src/source/resolve-sources.js";
import { assertHandled, runTrailhive, withTempDir } from "../hostile/support/hostile.js";

const record = (i: number) => ({
  eventVersion: "1.08",
  eventID: `e-${i}`,
  eventTime: "2023-07-10T12:00:00Z",
  eventSource: "ec2.amazonaws.com",
  eventName: `Op${i}`,
  awsRegion: "us-east-1",
  recipientAccountId: "111122223333",
});
const insight = {
  eventVersion: "1.08",
  eventTime: "2023-07-10T12:00:00Z",
  awsRegion: "us-east-1",
  eventID: "i-1",
  eventType: "AwsCloudTrailInsight",
  recipientAccountId: "111122223333",
  sharedEventID: "s-1",
  insightDetails: { state: "Start", eventSource: "ec2.amazonaws.com", eventName: "RunInstances", insightType: "ApiCallRateInsight" },
  eventCategory: "Insight",
};
const bridge = (detail: object, type: string) =>
  JSON.stringify({ version: "0", id: "x", "detail-type": type, source: "aws.ec2", account: "111122223333", time: "2023-07-10T12:00:00Z", region: "us-east-1", resources: [], detail });

test("an Insights event among EventBridge API calls is counted as one, not inferred, not staged", () =>
  withTempDir("insight-events", async (dir) => {
    const logs = join(dir, "logs");
    mkdirSync(logs);
    const lines = [
      bridge(record(1), "AWS API Call via CloudTrail"),
      bridge(insight, "AWS Insight via CloudTrail"),
      bridge(record(2), "AWS API Call via CloudTrail"),
      bridge(record(3), "AWS API Call via CloudTrail"),
    ];
    writeFileSync(join(logs, "eb.jsonl"), lines.join("\n") + "\n");
    const run = await runTrailhive(["infer", "logs", "-o", "schema.json"], { cwd: dir, timeoutMs: 60_000 });
    assertHandled(run, { exit: 0 });
    assert.match(run.stdout + run.stderr, /: 3 records/);
    assert.match(run.stdout + run.stderr, /left out 1 CloudTrail Insights events/);
    const schema = readFileSync(join(dir, "schema.json"), "utf8");
    assert.equal(JSON.parse(schema).records, 3);
    assert.doesNotMatch(schema, /insightDetails|sharedEventID/);
    const staged = await stageLogs((await resolveSources([logs], {})).files, { root: join(dir, "staged") });
    assert.equal(staged.records, 3);
  }));
