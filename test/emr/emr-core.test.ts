import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import type { EMRClient } from "@aws-sdk/client-emr";
import { CreateBucketCommand, PutObjectCommand } from "@aws-sdk/client-s3";
import { deflateSync } from "node:zlib";
import { readStepResults } from "../../src/emr/read-step-results.js";
import { buildEmrScript } from "../../src/emr/build-emr-script.js";
import type { Clock } from "../../src/emr/clock.js";
import { probableCause } from "../../src/emr/diagnose-step-logs.js";
import type { EmrEvent } from "../../src/emr/emr-event.js";
import { stepLogFolder } from "../../src/emr/fetch-step-logs.js";
import { hiveStep } from "../../src/emr/hive-step.js";
import { parseResultText } from "../../src/emr/result-row-format.js";
import { assumedPartitions, daysInRange } from "../../src/emr/assumed-partitions.js";
import { createEmrClient, emrEndpointFrom } from "../../src/aws/create-emr-client.js";
import { waitForStep } from "../../src/emr/wait-for-step.js";
import { lazySimpleText, startEmrServer, type EmrTestServer } from "../support/emr-server.js";
import { startS3Server, TEST_CREDENTIALS, type S3TestServer } from "../support/s3-server.js";

/** A clock that only moves when the code under test sleeps, recording every sleep. */
function fakeClock(): Clock & { sleeps: number[] } {
  let now = 0;
  const sleeps: number[] = [];
  return {
    sleeps,
    now: () => now,
    sleep: async (ms) => {
      sleeps.push(ms);
      now += ms;
    },
  };
}

describe("result files round-trip any text", () => {
  it("parses what LazySimpleSerDe writes back into the same values, NULL apart from the string \\N", () => {
    const rows: (string | null)[][] = [
      ['{"a":"x\\ny","b":[1,2]}', "tab\there", "cr\rlf\n", "\\N", null, ""],
      ["\u0001\u0002\u0003", "back\\slash\\", "ünïcødé ✓", "'quoted';", "--not a comment", "\\"],
      ["", "", "", "", "", ""],
    ];
    const text = lazySimpleText(rows);
    assert.equal(text.split("\n").length, 4, "one line per row: no raw newline survives inside a value");
    assert.deepEqual(parseResultText(text), rows);
  });

  it("reads an empty answer as no rows", () => {
    assert.deepEqual(parseResultText(""), []);
  });
});

