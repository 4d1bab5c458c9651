import assert from "node:assert/strict";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { PutObjectCommand } from "@aws-sdk/client-s3";
import { createS3Client } from "../../src/aws/create-s3-client.js";
import { TrailhiveError } from "../../src/errors.js";
import { mapLimit } from "../../src/source/map-limit.js";
import { resolveSources, type ResolvedSources, type SampleOptions } from "../../src/source/resolve-sources.js";
import { S3Store } from "../../src/source/s3-store.js";
import { LocalStore } from "../../src/source/local-store.js";
import { inferSources } from "../../src/pipeline/infer-sources.js";
import { serializeSchema, stripProvenance } from "../../src/schema/schema-io.js";
import { startFaultProxy } from "../support/fault-proxy.js";
import { startS3Server, TEST_CREDENTIALS, type S3TestServer } from "../support/s3-server.js";
import { buildDeliveries, corpusSkip, ORG, ORG_ACCOUNTS, SINGLE_ACCOUNT, writeDeliveries } from "./delivery-fixture.js";

const skip = corpusSkip();
const BUCKET = "trail-logs";
const PREFIX = "audit/";

/** A client built the way the CLI builds one for `--endpoint-url`, with the test server's credentials. */
function clientFor(endpoint: string) {
  return createS3Client({ endpointUrl: endpoint, region: "eu-central-1", credentials: TEST_CREDENTIALS });
}

/** The schema inferred from the sampled files (read through their stores, 8 at a time), without provenance, as bytes. */
async function schemaOf(resolved: ResolvedSources): Promise<{ text: string; records: number; logs: number }> {
  const { schema, summary } = await inferSources(resolved, { concurrency: 8 });
  return { text: serializeSchema(stripProvenance(schema)), records: summary.records, logs: summary.files.log };
}

/** The sampled files as (key, size, bytes) triples, read through each file's own store. */
async function contents(resolved: ResolvedSources): Promise<string[]> {
  return mapLimit(resolved.files, 8, async (f) => `${f.key} ${f.size} ${(await f.store.get(f.key)).toString("base64")}`);
}

