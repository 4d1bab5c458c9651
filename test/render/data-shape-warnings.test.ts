import { test } from "node:test";
import assert from "node:assert/strict";
import { FLAVOR_NAMES, getFlavor, type FlavorName } from "../../src/flavors/index.js";
import { dataShapeWarnings } from "../../src/render/data-shape-warnings.js";

test("shapes Hive cannot read line by line are warned about on every flavor, naming the Firehose setting that fixes them", () => {
  for (const flavor of FLAVOR_NAMES) {
    const warnings = dataShapeWarnings({ "eventbridge-concatenated": 3, "cloudwatch-logs": 1, concatenated: 2, eventbridge: 0 }, getFlavor(flavor));
    const messages = warnings.filter((w) => w.code === "data-shape").map((w) => w.message);
    assert.equal(messages.length, 3, flavor);
    assert.match(messages[0]!, /^1 file holds CloudWatch Logs subscription payloads .*Decompression and CloudWatchLogProcessing \(DataMessageExtraction=true\) processors, and AppendDelimiterToRecord/);
    assert.match(messages[1]!, /^2 files hold CloudTrail records back to back with no separator .*AppendDelimiterToRecord processor/);
    assert.match(messages[2]!, /^3 files hold EventBridge events back to back with no separator .*cannot read line by line: set the Firehose stream's AppendDelimiterToRecord processor/);
  }
});

test("EventBridge lines warn under a flavor that reads bare records, and bare records under the envelope flavor", () => {
  const expected: Record<FlavorName, RegExp> = {
    "emr-cloudtrail-serde": /tables of flavor emr-cloudtrail-serde read them with every CloudTrail column NULL; use --flavor eventbridge-jsonl/,
    "emr-hcatalog": /use --flavor eventbridge-jsonl/,
    "athena-projection": /use --flavor eventbridge-jsonl/,
    portable: /use --flavor eventbridge-jsonl/,
    jsonl: /use --flavor eventbridge-jsonl/,
    "eventbridge-jsonl": /^2 files hold CloudTrail records that are not in EventBridge envelopes: tables of flavor eventbridge-jsonl read only EventBridge events/,
  };
  for (const flavor of FLAVOR_NAMES) {
    const messages = dataShapeWarnings({ eventbridge: 4, "json-lines": 2 }, getFlavor(flavor)).map((w) => w.message);
    assert.equal(messages.length, 1, flavor);
    assert.match(messages[0]!, expected[flavor], flavor);
  }
});

test("data every flavor reads in its own shape raises nothing", () => {
  assert.deepEqual(dataShapeWarnings({ eventbridge: 5 }, getFlavor("eventbridge-jsonl")), []);
  assert.deepEqual(dataShapeWarnings({ "json-lines": 5, cloudtrail: 2 }, getFlavor("jsonl")), []);
  assert.deepEqual(dataShapeWarnings({}, getFlavor("emr-cloudtrail-serde")), []);
});
