import { test } from "node:test";
import assert from "node:assert/strict";
import { gzipSync } from "node:zlib";
import { readLogFile, type ReadResult } from "../../src/records/read-log-file.js";
import { findExactIntegers } from "../../src/records/exact-integers.js";

const event = (name: string, extra: object = {}) => ({ eventVersion: "1.09", eventSource: "ec2.amazonaws.com", eventName: name, ...extra });
const buf = (text: string) => Buffer.from(text, "utf8");

function log(result: ReadResult) {
  assert.equal(result.kind, "log", JSON.stringify(result));
  return result as Extract<ReadResult, { kind: "log" }>;
}
function skipped(result: ReadResult) {
  assert.equal(result.kind, "skipped", JSON.stringify(result).slice(0, 200));
  return result as Extract<ReadResult, { kind: "skipped" }>;
}

test("containers: Records object, JSON array, JSON lines and one bare event, each named", () => {
  const a = event("A");
  const b = event("B");
  const records = log(readLogFile(buf(JSON.stringify({ Records: [a, b] })), "r.json"));
  assert.equal(records.container, "records");
  assert.deepEqual(records.records, [a, b]);
  const array = log(readLogFile(buf(JSON.stringify([a, b])), "a.json"));
  assert.equal(array.container, "array");
  assert.equal(array.records.length, 2);
  const lines = log(readLogFile(buf(`${JSON.stringify(a)}\n\n${JSON.stringify(b)}\r\n`), "l.jsonl"));
  assert.equal(lines.container, "lines");
  assert.deepEqual(
    lines.records.map((r) => r.eventName),
    ["A", "B"],
  );
  const bare = log(readLogFile(buf(JSON.stringify(a)), "e.json"));
  assert.equal(bare.container, "event");
  assert.deepEqual(bare.records, [a]);
  // without eventVersion, CloudTrail's name, AWS source and time make an event; an eventName alone does not
  assert.equal(log(readLogFile(buf('{"eventName":"X","eventSource":"iam.amazonaws.com","eventTime":"2023-07-10T12:00:00Z"}'), "x.json")).container, "event");
  assert.equal(skipped(readLogFile(buf('{"eventName":"X"}'), "x.json")).reason, "not-cloudtrail");
});

test("decoding is by content: gzip magic whatever the name, a UTF-8 BOM dropped, gzip + BOM together", () => {
  const text = JSON.stringify({ Records: [event("A")] });
  assert.equal(log(readLogFile(gzipSync(buf(text)), "plain-name.json")).records.length, 1);
  assert.equal(log(readLogFile(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), buf(text)]), "bom.json")).records.length, 1);
  assert.equal(log(readLogFile(gzipSync(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), buf(text)])), "x.gz")).records.length, 1);
  // not gzip despite the name: read as text
  assert.equal(log(readLogFile(buf(text), "looks.json.gz")).records.length, 1);
});

test("digest and Insights files are recognised and give no records", () => {
  const digest = { awsAccountId: "111122223333", digestStartTime: "2026-11-16T07:00:00Z", digestEndTime: "2026-11-16T08:00:00Z", logFiles: [] };
  assert.deepEqual(readLogFile(gzipSync(buf(JSON.stringify(digest))), "d.json.gz"), { kind: "digest" });
  const insight = { eventVersion: "1.08", eventType: "AwsCloudTrailInsight", insightDetails: { state: "Start" } };
  assert.deepEqual(readLogFile(buf(JSON.stringify({ Records: [insight, insight] })), "i.json"), { kind: "insight", records: 2 });
  // an empty Records array is a log with no records (CloudTrail delivers those), not an Insights file
  assert.deepEqual(log(readLogFile(buf('{"Records":[]}'), "e.json")).records, []);
});

