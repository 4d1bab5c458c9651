import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import { readFileSync, writeFileSync, mkdirSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { CreateBucketCommand, GetObjectCommand, ListObjectsV2Command, PutObjectCommand } from "@aws-sdk/client-s3";
import { main } from "../../src/cli/main.js";
import { formatResults, resultFormats, type ResultSet } from "../../src/output/format-results.js";
import { startFaultProxy } from "../support/fault-proxy.js";
import { runCli, startEmrWorld, terminal, type EmrWorld } from "./cli-harness.js";

const HIVE_STDERR = readFileSync(new URL("./fixtures/hive-table-not-found.stderr", import.meta.url), "utf8");
const HIVE_LINE = "FAILED: SemanticException [Error 10001]: Line 1:14 Table not found 'no_such_table'";
/** A syslog with error-looking noise, so the diagnosis must prefer Hive's own FAILED line. */
const NOISY_SYSLOG = [
  "2026-01-20 10:00:01,000 INFO org.apache.hadoop.yarn.client.RMProxy (main): Connecting to ResourceManager",
  "2026-01-20 10:00:02,000 ERROR org.apache.hadoop.hive.ql.Driver (main): something went wrong, see stderr",
  "",
].join("\n");
const GOLDEN = path.resolve(import.meta.dirname, "../golden/emr");

const COLUMNS = [
  "event_time",
  "event_name",
  "group_id",
  "principal_arn",
  "user_name",
  "access_key_id",
  "source_ip",
  "aws_region",
  "account_id",
  "ip_protocol",
  "from_port",
  "to_port",
  "cidrs_ipv4",
  "cidrs_ipv6",
  "error_code",
  "event_id",
];

/** Values that break naive delimiters: JSON text, tab, newline, CR, backslash, \001, the string "\N", and NULL. */
const ROWS: (string | null)[][] = [
  [
    "2026-01-20T10:00:00Z",
    "AuthorizeSecurityGroupIngress",
    "sg-0123456789abcdef0",
    "arn:aws:iam::111122223333:user/alice",
    "alice",
    "AKIAEXAMPLE",
    "198.51.100.7",
    "us-east-1",
    "111122223333",
    '["tcp"]',
    "[22]",
    "[22]",
    '[["0.0.0.0/0"]]',
    null,
    null,
    "e-1",
  ],
  [
    "2026-01-20T11:00:00Z",
    "ModifySecurityGroupRules",
    "sg-1",
    "a\tb",
    "line1\nline2\r\nline3",
    "back\\slash",
    "\u0001ctrl\u0002",
    "\\N",
    "",
    '{"k":"v;\'x\'"}',
    null,
    "",
    "x",
    "y",
    "Client.UnauthorizedOperation",
    "e-2",
  ],
];

/** The LOCATION of every PARTITION clause of a script, in order. */
function partitionLocations(script: string): (string | undefined)[] {
  return script
    .split("\n")
    .filter((l) => /^ {2}PARTITION \(/.test(l))
    .map((l) => /LOCATION '([^']+)'/.exec(l)?.[1]);
}

/** argv with the values of some flags replaced (a flag given twice would become an array). */
function withFlags(argv: string[], values: Record<string, string>): string[] {
  return argv.map((arg, i) => values[argv[i - 1] ?? ""] ?? arg);
}

describe("trailhive run on EMR (end to end, real SDK against the EMR and S3 test servers)", { timeout: 120_000 }, () => {
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
        const parsed = run.stdout
          .trim()
          .split("\n")
          .map((l) => JSON.parse(l) as Record<string, string | null>);
        assert.deepEqual(
          parsed.map((o) => COLUMNS.map((c) => o[c])),
          ROWS,
        );
      }
      assert.match(run.stderr, /step s-\d+ PENDING/);
      assert.match(run.stderr, /step s-\d+ RUNNING/);
      assert.match(run.stderr, /step s-\d+ COMPLETED/);
    });
  }

  it("uploads one script with the table, the partitions found in S3 and the INSERT OVERWRITE DIRECTORY, and adds the step as aws emr add-steps Type=HIVE does", async () => {
    const run = await runCli(w.base("shape", ["--cluster", w.clusterId]));
    assert.equal(run.code, 0, run.stderr);
    const obj = await w.s3.client.send(new GetObjectCommand({ Bucket: "staging", Key: "trailhive/scripts/shape.q" }));
    const script = (await obj.Body?.transformToString()) ?? "";
    assert.match(script, /^CREATE EXTERNAL TABLE IF NOT EXISTS cloudtrail \(/m);
    assert.match(script, /ROW FORMAT SERDE 'com\.amazon\.emr\.hive\.serde\.CloudTrailSerde'/);
    // the one day folder the trail holds (2026-01-21, the late-delivery day the range also reads, has none)
    assert.match(script, /^ALTER TABLE cloudtrail ADD IF NOT EXISTS$/m);
    assert.deepEqual(partitionLocations(script), ["s3://trail/AWSLogs/111122223333/CloudTrail/us-east-1/2026/01/20/"]);
    assert.match(script, /^INSERT OVERWRITE DIRECTORY 's3:\/\/staging\/trailhive\/results\/shape\/'$/m);
    const add = w.emr.requests.filter((r) => r.op === "AddJobFlowSteps").at(-1);
    assert.deepEqual(add?.body, {
      JobFlowId: w.clusterId,
      Steps: [
        {
          Name: "trailhive query security-group-changes (run shape)",
          ActionOnFailure: "CONTINUE",
          HadoopJarStep: { Jar: "command-runner.jar", Args: ["hive-script", "--run-hive-script", "--args", "-f", "s3://staging/trailhive/scripts/shape.q"] },
        },
      ],
    });
  });

  it("adds exactly the day folders that exist in the range, organisation trails included, listing only the range's years and months in the bucket's own region", async () => {
    await w.s3.client.send(new CreateBucketCommand({ Bucket: "org-trail" }));
    const keys = [
      "AWSLogs/o-abc123/111122223333/CloudTrail/us-east-1/2026/01/20/a.json.gz",
      "AWSLogs/o-abc123/444455556666/CloudTrail/eu-west-1/2026/01/21/b.json.gz", // the late-delivery day: in
      "AWSLogs/o-abc123/444455556666/CloudTrail/eu-west-1/2026/01/22/c.json.gz", // after the range
      "AWSLogs/o-abc123/444455556666/CloudTrail/eu-west-1/2025/12/31/d.json.gz", // a year outside: never listed
      "AWSLogs/777788889999/CloudTrail/ap-south-1/2026/01/19/e.json.gz", // before the range
      "AWSLogs/777788889999/CloudTrail/ap-south-1/2026/02/01/f.json.gz", // a month outside: never listed
      "AWSLogs/111122223333/CloudTrail-Digest/us-east-1/2026/01/20/g.json.gz", // digests are not partitions
    ];
    for (const Key of keys) await w.s3.client.send(new PutObjectCommand({ Bucket: "org-trail", Key, Body: "{}" }));
    // The buckets live in eu-west-3 and the run says us-east-1: a listing sent to the wrong region would be redirected and counted twice.
    const proxy = await startFaultProxy({ target: w.s3.endpoint, seed: "emr-partitions", faultRate: 0, bucketRegion: "eu-west-3" });
    try {
      const argv = withFlags(w.base("org", ["--cluster", w.clusterId]), { "--location": "s3://org-trail", "--endpoint-url": proxy.endpoint });
      const run = await runCli(argv);
      assert.equal(run.code, 0, run.stderr);
      const obj = await w.s3.client.send(new GetObjectCommand({ Bucket: "staging", Key: "trailhive/scripts/org.q" }));
      assert.deepEqual(partitionLocations((await obj.Body?.transformToString()) ?? ""), [
        "s3://org-trail/AWSLogs/o-abc123/111122223333/CloudTrail/us-east-1/2026/01/20/",
        "s3://org-trail/AWSLogs/o-abc123/444455556666/CloudTrail/eu-west-1/2026/01/21/",
      ]);
      // One listing per folder walked: the root, AWSLogs/, o-abc123/, then per account CloudTrail/,
      // region, 2026/ and 01/ (4 + 4 + 4 + 1 for 111122223333's empty CloudTrail/): 16 in all, none
      // redirected. The other 2 the server saw are the results folder's, read with the us-east-1
      // client: S3 redirects it once.
      assert.match(run.stderr, /2 day folders from 2026-01-20 to 2026-01-21 under s3:\/\/org-trail \(16 LIST, 1 HEAD\)/);
      assert.equal(proxy.counts.lists, 16 + 2);
    } finally {
      await proxy.stop();
    }
  });

  it("defaults to tsv when stdout is piped and to a table on a terminal", async () => {
    w.emr.scriptNextStep({ outcome: "COMPLETED", rows: [ROWS[0] as (string | null)[]] });
    const piped = await runCli(w.base("piped", ["--cluster", w.clusterId]));
    assert.equal(piped.stdout, formatResults({ columns: COLUMNS, rows: [ROWS[0] as (string | null)[]] }, "tsv"));
    w.emr.scriptNextStep({ outcome: "COMPLETED", rows: [ROWS[0] as (string | null)[]] });
    const tty = await runCli(w.base("tty", ["--cluster", w.clusterId]), { tty: true });
    assert.equal(tty.stdout, formatResults({ columns: COLUMNS, rows: [ROWS[0] as (string | null)[]] }, "table"));
    // on a terminal the "still RUNNING" line is redrawn in place, and always cleared before the next line
    /* eslint-disable no-control-regex -- the terminal's escape codes are what these check */
    assert.match(tty.stderr, /\r\x1b\[2Kstep s-\d+ RUNNING \d+s/);
    assert.doesNotMatch(tty.stderr, /\r\x1b\[2Kstep s-\d+ \w+ \d+s(?!\r\x1b\[2K)/);
    assert.doesNotMatch(piped.stderr, /\x1b/, "no terminal codes when stderr is not a terminal");
    /* eslint-enable no-control-regex */
  });

  it("on FAILED prints FailureDetails and the Hive error line from stderr.gz with its S3 path, and exits 1", async () => {
    w.emr.scriptNextStep({ outcome: "FAILED", logs: { stderr: HIVE_STDERR, syslog: NOISY_SYSLOG, controller: "INFO startExec 'hive-script'\n" } });
    const run = await runCli(w.base("fail", ["--cluster", w.clusterId]));
    assert.equal(run.code, 1);
    const stepId = /step (s-\d+) on/.exec(run.stderr)?.[1];
    assert.ok(stepId, run.stderr);
    assert.match(run.stderr, new RegExp(`step ${stepId} on ${w.clusterId} ended FAILED`));
    assert.match(run.stderr, /FailureDetails: Unknown Error\./);
    assert.ok(run.stderr.includes(`probable cause: ${HIVE_LINE}\n    in s3://emr-logs/${w.clusterId}/steps/${stepId}/stderr.gz`), run.stderr);
    assert.equal(run.stdout, "");

    const status = await runCli(["status", w.clusterId, stepId, "--emr-endpoint-url", w.emr.endpoint, "--endpoint-url", w.s3.endpoint]);
    assert.equal(status.code, 1);
    assert.match(status.stdout, new RegExp(`step ${stepId} FAILED: trailhive query security-group-changes \\(run fail\\)`));
    const logs = await runCli(["logs", w.clusterId, stepId, "--emr-endpoint-url", w.emr.endpoint, "--endpoint-url", w.s3.endpoint]);
    assert.equal(logs.code, 0, logs.stderr);
    assert.ok(logs.stdout.includes(`probable cause: ${HIVE_LINE}`), logs.stdout);
    const shown = await runCli(["logs", w.clusterId, stepId, "--show", "stderr", "--emr-endpoint-url", w.emr.endpoint, "--endpoint-url", w.s3.endpoint]);
    assert.equal(shown.stdout, HIVE_STDERR);
  });

  it("status and logs show control characters from step failures and logs escaped on a terminal, and --show piped stays exact", async () => {
    /* eslint-disable no-control-regex -- the terminal's escape codes are what this checks */
    const hostile = "FAILED: SemanticException Row \x1b]0;PWNED\x07\x1b[2J\u202egnp.exe";
    w.emr.scriptNextStep({ outcome: "FAILED", failureDetails: { Reason: "Unknown", Message: hostile }, logs: { stderr: `${hostile}\n`, controller: "INFO\n" } });
    const run = await runCli(w.base("hostile", ["--cluster", w.clusterId]));
    const stepId = /step (s-\d+) on/.exec(run.stderr)?.[1];
    assert.ok(stepId, run.stderr);
    const endpoints = ["--emr-endpoint-url", w.emr.endpoint, "--endpoint-url", w.s3.endpoint];
    const status = await runCli(["status", w.clusterId, stepId, ...endpoints], { tty: true });
    const logs = await runCli(["logs", w.clusterId, stepId, ...endpoints], { tty: true });
    const shownTty = await runCli(["logs", w.clusterId, stepId, "--show", "stderr", ...endpoints], { tty: true });
    for (const [name, out] of [
      ["status", status.stdout],
      ["logs", logs.stdout],
      ["logs --show on a terminal", shownTty.stdout],
    ] as const) {
      assert.ok(out.includes("\\x1b]0;PWNED\\x07"), `${name} shows the sequence escaped: ${out}`);
      assert.doesNotMatch(out, /[\x1b\x07\u202e]/, `${name} printed a raw control character`);
    }
    const shownPiped = await runCli(["logs", w.clusterId, stepId, "--show", "stderr", ...endpoints]);
    assert.equal(shownPiped.stdout, `${hostile}\n`, "the log itself, piped, is exact");
    /* eslint-enable no-control-regex */
  });

  it("waits for step logs that EMR uploads late, looking again until they appear", async () => {
    w.emr.scriptNextStep({ outcome: "FAILED", logs: { stderr: HIVE_STDERR }, logsDelayMs: 300 });
    const run = await runCli(w.base("late", ["--cluster", w.clusterId]));
    assert.equal(run.code, 1);
    const looks = run.stderr.split("\n").filter((l) => l.startsWith("waiting for the step's logs"));
    assert.ok(looks.length >= 2, `expected several looks before the logs came:\n${run.stderr}`);
    assert.ok(run.stderr.includes(`probable cause: ${HIVE_LINE}`), run.stderr);
  });

  it("says where the logs will be when they do not come within --log-wait", async () => {
    w.emr.scriptNextStep({ outcome: "FAILED", logs: { stderr: HIVE_STDERR }, logsDelayMs: 400 });
    const run = await runCli(w.base("nolog", ["--cluster", w.clusterId, "--log-wait", "0.05"]));
    assert.equal(run.code, 1);
    assert.match(run.stderr, new RegExp(`no step logs at s3://emr-logs/${w.clusterId}/steps/s-\\d+/ yet .*trailhive logs ${w.clusterId} s-\\d+`));
    await w.emr.settled();
  });

  it("Ctrl-C asks EMR to cancel the running step, waits for CANCELLED and exits 1", async () => {
    w.emr.scriptNextStep({ outcome: "hang" });
    const term = terminal();
    const running = main(w.base("cancel", ["--cluster", w.clusterId]), term);
    while (!/step s-\d+ RUNNING/.test(term.stderr.text)) await new Promise((r) => setTimeout(r, 5));
    process.emit("SIGINT", "SIGINT");
    const code = await running;
    assert.equal(code, 1, term.stderr.text);
    const cancel = w.emr.requests.filter((r) => r.op === "CancelSteps").at(-1);
    const stepId = (cancel?.body.StepIds as string[] | undefined)?.[0];
    assert.ok(stepId);
    assert.match(term.stderr.text, new RegExp(`cancel of ${stepId}: SUBMITTED`));
    assert.match(term.stderr.text, new RegExp(`step ${stepId} on ${w.clusterId} ended CANCELLED after \\S+ \\(cancelled on request\\)`));
    assert.equal(process.listenerCount("SIGINT"), 0, "the run removes its Ctrl-C handler");
  });

  it("retries DescribeStep when EMR throttles (ThrottlingException, HTTP 400) and still prints the answer", async () => {
    w.emr.scriptNextStep({ outcome: "COMPLETED", rows: [ROWS[0] as (string | null)[]] });
    const before = w.emr.requests.length;
    w.emr.throttle("DescribeStep", 2);
    const run = await runCli(w.base("throttled", ["--cluster", w.clusterId, "--format", "csv"]));
    assert.equal(run.code, 0, run.stderr);
    assert.equal(run.stdout, formatResults({ columns: COLUMNS, rows: [ROWS[0] as (string | null)[]] }, "csv"));
    const describes = w.emr.requests
      .slice(before)
      .filter((r) => r.op === "DescribeStep")
      .map((r) => r.status);
    assert.deepEqual(describes.slice(0, 3), [400, 400, 200], "two throttled attempts, then the SDK's retry got through");
  });

  it("explains EMR's InvalidRequestException for an unknown cluster and exits 2", async () => {
    const run = await runCli(w.base("nocluster", ["--cluster", "j-NOSUCHCLUSTER"]));
    assert.equal(run.code, 2);
    assert.match(run.stderr, /InvalidRequestException: Cluster id 'j-NOSUCHCLUSTER' is not valid\./);
  });

  it("reports a cluster terminated under the running step (INTERRUPTED, with the terminate reason) and exits 1", async () => {
    w.emr.scriptNextStep({ outcome: "cluster-terminated", code: "USER_REQUEST", message: "Terminated by user request", runningPolls: 2 });
    const victim = w.emr.addCluster({ logUri: "s3://emr-logs/" });
    const run = await runCli(w.base("terminated", ["--cluster", victim]));
    assert.equal(run.code, 1);
    assert.match(run.stderr, new RegExp(`cluster ${victim} TERMINATING \\(USER_REQUEST: Terminated by user request\\)`));
    assert.match(run.stderr, new RegExp(`ended INTERRUPTED`));
    assert.match(run.stderr, new RegExp(`cluster ${victim}: TERMINATED \\(USER_REQUEST: Terminated by user request\\)`));
  });

  it("--new-cluster starts a transient Hive cluster with the step in RunJobFlow, reports its states and why it ended", async () => {
    w.emr.scriptNextStep({ outcome: "COMPLETED", rows: [ROWS[0] as (string | null)[]] });
    const run = await runCli(w.base("transient", ["--new-cluster", "--subnet", "subnet-0abc", "--tag", "team=secops", "--instance-count", "3", "--format", "jsonl"]));
    assert.equal(run.code, 0, run.stderr);
    assert.equal(JSON.parse(run.stdout.trim()).principal_arn, "arn:aws:iam::111122223333:user/alice");
    const req = w.emr.requests.filter((r) => r.op === "RunJobFlow").at(-1)?.body;
    assert.deepEqual(req, {
      Name: "trailhive transient",
      ReleaseLabel: "emr-7.12.0",
      Applications: [{ Name: "Hive" }],
      LogUri: "s3://staging/trailhive/logs/",
      ServiceRole: "EMR_DefaultRole",
      JobFlowRole: "EMR_EC2_DefaultRole",
      VisibleToAllUsers: true,
      Instances: { MasterInstanceType: "m5.xlarge", SlaveInstanceType: "m5.xlarge", InstanceCount: 3, Ec2SubnetId: "subnet-0abc", KeepJobFlowAliveWhenNoSteps: false, TerminationProtected: false },
      Steps: [
        {
          Name: "trailhive query security-group-changes (run transient)",
          ActionOnFailure: "CONTINUE",
          HadoopJarStep: { Jar: "command-runner.jar", Args: ["hive-script", "--run-hive-script", "--args", "-f", "s3://staging/trailhive/scripts/transient.q"] },
        },
      ],
      Tags: [
        { Key: "team", Value: "secops" },
        { Key: "trailhive:run-id", Value: "transient" },
      ],
    });
    const clusterId = /started cluster (j-\d+)/.exec(run.stderr)?.[1];
    assert.ok(clusterId, run.stderr);
    const states = [...run.stderr.matchAll(new RegExp(`cluster ${clusterId} (\\S+)`, "g"))].map((m) => m[1]);
    assert.deepEqual(states, ["STARTING", "BOOTSTRAPPING", "RUNNING", "TERMINATING", "TERMINATED"]);
    assert.match(run.stderr, new RegExp(`cluster ${clusterId} TERMINATED \\(ALL_STEPS_COMPLETED: Steps completed\\)`));
  });

  it("--detach returns the cluster and step ids right after adding the step", async () => {
    // its own cluster: the step stays RUNNING and would hold up later steps on a shared one
    const clusterId = w.emr.addCluster({ logUri: "s3://emr-logs/" });
    w.emr.scriptNextStep({ outcome: "hang" });
    const run = await runCli(w.base("detached", ["--cluster", clusterId, "--detach"]));
    assert.equal(run.code, 0, run.stderr);
    assert.match(run.stdout, new RegExp(`^${clusterId} s-\\d+\\n$`));
    assert.match(run.stderr, /follow it with: trailhive status/);
    const stepId = run.stdout.trim().split(" ")[1] as string;
    const status = await runCli(["status", clusterId, stepId, "--emr-endpoint-url", w.emr.endpoint]);
    assert.equal(status.code, 0);
    assert.match(status.stdout, new RegExp(`step ${stepId} PENDING: trailhive query security-group-changes \\(run detached\\)`));
    const list = await runCli(["status", clusterId, "--format", "tsv", "--emr-endpoint-url", w.emr.endpoint]);
    assert.equal(list.code, 0);
    assert.equal(list.stdout, `step\tstate\tname\n${stepId}\tRUNNING\ttrailhive query security-group-changes (run detached)\n`);
  });

  it("--dry-run prints the script and the exact requests (golden file) and calls nothing", async () => {
    const before = w.emr.requests.length;
    const argv = [
      "run",
      "--dry-run",
      "--new-cluster",
      "--query",
      "security-group-changes",
      "--param",
      "from=2026-01-20",
      "--param",
      "to=2026-01-21",
      "--param",
      "group_id=sg-0123456789abcdef0",
      "--location",
      "s3://trail/",
      "--accounts",
      "111122223333",
      "--regions",
      "us-east-1",
      "eu-west-1",
      "--staging",
      "s3://staging/trailhive",
      "--schema",
      w.schemaPath,
      "--run-id",
      "golden",
      "--tag",
      "team=secops",
      "--subnet",
      "subnet-0abc",
      // endpoints that would refuse: nothing may be sent
      "--endpoint-url",
      "http://127.0.0.1:9",
      "--emr-endpoint-url",
      "http://127.0.0.1:9",
    ];
    const run = await runCli(argv);
    assert.equal(run.code, 0, run.stderr);
    assert.match(run.stderr, /--dry-run lists nothing: the script adds every day from 2026-01-20 to 2026-01-22 of the named accounts and regions/);
    const file = path.join(GOLDEN, "dry-run-new-cluster.txt");
    if (process.env.UPDATE_GOLDEN === "1") {
      mkdirSync(GOLDEN, { recursive: true });
      writeFileSync(file, run.stdout);
    }
    assert.equal(run.stdout, readFileSync(file, "utf8"));
    assert.equal(w.emr.requests.length, before);
    const listed = await w.s3.client.send(new ListObjectsV2Command({ Bucket: "staging", Prefix: "trailhive/scripts/golden" }));
    assert.equal(listed.KeyCount ?? 0, 0);
  });

  it("--dry-run needs no schema file and no days: AWS's documented columns and the last 7 days, the positional s3:// source as the location", async () => {
    const cwd = mkdtempSync(path.join(tmpdir(), "trailhive-noschema-"));
    const before = w.emr.requests.length;
    const day = (offset: number, at: Date) => new Date(Date.UTC(at.getUTCFullYear(), at.getUTCMonth(), at.getUTCDate() + offset)).toISOString().slice(0, 10);
    const started = new Date();
    const run = await runCli(
      [
        "run",
        "--cluster",
        "j-X",
        "--query",
        "security-group-changes",
        "--staging",
        "s3://b/p",
        "--accounts",
        "111122223333",
        "--regions",
        "us-east-1",
        "--dry-run",
        "s3://trail",
        "--endpoint-url",
        "http://127.0.0.1:9",
        "--emr-endpoint-url",
        "http://127.0.0.1:9",
      ],
      { cwd },
    );
    assert.equal(run.code, 0, run.stderr);
    // the day the run read its clock: the test's start or, across midnight UTC, the next one
    const today = [day(0, started), day(0, new Date())].find((d) => run.stderr.includes(`to ${d}\n`));
    assert.ok(today !== undefined, run.stderr);
    const from = day(-6, new Date(`${today}T00:00:00Z`));
    assert.match(run.stderr, new RegExp(`no --param from/to: the last 7 days, ${from} to ${today}`));
    assert.match(run.stderr, /no trailhive\.schema\.json and no --schema: --dry-run reads nothing, so the table has AWS's documented CloudTrail columns/);
    assert.match(run.stdout, /^CREATE EXTERNAL TABLE IF NOT EXISTS \S+ \($/m);
    // the documented columns, typed as AWS declares them, without a sample
    for (const column of ["eventversion STRING", "eventtime STRING", "eventsource STRING", "sourceipaddress STRING", "requestparameters STRING"])
      assert.ok(run.stdout.includes(`  ${column},`), column);
    assert.match(run.stdout, /LOCATION 's3:\/\/trail\/AWSLogs\/'/);
    const [y, m, d] = from.split("-");
    assert.ok(run.stdout.includes(`PARTITION (account = '111122223333', region = 'us-east-1', \`year\` = '${y}', \`month\` = '${m}', \`day\` = '${d}')`), run.stdout);
    assert.ok(run.stdout.includes(`'${from}'`), "the query's range starts at the default from day");
    assert.equal(w.emr.requests.length, before);
  });

  it("-f runs the user's script as written, --param values as hive -d variables", async () => {
    const file = path.join(w.dir, "audit.hql");
    writeFileSync(file, "-- my own audit\nSELECT count(*) FROM cloudtrail WHERE eventname = '${hivevar:EVENT}';\n");
    const run = await runCli([
      "run",
      "--cluster",
      w.clusterId,
      "-f",
      file,
      "--param",
      "EVENT=DeleteTrail",
      "--param",
      "DAY=2026-01-20",
      "--staging",
      "s3://staging/trailhive",
      "--run-id",
      "script",
      "--region",
      "us-east-1",
      "--endpoint-url",
      w.s3.endpoint,
      "--emr-endpoint-url",
      w.emr.endpoint,
      "--poll-interval",
      "0.001",
      "--max-poll-interval",
      "0.004",
    ]);
    assert.equal(run.code, 0, run.stderr);
    assert.equal(run.stdout, "");
    const obj = await w.s3.client.send(new GetObjectCommand({ Bucket: "staging", Key: "trailhive/scripts/script.q" }));
    assert.equal(await obj.Body?.transformToString(), readFileSync(file, "utf8"));
    const step = (w.emr.requests.filter((r) => r.op === "AddJobFlowSteps").at(-1)?.body.Steps as { Name: string; HadoopJarStep: { Args: string[] } }[])[0];
    assert.equal(step?.Name, "trailhive script audit.hql (run script)");
    assert.deepEqual(step?.HadoopJarStep.Args.slice(3), ["-f", "s3://staging/trailhive/scripts/script.q", "-d", "DAY=2026-01-20", "-d", "EVENT=DeleteTrail"]);
  });

  it("says what is missing: no --staging, no S3 location, a flavor that breaks on EMR", async () => {
    const noStaging = await runCli(["run", "--cluster", "j-1", "--query", "security-group-changes", "--dry-run"]);
    assert.equal(noStaging.code, 2);
    assert.match(noStaging.stderr, /needs --staging s3:\/\/bucket\/prefix/);
    const noLocation = await runCli(["run", "--cluster", "j-1", "--query", "security-group-changes", "--staging", "s3://s/p", "--dry-run"]);
    assert.equal(noLocation.code, 2);
    assert.match(noLocation.stderr, /--location s3:\/\/bucket\/prefix/);
    const badFlavor = await runCli([...w.base("flavor", ["--cluster", "j-1", "--dry-run", "--flavor", "jsonl"])]);
    assert.equal(badFlavor.code, 2);
    assert.match(badFlavor.stderr, /flavor jsonl does not work on EMR/);
    const unnamed = await runCli([...w.base("unnamed", ["--cluster", "j-1", "--dry-run"])]);
    assert.equal(unnamed.code, 2);
    assert.match(unnamed.stderr, /--dry-run lists nothing in S3, so the partitions need the trail's folders named: give --accounts and --regions/);
    const before = w.emr.requests.length;
    const days: Record<string, string> = { "from=2026-01-20": "from=2025-06-01", "to=2026-01-20": "to=2025-06-02" };
    const empty = await runCli(w.base("empty", ["--cluster", w.clusterId]).map((a) => days[a] ?? a));
    assert.equal(empty.code, 2);
    assert.match(empty.stderr, /no CloudTrail day folders .* from 2025-06-01 to 2025-06-03 under s3:\/\/trail/);
    assert.equal(w.emr.requests.length, before, "nothing is submitted for a range without logs");
  });

  it("stops waiting at --timeout, says the step goes on and how to follow it, and exits 1", async () => {
    const clusterId = w.emr.addCluster({ logUri: "s3://emr-logs/" });
    w.emr.scriptNextStep({ outcome: "hang" });
    const run = await runCli(w.base("slow", ["--cluster", clusterId, "--timeout", "0.05"]));
    assert.equal(run.code, 1);
    assert.match(run.stderr, new RegExp(`gave up waiting after 0s; step (s-\\d+) is RUNNING and goes on: trailhive status ${clusterId} s-\\d+`));
    assert.equal(w.emr.requests.filter((r) => r.op === "CancelSteps" && r.body.ClusterId === clusterId).length, 0, "a timeout cancels nothing");
  });
});
