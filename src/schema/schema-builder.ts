import type { ExactIntegers } from "../records/exact-integers.js";
import type { ReadResult, SkipReason } from "../records/read-log-file.js";
import { Accumulator, VERSION_BITS } from "./accumulator.js";
import { byCodeUnit, emptyCounts, type Draft } from "./draft.js";
import { inferShape, type InferenceOptions } from "./infer-shape.js";
import { mergeAll } from "./merge-drafts.js";
import { mergeSchemaStates, type EventState, type SchemaBuilderState } from "./schema-state.js";
import type { Conflict, EventShapes, Provenance, SchemaFile } from "./schema-file.js";
import type { ObjectShape } from "./shape.js";

/** The record fields whose shape varies per API call: kept per `eventSource:eventName` as well. */
const PER_EVENT_FIELDS = ["requestparameters", "responseelements"] as const;
/** eventVersions key for records without one */
export const NO_EVENT_VERSION = "none";

/**
 * The incremental, pure schema builder: feed it read results one file at a time (in any order), then
 * `finish` gives the schema file. It holds counters, never records, so memory grows with the number
 * of distinct paths and events, not with input size.
 *
 * @example
 *   const builder = new SchemaBuilder();
 *   builder.addFile("AWSLogs/.../a.json.gz", readLogFile(bytes, "a.json.gz"));
 *   const schema = builder.finish(["./logs"]);
 */
export class SchemaBuilder {
  private readonly options: InferenceOptions;
  private readonly root = new Accumulator();
  /** eventSource -> eventName -> accumulators of the per-event fields; "" -> "" for records without both */
  private readonly events = new Map<string, Map<string, EventAccumulators>>();
  /** eventVersion -> its records, and its bit for the fields' versions (0 past VERSION_BITS) */
  private readonly eventVersions = new Map<string, { records: number; bit: number }>();
  private records = 0;
  private readonly files: Provenance["files"] = [];
  private readonly skipped: Provenance["skipped"] = [];
  /** states of other builders, merged in by `state` and `finish` */
  private readonly added: SchemaBuilderState[] = [];

  constructor(options: InferenceOptions = {}) {
    this.options = options;
  }

  /** Adds one file's read result; `path` is relative to its source root. */
  addFile(path: string, result: ReadResult): void {
    switch (result.kind) {
      case "log":
        for (const record of result.records) this.addRecord(record, result.exactIntegers);
        this.files.push(
          result.framing === undefined
            ? { path, kind: "log", container: result.container, records: result.records.length }
            : { path, kind: "log", container: result.container, framing: result.framing, records: result.records.length },
        );
        return;
      case "digest":
        this.files.push({ path, kind: "digest", records: 0 });
        return;
      case "insight":
        this.files.push({ path, kind: "insight", records: result.records });
        return;
      case "skipped":
        this.addSkipped(path, result.reason);
        return;
    }
  }

  /** Records an object left out before reading (by the sampler) or a file that could not be used. */
  addSkipped(path: string, reason: SkipReason | string): void {
    this.skipped.push({ path, reason });
  }

  /** Adds one CloudTrail record. */
  addRecord(record: Record<string, unknown>, exact?: ExactIntegers): void {
    this.records++;
    const version = record.eventVersion;
    const v = typeof version === "string" ? version : NO_EVENT_VERSION;
    let seen = this.eventVersions.get(v);
    if (seen === undefined) {
      const index = this.eventVersions.size;
      this.eventVersions.set(v, (seen = { records: 0, bit: index < VERSION_BITS ? 1 << index : 0 }));
    }
    seen.records++;
    const bit = seen.bit;
    const root = this.root;
    root.objects++;
    // The same guess-by-position as Accumulator.addObject: records repeat their key order.
    const order = (root.order ??= []);
    let i = 0;
    let event: EventAccumulators | undefined;
    for (const name in record) {
      let spelling = order[i];
      if (spelling === undefined || spelling.name !== name) order[i] = spelling = root.field(name);
      i++;
      spelling.count++;
      spelling.versions |= bit;
      const value = record[name];
      // Which per-event field a root key is, decided once per field (not per record).
      const perEvent = (spelling.field.route ??= PER_EVENT_FIELDS.indexOf(spelling.field.key as (typeof PER_EVENT_FIELDS)[number]));
      if (perEvent < 0) {
        spelling.field.acc.add(value, exact, 2, bit);
        continue;
      }
      event ??= this.eventOf(record);
      event.fields[perEvent]!.add(value, exact, 2, bit);
    }
  }