test("bad files are skipped with a reason and a one-line message naming the file", () => {
  const cases: [Buffer, string][] = [
    [Buffer.alloc(0), "empty"],
    [buf(" \n\t "), "empty"],
    [Buffer.from([0xef, 0xbb, 0xbf]), "empty"],
    [gzipSync(buf(JSON.stringify({ Records: [event("A")] }))).subarray(0, 20), "truncated-gzip"],
    [Buffer.concat([Buffer.from([0x1f, 0x8b, 0x08, 0, 0, 0, 0, 0, 0, 3]), buf("this is not deflate data at all")]), "corrupt-gzip"],
    [buf("The MIT License\n\nCopyright"), "not-json"],
    [buf('{"Records": [ {"eventName": "A",} ]}'), "invalid-json"],
    [buf('{"Records": [ {"eventName": "A"}'), "invalid-json"],
    [buf('{"hello": "world"}'), "not-cloudtrail"],
    [buf("[1, 2, 3]"), "not-cloudtrail"],
    [buf("[]"), "not-cloudtrail"],
  ];
  for (const [bytes, reason] of cases) {
    const result = skipped(readLogFile(bytes, "AWSLogs/x/file.json.gz"));
    assert.equal(result.reason, reason, `${bytes.toString("latin1").slice(0, 30)} -> ${result.message}`);
    assert.match(result.message, /^AWSLogs\/x\/file\.json\.gz: \S/);
    assert.ok(!result.message.includes("\n"), "one line");
  }
});

test("integers beyond 2^53 keep their true digits; the prefilter leaves ordinary files alone", () => {
  const text = '{"Records":[{"eventName":"A","n":12345678901234567891,"m":-9007199254740993,"s":"12345678901234567890","f":1.12345678901234567,"small":9007199254740991}]}';
  const result = log(readLogFile(buf(text), "big.json"));
  const exact = result.exactIntegers!;
  assert.equal(exact.get(Number("12345678901234567891"))?.max, 12345678901234567891n);
  assert.equal(exact.get(Number("-9007199254740993"))?.min, -9007199254740993n);
  assert.equal(findExactIntegers(text)?.size, 2, "digits inside strings, fractions and safe integers are not collected");
  assert.equal(findExactIntegers('{"eventTime":"2026-11-16T08:00:00Z","n":1700000000000}'), undefined);
  // two literals that round to the same double keep both ends
  const twins = findExactIntegers("[18446744073709551615, 18446744073709551614]")!;
  assert.deepEqual(twins.get(Number("18446744073709551615")), { min: 18446744073709551614n, max: 18446744073709551615n });
});

test("a bad line or value is left out with its line and byte offset, and the rest of the file is read", () => {
  const a = JSON.stringify(event("A"));
  const b = JSON.stringify(event("B"));
  // line 2 is cut short, line 4 is not JSON at all; line 3 starts at byte a.length + 1 + 14 + 1
  const text = `${a}\n{"eventName": \n${b}\nnot json\n${a}\n`;
  const result = log(readLogFile(buf(text), "l.jsonl"));
  assert.deepEqual(
    result.records.map((r) => r.eventName),
    ["A", "B", "A"],
  );
  assert.equal(result.partial?.parts, 2);
  assert.match(result.partial!.message, new RegExp(`^l\\.jsonl: read 3 events and left out 2 parts \\(line 2 \\(byte ${a.length + 1}\\): .*; line 4 \\(byte ${a.length + 1 + 15 + b.length + 1}\\): `));
  assert.ok(!result.partial!.message.includes("\n"));
  // values that are valid JSON but no events, among events
  const mixed = log(readLogFile(buf(`[${JSON.stringify(event("A"))},{"foo":1}]`), "m.json"));
  assert.deepEqual([mixed.records.length, mixed.partial?.parts], [1, 1]);
  assert.match(mixed.partial!.message, /\[1\]: no CloudTrail event in an object with keys "foo"/);
  assert.deepEqual(log(readLogFile(buf('{"Records":[{"eventName":"A"}, 7]}'), "r.json")).partial?.parts, 1);
  assert.match(log(readLogFile(buf(`${a}\n{"foo":1}\n`), "x.json")).partial!.message, new RegExp(`line 2 \\(byte ${a.length + 1}\\): no CloudTrail event`));
  // concatenated values, a bad one in the middle and the last cut short: the others are read
  const concatenated = log(readLogFile(buf(`${a}{"x":}${b}${a}${a.slice(0, 20)}`), "c.json"));
  assert.deepEqual(
    concatenated.records.map((r) => r.eventName),
    ["A", "B", "A"],
  );
  assert.equal(concatenated.container, "concatenated");
  assert.equal(concatenated.partial?.parts, 2);
  assert.match(concatenated.partial!.message, new RegExp(`line 1 \\(byte ${a.length}\\): invalid JSON .*; line 1 \\(byte ${2 * a.length + 6 + b.length}\\): a value that does not end`));
});

