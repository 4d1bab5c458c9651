import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { PutObjectCommand } from "@aws-sdk/client-s3";
import yargs from "yargs";
import { createS3Client, s3EndpointFrom } from "../../src/aws/create-s3-client.js";
import { formatSourceSummary, openSources, openSourceStore, sourceSummaryJson } from "../../src/cli/open-sources.js";
import { sampleOptionsFrom, withSourceOptions, type SourceArgs } from "../../src/cli/source-options.js";
import { PassThrough } from "node:stream";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { startFaultProxy } from "../support/fault-proxy.js";
import { startS3Server, TEST_CREDENTIALS, type S3TestServer } from "../support/s3-server.js";

function parse(argv: string[]): SourceArgs {
  return withSourceOptions(yargs(argv)).parseSync() as SourceArgs;
}

describe("source options on the command line", () => {
  it("turns flags into sampling options", () => {
    const args = parse(["--days", "7", "--accounts", "111111111111,222222222222", "--regions", "us-east-1", "--max-files", "50", "--per-stratum", "3", "--seed", "x", "--include-insights"]);
    assert.deepEqual(sampleOptionsFrom(args), {
      days: 7,
      from: undefined,
      to: undefined,
      accounts: ["111111111111", "222222222222"],
      regions: ["us-east-1"],
      maxFiles: 50,
      maxBytes: undefined,
      perStratum: 3,
      seed: "x",
      includeInsights: true,
    });
  });

  it("endpoint precedence is --endpoint-url, AWS_ENDPOINT_URL_S3, AWS_ENDPOINT_URL; a custom endpoint uses path style", async () => {
    const env = { AWS_ENDPOINT_URL: "http://general:1", AWS_ENDPOINT_URL_S3: "http://s3only:2" };
    assert.equal(s3EndpointFrom({ endpointUrl: "http://flag:3", env }), "http://flag:3");
    assert.equal(s3EndpointFrom({ env }), "http://s3only:2");
    assert.equal(s3EndpointFrom({ env: { AWS_ENDPOINT_URL: "http://general:1" } }), "http://general:1");
    assert.equal(s3EndpointFrom({ env: {} }), undefined);
    const custom = createS3Client({ endpointUrl: "http://127.0.0.1:9", credentials: TEST_CREDENTIALS });
    assert.equal(custom.config.forcePathStyle, true);
    assert.equal(await custom.config.region(), "us-east-1");
    assert.equal(await custom.config.maxAttempts(), 8);
    const aws = createS3Client({ region: "eu-west-3", credentials: TEST_CREDENTIALS });
    assert.notEqual(aws.config.forcePathStyle, true);
    assert.equal(await aws.config.region(), "eu-west-3");
    custom.destroy();
    aws.destroy();
  });
});

