import { isEvent, type ContainerShape, type JsonObject } from "./container-shape.js";

/** The fields Logstash and Beats add beside the record's own: the envelope's, not CloudTrail's. */
export const LOGSTASH_FIELDS = ["@timestamp", "@version", "tags"] as const;

/**
 * A Logstash / Beats line: the record's own fields plus `@timestamp`, `@version` and `tags`. Those
 * three are dropped, so the record is what CloudTrail wrote (CloudTrail records have none of them).
 */
export const logstash = {
  name: "logstash",
  matches: (value) => isEvent(value) && ("@timestamp" in value || "@version" in value),
  read(value, sink) {
    const record: JsonObject = {};
    for (const key in value) if (!(LOGSTASH_FIELDS as readonly string[]).includes(key)) record[key] = value[key];
    sink.record(record);
  },
} as const satisfies ContainerShape;
