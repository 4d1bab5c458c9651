import { test } from "node:test";
import assert from "node:assert/strict";
import { gunzipSync, gzipSync } from "node:zlib";
import { ExactIntegers } from "../../src/records/exact-integers.js";
import { readLogFile } from "../../src/records/read-log-file.js";
import { SchemaBuilder } from "../../src/schema/schema-builder.js";
import { stagedEvents, stagedLines } from "./support/staged-events.js";
import { writeShapes, type CloudTrailRecord } from "./support/write-shapes.js";

/** An account id JSON.parse rounds (beyond 2^53): 1111222233334444555 becomes 1111222233334444500. */
const BIG = "1111222233334444555";
const MARK = "__big_account__";

const record = (i: number, extra: CloudTrailRecord = {}): CloudTrailRecord => ({
  eventVersion: "1.08",
  eventTime: `2026-11-2${i}T10:00:00Z`,
  eventSource: "ec2.amazonaws.com",
  eventName: "AuthorizeSecurityGroupIngress",
  awsRegion: "us-east-1",
  eventID: `id-${i}`,
  eventType: "AwsApiCall",
  recipientAccountId: MARK,
  ...extra,
});

/** The placeholder made the big number literal, in the text and inside records held as JSON strings. */
function withBigAccount(bytes: Buffer): Buffer {
  const gz = bytes[0] === 0x1f && bytes[1] === 0x8b;
  const text = (gz ? gunzipSync(bytes) : bytes).toString("utf8").replace(/\\?"__big_account__\\?"/g, BIG);
  assert.ok(text.includes(BIG));
  return gz ? gzipSync(text) : Buffer.from(text);
}

test("every shape keeps an integer beyond 2^53 exact: in the partition folder, in the staged line and in the inferred range", async () => {
  const shapes = writeShapes([record(1), record(2)]);
  assert.ok(shapes.length >= 10);
  for (const shape of shapes) {
    const bytes = withBigAccount(shape.bytes);
    const { lines } = await stagedLines({ [shape.file]: bytes });
    assert.equal(lines.length, 2, shape.file);
    for (const { folder, line } of lines) {
      assert.match(folder, new RegExp(`^account=${BIG}/`), `${shape.file}: the partition holds the log's digits`);
      assert.ok(line.includes(`"recipientAccountId":${BIG}`), `${shape.file}: the staged line holds the log's digits: ${line.slice(0, 200)}`);
    }
    const builder = new SchemaBuilder();
    builder.addFile(shape.file, readLogFile(bytes, shape.file));
    const field = builder.finish(["x"]).root.fields.find((f) => f.spellings.includes("recipientAccountId"));
    assert.deepEqual(field?.shape, { kind: "integer", min: BIG, max: BIG }, `${shape.file}: the exact range`);
  }
});

test("a record nested 64 deep is cut at level 64 in every shape, as in the native file", async () => {
  let deep: unknown = 1;
  for (let i = 0; i < 70; i++) deep = [deep];
  const records = [record(1, { recipientAccountId: "111122223333", deepArray: deep }), record(2, { recipientAccountId: "111122223333" })];
  const native = Buffer.from(JSON.stringify({ Records: records }));
  const expected = await stagedLines({ "native.json": native });
  assert.equal(expected.tooDeep, 1);
  const cut = expected.lines.find((l) => l.line.includes('"id-1"'))!.line;
  assert.match(cut, /"\[{8}1\]{8}"/, "the native file's record is cut at level 64");
  const events = await stagedEvents({ "native.json": native });
  for (const shape of writeShapes(records)) {
    const staged = await stagedLines({ [shape.file]: shape.bytes });
    assert.equal(staged.tooDeep, 1, shape.file);
    assert.deepEqual(await stagedEvents({ [shape.file]: shape.bytes }), events, `${shape.file}: staged as the native file`);
  }
});

test("restore: rounded integers get the text's digits back, also past 1e21; strings, fractions and ambiguous literals stay", () => {
  const text = '{"a":1111222233334444555,"b":123456789012345678901234,"c":"1111222233334444500","d":1.5,"e":[9007199254740993,9007199254740992]}';
  const exact = new ExactIntegers(text);
  const parsed = JSON.parse(text) as unknown;
  assert.equal(exact.restore(JSON.stringify(parsed)), '{"a":1111222233334444555,"b":123456789012345678901234,"c":"1111222233334444500","d":1.5,"e":[9007199254740992,9007199254740992]}');
});