  private eventOf(record: Record<string, unknown>): EventAccumulators {
    const source = record.eventSource;
    const name = record.eventName;
    // Two-level lookup: no string concatenation per record.
    const bySource = typeof source === "string" && typeof name === "string" ? source : "";
    let names = this.events.get(bySource);
    if (names === undefined) this.events.set(bySource, (names = new Map()));
    const byName = bySource === "" ? "" : (name as string);
    let event = names.get(byName);
    if (event === undefined) {
      event = { records: 0, fields: PER_EVENT_FIELDS.map(() => new Accumulator()) };
      names.set(byName, event);
    }
    event.records++;
    return event;
  }

  /**
   * What this builder has counted, as data that crosses threads and merges with other builders'
   * (see schema-state.ts); states added with `addState` are merged in.
   */
  state(): SchemaBuilderState {
    // Through the merge even alone: it sorts, and joins events whose keys collide ("a:b" + "c" and "a" + "b:c").
    return mergeSchemaStates([this.counted(), ...this.added, EMPTY_STATE]);
  }

  /**
   * What this builder itself counted, frozen but not yet sorted or joined (states added are left
   * out): the cheap form to hand to another builder's `addState`, which merges everything once, in
   * `finish`.
   */
  counted(): SchemaBuilderState {
    // Bit i is the i-th version this builder saw (Map order is insertion order).
    const versions = [...this.eventVersions.keys()];
    const events: EventState[] = [];
    for (const [source, names] of this.events) {
      for (const [name, event] of names) events.push({ key: source === "" ? "" : `${source}:${name}`, records: event.records, fields: event.fields.map((a) => a.freeze(versions)) });
    }
    return {
      records: this.records,
      eventVersions: [...this.eventVersions].map(([v, { records }]) => [v, records]),
      root: this.root.freeze(versions),
      events,
      files: [...this.files],
      skipped: [...this.skipped],
    };
  }

  /** Adds what another builder counted (e.g. on a worker thread): `finish` then covers both. */
  addState(state: SchemaBuilderState): void {
    this.added.push(state);
  }

  /** The schema file for everything added so far; `sources` are the roots as the user gave them. */
  finish(sources: readonly string[]): SchemaFile {
    const state = this.state();
    const eventKeys = state.events.map((e) => e.key);
    const eventDrafts = new Map(state.events.map((e) => [e.key, e.fields]));
    // The record's per-event fields are the merge of every event's.
    const fields = (state.root.object?.fields ?? []).map((f) => {
      const index = PER_EVENT_FIELDS.indexOf(f.key as (typeof PER_EVENT_FIELDS)[number]);
      if (index < 0) return f;
      return { ...f, draft: mergeAll(eventKeys.map((k) => eventDrafts.get(k)![index]!)) };
    });
    const rootDraft: Draft = { ...state.root, object: { fields, empty: state.root.object?.empty ?? 0 } };
    // Fields say which eventVersions brought them only when every version had a bit of its own.
    const tracked = state.eventVersions.length <= VERSION_BITS;
    const { shape, conflicts } = inferShape(rootDraft, "$", this.options, tracked ? state.eventVersions.map(([v]) => v) : undefined);

    const eventEntries: [string, EventShapes][] = [];
    const eventConflicts: Conflict[] = [];
    for (const event of state.events) {
      const key = event.key;
      if (key === "") continue;
      const entry: EventShapes = { records: event.records };
      PER_EVENT_FIELDS.forEach((field, i) => {
        const d = event.fields[i]!;
        if (sameCounts(d, emptyCounts())) return;
        const name = field === "requestparameters" ? "requestParameters" : "responseElements";
        const inferred = inferShape(d, `$.${name}`, this.options, tracked ? "of-its-fields" : undefined);
        entry[name] = inferred.shape;
        for (const c of inferred.conflicts) eventConflicts.push({ ...c, event: key });
      });
      eventEntries.push([key, entry]);
    }

    // fromEntries defines own properties, so a hostile "__proto__" eventVersion is kept as data.
    const eventVersions: Record<string, number> = Object.fromEntries(state.eventVersions);
    return {
      format: "trailhive-schema",
      version: 1,
      records: state.records,
      eventVersions,
      root: shape.kind === "object" ? shape : ({ kind: "object", fields: [] } satisfies ObjectShape),
      events: Object.fromEntries(eventEntries),
      conflicts: [...conflicts, ...eventConflicts.sort(byEventPath)],
      provenance: {
        sources: [...sources],
        files: sortByPath(state.files).map(fileInWriteOrder),
        skipped: sortByPath(state.skipped),
      },
    };
  }
}

