import { isObject, type ContainerShape } from "./container-shape.js";

/**
 * A CloudWatch Logs subscription payload: `{"messageType":"DATA_MESSAGE", "owner", "logGroup",
 * "logStream", "subscriptionFilters", "logEvents":[{"id","timestamp","message":"<record JSON>"}]}`.
 * A `CONTROL_MESSAGE` (the check CloudWatch sends when a subscription starts) holds no events.
 */
export const cloudWatchLogs = {
  name: "cloudwatch-logs",
  matches: (value) => typeof value.messageType === "string" && (Array.isArray(value.logEvents) || value.messageType === "CONTROL_MESSAGE"),
  read(value, sink) {
    if (value.messageType === "CONTROL_MESSAGE" || !Array.isArray(value.logEvents)) return;
    value.logEvents.forEach((e: unknown, i: number) => {
      const message = isObject(e) ? e.message : undefined;
      if (typeof message === "string") sink.inner(message, `logEvents[${i}].message`);
      else sink.bad(`logEvents[${i}]`, "a log event without a message string");
    });
  },
} as const satisfies ContainerShape;
