import { byCodeUnit, type Draft } from "./draft.js";
import { mergeAll } from "./merge-drafts.js";
import type { Provenance } from "./schema-file.js";

/**
 * What a SchemaBuilder has counted, as plain data: frozen drafts, counters and provenance lists, no
 * classes and no Maps, so it crosses a worker thread's message (structured clone keeps the drafts'
 * bigints) and merges with other builders' states. Merging is what lets several threads each infer
 * over their share of the files: counts add and drafts merge (mergeAll is commutative and
 * associative), and `finish` sorts provenance, so the schema file is the same bytes whichever builder
 * saw which file, in whatever order.
 *
 * @example
 *   const a = new SchemaBuilder(); a.addFile("x.json", readLogFile(x, "x.json"));
 *   const b = new SchemaBuilder(); b.addFile("y.json", readLogFile(y, "y.json"));
 *   const both = mergeSchemaStates([a.state(), b.state()]);   // as if one builder had read x and y
 */
export interface SchemaBuilderState {
  records: number;
  /** eventVersion -> records, sorted by version */
  eventVersions: [string, number][];
  /** the records' own draft; its per-event fields hold only their spellings (the values are in `events`) */
  root: Draft;
  /** per `eventSource:eventName` ("" for records without both), sorted by key */
  events: EventState[];
  files: Provenance["files"];
  skipped: Provenance["skipped"];
}

export interface EventState {
  key: string;
  records: number;
  /** one draft per per-event field (SchemaBuilder's PER_EVENT_FIELDS order) */
  fields: Draft[];
}

export function mergeSchemaStates(states: readonly SchemaBuilderState[]): SchemaBuilderState {
  if (states.length === 1) return states[0]!;
  const versions = new Map<string, number>();
  const events = new Map<string, { records: number; fields: Draft[][] }>();
  let records = 0;
  for (const state of states) {
    records += state.records;
    for (const [version, n] of state.eventVersions) versions.set(version, (versions.get(version) ?? 0) + n);
    for (const event of state.events) {
      let merged = events.get(event.key);
      if (merged === undefined) events.set(event.key, (merged = { records: 0, fields: event.fields.map(() => []) }));
      merged.records += event.records;
      event.fields.forEach((d, i) => merged.fields[i]!.push(d));
    }
  }
  return {
    records,
    eventVersions: [...versions].sort((a, b) => byCodeUnit(a[0], b[0])),
    root: mergeAll(states.map((s) => s.root)),
    events: [...events.keys()].sort(byCodeUnit).map((key) => {
      const e = events.get(key)!;
      return { key, records: e.records, fields: e.fields.map((drafts) => mergeAll(drafts)) };
    }),
    files: states.flatMap((s) => s.files),
    skipped: states.flatMap((s) => s.skipped),
  };
}
