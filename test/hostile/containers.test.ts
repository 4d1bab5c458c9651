import { test } from "node:test";
import assert from "node:assert/strict";
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { assertHandled, assertTreeUnchanged, runTrailhive, snapshotTree, withTempDir } from "./support/hostile.js";

/**
 * Malformed containers: documents in the shapes events arrive in, broken the ways real ones break
 * (cut short, a bad line, nesting without end, text that looks like a record, huge or wrong fields).
 * Each file is read as far as it can be; what is left out is named with its file and line, and
 * --strict exits 3. Generated from a seed, so every run sees the same variants.
 */
const record = (i: number) => ({
  eventVersion: "1.08",
  eventTime: `2023-07-10T12:${String(i % 60).padStart(2, "0")}:00Z`,
  eventSource: "ec2.amazonaws.com",
  eventName: `Op${i}`,
  awsRegion: "us-east-1",
  recipientAccountId: "111122223333",
});
const text = (i: number) => JSON.stringify(record(i));

function hostileFiles(seed: number): Record<string, string> {
  let s = seed;
  const next = (n: number) => ((s = (s * 1103515245 + 12345) % 2 ** 31), s % n);
  const good = Array.from({ length: 6 }, (_, i) => text(i));
  const cut = good.join("") + good[0]!.slice(0, 1 + next(good[0]!.length - 2));
  const badLine = [...good];
  badLine.splice(1 + next(4), 0, ['{"eventVersion": "1.08", "eventName": ', "not json at all", "{]", '{"a":"unterminated'][next(4)]!);
  let nested = text(99);
  for (let i = 0; i < 10; i++) nested = JSON.stringify({ message: nested });
  return {
    "truncated-concatenated.json": cut,
    "bad-line.jsonl": badLine.join("\n") + "\n",
    "nested-envelopes.json": JSON.stringify({ Events: [{ CloudTrailEvent: text(1) }] }) + "\n" + nested + "\n" + "[".repeat(50_000) + "]".repeat(50_000) + "\n",
    "looks-like-a-record.json": JSON.stringify({ Events: [{ CloudTrailEvent: text(2) }, { EventId: "x", CloudTrailEvent: '{"eventVersion": "1.08", "eventName": "Fake", ' }] }),
    "huge-nexttoken.json": JSON.stringify({ Events: [{ CloudTrailEvent: text(3) }], NextToken: "A".repeat(8_000_000) }),
    "events-not-objects.json": JSON.stringify({ Events: [{ CloudTrailEvent: text(4) }, 1, "two", null, [], true] }),
  };
}

