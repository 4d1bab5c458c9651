import { test } from "node:test";
import assert from "node:assert/strict";
import { memberText } from "../../src/local/member-text.js";
import { scanRecordBounds, scanRecordSpans, type DeepRecords } from "../../src/local/scan-record-spans.js";
import { stringifyTooDeep } from "../../src/local/stringify-too-deep.js";

const texts = (text: string, spans: readonly (readonly [number, number])[]) => spans.map(([s, e]) => Buffer.from(text).subarray(s, e).toString("utf8"));
const scan = (text: string, container: Parameters<typeof scanRecordSpans>[1]) => scanRecordSpans(Buffer.from(text), container);

test("Records files: each element's text, whatever other keys come first and however strings nest brackets", () => {
  const text = '\uFEFF{ "x": {"Records": 1}, "s": "]\\"}", "Records" : [\n  {"a": "}]\\\\", "n": 1.50},\n  {"b": [1, {"c": null}]}\n] }';
  assert.deepEqual(texts(text, scan(text, "records")), ['{"a": "}]\\\\", "n": 1.50}', '{"b": [1, {"c": null}]}']);
});

test("arrays, JSON lines and a bare event", () => {
  const array = ' [ {"a":1} , {"b":"[,"} ] ';
  assert.deepEqual(texts(array, scan(array, "array")), ['{"a":1}', '{"b":"[,"}']);
  const lines = '{"a":1}\r\n\n{"b":2}\n';
  assert.deepEqual(texts(lines, scan(lines, "lines")), ['{"a":1}', '{"b":2}']);
  const event = '\n{"eventName": "X", "who": "Zoë 🦀 \\" }"}\n';
  assert.deepEqual(texts(event, scan(event, "event")), ['{"eventName": "X", "who": "Zoë 🦀 \\" }"}'], "multi-byte characters do not move the byte offsets");
});

test("an empty Records array has no spans; a file without one is refused", () => {
  assert.deepEqual(scan('{"Records":[]}', "records"), []);
  assert.throws(() => scan('{"records":[{}]}', "records"));
});

test("duplicate Records keys: the last one is scanned, as JSON.parse keeps it; a last one that is no array leaves none", () => {
  const text = '{"Records":[{"a":1}],"x":{"Records":[]},"Rec\\u006frds":[{"b":2},{"c":3}]}';
  assert.deepEqual(texts(text, scan(text, "records")), ['{"b":2}', '{"c":3}']);
  assert.equal((JSON.parse(text) as { Records: unknown[] }).Records.length, 2, "the array JSON.parse keeps");
  assert.throws(() => scan('{"Records":[{"a":1}],"Records":5}', "records"), /no Records array/);
});

test("records nested to a level are listed while scanning, in every container", () => {
  const deep = (n: number) => "[".repeat(n) + "]".repeat(n);
  const records = `{"Records":[{"a":${deep(2)}},{"b":1},{"c":${deep(3)}}]}`;
  const found: DeepRecords = { level: 4, records: [] };
  scanRecordBounds(Buffer.from(records), "records", found);
  assert.deepEqual(found.records, [2], "level 4: the record's braces and three brackets");
  const lines: DeepRecords = { level: 3, records: [] };
  scanRecordBounds(Buffer.from(`{"a":"[[[["}\n{"a":${deep(2)}}\n{"b":[]}\n`), "lines", lines);
  assert.deepEqual(lines.records, [1], "brackets inside strings do not count");
  const event: DeepRecords = { level: 2, records: [] };
  scanRecordBounds(Buffer.from('{"a":{}}'), "event", event);
  assert.deepEqual(event.records, [0]);
});

test("memberText: the log's own text of a value by path, the last of duplicate keys at every level", () => {
  const text = Buffer.from(
    ' {"recipientAccountId": 1, "userIdentity": {"accountId": 2}, "userIdentity": {"type": "x", "account\\u0049d": 111122223333444455556666}, "recipientAccountId": 111122223333444455556667 }',
  );
  assert.equal(memberText(text, 0, ["recipientAccountId"]), "111122223333444455556667");
  assert.equal(memberText(text, 0, ["userIdentity", "accountId"]), "111122223333444455556666");
  assert.equal(memberText(text, 0, ["userIdentity", "type"]), '"x"');
  assert.equal(memberText(text, 0, ["awsRegion"]), undefined);
  assert.equal(memberText(text, 0, ["recipientAccountId", "x"]), undefined);
});

test("stringifyTooDeep: values that open the level become strings of their own text; the rest keeps its bytes", () => {
  const text = '{"a": [[1, {"b": "]"}], [2]], "c": {"d": {"e": 1.50}}, "s": "[[[["}';
  const cut = stringifyTooDeep(Buffer.from(text), 0, text.length, 3).toString("utf8");
  assert.equal(cut, '{"a": ["[1, {\\"b\\": \\"]\\"}]", "[2]"], "c": {"d": "{\\"e\\": 1.50}"}, "s": "[[[["}');
  const parsed = JSON.parse(cut) as { a: string[]; c: { d: string } };
  assert.deepEqual(JSON.parse(parsed.a[0]!), [1, { b: "]" }]);
  assert.equal(parsed.c.d, '{"e": 1.50}');
  const hostile = `{"x":${"[".repeat(100_000)}${"]".repeat(100_000)}}`;
  const staged = stringifyTooDeep(Buffer.from(hostile), 0, hostile.length, 64).toString("utf8");
  assert.equal(staged.length, hostile.length + 2, "the same text, one string's quotes more");
  assert.ok(staged.startsWith(`{"x":${"[".repeat(62)}"[[`), "the record's braces and 62 brackets kept: level 64 is the string");
  assert.equal((JSON.parse(staged) as { x: unknown[] }).x.flat(61)[0], "[".repeat(100_000 - 62) + "]".repeat(100_000 - 62));
});
