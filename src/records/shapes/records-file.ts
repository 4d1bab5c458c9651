import { foreignRecord, isObject, type ContainerShape } from "./container-shape.js";

/**
 * CloudTrail's own S3 delivery, `{"Records":[...]}`, met as one of several values (a whole file of it
 * takes readLogFile's fast path) or as text inside another document.
 */
export const recordsFile = {
  name: "records",
  matches: (value) => Array.isArray(value.Records),
  read(value, sink) {
    const records = value.Records as unknown[];
    records.forEach((r, i) => {
      if (!isObject(r)) return sink.bad(`Records[${i}]`, "not an object");
      const foreign = foreignRecord(r);
      if (foreign === undefined) sink.record(r);
      else sink.bad(`Records[${i}]`, `not a CloudTrail record: ${foreign}`);
    });
  },
} as const satisfies ContainerShape;
