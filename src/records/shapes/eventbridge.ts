import { isObject, type ContainerShape } from "./container-shape.js";

/**
 * An EventBridge event from CloudTrail: `{"version":"0", "detail-type":"AWS API Call via CloudTrail",
 * "source", "account", "time", "region", "resources", "detail":{<record>}}`. Keyed on the record's
 * `detail.eventVersion`, not on the detail-type text (China regions write "Amazon API Call ...", and
 * there are five CloudTrail detail-types).
 */
export const eventBridge = {
  name: "eventbridge",
  matches: (value) => "detail-type" in value && isObject(value.detail) && "eventVersion" in value.detail,
  read: (value, sink) => sink.inner(value.detail, "detail"),
} as const satisfies ContainerShape;
