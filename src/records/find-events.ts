import type { Container } from "../schema/schema-file.js";
import { isObject, type EventSink, type JsonObject } from "./shapes/container-shape.js";
import { containerShapes } from "./shapes/index.js";
import type { Framing } from "./read-json-values.js";

/**
 * How many envelopes deep a record is looked for (a record's text in a CloudWatch Logs message of an
 * EventBridge event is 3). Deeper values are left out and reported, so hostile nesting costs nothing.
 */
export const MAX_NESTING = 8;

/** The eventType of a CloudTrail Insights event, in an Insights file or in any envelope. */
export const INSIGHT_EVENT_TYPE = "AwsCloudTrailInsight";

/** One top-level value of a file; `line`, `offset` and `text` are known when the file held several. */
export interface TopValue {
  value: unknown;
  line?: number;
  offset?: number;
  text?: string;
}

export interface FoundEvents {
  /** the file's shape: of the first top-level value (or array element) that held events */
  container: Container;
  records: JsonObject[];
  /** per record, its own JSON text when the file held it as text (a string, a line), else undefined */
  texts: (string | undefined)[];
  /** parts left out, each "line L (byte B): WHERE: why" (location as far as known) */
  bad: string[];
  /** CloudTrail Insights events found (in any shape): counted, never records */
  insights: number;
  /** why no value held an event, when none did (for the file's one-line reason) */
  empty?: string;
}

/**
 * Finds the CloudTrail events in a file's top-level values, wherever they are: each value goes
 * through the container shapes (shapes/index.ts), the first that matches reads it, and what it finds
 * inside (a record's text, an inner document) goes through them again, up to MAX_NESTING envelopes.
 * Values that cannot be read are reported in `bad` and the rest is read.
 *
 * @example
 *   const found = findEvents([{ value: { Events: [{ CloudTrailEvent: '{"eventVersion":"1.08","eventName":"X"}' }] } }], undefined);
 *   found.container // "lookup-events"; found.records[0].eventName // "X"
 */
export function findEvents(values: readonly TopValue[], framing: Framing | undefined): FoundEvents {
  const found: FoundEvents = { container: "event", records: [], texts: [], bad: [], insights: 0 };
  let shape: Container | undefined;
  let firstMatched: Container | undefined;
  const emptyValues: string[] = [];

  for (const top of values) {
    const at = top.line === undefined ? "" : `line ${top.line} (byte ${top.offset}): `;
    const topArray = Array.isArray(top.value);
    let matched: Container | undefined;

    /**
     * Reads one value; true when it is accounted for (it gave events, a part was reported, or a named
     * shape read it and found none, as in a CONTROL_MESSAGE), false when it holds nothing known.
     */
    const visit = (value: unknown, text: string | undefined, where: string, nesting: number, outer: Container | undefined): boolean => {
      const here = where === "" ? "" : `${where}: `;
      const bad = (why: string) => (found.bad.push(`${at}${here}${why}`), true);
      if (nesting > MAX_NESTING) return bad(`nested deeper than ${MAX_NESTING} envelopes; left out`);
      if (typeof value === "string") {
        let parsed: unknown;
        try {
          parsed = JSON.parse(value);
        } catch (error) {
          return bad(`a string that is not a record's JSON text (${(error as Error).message.replace(/ in JSON at position \d+.*$/, "")})`);
        }
        if (!isObject(parsed) && !Array.isArray(parsed)) return bad("a string that is not a record's JSON text");
        return visit(parsed, value, where, nesting + 1, outer);
      }
      if (Array.isArray(value)) {
        value.forEach((item, i) => {
          const itemWhere = `${where}[${i}]`;
          if (!visit(item, undefined, itemWhere, nesting + 1, outer)) found.bad.push(`${at}${itemWhere}: no CloudTrail event in ${describe(item)}`);
        });
        return true;
      }
      if (!isObject(value)) return bad(`not an object (${value === null ? "null" : typeof value})`);
      const reader = containerShapes.find((s) => s.matches(value))!;
      const name = outer ?? (reader.name === "event" && topArray ? "array" : reader.name);
      matched ??= name;
      const before = found.records.length + found.bad.length;
      const join = (inner: string) => (where === "" ? inner : inner === "" ? where : `${where}.${inner}`);
      const sink: EventSink = {
        record: (record, own) => {
          shape ??= name;
          // Insights events are another log (what Insights found, not API calls): counted, left out.
          if (record.eventType === INSIGHT_EVENT_TYPE) return void found.insights++;
          found.records.push(record);
          found.texts.push(own ?? (record === value ? text : undefined));
        },
        inner: (inner, innerWhere) => void visit(inner, undefined, join(innerWhere), nesting + 1, name),
        bad: (badWhere, why) => void found.bad.push(`${at}${join(badWhere)}: ${why}`),
      };
      reader.read(value, sink);
      return reader.name !== "embedded" || found.records.length + found.bad.length > before;
    };

    if (!visit(top.value, top.text, "", 0, undefined)) {
      const what = describe(top.value);
      if (values.length > 1) found.bad.push(`${at}no CloudTrail event in ${what}`);
      emptyValues.push(what);
    }
    firstMatched ??= matched;
  }

  found.container = fileContainer(shape ?? firstMatched ?? "embedded", values.length, framing);
  if (found.records.length === 0 && found.bad.length === 0 && found.insights === 0)
    found.empty = emptyValues.length > 0 ? `no CloudTrail event in ${emptyValues[0]}` : `a ${found.container} document with no events`;
  return found;
}

/** A bare event's file is named by its layout, as before: one value, an array, lines, or concatenated. */
function fileContainer(shape: Container, values: number, framing: Framing | undefined): Container {
  if (shape !== "event") return shape;
  if (values <= 1) return "event";
  return framing === "concatenated" ? "concatenated" : "lines";
}

/** A short description of a value for a message: its kind and first keys. */
function describe(value: unknown): string {
  if (Array.isArray(value)) return value.length === 0 ? "an empty JSON array" : `a JSON array of ${value.length} values`;
  if (!isObject(value)) return `a JSON ${value === null ? "null" : typeof value}`;
  const keys = Object.keys(value);
  if (keys.length === 0) return "an empty object";
  return `an object with keys ${keys
    .slice(0, 5)
    .map((k) => JSON.stringify(k.length > 40 ? k.slice(0, 40) + "..." : k))
    .join(", ")}${keys.length > 5 ? ", ..." : ""}`;
}