test("byte offsets of bad parts count multi-byte UTF-8 before them as bytes, in every way lines are read", () => {
  // "é" is 2 bytes, "€" 3, "𝄞" 4: a line of them is longer in bytes than in characters
  const wide = JSON.stringify(event("A", { userAgent: "é€𝄞".repeat(5) }));
  const wideBytes = Buffer.byteLength(wide);
  assert.ok(wideBytes > wide.length);
  // every line parses: the bad part is a value with no event, found after the lines were split
  const lines = log(readLogFile(buf(`${wide}\n${wide}\n{"foo":1}\n${wide}\n`), "w.jsonl"));
  assert.equal(lines.records.length, 3);
  assert.match(lines.partial!.message, new RegExp(`line 3 \\(byte ${2 * (wideBytes + 1)}\\): no CloudTrail event`));
  // a line that does not parse: the file is scanned value by value
  const scanned = log(readLogFile(buf(`${wide}\n${wide}\n{"eventName": \n${wide}\n`), "s.jsonl"));
  assert.equal(scanned.records.length, 3);
  assert.match(scanned.partial!.message, new RegExp(`line 3 \\(byte ${2 * (wideBytes + 1)}\\): `));
  // CloudWatch Logs export lines, with a BOM first (3 bytes)
  const stamp = "2023-07-10T12:20:00.000Z ";
  const exportLine = `${stamp}${wide}`;
  const exported = log(readLogFile(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), buf(`${exportLine}\n${exportLine}\n${stamp}{oops\n`)]), "e.gz"));
  assert.equal(exported.records.length, 2);
  assert.match(exported.partial!.message, new RegExp(`line 3 \\(byte ${3 + 2 * (Buffer.byteLength(exportLine) + 1)}\\): a message that is not JSON`));
});

test("JSON lines whose first line is bad keep their good lines; text that is not JSON lines stays not-json", () => {
  const good = [event("A"), event("B"), event("C")].map((e) => JSON.stringify(e));
  for (const first of ["garbage", 'Time":"2023-07-10T12:20:00Z","eventName":"Cut"}']) {
    const result = log(readLogFile(buf(`${first}\n${good.join("\n")}\n`), "f.jsonl"));
    assert.deepEqual(
      result.records.map((r) => r.eventName),
      ["A", "B", "C"],
    );
    assert.equal(result.partial?.parts, 1);
    assert.match(result.partial!.message, /^f\.jsonl: read 3 events and left out 1 part \(line 1 \(byte 0\): not a JSON object or array\)$/);
  }
  // values joined by `}{` on one line, the first cut short
  const joined = log(readLogFile(buf(`${good[0]!.slice(25)}${good.join("")}`), "j.json"));
  assert.deepEqual([joined.records.length, joined.partial?.parts], [3, 1]);
  const notJson = [
    "# trailhive\n\n[docs](x.md)\n\nSome text\nmore text\n",
    "\\frac{a}{b} and \\frac{c}{d}\n",
    "eventName,eventSource\nA,ec2.amazonaws.com\n",
    `README\n${good[0]}\nline\nline\n`,
    'notes\n[1, 2]\n{"a": 1}\n',
  ];
  for (const text of notJson) assert.equal(skipped(readLogFile(buf(text), "README.md")).reason, "not-json", text);
});

