import { bareEvent } from "./bare-event.js";
import { cloudWatchLogs } from "./cloudwatch-logs.js";
import type { ContainerShape } from "./container-shape.js";
import { elastic } from "./elastic.js";
import { embedded } from "./embedded.js";
import { eventBridge } from "./eventbridge.js";
import { logstash } from "./logstash.js";
import { lookupEvent, lookupEvents } from "./lookup-events.js";
import { recordsFile } from "./records-file.js";
import { splunk } from "./splunk.js";

/**
 * Every container shape, in the order they are tried on a JSON object (the first that matches reads
 * it). Envelopes come before the bare event, since a Logstash line or an Elastic document with
 * `event.original` also passes the bare event's lenient test; `embedded` matches anything and is last.
 *
 * @example
 *   const shape = containerShapes.find((s) => s.matches(value))!;   // always one: embedded is last
 */
export const containerShapes = [recordsFile, lookupEvents, lookupEvent, eventBridge, cloudWatchLogs, splunk, elastic, logstash, bareEvent, embedded] as const satisfies readonly ContainerShape[];

/** The names a file's shape can have, from the registry. */
export type ContainerShapeName = (typeof containerShapes)[number]["name"];
