import { isEvent, type ContainerShape } from "./container-shape.js";

/** One record on its own: a value of a JSON array, a JSON line, or a whole file. */
export const bareEvent = {
  name: "event",
  matches: isEvent,
  read: (value, sink) => sink.record(value),
} as const satisfies ContainerShape;