test("Insights events in any shape are counted as Insights events, never records; a file of only them is an insight file", () => {
  const insight = {
    eventVersion: "1.08",
    eventTime: "2023-07-10T12:00:00Z",
    awsRegion: "us-east-1",
    eventID: "i-1",
    eventType: "AwsCloudTrailInsight",
    recipientAccountId: "111122223333",
    sharedEventID: "s-1",
    insightDetails: { state: "Start", eventSource: "ec2.amazonaws.com", eventName: "RunInstances", insightType: "ApiCallRateInsight" },
    eventCategory: "Insight",
  };
  const bridge = (detail: object, type = "AWS API Call via CloudTrail") =>
    JSON.stringify({ version: "0", id: "x", "detail-type": type, source: "aws.ec2", account: "111122223333", time: "2023-07-10T12:00:00Z", region: "us-east-1", resources: [], detail });
  const ndjson = [bridge(event("A")), bridge(event("B")), bridge(insight, "AWS Insight via CloudTrail"), bridge(event("C"))].join("\n") + "\n";
  const mixed = log(readLogFile(buf(ndjson), "eb.jsonl"));
  assert.deepEqual(
    mixed.records.map((r) => r.eventName),
    ["A", "B", "C"],
  );
  assert.equal(mixed.insights, 1);
  assert.ok(mixed.records.every((r) => !("insightDetails" in r)));
  assert.equal(mixed.lines?.length, 3, "staging takes the records' own lines, not the file's");
  // a Records file with an Insights event among API calls, and bare lines with one
  const records = log(readLogFile(buf(JSON.stringify({ Records: [event("A"), insight, event("B")] })), "r.json"));
  assert.deepEqual([records.records.length, records.insights, records.lines?.length], [2, 1, 2]);
  const lines = log(readLogFile(buf([event("A"), insight].map((e) => JSON.stringify(e)).join("\n")), "l.jsonl"));
  assert.deepEqual([lines.records.length, lines.insights, lines.lines?.length], [1, 1, 1]);
  // only Insights events, in an envelope or native
  assert.deepEqual(readLogFile(buf(bridge(insight, "AWS Insight via CloudTrail")), "i.json"), { kind: "insight", records: 1 });
  assert.deepEqual(readLogFile(buf(JSON.stringify({ Records: [insight, insight] })), "i.json"), { kind: "insight", records: 2 });
});

test("a file of events that are not CloudTrail's (web analytics, S3 Event Notifications) is not-cloudtrail, never a log", () => {
  const clicks = [1, 2].map((i) => JSON.stringify({ eventName: "pageview", user: `u${i}`, ts: i })).join("\n") + "\n";
  assert.equal(skipped(readLogFile(buf(clicks), "clicks.jsonl")).reason, "not-cloudtrail");
  const s3 = (key: string) => ({
    eventVersion: "2.1",
    eventSource: "aws:s3",
    awsRegion: "us-east-1",
    eventTime: "2023-07-10T12:00:00.000Z",
    eventName: "ObjectCreated:Put",
    userIdentity: { principalId: "AWS:X" },
    s3: { bucket: { name: "b" }, object: { key } },
  });
  const notification = skipped(readLogFile(buf(JSON.stringify({ Records: [s3("a"), s3("b")] })), "s3-event.json"));
  assert.equal(notification.reason, "not-cloudtrail");
  assert.match(notification.message, /^s3-event\.json: .*Records\[0\]: not a CloudTrail record: eventVersion "2\.1", eventSource "aws:s3" \(an S3 Event Notification\?\)/);
  assert.equal(skipped(readLogFile(buf(JSON.stringify(s3("a"))), "one.json")).reason, "not-cloudtrail");
  assert.equal(skipped(readLogFile(buf(JSON.stringify({ version: "0", eventVersion: "0", eventName: "x" })), "v0.json")).reason, "not-cloudtrail");
  // a Records file keeps records that lack eventVersion (tools trim it), and leaves a stray notification out
  const mixed = log(readLogFile(buf(JSON.stringify({ Records: [{ eventName: "A", eventSource: "ec2.amazonaws.com" }, s3("c"), event("B")] })), "m.json"));
  assert.deepEqual(
    mixed.records.map((r) => r.eventName),
    ["A", "B"],
  );
  assert.equal(mixed.partial?.parts, 1);
  // every CloudTrail version so far is an event
  for (const v of ["1.0", "1.01", "1.05", "1.08", "1.09", "1.10", "1.11"]) assert.equal(log(readLogFile(buf(JSON.stringify({ eventVersion: v, eventName: "X" })), "v.json")).records.length, 1, v);
});
