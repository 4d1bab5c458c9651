import { isEvent, isObject, type ContainerShape, type EventSink, type JsonObject } from "./container-shape.js";

/**
 * `aws cloudtrail lookup-events` output: `{"Events":[{"EventId", "EventName", ..., "CloudTrailEvent":
 * "<record JSON>"}], "NextToken"}`. The record is the CloudTrailEvent text; the Event's own fields
 * (EventTime in whatever format the tool wrote, ReadOnly as text) repeat it and are not read.
 */
export const lookupEvents = {
  name: "lookup-events",
  matches: (value) => Array.isArray(value.Events),
  read(value, sink) {
    (value.Events as unknown[]).forEach((e, i) => readEvent(e, `Events[${i}]`, sink));
  },
} as const satisfies ContainerShape;

/** One Event object alone, as plaso's JSON-L writes them one per line. */
export const lookupEvent = {
  name: "lookup-events",
  matches: (value) => typeof value.CloudTrailEvent === "string",
  read: (value, sink) => readEvent(value, "CloudTrailEvent", sink),
} as const satisfies ContainerShape;

function readEvent(event: unknown, where: string, sink: EventSink): void {
  if (!isObject(event)) return sink.bad(where, "not an object");
  const text = (event as JsonObject).CloudTrailEvent;
  if (typeof text === "string") return sink.inner(text, `${where}.CloudTrailEvent`);
  // Tools that decode CloudTrailEvent themselves (Stratus Red Team) save the record in its place.
  if (isEvent(event)) return sink.record(event);
  sink.bad(where, "an Event without a CloudTrailEvent string");
}