/** Merged in by `state`, so even one builder's state goes through the merge's sorting and joining. */
const EMPTY_STATE: SchemaBuilderState = { records: 0, eventVersions: [], root: new Accumulator().freeze(), events: [], files: [], skipped: [] };

/**
 * Entries by path (code units), then by their JSON text (the same path read twice), as a stable sort
 * would order them; but cheaper when a list names each file many times (the same folder given twice,
 * the benchmark's replicas): entries are grouped by path, only the distinct paths are sorted, and a
 * group is sorted by JSON text only when its entries differ (equal entries are the same bytes in any
 * order).
 */
function sortByPath<T extends { path: string }>(entries: readonly T[]): T[] {
  const groups = new Map<string, T[]>();
  for (const entry of entries) {
    const group = groups.get(entry.path);
    if (group === undefined) groups.set(entry.path, [entry]);
    else group.push(entry);
  }
  const out: T[] = [];
  for (const path of [...groups.keys()].sort(byCodeUnit)) {
    const group = groups.get(path)!;
    if (group.length > 1 && !group.every((e) => shallowEqual(e, group[0]!))) {
      const keyed = group.map((entry) => ({ entry, json: JSON.stringify(entry) }));
      keyed.sort((a, b) => byCodeUnit(a.json, b.json));
      for (const k of keyed) out.push(k.entry);
    } else {
      for (const e of group) out.push(e);
    }
  }
  return out;
}

/**
 * A provenance file entry with its keys in the order the schema file writes them (records first), so
 * that serializeSchema does not have to copy every entry to reorder it (one per file read). Entries are
 * built in the older order (path first) because that order's JSON text breaks ties in sortByPath.
 */
function fileInWriteOrder(f: Provenance["files"][number]): Provenance["files"][number] {
  if (f.container === undefined) return { records: f.records, path: f.path, kind: f.kind };
  if (f.framing === undefined) return { records: f.records, path: f.path, kind: f.kind, container: f.container };
  return { records: f.records, path: f.path, kind: f.kind, container: f.container, framing: f.framing };
}

/** Same own keys in the same order with the same primitive values, so the same JSON text. */
function shallowEqual(a: object, b: object): boolean {
  const ka = Object.keys(a);
  const kb = Object.keys(b);
  return ka.length === kb.length && ka.every((k, i) => k === kb[i] && (a as Record<string, unknown>)[k] === (b as Record<string, unknown>)[k]);
}

function sameCounts(d: Draft, counts: ReturnType<typeof emptyCounts>): boolean {
  return Object.entries(counts).every(([k, v]) => d.counts[k as keyof typeof counts] === v);
}

/** Event conflicts after the record's: by path, then event, then resolution. */
function byEventPath(a: Conflict, b: Conflict): number {
  return byCodeUnit(a.path, b.path) || byCodeUnit(a.event ?? "", b.event ?? "") || byCodeUnit(a.resolution, b.resolution);
}

interface EventAccumulators {
  records: number;
  fields: Accumulator[];
}
