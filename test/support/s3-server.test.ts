import { test } from "node:test";
import assert from "node:assert/strict";
import { GetObjectCommand, ListObjectsV2Command, PutObjectCommand } from "@aws-sdk/client-s3";
import { startS3Server } from "./s3-server.js";

test("the loopback S3 server answers the real SDK: put, get and nested delimiter listings", async () => {
  const s3 = await startS3Server();
  try {
    s3.server.createBucket("logs");
    for (const key of ["AWSLogs/1/CloudTrail/us-east-1/2024/01/02/a.json.gz", "AWSLogs/1/CloudTrail/eu-west-1/2024/01/02/b.json.gz"]) {
      await s3.client.send(new PutObjectCommand({ Bucket: "logs", Key: key, Body: Buffer.from(key) }));
    }
    const page = await s3.client.send(new ListObjectsV2Command({ Bucket: "logs", Prefix: "AWSLogs/1/CloudTrail/", Delimiter: "/" }));
    assert.deepEqual(
      page.CommonPrefixes?.map((p) => p.Prefix),
      ["AWSLogs/1/CloudTrail/eu-west-1/", "AWSLogs/1/CloudTrail/us-east-1/"],
    );
    const got = await s3.client.send(new GetObjectCommand({ Bucket: "logs", Key: "AWSLogs/1/CloudTrail/eu-west-1/2024/01/02/b.json.gz" }));
    assert.equal(await got.Body?.transformToString(), "AWSLogs/1/CloudTrail/eu-west-1/2024/01/02/b.json.gz");
  } finally {
    await s3.stop();
  }
});
