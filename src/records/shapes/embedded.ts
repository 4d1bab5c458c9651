import { isObject, looksLikeRecord, mayHoldRecordText, type ContainerShape, type EventSink, type JsonObject } from "./container-shape.js";

/**
 * How far the search for records inside an unknown document goes: levels below the top value, and
 * values looked at per top value. Real envelopes put the record 1 to 4 levels down; the bounds keep
 * a hostile document (deep nesting, millions of values) from costing more than one pass over it.
 */
export const MAX_SEARCH_DEPTH = 24;
export const MAX_SEARCH_VALUES = 1_000_000;

/**
 * The last resort for a document no named shape matched: objects with CloudTrail's shape (an
 * `eventVersion` plus its name, source or time) anywhere inside, and strings holding a record's
 * text. A found record is not searched further. When a record-shaped object also holds its own text
 * (an export keeping both the parsed fields and the original), the text is taken and the object is
 * not, so each event counts once.
 */
export const embedded = {
  name: "embedded",
  matches: () => true,
  read: (value, sink) => search(value, sink),
} as const satisfies ContainerShape;

function search(top: JsonObject, sink: EventSink): void {
  const stack: { value: unknown; depth: number; where: string }[] = [{ value: top, depth: 0, where: "$" }];
  let visited = 0;
  while (stack.length > 0) {
    const { value, depth, where } = stack.pop()!;
    if (++visited > MAX_SEARCH_VALUES) return sink.bad(where, `searched ${MAX_SEARCH_VALUES.toLocaleString("en-US")} values without reaching the end of the document`);
    if (typeof value === "string") {
      if (mayHoldRecordText(value)) sink.inner(value, where);
      continue;
    }
    if (typeof value !== "object" || value === null) continue;
    if (depth >= MAX_SEARCH_DEPTH) continue;
    if (Array.isArray(value)) {
      for (let i = value.length - 1; i >= 0; i--) stack.push({ value: value[i], depth: depth + 1, where: `${where}[${i}]` });
      continue;
    }
    const object = value as JsonObject;
    if (depth > 0 && looksLikeRecord(object)) {
      const own = ownText(object);
      if (own === undefined) sink.record(object);
      else sink.inner(own.text, `${where}.${own.key}`);
      continue;
    }
    // An object holding a record's text beside a parsed copy of it: the copy is left, the text read.
    const holdsText = ownText(object) !== undefined;
    const keys = Object.keys(object);
    for (let i = keys.length - 1; i >= 0; i--) {
      const child = object[keys[i]!];
      if (holdsText && isObject(child) && looksLikeRecord(child)) continue;
      stack.push({ value: child, depth: depth + 1, where: `${where}.${keys[i]!}` });
    }
  }
}

/** A string field holding a record's text (for a record-shaped object: its own, the same eventVersion). */
function ownText(object: JsonObject): { key: string; text: string } | undefined {
  const version = looksLikeRecord(object) ? object.eventVersion : undefined;
  for (const key in object) {
    const v = object[key];
    if (typeof v !== "string" || !mayHoldRecordText(v)) continue;
    try {
      const parsed: unknown = JSON.parse(v);
      if (isObject(parsed) && (version === undefined ? looksLikeRecord(parsed) : parsed.eventVersion === version)) return { key, text: v };
    } catch {
      // not JSON: an ordinary string field
    }
  }
  return undefined;
}
