import type { Container } from "../../schema/schema-file.js";

/** A JSON object as JSON.parse makes it. */
export type JsonObject = Record<string, unknown>;

/**
 * Where one container shape hands what it finds. A shape never parses or searches beyond its own
 * envelope: a record held as text, or an inner document, goes back through `inner`, so every shape
 * nests in every other (an EventBridge event as a CloudWatch Logs message, a record in Splunk's _raw).
 */
export interface EventSink {
  /** a CloudTrail record; `text` is its own JSON text when the document held it as a string */
  record(record: JsonObject, text?: string): void;
  /** a value (or a string holding JSON) inside this one that may hold events; `where` names it */
  inner(value: unknown, where: string): void;
  /** a part of the document left out, and why (one clause, no file name) */
  bad(where: string, why: string): void;
}

/**
 * One way a document holds CloudTrail events. Each lives in its own file under `shapes/` with these
 * exports; `containerShapes` (index.ts) tries them in order on every top-level value.
 *
 * @example
 *   if (eventBridge.matches(value)) eventBridge.read(value, sink);
 */
export interface ContainerShape {
  /** what provenance calls a file of this shape */
  readonly name: Container;
  /** whether a top-level object is this shape (cheap: a few key checks) */
  matches(value: JsonObject): boolean;
  read(value: JsonObject, sink: EventSink): void;
}

export function isObject(value: unknown): value is JsonObject {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** A top-level value that is itself one event: the reader's long-standing, lenient test. */
export function isEvent(value: unknown): value is JsonObject {
  return isObject(value) && ("eventVersion" in value || "eventName" in value);
}

/**
 * The stricter test for objects found inside other documents: CloudTrail's version plus one of its
 * identifying fields, so an unrelated object that happens to have an `eventName` is not taken.
 */
export function looksLikeRecord(value: JsonObject): boolean {
  return typeof value.eventVersion === "string" && (typeof value.eventName === "string" || typeof value.eventSource === "string" || typeof value.eventTime === "string");
}

/** Whether a string may hold a record's JSON text (cheap checks before any parse). */
export function mayHoldRecordText(text: string): boolean {
  const first = text.charCodeAt(0);
  return (first === 0x7b /* { */ || first === 0x20 || first === 0x0a) && text.includes('"eventVersion"');
}
