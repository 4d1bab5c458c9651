import { test } from "node:test";
import assert from "node:assert/strict";
import { createServer, type Socket } from "node:net";
import { ListObjectsV2Command } from "@aws-sdk/client-s3";
import { createS3Client } from "../../src/aws/create-s3-client.js";

test("an S3 endpoint that takes the connection and never answers fails the request after its timeout, retried, instead of hanging", async () => {
  const held: Socket[] = [];
  // a real TCP server on loopback that reads the request and says nothing
  const server = createServer((s) => {
    held.push(s);
    s.on("error", () => undefined);
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  const port = (server.address() as { port: number }).port;
  const client = createS3Client({ endpointUrl: `http://127.0.0.1:${port}`, region: "us-east-1", credentials: { accessKeyId: "k", secretAccessKey: "s" }, maxAttempts: 2, requestTimeoutMs: 500 });
  try {
    await assert.rejects(client.send(new ListObjectsV2Command({ Bucket: "trail" })), (error: Error) => /timeout|timed out|socket hang up/i.test(`${error.name} ${error.message}`));
    assert.equal(held.length, 2, "the timed-out request was tried again once (maxAttempts 2)");
  } finally {
    client.destroy();
    for (const s of held) s.destroy();
    server.close();
  }
});
