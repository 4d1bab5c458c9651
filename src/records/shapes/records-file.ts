import { isObject, type ContainerShape } from "./container-shape.js";

/**
 * CloudTrail's own S3 delivery, `{"Records":[...]}`, met as one of several values (a whole file of it
 * takes readLogFile's fast path) or as text inside another document.
 */
export const recordsFile = {
  name: "records",
  matches: (value) => Array.isArray(value.Records),
  read(value, sink) {
    const records = value.Records as unknown[];
    records.forEach((r, i) => (isObject(r) ? sink.record(r) : sink.bad(`Records[${i}]`, "not an object")));
  },
} as const satisfies ContainerShape;
