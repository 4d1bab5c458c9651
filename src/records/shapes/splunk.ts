import { isObject, type ContainerShape } from "./container-shape.js";

/**
 * Splunk's search export, one line per result: `{"preview":false, "offset":N, "result":{"_time",
 * "_raw":"<record JSON>", "host", "source", "sourcetype":"aws:cloudtrail"}}`. The record is `_raw`;
 * the result's other fields are Splunk's.
 */
export const splunk = {
  name: "splunk",
  matches: (value) => isObject(value.result) && ("_raw" in value.result || "preview" in value),
  read(value, sink) {
    const raw = (value.result as Record<string, unknown>)._raw;
    if (typeof raw === "string") sink.inner(raw, "result._raw");
    else sink.bad("result", "a Splunk result without a _raw string");
  },
} as const satisfies ContainerShape;