describe("sampling CloudTrail logs from S3 (fauxqs on loopback, the real SDK)", { skip }, () => {
  let s3: S3TestServer;
  let dir = "";
  let logKeys: string[] = [];

  before(async () => {
    s3 = await startS3Server();
    s3.server.createBucket(BUCKET);
    s3.server.createBucket("empty-bucket");
    const built = buildDeliveries();
    logKeys = built.logKeys;
    dir = mkdtempSync(join(tmpdir(), "trailhive-s3-"));
    writeDeliveries(dir, built.objects);
    await mapLimit(built.objects, 8, (o) => s3.client.send(new PutObjectCommand({ Bucket: BUCKET, Key: PREFIX + o.key, Body: o.body })));
  });
  after(async () => {
    await s3.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  const cases: [string, SampleOptions][] = [
    ["every day", { from: "2024-01-01", to: "2024-12-31" }],
    ["--days 2 --max-files 9 --seed", { days: 2, today: "2024-05-01", maxFiles: 9, seed: "s3-test" }],
  ];
  for (const [name, options] of cases) {
    it(`samples the same files, bytes and schema as a local copy (${name})`, async () => {
      const client = clientFor(s3.endpoint);
      const remote = await resolveSources([`s3://${BUCKET}/${PREFIX.slice(0, -1)}`], options, { s3Client: client });
      const local = await resolveSources([dir], options);
      assert.ok(remote.files.length > 0);
      assert.deepEqual(await contents(remote), await contents(local));
      assert.deepEqual(remote.skipped, local.skipped);
      assert.deepEqual(remote.excluded, local.excluded);
      assert.ok((remote.excluded ?? []).some((e) => e.code === "digest"));
      assert.deepEqual(
        remote.sampling?.map((s) => ({ ...s, root: "" })),
        local.sampling?.map((s) => ({ ...s, root: "" })),
      );
      if (name === "every day")
        assert.deepEqual(
          remote.files.map((f) => f.key),
          logKeys,
        );
      const [remoteSchema, localSchema] = [await schemaOf(remote), await schemaOf(local)];
      assert.equal(remoteSchema.logs, remote.files.length);
      assert.ok(remoteSchema.records > 0);
      assert.equal(remoteSchema.text, localSchema.text);
      client.destroy();
    });
  }

  it("gives the identical schema through a proxy failing 20% of requests (503 SlowDown or reset), counting the retries", async () => {
    const proxy = await startFaultProxy({ target: s3.endpoint, seed: "faults-1", faultRate: 0.2 });
    const client = clientFor(proxy.endpoint);
    try {
      const options: SampleOptions = { from: "2024-01-01", to: "2024-12-31" };
      const faulty = await resolveSources([`s3://${BUCKET}/${PREFIX}`], options, { s3Client: client });
      const faultySchema = await schemaOf(faulty);
      const clean = await resolveSources([dir], options);
      const cleanSchema = await schemaOf(clean);
      assert.deepEqual(
        faulty.files.map((f) => f.key),
        clean.files.map((f) => f.key),
      );
      assert.equal(faultySchema.logs, logKeys.length);
      assert.equal(faultySchema.records, cleanSchema.records);
      assert.equal(faultySchema.text, cleanSchema.text);
      const injected = proxy.counts.slowDowns + proxy.counts.resets;
      const stats = faulty.stats;
      assert.ok(proxy.counts.slowDowns > 0 && proxy.counts.resets > 0, JSON.stringify(proxy.counts));
      // Every injected fault cost one retry (a keep-alive socket closed under the client may add more).
      assert.ok(stats !== undefined && stats.retries >= injected, `retries ${stats?.retries}, faults ${injected}`);
      // Every request that got through was answered once: nothing was read twice or lost.
      assert.equal(proxy.counts.forwarded, stats.listRequests + stats.getRequests + (stats.headRequests ?? 0));
      console.log(`fault proxy: ${JSON.stringify(proxy.counts)}; store: ${JSON.stringify(stats)}`);
    } finally {
      client.destroy();
      await proxy.stop();
    }
  });

  it("skips a prefix it may not list, naming it and the permission, and reads the rest", async () => {
    const denied = `${PREFIX}AWSLogs/${ORG}/${ORG_ACCOUNTS[1]}/`;
    const proxy = await startFaultProxy({ target: s3.endpoint, seed: "deny", denyPrefixes: [denied] });
    const client = clientFor(proxy.endpoint);
    try {
      const resolved = await resolveSources([`s3://${BUCKET}/${PREFIX}`], { from: "2024-01-01" }, { s3Client: client });
      const entry = resolved.skipped.find((s) => s.code === "access-denied");
      assert.equal(entry?.path, `AWSLogs/${ORG}/${ORG_ACCOUNTS[1]}/`);
      assert.match(entry?.reason ?? "", new RegExp(`s3://${BUCKET}/${denied}.*s3:ListBucket`));
      assert.match(resolved.warnings?.join("\n") ?? "", /s3:ListBucket/);
      assert.equal(resolved.stats?.accessDenied, 1);
      assert.ok(proxy.counts.denied >= 1);
      const expected = logKeys.filter((k) => !k.startsWith(`AWSLogs/${ORG}/${ORG_ACCOUNTS[1]}/`));
      assert.ok(expected.length > 0 && expected.length < logKeys.length);
      assert.deepEqual(
        resolved.files.map((f) => f.key),
        expected,
      );
    } finally {
      client.destroy();
      await proxy.stop();
    }
  });

  it("a connection cut in the middle of an object's body is retried by the store (the SDK has already returned)", async () => {
    const proxy = await startFaultProxy({ target: s3.endpoint, seed: "cut-bodies", cutBodyRate: 0.5 });
    const client = clientFor(proxy.endpoint);
    try {
      const store = new S3Store(client, { bucket: BUCKET, prefix: PREFIX });
      const keys = logKeys.slice(0, 12);
      const bytes = await mapLimit(keys, 4, (k) => store.get(k));
      const local = new LocalStore(dir);
      for (const [i, k] of keys.entries()) assert.ok(bytes[i]?.equals(await local.get(k)), k);
      assert.ok(proxy.counts.cutBodies > 0, JSON.stringify(proxy.counts));
      assert.equal(store.stats.retries, proxy.counts.cutBodies);
      assert.equal(store.stats.getRequests, keys.length);
    } finally {
      client.destroy();
      await proxy.stop();
    }
  });

  it("a region whose days it may not list is skipped the same way", async () => {
    const region = `AWSLogs/${SINGLE_ACCOUNT}/CloudTrail/eu-west-1/`;
    const proxy = await startFaultProxy({ target: s3.endpoint, seed: "deny-region", denyPrefixes: [`${PREFIX}${region}2024/`] });
    const client = clientFor(proxy.endpoint);
    try {
      const resolved = await resolveSources([`s3://${BUCKET}/${PREFIX}`], { from: "2024-01-01", to: "2024-12-31" }, { s3Client: client });
      assert.deepEqual(
        resolved.skipped.map((s) => [s.path, s.code]),
        [[`${region}2024/`, "access-denied"]],
      );
      assert.match(resolved.skipped[0]?.reason ?? "", /s3:ListBucket/);
      assert.deepEqual(
        resolved.files.map((f) => f.key),
        logKeys.filter((k) => !k.startsWith(region)),
      );
    } finally {
      client.destroy();
      await proxy.stop();
    }
  });

  it("an object it may not read says which key and s3:GetObject", async () => {
    const key = logKeys[0] as string;
    const proxy = await startFaultProxy({ target: s3.endpoint, seed: "deny-get", denyPrefixes: [PREFIX + key] });
    const client = clientFor(proxy.endpoint);
    try {
      const store = new S3Store(client, { bucket: BUCKET, prefix: PREFIX });
      await assert.rejects(store.get(key), (error: unknown) => {
        assert.ok(error instanceof TrailhiveError);
        assert.equal(error.code, "SOURCE_ACCESS_DENIED");
        assert.match(error.message, new RegExp(`s3:GetObject on arn:aws:s3:::${BUCKET}/${PREFIX}${key}`));
        return true;
      });
    } finally {
      client.destroy();
      await proxy.stop();
    }
  });

  it("a missing bucket and a bucket without logs are clear errors (exit 2), not empty schemas", async () => {
    const client = clientFor(s3.endpoint);
    try {
      await assert.rejects(resolveSources(["s3://no-such-bucket/logs"], {}, { s3Client: client }), (error: unknown) => {
        assert.ok(error instanceof TrailhiveError);
        assert.equal(error.code, "SOURCE_BUCKET_NOT_FOUND");
        assert.equal(error.userError, true);
        assert.match(error.message, /bucket no-such-bucket does not exist/);
        return true;
      });
      await assert.rejects(resolveSources(["s3://empty-bucket"], {}, { s3Client: client }), (error: unknown) => {
        assert.ok(error instanceof TrailhiveError);
        assert.equal(error.code, "SOURCE_NO_LOGS");
        assert.match(error.message, /no logs at s3:\/\/empty-bucket/);
        return true;
      });
      await assert.rejects(resolveSources([`s3://${BUCKET}/${PREFIX}`], { from: "2031-01-01" }, { s3Client: client }), /no logs at/);
    } finally {
      client.destroy();
    }
  });

  it("--days N near today costs one LIST per account x region once the layout is known", async () => {
    const client = clientFor(s3.endpoint);
    try {
      const options: SampleOptions = { days: 3, today: "2024-04-02" };
      const resolved = await resolveSources([`s3://${BUCKET}/${PREFIX}`], options, { s3Client: client });
      assert.deepEqual(resolved.sampling?.[0]?.days, ["2024-03-30", "2024-03-31", "2024-04-01"]);
      assert.deepEqual(
        resolved.files.map((f) => f.key),
        logKeys.filter((k) => !k.includes("/2024/03/29/")),
      );
      // Discovery: root, AWSLogs/, the org folder, 3 accounts, 3 CloudTrail/ folders = 9; then one
      // ranged listing for each of the 6 account x region folders, whatever the number of days.
      assert.equal(resolved.stats?.listRequests, 9 + 6);
      const local = await resolveSources([dir], options);
      assert.deepEqual(
        local.files.map((f) => f.key),
        resolved.files.map((f) => f.key),
      );
    } finally {
      client.destroy();
    }
  });

  it("finds the bucket's region once and sends every request there (no redirect per request)", async () => {
    const proxy = await startFaultProxy({ target: s3.endpoint, seed: "region", bucketRegion: "ap-southeast-2" });
    const made: string[] = [];
    // The CLI's factory: the first client in the user's region, then one in the bucket's.
    const factory = (region?: string) => {
      made.push(region ?? "default");
      return createS3Client({ endpointUrl: proxy.endpoint, region: region ?? "us-east-1", credentials: TEST_CREDENTIALS });
    };
    try {
      const resolved = await resolveSources([`s3://${BUCKET}/${PREFIX}`], { days: 1, today: "2024-04-01" }, { s3Client: factory });
      assert.deepEqual(made, ["default", "ap-southeast-2"]);
      // Only the HeadBucket signed for us-east-1 was redirected (the SDK followed it); every LIST and GET went straight.
      assert.equal(proxy.counts.redirects, 1);
      assert.equal(proxy.counts.heads, 2);
      assert.ok(resolved.files.length > 0);
      assert.equal(proxy.counts.lists, resolved.stats?.listRequests);
    } finally {
      await proxy.stop();
    }
  });

  it("reads the most recent week by default for s3:// and says so", async () => {
    const client = clientFor(s3.endpoint);
    try {
      const resolved = await resolveSources([`s3://${BUCKET}/${PREFIX}`], { today: "2024-04-01" }, { s3Client: client });
      assert.deepEqual(resolved.sampling?.[0]?.days, ["2024-03-29", "2024-03-30", "2024-03-31", "2024-04-01"]);
      assert.match(resolved.warnings?.[0] ?? "", /most recent 7 days/);
    } finally {
      client.destroy();
    }
  });
});
