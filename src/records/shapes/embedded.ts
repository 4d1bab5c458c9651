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
    const held = ownText(object)?.record;
    const keys = Object.keys(object);
    for (let i = keys.length - 1; i >= 0; i--) {
      const child = object[keys[i]!];
      if (held !== undefined && isObject(child) && looksLikeRecord(child) && sameEvent(child, held)) continue;
      stack.push({ value: child, depth: depth + 1, where: `${where}.${keys[i]!}` });
    }
  }
}

/**
 * A string holding a record's text, as a field or a field of a field (`event.original`,
 * `raw.original`); for a record-shaped object, its own text (the same eventVersion).
 */
function ownText(object: JsonObject): { key: string; text: string; record: JsonObject } | undefined {
  const version = looksLikeRecord(object) ? object.eventVersion : undefined;
  const held = (v: unknown): JsonObject | undefined => {
    if (typeof v !== "string" || !mayHoldRecordText(v)) return undefined;
    try {
      const parsed: unknown = JSON.parse(v);
      if (isObject(parsed) && (version === undefined ? looksLikeRecord(parsed) : parsed.eventVersion === version)) return parsed;
    } catch {
      // not JSON: an ordinary string field
    }
    return undefined;
  };
  for (const key in object) {
    const record = held(object[key]);
    if (record !== undefined) return { key, text: object[key] as string, record };
  }
  for (const key in object) {
    const child = object[key];
    if (!isObject(child) || looksLikeRecord(child)) continue;
    for (const inner in child) {
      const record = held(child[inner]);
      if (record !== undefined) return { key: `${key}.${inner}`, text: child[inner] as string, record };
    }
  }
  return undefined;
}

/** Whether a parsed copy is of the same event as a record's text: its eventID, else its version and name. */
function sameEvent(copy: JsonObject, record: JsonObject): boolean {
  if (copy.eventID !== undefined && record.eventID !== undefined) return copy.eventID === record.eventID;
  return copy.eventVersion === record.eventVersion && copy.eventName === record.eventName;
}
