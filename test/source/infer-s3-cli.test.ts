import assert from "node:assert/strict";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { PassThrough } from "node:stream";
import { after, before, describe, it } from "node:test";
import { PutObjectCommand } from "@aws-sdk/client-s3";
import { main } from "../../src/cli/main.js";
import type { Terminal } from "../../src/cli/io.js";
import { mapLimit } from "../../src/source/map-limit.js";
import { parseSchema, serializeSchema, stripProvenance } from "../../src/schema/schema-io.js";
import { startS3Server, TEST_CREDENTIALS, type S3TestServer } from "../support/s3-server.js";
import { buildDeliveries, corpusSkip, writeDeliveries } from "./delivery-fixture.js";

function capture(): { term: Terminal; out: () => string; err: () => string } {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  let o = "";
  let e = "";
  stdout.on("data", (d) => (o += d));
  stderr.on("data", (d) => (e += d));
  return { term: { stdout, stderr, env: process.env, cwd: process.cwd() }, out: () => o, err: () => e };
}

describe("trailhive infer s3://... as a user runs it", { skip: corpusSkip() }, () => {
  let s3: S3TestServer;
  let dir = "";
  const saved = { id: process.env.AWS_ACCESS_KEY_ID, secret: process.env.AWS_SECRET_ACCESS_KEY };
  before(async () => {
    s3 = await startS3Server();
    s3.server.createBucket("cli-trail");
    const { objects } = buildDeliveries();
    dir = mkdtempSync(join(tmpdir(), "trailhive-cli-s3-"));
    writeDeliveries(join(dir, "copy"), objects);
    await mapLimit(objects, 8, (o) => s3.client.send(new PutObjectCommand({ Bucket: "cli-trail", Key: o.key, Body: o.body })));
    // The CLI uses the default credential chain, which reads the environment; the server takes any keys.
    process.env.AWS_ACCESS_KEY_ID = TEST_CREDENTIALS.accessKeyId;
    process.env.AWS_SECRET_ACCESS_KEY = TEST_CREDENTIALS.secretAccessKey;
  });
  after(async () => {
    await s3.stop();
    rmSync(dir, { recursive: true, force: true });
    if (saved.id === undefined) delete process.env.AWS_ACCESS_KEY_ID;
    else process.env.AWS_ACCESS_KEY_ID = saved.id;
    if (saved.secret === undefined) delete process.env.AWS_SECRET_ACCESS_KEY;
    else process.env.AWS_SECRET_ACCESS_KEY = saved.secret;
  });

  it("writes the same schema from the bucket (--endpoint-url) as from a local copy", async () => {
    const remote = capture();
    const sampling = ["--from", "2024-03-30", "--to", "2024-04-01", "--max-files", "20", "--seed", "cli"];
    const remoteFile = join(dir, "remote.schema.json");
    const localFile = join(dir, "local.schema.json");
    assert.equal(await main(["infer", "s3://cli-trail", "--endpoint-url", s3.endpoint, ...sampling, "-o", remoteFile, "--quiet"], remote.term), 0, remote.err());
    const local = capture();
    assert.equal(await main(["infer", join(dir, "copy"), ...sampling, "-o", localFile, "--quiet"], local.term), 0, local.err());
    const read = (f: string) => serializeSchema(stripProvenance(parseSchema(readFileSync(f, "utf8"), f)));
    assert.equal(read(remoteFile), read(localFile));
    assert.match(readFileSync(remoteFile, "utf8"), /eventName/);
  });

  it("a missing bucket exits 2 with a message naming it", async () => {
    const run = capture();
    assert.equal(await main(["infer", "s3://not-there/logs", "--endpoint-url", s3.endpoint, "-o", join(dir, "x.json")], run.term), 2);
    assert.match(run.err(), /bucket not-there does not exist/);
  });
});
