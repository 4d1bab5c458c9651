import { test } from "node:test";
import assert from "node:assert/strict";
import { scanRecordSpans } from "../../src/local/scan-record-spans.js";

const texts = (text: string, spans: readonly (readonly [number, number])[]) => spans.map(([s, e]) => text.slice(s, e));

test("Records files: each element's text, whatever other keys come first and however strings nest brackets", () => {
  const text = '\uFEFF{ "x": {"Records": 1}, "s": "]\\"}", "Records" : [\n  {"a": "}]\\\\", "n": 1.50},\n  {"b": [1, {"c": null}]}\n] }';
  assert.deepEqual(texts(text, scanRecordSpans(text, "records")), ['{"a": "}]\\\\", "n": 1.50}', '{"b": [1, {"c": null}]}']);
});

test("arrays, JSON lines and a bare event", () => {
  const array = ' [ {"a":1} , {"b":"[,"} ] ';
  assert.deepEqual(texts(array, scanRecordSpans(array, "array")), ['{"a":1}', '{"b":"[,"}']);
  const lines = '{"a":1}\r\n\n{"b":2}\n';
  assert.deepEqual(texts(lines, scanRecordSpans(lines, "lines")), ['{"a":1}', '{"b":2}']);
  const event = '\n{"eventName": "X"}\n';
  assert.deepEqual(texts(event, scanRecordSpans(event, "event")), ['{"eventName": "X"}']);
});

test("an empty Records array has no spans; a file without one is refused", () => {
  assert.deepEqual(scanRecordSpans('{"Records":[]}', "records"), []);
  assert.throws(() => scanRecordSpans('{"records":[{}]}', "records"));
});
