import assert from "node:assert/strict";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { PassThrough } from "node:stream";
import { after, before, describe, it } from "node:test";
import { PutObjectCommand } from "@aws-sdk/client-s3";
import { main } from "../../src/cli/main.js";
import type { Terminal } from "../../src/cli/io.js";
import { stageLogs } from "../../src/local/stage-logs.js";
import { readLogFile } from "../../src/records/read-log-file.js";
import { resolveSources } from "../../src/source/resolve-sources.js";
import { parseSchema, serializeSchema, stripProvenance } from "../../src/schema/schema-io.js";
import { assertHandled, runTrailhive } from "../hostile/support/hostile.js";
import { examplesRoot, listFiles, readBytes } from "../schema/support/corpus.js";
import { firehoseObjects, type FirehoseContent } from "../support/firehose-objects.js";
import { makeS3Client, startS3Server, TEST_CREDENTIALS, type S3TestServer } from "../support/s3-server.js";

/** What `run` stages from these sources before Hive starts: every event, the two text files skipped. */
async function assertStagesEveryEvent(specs: string[], context: Parameters<typeof resolveSources>[2], root: string): Promise<void> {
  const resolved = await resolveSources(specs, {}, context);
  const summary = await stageLogs(resolved.files, { root });
  assert.equal(summary.records, records.length, specs.join(" "));
  assert.deepEqual(
    summary.skipped.map((s) => [s.path, s.reason]),
    [
      ["LICENSE", "not-json"],
      ["README.md", "not-json"],
    ],
  );
}

/**
 * Firehose folders as a user points trailhive at them: objects with no file extension under hour
 * folders, beside a README and a LICENSE. The objects are read by their content (the listing takes
 * every file of a folder outside AWSLogs/), the two text files skipped as not JSON, and `ddl` warns
 * about what Hive cannot read line by line, naming the Firehose setting.
 */
const records = listFiles(examplesRoot).flatMap((p) => {
  const r = readLogFile(readBytes(examplesRoot, p), p);
  return r.kind === "log" ? r.records : [];
});
const CONTENTS: readonly FirehoseContent[] = ["eventbridge-lines", "eventbridge-concatenated", "cloudwatch-logs"];
const TEXT_FILES = { "README.md": "# CloudTrail via EventBridge and Firehose\n", LICENSE: "MIT License\n" };

function capture(cwd: string): { term: Terminal; out: () => string; err: () => string } {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  let o = "";
  let e = "";
  stdout.on("data", (d) => (o += d));
  stderr.on("data", (d) => (e += d));
  return { term: { stdout, stderr, env: process.env, cwd }, out: () => o, err: () => e };
}

const UNREADABLE: Record<FirehoseContent, RegExp | undefined> = {
  "eventbridge-lines": undefined,
  "eventbridge-concatenated": /warning \(eventbridge-jsonl\): \d+ files? holds? EventBridge events back to back .*set the Firehose stream's AppendDelimiterToRecord processor/,
  "cloudwatch-logs":
    /warning \(eventbridge-jsonl\): \d+ files? holds? CloudWatch Logs subscription payloads .*Decompression and CloudWatchLogProcessing \(DataMessageExtraction=true\) processors, and AppendDelimiterToRecord/,
};