describe("the Hive script", () => {
  it("puts the INSERT OVERWRITE DIRECTORY right before the SELECT, comments on their own lines, every statement ended once", () => {
    const script = buildEmrScript({
      title: "query q",
      table: ["CREATE EXTERNAL TABLE IF NOT EXISTS t (a STRING)"],
      partitions: ["ALTER TABLE t ADD IF NOT EXISTS PARTITION (account = '1') LOCATION 's3://b/x/';"],
      query: "-- a comment\nSELECT a\nFROM t\n",
      resultsUri: "s3://st/results/r'1/",
    });
    assert.match(script, /\n-- a comment\nINSERT OVERWRITE DIRECTORY 's3:\/\/st\/results\/r\\'1\/'\nROW FORMAT SERDE 'org\.apache\.hadoop\.hive\.serde2\.lazy\.LazySimpleSerDe'\n/);
    assert.match(script, /'field\.delim' = '\\u0001',\n {2}'escape\.delim' = '\\\\',\n {2}'serialization\.escape\.crlf' = 'true'/);
    assert.match(script, /LOCATION 's3:\/\/b\/x\/';\n/);
    assert.ok(!script.includes(";;"));
    assert.ok(script.endsWith("SELECT a\nFROM t;\n"));
  });

  it("refuses a query that is not one SELECT", () => {
    assert.throws(() => buildEmrScript({ title: "q", table: [], partitions: [], query: "DROP TABLE t", resultsUri: "s3://b/r/" }), /must be one SELECT/);
  });
});

describe("steps, partitions and log folders", () => {
  it("builds the step aws emr add-steps Type=HIVE builds, -d variables in name order", () => {
    assert.deepEqual(hiveStep({ name: "n", scriptUri: "s3://b/s.q", variables: { Z: "1", A: "x=y" }, actionOnFailure: "CANCEL_AND_WAIT" }), {
      Name: "n",
      ActionOnFailure: "CANCEL_AND_WAIT",
      HadoopJarStep: { Jar: "command-runner.jar", Args: ["hive-script", "--run-hive-script", "--args", "-f", "s3://b/s.q", "-d", "A=x=y", "-d", "Z=1"] },
    });
  });

  it("lists every day of a range across month and leap-day boundaries, and rejects bad dates", () => {
    assert.deepEqual(daysInRange("2024-02-28", "2024-03-01"), [
      ["2024", "02", "28"],
      ["2024", "02", "29"],
      ["2024", "03", "01"],
    ]);
    assert.throws(() => daysInRange("2023-02-29", "2023-03-01"), /YYYY-MM-DD/);
    assert.throws(() => daysInRange("2024-03-02", "2024-03-01"), /ends .* before it starts/);
  });

  it("assumes (for --dry-run) a partition where CloudTrail writes each day of every named account x region", () => {
    const parts = assumedPartitions("s3://t/p", { accounts: ["111122223333"], regions: ["eu-west-1", "us-east-1"], from: "2026-01-31", to: "2026-02-01" });
    assert.deepEqual(
      parts.map((p) => [p.region, p.year, p.month, p.day, p.location]),
      [
        ["eu-west-1", "2026", "01", "31", "s3://t/p/AWSLogs/111122223333/CloudTrail/eu-west-1/2026/01/31/"],
        ["eu-west-1", "2026", "02", "01", "s3://t/p/AWSLogs/111122223333/CloudTrail/eu-west-1/2026/02/01/"],
        ["us-east-1", "2026", "01", "31", "s3://t/p/AWSLogs/111122223333/CloudTrail/us-east-1/2026/01/31/"],
        ["us-east-1", "2026", "02", "01", "s3://t/p/AWSLogs/111122223333/CloudTrail/us-east-1/2026/02/01/"],
      ],
    );
  });

  it("finds EMR's endpoint as the AWS CLI does: the flag, then AWS_ENDPOINT_URL_EMR, then AWS_ENDPOINT_URL", async () => {
    const env = { AWS_ENDPOINT_URL_EMR: "http://127.0.0.1:2", AWS_ENDPOINT_URL: "http://127.0.0.1:3" };
    assert.equal(emrEndpointFrom({ endpointUrl: "http://127.0.0.1:1", env }), "http://127.0.0.1:1");
    assert.equal(emrEndpointFrom({ env }), "http://127.0.0.1:2");
    assert.equal(emrEndpointFrom({ env: { AWS_ENDPOINT_URL: "http://127.0.0.1:3" } }), "http://127.0.0.1:3");
    assert.equal(emrEndpointFrom({ env: {} }), undefined);
    const client = createEmrClient({ env: { ...env, AWS_REGION: "eu-west-3" }, credentials: TEST_CREDENTIALS });
    try {
      assert.equal(await client.config.region(), "eu-west-3");
      const endpoint = await client.config.endpoint?.();
      assert.equal(`${endpoint?.protocol}//${endpoint?.hostname}:${endpoint?.port}`, "http://127.0.0.1:2");
    } finally {
      client.destroy();
    }
  });

  it("puts step logs under <LogUri>/<cluster>/steps/<step>/, for s3n:// LogUris too", () => {
    assert.equal(stepLogFolder("s3n://logs/emr/", "j-1", "s-2"), "s3://logs/emr/j-1/steps/s-2/");
    assert.equal(stepLogFolder("s3://logs", "j-1", "s-2"), "s3://logs/j-1/steps/s-2/");
  });
});

describe("probable cause", () => {
  it("prefers Hive's FAILED line on stderr over error-looking lines elsewhere", () => {
    const cause = probableCause([
      { name: "syslog", uri: "s3://l/syslog.gz", text: "INFO x\n2026 ERROR org.apache.Foo: Exception in something\n" },
      { name: "stderr", uri: "s3://l/stderr.gz", text: "Logging initialized\nFAILED: ParseException line 1:0 cannot recognize input near 'SELEC' '1' '<EOF>'\n" },
    ]);
    assert.deepEqual(cause, { line: "FAILED: ParseException line 1:0 cannot recognize input near 'SELEC' '1' '<EOF>'", uri: "s3://l/stderr.gz" });
  });

  it("falls back to the first error line, and says nothing when there is none", () => {
    assert.equal(probableCause([{ name: "syslog", uri: "u", text: "INFO a\nERROR b went wrong\n" }])?.line, "ERROR b went wrong");
    assert.equal(probableCause([{ name: "stderr", uri: "u", text: "OK\nTime taken: 1.2 seconds\n" }]), undefined);
  });
});

describe("the poll loop (fake clock, real SDK against the EMR test server)", () => {
  let s3: S3TestServer;
  let emr: EmrTestServer;
  let client: EMRClient;
  before(async () => {
    s3 = await startS3Server();
    emr = await startEmrServer({ s3: s3.client });
    client = createEmrClient({ endpointUrl: emr.endpoint, region: "us-east-1", credentials: TEST_CREDENTIALS });
  });
  after(async () => {
    client.destroy();
    await emr.stop();
    await s3.stop();
  });

  const addStep = async (clusterId: string) => {
    const { AddJobFlowStepsCommand } = await import("@aws-sdk/client-emr");
    const res = await client.send(new AddJobFlowStepsCommand({ JobFlowId: clusterId, Steps: [{ Name: "s", HadoopJarStep: { Jar: "command-runner.jar", Args: [] } }] }));
    return res.StepIds?.[0] as string;
  };

  it("backs off exponentially up to the cap and reports each state once with elapsed time", async () => {
    const clusterId = emr.addCluster();
    emr.scriptNextStep({ outcome: "COMPLETED", runningPolls: 5 });
    const stepId = await addStep(clusterId);
    const clock = fakeClock();
    const events: EmrEvent[] = [];
    const out = await waitForStep(client, { clusterId, stepId }, { clock, poll: { intervalMs: 100, maxIntervalMs: 500, timeoutMs: 60_000 }, onEvent: (e) => events.push(e) });
    assert.equal(out.kind, "final");
    assert.equal(out.step.Status?.State, "COMPLETED");
    assert.deepEqual(clock.sleeps, [100, 200, 400, 500, 500, 500]);
    assert.deepEqual(
      events.filter((e) => e.kind === "step-state").map((e) => [e.state, e.elapsedMs]),
      [
        ["PENDING", 0],
        ["RUNNING", 100],
        ["COMPLETED", 2200],
      ],
    );
  });

  it("gives up at the timeout, leaving the step running", async () => {
    const clusterId = emr.addCluster();
    emr.scriptNextStep({ outcome: "hang" });
    const stepId = await addStep(clusterId);
    const clock = fakeClock();
    const out = await waitForStep(client, { clusterId, stepId }, { clock, poll: { intervalMs: 1000, maxIntervalMs: 4000, timeoutMs: 10_000 } });
    assert.equal(out.kind, "timeout");
    assert.equal(out.step.Status?.State, "RUNNING");
    assert.deepEqual(clock.sleeps, [1000, 2000, 4000, 3000]);
    assert.equal(clock.now(), 10_000);
  });

  it("sends CancelSteps once when asked and waits for CANCELLED", async () => {
    const clusterId = emr.addCluster();
    emr.scriptNextStep({ outcome: "hang" });
    const stepId = await addStep(clusterId);
    const cancel = new AbortController();
    cancel.abort();
    const out = await waitForStep(client, { clusterId, stepId }, { clock: fakeClock(), cancel: cancel.signal, poll: { intervalMs: 1, maxIntervalMs: 1, timeoutMs: 60_000 } });
    assert.equal(out.kind === "final" && out.cancelRequested, true);
    assert.equal(out.step.Status?.State, "CANCELLED");
    const cancels = emr.requests.filter((r) => r.op === "CancelSteps" && (r.body.StepIds as string[])[0] === stepId);
    assert.equal(cancels.length, 1);
    assert.equal(cancels[0]?.body.StepCancellationOption, "SEND_INTERRUPT");
  });

  it("reads result files in name order, plain or .deflate, skipping markers, and names a codec it cannot read", async () => {
    await s3.client.send(new CreateBucketCommand({ Bucket: "res" }));
    const put = (Key: string, Body: Buffer | string) => s3.client.send(new PutObjectCommand({ Bucket: "res", Key, Body }));
    await put("r1/000001_0.deflate", deflateSync(Buffer.from(lazySimpleText([["b", null]]))));
    await put("r1/000000_0", lazySimpleText([["a", "x\ty"]]));
    await put("r1/_SUCCESS", "");
    await put("r1_$folder$", "");
    const { result, files } = await readStepResults(s3.client, "s3://res/r1/", ["k", "v"]);
    assert.deepEqual(result, {
      columns: ["k", "v"],
      rows: [
        ["a", "x\ty"],
        ["b", null],
      ],
    });
    assert.deepEqual(files, ["s3://res/r1/000000_0", "s3://res/r1/000001_0.deflate"]);
    await put("r2/000000_0.snappy", "xx");
    await assert.rejects(readStepResults(s3.client, "s3://res/r2/", ["k"]), /codec trailhive cannot read/);
    await put("r3/000000_0", lazySimpleText([["only one"]]));
    await assert.rejects(readStepResults(s3.client, "s3://res/r3/", ["k", "v"]), /a row of 1 fields but the query names 2 columns/);
  });
});
