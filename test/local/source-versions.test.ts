import { test } from "node:test";
import assert from "node:assert/strict";
import { mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import { CreateBucketCommand, PutObjectCommand } from "@aws-sdk/client-s3";
import { resolveSources } from "../../src/source/resolve-sources.js";
import { fingerprintSources } from "../../src/local/fingerprint-sources.js";
import { startS3Server } from "../support/s3-server.js";

const KEY = "AWSLogs/111122223333/CloudTrail/us-east-1/2026/11/16/111122223333_CloudTrail_us-east-1_20261116T0900Z_a.json.gz";
const log = (name: string) =>
  gzipSync(JSON.stringify({ Records: [{ eventVersion: "1.09", eventTime: "2026-11-16T09:00:00Z", eventSource: "ec2.amazonaws.com", eventName: name, awsRegion: "us-east-1" }] }), { level: 0 });

/**
 * A work folder's staging is reused only while the logs are the same: S3 objects carry the listing's
 * ETag into the fingerprint (it was documented and never read), local files their modification time.
 * Both cases rewrite a file with bytes of the same size, which key and size alone cannot tell apart.
 */
test("an S3 object rewritten with other bytes of the same size changes the fingerprint (ETag from the listing)", async () => {
  const s3 = await startS3Server();
  try {
    await s3.client.send(new CreateBucketCommand({ Bucket: "trail" }));
    const a = log("RunInstances");
    const b = log("RunInstancez");
    assert.equal(a.length, b.length, "the two versions have the same size");
    const prints = async () => fingerprintSources((await resolveSources(["s3://trail"], { from: "2026-11-01", to: "2026-11-30" }, { s3Client: () => s3.client })).files);
    await s3.client.send(new PutObjectCommand({ Bucket: "trail", Key: KEY, Body: a }));
    const first = await prints();
    assert.equal(first.length, 1);
    assert.match(first[0]?.version ?? "", /^"?[0-9a-f]{32}"?$/, "the version is the object's ETag");
    assert.deepEqual(await prints(), first, "unchanged: the same fingerprint");
    await s3.client.send(new PutObjectCommand({ Bucket: "trail", Key: KEY, Body: b }));
    const second = await prints();
    assert.equal(second[0]?.size, first[0]?.size);
    assert.notEqual(second[0]?.version, first[0]?.version, "rewritten: another fingerprint");
  } finally {
    await s3.stop();
  }
});

test("a local file rewritten with other bytes of the same size changes the fingerprint (modification time through the store's localPath)", async () => {
  const dir = mkdtempSync(join(tmpdir(), "trailhive-versions-"));
  try {
    const file = join(dir, ...KEY.split("/"));
    mkdirSync(join(file, ".."), { recursive: true });
    writeFileSync(file, log("RunInstances"));
    utimesSync(file, new Date("2026-11-16T10:00:00Z"), new Date("2026-11-16T10:00:00Z"));
    const prints = async () => fingerprintSources((await resolveSources([dir], {})).files);
    const first = await prints();
    assert.equal(first.length, 1);
    assert.ok(first[0]?.version !== undefined);
    writeFileSync(file, log("RunInstancez"));
    utimesSync(file, new Date("2026-11-16T11:00:00Z"), new Date("2026-11-16T11:00:00Z"));
    assert.notEqual((await prints())[0]?.version, first[0]?.version);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
