import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { readLogFile, type ReadResult } from "../../src/records/read-log-file.js";
import { listFiles, examplesRoot } from "../schema/support/corpus.js";
import { stagedEvents } from "./support/staged-events.js";
import { writeShapes, type CloudTrailRecord } from "./support/write-shapes.js";

type Log = Extract<ReadResult, { kind: "log" }>;

function nativeRecords(): { records: CloudTrailRecord[]; files: Record<string, Buffer> } {
  const files: Record<string, Buffer> = {};
  const records: CloudTrailRecord[] = [];
  for (const path of listFiles(examplesRoot)) {
    const bytes = readFileSync(join(examplesRoot, path));
    const result = readLogFile(bytes, path);
    if (result.kind !== "log") continue;
    files[path] = bytes;
    records.push(...result.records);
  }
  return { records, files };
}

test("each shape is read as the same events as the native files it was made from, named by its shape", async () => {
  const { records, files } = nativeRecords();
  assert.ok(records.length >= 10, `the examples hold events (${records.length})`);
  const native = await stagedEvents(files);
  assert.equal(native.length, records.length);
  for (const shape of writeShapes(records)) {
    const result = readLogFile(shape.bytes, shape.file);
    assert.equal(result.kind, "log", `${shape.file}: ${JSON.stringify(result).slice(0, 300)}`);
    const log = result as Log;
    assert.equal(log.container, shape.container, shape.file);
    assert.equal(log.framing, shape.framing, shape.file);
    assert.equal(log.partial, undefined, `${shape.file}: ${log.partial?.message}`);
    assert.deepEqual(log.records, records, `${shape.file}: the same events, in order, once each`);
    // what `run` would stage: the same lines in the same partitions
    assert.deepEqual(await stagedEvents({ [shape.file]: shape.bytes }), native, `${shape.file}: staged as the native files are`);
  }
});

test("records held as text are staged as their own text, envelopes' records re-serialized without the envelope", () => {
  const { records } = nativeRecords();
  const byFile = new Map(writeShapes(records).map((s) => [s.file, readLogFile(s.bytes, s.file) as Log]));
  assert.deepEqual(
    byFile.get("splunk-export.json")!.lines,
    records.map((r) => JSON.stringify(r)),
  );
  const logstash = byFile.get("logstash.ndjson")!;
  assert.ok(
    logstash.lines!.every((l) => !l.includes("@timestamp") && !l.includes('"tags"')),
    "Logstash's own fields are dropped",
  );
  // native S3 deliveries and bare events keep the fast span copy: no lines from the reader
  assert.equal(byFile.get("concatenated.json")!.lines, undefined);
});

test("a file with no CloudTrail events is skipped with a one-line reason, never read as a schema", () => {
  const cases: [string, RegExp][] = [
    ['{"messageType":"CONTROL_MESSAGE","owner":"CloudwatchLogs","logEvents":[]}', /cloudwatch-logs document with no events/],
    ['{"Events":[],"NextToken":"x"}', /lookup-events document with no events/],
    ['{"version":"0","detail-type":"Scheduled Event","source":"aws.events","detail":{}}', /no CloudTrail event in an object with keys "version", "detail-type"/],
    ['{"a":{"b":[{"c":"{\\"eventVersion\\": 1"}]}}', /a string that is not a record's JSON text/],
    ['2023-07-10T12:20:00.000Z hello\n2023-07-10T12:20:01.000Z {"x":1}\n', /not JSON|no CloudTrail event/],
  ];
  for (const [text, reason] of cases) {
    const result = readLogFile(Buffer.from(text), "f.json");
    assert.equal(result.kind, "skipped", `${text}: ${JSON.stringify(result).slice(0, 200)}`);
    const message = (result as Extract<ReadResult, { kind: "skipped" }>).message;
    assert.match(message, /^f\.json: /);
    assert.match(message, reason);
    assert.ok(!message.includes("\n"));
  }
});

test("records found inside an unknown document, and a record held as a string, each counted once", () => {
  const r = { eventVersion: "1.08", eventName: "GetObject", eventSource: "s3.amazonaws.com", eventTime: "2023-07-10T12:20:00Z" };
  const doc = { export: { rows: [{ parsed: r, original: JSON.stringify(r) }, { data: JSON.stringify({ ...r, eventName: "PutObject" }) }] } };
  const log = readLogFile(Buffer.from(JSON.stringify(doc)), "x.json") as Log;
  assert.equal(log.container, "embedded");
  assert.deepEqual(
    log.records.map((x) => x.eventName),
    ["GetObject", "PutObject"],
  );
  // a parsed record beside its own text: the text is taken, once
  const both = readLogFile(Buffer.from(JSON.stringify({ hit: { ...r, raw: JSON.stringify(r) } })), "y.json") as Log;
  assert.deepEqual(both.records, [r]);
});

test("an export keeping a parsed copy beside the record's text one level deeper counts each event once, from the text", () => {
  const rec = (i: number) => ({ eventVersion: "1.08", eventID: `e-${i}`, eventTime: "2023-07-10T12:00:00Z", eventSource: "ec2.amazonaws.com", eventName: `Op${i}`, awsRegion: "us-east-1" });
  const items = { items: [1, 2, 3].map((i) => ({ parsed: { ...rec(i), rewritten: true }, raw: { original: JSON.stringify(rec(i)) } })) };
  const one = readLogFile(Buffer.from(JSON.stringify(items)), "items.json");
  assert.equal(one.kind, "log");
  const read = one as Extract<ReadResult, { kind: "log" }>;
  assert.deepEqual(
    read.records.map((r) => r.eventName),
    ["Op1", "Op2", "Op3"],
  );
  assert.ok(
    read.records.every((r) => !("rewritten" in r)),
    "the records are the texts, not the parsed copies",
  );
  // Kibana's search response: hits inside rawResponse, each _source the parsed fields plus event.original
  const kibana = { rawResponse: { hits: { hits: [1, 2].map((i) => ({ _source: { ...rec(i), rewritten: true, event: { original: JSON.stringify(rec(i)) } } })) } } };
  const k = readLogFile(Buffer.from(JSON.stringify(kibana)), "kibana.json") as Extract<ReadResult, { kind: "log" }>;
  assert.equal(k.kind, "log");
  assert.deepEqual(k.records, [rec(1), rec(2)]);
  // a different event beside another's text is kept: only a copy of the same event is left out
  const two = { a: rec(7), b: { original: JSON.stringify(rec(8)) } };
  assert.deepEqual((readLogFile(Buffer.from(JSON.stringify(two)), "two.json") as Extract<ReadResult, { kind: "log" }>).records.map((r) => r.eventName).sort(), ["Op7", "Op8"]);
});