describe("openSources reads s3:// with the endpoint from the environment", () => {
  let s3: S3TestServer;
  const saved = { id: process.env.AWS_ACCESS_KEY_ID, secret: process.env.AWS_SECRET_ACCESS_KEY };
  before(async () => {
    s3 = await startS3Server();
    s3.server.createBucket("cli-logs");
    const key = "AWSLogs/123456789012/CloudTrail/us-east-1/2024/05/02/123456789012_CloudTrail_us-east-1_20240502T0000Z_a.json.gz";
    await s3.client.send(new PutObjectCommand({ Bucket: "cli-logs", Key: key, Body: Buffer.from("{}") }));
    // The default credential chain reads the process environment: the test server accepts any keys.
    process.env.AWS_ACCESS_KEY_ID = TEST_CREDENTIALS.accessKeyId;
    process.env.AWS_SECRET_ACCESS_KEY = TEST_CREDENTIALS.secretAccessKey;
  });
  after(async () => {
    await s3.stop();
    if (saved.id === undefined) delete process.env.AWS_ACCESS_KEY_ID;
    else process.env.AWS_ACCESS_KEY_ID = saved.id;
    if (saved.secret === undefined) delete process.env.AWS_SECRET_ACCESS_KEY;
    else process.env.AWS_SECRET_ACCESS_KEY = saved.secret;
  });

  it("finds the day, counts the requests and summarises them", async () => {
    const resolved = await openSources(["s3://cli-logs"], parse(["--days", "3"]), { env: { AWS_ENDPOINT_URL_S3: s3.endpoint }, now: new Date("2024-05-10T12:00:00Z") });
    assert.deepEqual(
      resolved.files.map((f) => f.key),
      ["AWSLogs/123456789012/CloudTrail/us-east-1/2024/05/02/123456789012_CloudTrail_us-east-1_20240502T0000Z_a.json.gz"],
    );
    // root, AWSLogs/, account, CloudTrail/; the window 05-06..05-10 (3 days + 2 spare) is empty, so
    // probe back: region (years), 2024/ (months), 05/ (days), then the one day folder
    assert.equal(resolved.stats?.listRequests, 9);
    assert.match(formatSourceSummary(resolved), /s3:\/\/cli-logs\/: 1 of 1 files, 2 bytes; 1 account x region, 1 day \(2024-05-02\.\.2024-05-02\)/);
    assert.match(formatSourceSummary(resolved), /S3: 9 LIST, 0 GET, 0 retries/);
    assert.equal(sourceSummaryJson(resolved).files, 1);
  });

  it("openSourceStore gives the store behind a source without listing it", async () => {
    const store = await openSourceStore("s3://cli-logs/AWSLogs", parse(["--endpoint-url", s3.endpoint]), { env: {} });
    assert.equal(store.root, "s3://cli-logs/AWSLogs/");
    assert.deepEqual((await store.list({ prefix: "", delimiter: "/" })).prefixes, ["123456789012/"]);
    await assert.rejects(openSourceStore("s3://missing-bucket", parse(["--endpoint-url", s3.endpoint]), { env: {} }), /bucket missing-bucket does not exist/);
    const dir = mkdtempSync(join(tmpdir(), "trailhive-store-"));
    try {
      assert.equal((await openSourceStore(dir, parse([]))).root, dir);
      writeFileSync(join(dir, "a.json"), "{}");
      await assert.rejects(openSourceStore(join(dir, "a.json"), parse([])), /is a file: give the folder/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("draws a listing progress line on a TTY and clears it, and none when piped", async () => {
    // A slow link (40 ms a request, 9 requests) makes the listing outlast the 100 ms redraw tick.
    const proxy = await startFaultProxy({ target: s3.endpoint, seed: "progress", delayMs: 40 });
    try {
      const tty = Object.assign(new PassThrough(), { isTTY: true });
      let drawn = "";
      tty.on("data", (d) => (drawn += d));
      const term = { stdout: new PassThrough(), stderr: tty, env: {}, cwd: "." };
      const resolved = await openSources(["s3://cli-logs"], parse(["--days", "3", "--endpoint-url", proxy.endpoint]), { env: {}, now: new Date("2024-05-10T12:00:00Z"), term });
      assert.equal(resolved.files.length, 1);
      assert.match(drawn, /listing LIST \d+ {2}retries \d+ {2}denied 0/);
      assert.ok(drawn.endsWith("\r\x1b[2K"), "the line is cleared at the end");
      const piped = new PassThrough();
      let written = "";
      piped.on("data", (d) => (written += d));
      await openSources(["s3://cli-logs"], parse(["--days", "3", "--endpoint-url", s3.endpoint]), { env: {}, now: new Date("2024-05-10T12:00:00Z"), term: { ...term, stderr: piped } });
      assert.equal(written, "");
    } finally {
      await proxy.stop();
    }
  });
});

describe("--profile picks the credentials and region of a shared-config profile", () => {
  const names = ["AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_REGION", "AWS_DEFAULT_REGION", "AWS_PROFILE", "AWS_CONFIG_FILE", "AWS_SHARED_CREDENTIALS_FILE"] as const;
  const saved = new Map(names.map((n) => [n, process.env[n]]));
  let s3: S3TestServer;
  let home = "";
  before(async () => {
    s3 = await startS3Server();
    s3.server.createBucket("profile-logs");
    await s3.client.send(
      new PutObjectCommand({
        Bucket: "profile-logs",
        Key: "AWSLogs/123456789012/CloudTrail/eu-north-1/2024/05/02/123456789012_CloudTrail_eu-north-1_20240502T0000Z_a.json.gz",
        Body: Buffer.from("{}"),
      }),
    );
    home = mkdtempSync(join(tmpdir(), "trailhive-profile-"));
    writeFileSync(join(home, "config"), "[profile audit]\nregion = eu-north-1\n");
    writeFileSync(join(home, "credentials"), "[audit]\naws_access_key_id = AKIDAUDITPROFILE\naws_secret_access_key = secret\n");
    for (const n of names) delete process.env[n];
    process.env.AWS_CONFIG_FILE = join(home, "config");
    process.env.AWS_SHARED_CREDENTIALS_FILE = join(home, "credentials");
  });
  after(async () => {
    await s3.stop();
    rmSync(home, { recursive: true, force: true });
    for (const n of names) {
      const v = saved.get(n);
      if (v === undefined) delete process.env[n];
      else process.env[n] = v;
    }
  });

  it("signs every request with the profile's keys for the profile's region", async () => {
    const proxy = await startFaultProxy({ target: s3.endpoint, seed: "profile" });
    try {
      const resolved = await openSources(["s3://profile-logs"], parse(["--profile", "audit", "--endpoint-url", proxy.endpoint, "--days", "1"]), { env: {}, now: new Date("2024-05-03T00:00:00Z") });
      assert.equal(resolved.files.length, 1);
      assert.ok(proxy.signers.length > 2);
      assert.deepEqual([...new Set(proxy.signers)], ["AKIDAUDITPROFILE/eu-north-1"]);
    } finally {
      await proxy.stop();
    }
  });
});
