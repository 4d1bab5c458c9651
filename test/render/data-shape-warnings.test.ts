import { test } from "node:test";
import assert from "node:assert/strict";
import { FLAVOR_NAMES, getFlavor, type FlavorName } from "../../src/flavors/index.js";
import { countFileShapes } from "../../src/records/file-shape.js";
import { dataShapeWarnings } from "../../src/render/data-shape-warnings.js";

test("shapes Hive cannot read line by line are warned about on every flavor, naming the Firehose setting that fixes them", () => {
  const shapes = countFileShapes([
    ...Array(3).fill({ container: "eventbridge", framing: "concatenated" }),
    { container: "cloudwatch-logs", framing: "concatenated" },
    { container: "concatenated" },
    { container: "concatenated" },
  ]);
  for (const flavor of FLAVOR_NAMES) {
    const warnings = dataShapeWarnings(shapes, getFlavor(flavor));
    const messages = warnings.filter((w) => w.code === "data-shape").map((w) => w.message);
    assert.equal(messages.length, 3, flavor);
    assert.match(
      messages[0]!,
      /^1 file holds CloudWatch Logs subscription payloads .*Decompression and CloudWatchLogProcessing \(DataMessageExtraction=true\) processors, and AppendDelimiterToRecord/,
    );
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
  const shapes = [
    { container: "eventbridge", framing: "lines", files: 3 },
    { container: "eventbridge", files: 1 },
    { container: "lines", files: 2 },
  ] as const;
  for (const flavor of FLAVOR_NAMES) {
    const messages = dataShapeWarnings(shapes, getFlavor(flavor)).map((w) => w.message);
    assert.equal(messages.length, 1, flavor);
    assert.match(messages[0]!, expected[flavor], flavor);
  }
  assert.match(dataShapeWarnings(shapes, getFlavor("jsonl"))[0]!.message, /^4 files hold EventBridge events/);
});

test("data every flavor reads in its own shape raises nothing", () => {
  assert.deepEqual(dataShapeWarnings([{ container: "eventbridge", framing: "lines", files: 5 }], getFlavor("eventbridge-jsonl")), []);
  assert.deepEqual(
    dataShapeWarnings(
      [
        { container: "lines", files: 5 },
        { container: "records", files: 2 },
      ],
      getFlavor("jsonl"),
    ),
    [],
  );
  assert.deepEqual(dataShapeWarnings([{ container: "lookup-events", framing: "lines", files: 5 }], getFlavor("jsonl")), []);
  assert.deepEqual(dataShapeWarnings([], getFlavor("emr-cloudtrail-serde")), []);
});

test("files are counted by container and framing, in a stable order", () => {
  assert.deepEqual(countFileShapes([{ container: "records" }, { container: "eventbridge", framing: "lines" }, {}, { container: "eventbridge", framing: "concatenated" }, { container: "records" }]), [
    { container: "eventbridge", framing: "concatenated", files: 1 },
    { container: "eventbridge", framing: "lines", files: 1 },
    { container: "records", files: 2 },
  ]);
});