test("malformed containers: every file is read as far as it can be, each left-out part named by file and line, --strict exits 3", () =>
  withTempDir("containers", async (dir) => {
    const logs = join(dir, "logs");
    mkdirSync(logs);
    const files = hostileFiles(15);
    for (const [name, body] of Object.entries(files)) writeFileSync(join(logs, name), body);
    const before = snapshotTree(logs);
    const strict = await runTrailhive(["infer", "logs", "-o", "schema.json", "--strict"], { cwd: dir, timeoutMs: 120_000 });
    assertHandled(strict, { exit: 3, names: Object.keys(files).filter((f) => f !== "huge-nexttoken.json") });
    assert.match(strict.stderr, /bad-line\.jsonl: read 6 events and left out 1 part \(line \d+ \(byte \d+\)/);
    assert.match(strict.stderr, /nested-envelopes\.json: .*nested deeper than \d+ envelopes/);
    assert.match(strict.stderr, /looks-like-a-record\.json: .*Events\[1\]\.CloudTrailEvent: a string that is not a record's JSON text/);
    assert.match(strict.stderr, /events-not-objects\.json: read 1 events and left out 5 parts/);
    assert.doesNotMatch(strict.stderr, /huge-nexttoken/, "a huge NextToken is no fault: the file is read whole");
    const lenient = await runTrailhive(["infer", "logs", "-o", "schema.json"], { cwd: dir, timeoutMs: 120_000 });
    assertHandled(lenient, { exit: 0, names: "read 5 files in part" });
    assertTreeUnchanged(before, snapshotTree(logs));
  }));

test("a folder of containers holding no CloudTrail events is refused with each file's reason, never inferred as a schema", () =>
  withTempDir("containers-empty", async (dir) => {
    writeFileSync(join(dir, "control.json"), JSON.stringify({ messageType: "CONTROL_MESSAGE", owner: "CloudwatchLogs", logEvents: [] }));
    writeFileSync(join(dir, "fake.json"), JSON.stringify({ Events: [{ CloudTrailEvent: "{not json" }] }));
    const run = await runTrailhive(["infer", ".", "-o", "schema.json"], { cwd: dir, timeoutMs: 60_000 });
    assertHandled(run, { exit: 2, names: ["control.json", "fake.json"] });
  }));

test("events that are not CloudTrail's (web analytics lines, S3 Event Notifications) are refused, never inferred as a schema", () =>
  withTempDir("containers-foreign", async (dir) => {
    // events, but not CloudTrail's: web analytics lines with an eventName, S3 Event Notifications (Records, eventVersion 2.x)
    writeFileSync(join(dir, "clicks.jsonl"), [1, 2].map((i) => JSON.stringify({ eventName: "pageview", user: `u${i}`, ts: i })).join("\n") + "\n");
    const s3 = (key: string) => ({
      eventVersion: "2.1",
      eventSource: "aws:s3",
      awsRegion: "us-east-1",
      eventTime: "2023-07-10T12:00:00.000Z",
      eventName: "ObjectCreated:Put",
      s3: { bucket: { name: "b" }, object: { key } },
    });
    writeFileSync(join(dir, "s3-notification.json"), JSON.stringify({ Records: [s3("a"), s3("b")] }));
    const run = await runTrailhive(["infer", ".", "-o", "schema.json"], { cwd: dir, timeoutMs: 60_000 });
    assertHandled(run, { exit: 2, names: ["clicks.jsonl", /s3-notification\.json: .*an S3 Event Notification/] });
    assert.doesNotMatch(run.stdout + run.stderr, /\b[1-9]\d* records/);
  }));

test("integers beyond 2^53 inside envelopes keep the log's digits: the schema's range is the text's, not JSON.parse's", () =>
  withTempDir("containers-digits", async (dir) => {
    // 1111222233334444555 parses as 1111222233334444500; one detail in EventBridge (re-serialised), one in a CloudWatch Logs message (its own text)
    const detail = (id: string) => `{"eventVersion":"1.08","eventTime":"2023-07-10T12:00:00Z","eventName":"Op","awsRegion":"us-east-1","eventID":"${id}","recipientAccountId":1111222233334444555}`;
    writeFileSync(
      join(dir, "eventbridge.jsonl"),
      `{"version":"0","detail-type":"AWS API Call via CloudTrail","detail":${detail("a")}}\n{"version":"0","detail-type":"AWS API Call via CloudTrail","detail":${detail("b")}}\n`,
    );
    writeFileSync(join(dir, "cloudwatch.json"), JSON.stringify({ messageType: "DATA_MESSAGE", logEvents: [{ id: "1", timestamp: 0, message: detail("c") }] }));
    const run = await runTrailhive(["infer", ".", "-o", "-", "--quiet"], { cwd: dir, timeoutMs: 60_000 });
    assertHandled(run, { exit: 0 });
    const schema = JSON.parse(run.stdout) as { records: number; root: { fields: { spellings: string[]; shape: unknown }[] } };
    assert.equal(schema.records, 3);
    assert.deepEqual(schema.root.fields.find((f) => f.spellings.includes("recipientAccountId"))?.shape, { kind: "integer", min: "1111222233334444555", max: "1111222233334444555" });
  }));

test("JSON lines whose first line is broken keep their other lines, the first named by line and byte; --strict exits 3", () =>
  withTempDir("containers-first-line", async (dir) => {
    const logs = join(dir, "logs");
    mkdirSync(logs);
    const good = [5, 6, 7].map(text).join("\n") + "\n";
    // the ways a first line breaks: a cut mid-record (the start of a Firehose object lost), garbage, a stray header
    const firsts = [text(4).slice(1 + (15 % (text(4).length - 2))), text(4).slice(40), "garbage", "\u0000\u0001binary", "eventVersion,eventName"];
    firsts.forEach((first, i) => writeFileSync(join(logs, `first-${i}.jsonl`), `${first}\n${good}`));
    // Firehose's `}{` concatenation on one line, its first value cut short
    firsts.push(text(4).slice(30));
    writeFileSync(join(logs, `first-${firsts.length - 1}.jsonl`), firsts.at(-1)! + [5, 6, 7].map(text).join(""));
    writeFileSync(join(logs, "README.md"), "# notes\n\n[link](x)\n\ntext\n");
    const before = snapshotTree(logs);
    const strict = await runTrailhive(["infer", "logs", "-o", "schema.json", "--strict"], { cwd: dir, timeoutMs: 60_000 });
    assertHandled(strict, { exit: 3, names: firsts.map((_, i) => `first-${i}.jsonl`) });
    for (let i = 0; i < firsts.length; i++) assert.match(strict.stderr, new RegExp(`first-${i}\\.jsonl: read 3 events and left out 1 part \\(line 1 \\(byte 0\\)`));
    assert.doesNotMatch(strict.stderr, /README\.md: read/);
    const lenient = await runTrailhive(["infer", "logs", "-o", "schema.json"], { cwd: dir, timeoutMs: 60_000 });
    assertHandled(lenient, { exit: 0, names: `read ${firsts.length} files in part` });
    assert.match(lenient.stdout + lenient.stderr, new RegExp(`: ${3 * firsts.length} records`));
    assertTreeUnchanged(before, snapshotTree(logs));
  }));
