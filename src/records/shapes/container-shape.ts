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

/**
 * CloudTrail's eventVersion: "1.0" to "1.11" so far. S3 Event Notifications write "2.x" (with
 * eventName and eventSource too), EventBridge envelopes "0".
 */
const CLOUDTRAIL_VERSION = /^1\.\d{1,3}$/;
/** An AWS service's eventSource as CloudTrail writes it: `ec2.amazonaws.com`, `signin.amazonaws.com`. */
const AWS_EVENT_SOURCE = /^[a-z0-9-]+(?:\.[a-z0-9-]+)*\.amazonaws\.com$/;

/**
 * A value that is itself one CloudTrail event: a CloudTrail eventVersion, or, without one, an
 * eventName, an eventSource of the `<service>.amazonaws.com` form and an eventTime. An object that
 * merely has an `eventName` (web analytics, S3 Event Notifications) is not one.
 *
 * @example
 *   isEvent({ eventVersion: "1.08", eventName: "RunInstances" })                    // true
 *   isEvent({ eventVersion: "2.1", eventSource: "aws:s3", eventName: "ObjectCreated:Put" })  // false
 */
export function isEvent(value: unknown): value is JsonObject {
  if (!isObject(value)) return false;
  if ("eventVersion" in value) return typeof value.eventVersion === "string" && CLOUDTRAIL_VERSION.test(value.eventVersion);
  return typeof value.eventName === "string" && typeof value.eventTime === "string" && typeof value.eventSource === "string" && AWS_EVENT_SOURCE.test(value.eventSource);
}

/**
 * Why a record of a `{"Records":[...]}` file is another service's event, or undefined. Records there
 * may lack eventVersion (tools that trim them), but an S3 Event Notification (`{"Records":[...]}`
 * too, eventVersion 2.x, eventSource `aws:s3`) is not CloudTrail.
 *
 * @example
 *   foreignRecord({ eventVersion: "2.1", eventSource: "aws:s3" })  // 'eventVersion "2.1", eventSource "aws:s3" (an S3 Event Notification?)'
 */
export function foreignRecord(record: JsonObject): string | undefined {
  const version = record.eventVersion;
  const source = record.eventSource;
  const badVersion = version !== undefined && !(typeof version === "string" && CLOUDTRAIL_VERSION.test(version));
  const badSource = typeof source === "string" && source.startsWith("aws:");
  if (!badVersion && !badSource) return undefined;
  const what = [badVersion ? `eventVersion ${JSON.stringify(version)}` : "", badSource ? `eventSource ${JSON.stringify(source)}` : ""].filter((w) => w !== "").join(", ");
  return `${what} (an S3 Event Notification?)`;
}

/**
 * The stricter test for objects found inside other documents: CloudTrail's version plus one of its
 * identifying fields, so an unrelated object that happens to have an `eventName` is not taken.
 */
export function looksLikeRecord(value: JsonObject): boolean {
  return (
    typeof value.eventVersion === "string" &&
    CLOUDTRAIL_VERSION.test(value.eventVersion) &&
    (typeof value.eventName === "string" || typeof value.eventSource === "string" || typeof value.eventTime === "string")
  );
}

/** Whether a string may hold a record's JSON text (cheap checks before any parse). */
export function mayHoldRecordText(text: string): boolean {
  const first = text.charCodeAt(0);
  return (first === 0x7b /* { */ || first === 0x20 || first === 0x0a) && text.includes('"eventVersion"');
}