describe("Firehose folders: objects without an extension are read by content, and ddl names what Hive cannot read", () => {
  let dir = "";
  before(() => {
    assert.ok(records.length >= 10, `the examples hold events (${records.length})`);
    dir = mkdtempSync(join(tmpdir(), "trailhive-firehose-"));
    for (const content of CONTENTS) {
      const root = join(dir, content);
      for (const o of firehoseObjects(records, content)) {
        mkdirSync(dirname(join(root, "cloudtrail", o.key)), { recursive: true });
        writeFileSync(join(root, "cloudtrail", o.key), o.body);
      }
      for (const [name, text] of Object.entries(TEXT_FILES)) writeFileSync(join(root, name), text);
    }
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  for (const content of CONTENTS) {
    it(`infer reads every event of a ${content} folder and skips the README and LICENSE by their content`, async () => {
      const c = capture(dir);
      const out = join(dir, `${content}.schema.json`);
      assert.equal(await main(["infer", join(dir, content), "-o", out, "--json"], c.term), 0, c.err());
      const summary = JSON.parse(c.out()) as { records: number; files: { log: number }; shapes: { container: string; framing?: string; files: number }[]; skipped: { path: string; reason: string }[] };
      assert.equal(summary.records, records.length);
      assert.deepEqual(
        summary.skipped.map((s) => [s.path, s.reason]),
        [
          ["LICENSE", "not-json"],
          ["README.md", "not-json"],
        ],
      );
      const container = content === "cloudwatch-logs" ? "cloudwatch-logs" : "eventbridge";
      assert.ok(summary.shapes.length > 0 && summary.shapes.every((s) => s.container === container), JSON.stringify(summary.shapes));
      assert.equal(
        summary.shapes.reduce((n, s) => n + s.files, 0),
        summary.files.log,
      );
      if (content !== "cloudwatch-logs") {
        const framing = content === "eventbridge-lines" ? "lines" : "concatenated";
        assert.ok(
          summary.shapes.some((s) => s.framing === framing),
          `${framing} among ${JSON.stringify(summary.shapes)}`,
        );
      }
    });
  }

  it("run's staging takes every event of each folder", async () => {
    for (const content of CONTENTS) await assertStagesEveryEvent([join(dir, content)], {}, join(dir, "staged", content));
  });

  for (const content of CONTENTS) {
    it(`trailhive ddl --flavor eventbridge-jsonl on a ${content} folder ${UNREADABLE[content] === undefined ? "warns about nothing" : "warns, naming the Firehose setting"}`, async () => {
      const run = await runTrailhive(["ddl", "--flavor", "eventbridge-jsonl", "--table", "cloudtrail_logs", "--location", "s3://delivery/cloudtrail/", content], { cwd: dir });
      assertHandled(run, { exit: 0, names: ["README.md", "LICENSE"] });
      assert.match(run.stdout, /CREATE EXTERNAL TABLE .*cloudtrail_logs_envelope/);
      const expected = UNREADABLE[content];
      if (expected === undefined) assert.doesNotMatch(run.stderr, /warning \(eventbridge-jsonl\)/, run.stderr);
      else {
        assert.match(run.stderr, expected);
        assert.equal(run.stderr.match(/^warning /gm)?.length, 1, run.stderr);
      }
    });
  }

  describe("in S3 (the project's loopback server)", () => {
    let s3: S3TestServer;
    const saved = { id: process.env.AWS_ACCESS_KEY_ID, secret: process.env.AWS_SECRET_ACCESS_KEY };
    before(async () => {
      s3 = await startS3Server();
      s3.server.createBucket("firehose-delivery");
      for (const content of CONTENTS) {
        const objects = [
          ...firehoseObjects(records, content).map((o) => ({ key: `${content}/${o.key}`, body: o.body })),
          ...Object.entries(TEXT_FILES).map(([name, text]) => ({ key: `${content}/${name}`, body: Buffer.from(text) })),
        ];
        for (const o of objects) await s3.client.send(new PutObjectCommand({ Bucket: "firehose-delivery", Key: o.key, Body: o.body }));
      }
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

    for (const content of CONTENTS) {
      it(`infer s3://.../${content}/ gives the local folder's schema; ddl warns as it does locally`, async () => {
        const c = capture(dir);
        const remote = join(dir, `${content}.s3.schema.json`);
        assert.equal(await main(["infer", `s3://firehose-delivery/${content}/`, "--endpoint-url", s3.endpoint, "-o", remote, "--quiet"], c.term), 0, c.err());
        const local = join(dir, `${content}.local.schema.json`);
        assert.equal(await main(["infer", join(dir, content), "-o", local, "--quiet"], capture(dir).term), 0);
        const read = (f: string) => parseSchema(readFileSync(f, "utf8"), f);
        assert.equal(read(remote).records, records.length);
        assert.equal(serializeSchema(stripProvenance(read(remote))), serializeSchema(stripProvenance(read(local))));
        const d = capture(dir);
        assert.equal(
          await main(
            ["ddl", "--flavor", "eventbridge-jsonl", "--table", "cloudtrail_logs", "--location", "s3://firehose-delivery/x/", `s3://firehose-delivery/${content}/`, "--endpoint-url", s3.endpoint],
            d.term,
          ),
          0,
          d.err(),
        );
        const expected = UNREADABLE[content];
        if (expected === undefined) assert.doesNotMatch(d.err(), /warning \(eventbridge-jsonl\)/);
        else assert.match(d.err(), expected);
        await assertStagesEveryEvent([`s3://firehose-delivery/${content}/`], { s3Client: makeS3Client(s3.endpoint) }, join(dir, "staged-s3", content));
      });
    }
  });
});
