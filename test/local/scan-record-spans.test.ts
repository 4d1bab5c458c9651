import { test } from "node:test";
import assert from "node:assert/strict";
import { scanRecordSpans } from "../../src/local/scan-record-spans.js";

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
