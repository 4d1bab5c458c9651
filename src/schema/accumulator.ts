import type { ExactIntegers } from "../records/exact-integers.js";
import { byCodeUnit, emptyCounts, type Draft, type DraftField } from "./draft.js";

/**
 * How deep inference follows nested values (the record is depth 1). Real CloudTrail reaches 11; Hive
 * types nested this deep are unusable anyway, and following hostile input deeper would overflow the
 * stack (5,000 nested arrays did). Deeper values make their path JSON text ("too-deep").
 */
export const MAX_DEPTH = 64;

/**
 * The one mutable part of inference: a tree of counters that records are poured into, one value at a
 * time, then frozen into a `Draft`. It is written for speed (this walk is the whole cost of inference
 * beyond JSON.parse): plain counters, one Map lookup per key by its exact spelling, and the lower-cased
 * merge key computed only the first time a spelling is seen.
 *
 * @example
 *   const acc = new Accumulator();
 *   acc.add({ a: 1 }, undefined);
 *   acc.freeze().object?.fields[0]?.key // "a"
 */
export class Accumulator {
  nulls = 0;
  booleans = 0;
  integers = 0;
  numbers = 0;
  strings = 0;
  objects = 0;
  arrays = 0;
  intMin = Number.POSITIVE_INFINITY;
  intMax = Number.NEGATIVE_INFINITY;
  bigMin: bigint | undefined;
  bigMax: bigint | undefined;
  /** fields by exact spelling; spellings of one lower-cased key share one FieldAccumulator */
  spellings: Map<string, Spelling> | undefined;
  byKey: Map<string, FieldAccumulator> | undefined;
  /** the spellings of the last object seen, by position: the guess for the next one */
  order: Spelling[] | undefined;
  emptyObjects = 0;
  items: Accumulator | undefined;
  maxLength = 0;
  emptyArrays = 0;
  tooDeep = 0;

  /**
   * Adds one JSON value (as JSON.parse made it). `exact` holds true digits of rounded big integers;
   * `version` is the bit of the record's eventVersion (SchemaBuilder's), marked on every field reached.
   */
  add(value: unknown, exact: ExactIntegers | undefined, depth = 1, version = 0): void {
    switch (typeof value) {
      case "string":
        this.strings++;
        return;
      case "number":
        if (Number.isInteger(value)) {
          this.integers++;
          if (Number.isSafeInteger(value)) {
            if (value < this.intMin) this.intMin = value;
            if (value > this.intMax) this.intMax = value;
          } else this.addBig(value, exact);
        } else this.numbers++;
        return;
      case "boolean":
        this.booleans++;
        return;
      case "object":
        if (value === null) this.nulls++;
        else if (depth >= MAX_DEPTH) this.addTooDeep(value);
        else if (Array.isArray(value)) this.addArray(value, exact, depth, version);
        else this.addObject(value as Record<string, unknown>, exact, depth, version);
        return;
      default:
        // undefined, functions, bigint: JSON.parse never makes these
        this.nulls++;
    }
  }

  addObject(value: Record<string, unknown>, exact: ExactIntegers | undefined, depth = 1, version = 0): void {
    this.objects++;
    // Objects at one path mostly repeat the same keys in the same order (JSON.parse keeps the
    // text's order), so the spelling at each position is guessed from the last object and checked
    // with one string comparison (internalized keys compare by pointer); only a miss hashes.
    const order = (this.order ??= []);
    let i = 0;
    for (const name in value) {
      let spelling = order[i];
      if (spelling === undefined || spelling.name !== name) {
        spelling = this.spellings?.get(name) ?? this.newSpelling(name);
        order[i] = spelling;
      }
      i++;
      spelling.count++;
      spelling.versions |= version;
      spelling.field.acc.add(value[name], exact, depth + 1, version);
    }
    if (i === 0) this.emptyObjects++;
  }

  /** The accumulator of one field, by exact spelling, for callers that route values themselves. */
  field(name: string): Spelling {
    return this.spellings?.get(name) ?? this.newSpelling(name);
  }

  private addTooDeep(value: object): void {
    if (Array.isArray(value)) this.arrays++;
    else this.objects++;
    this.tooDeep++;
  }

  private addArray(value: unknown[], exact: ExactIntegers | undefined, depth: number, version: number): void {
    this.arrays++;
    const n = value.length;
    if (n === 0) {
      this.emptyArrays++;
      return;
    }
    if (n > this.maxLength) this.maxLength = n;
    const items = (this.items ??= new Accumulator());
    for (let i = 0; i < n; i++) items.add(value[i], exact, depth + 1, version);
  }

  private addBig(value: number, exact: ExactIntegers | undefined): void {
    const known = exact?.get(value);
    const lo = known?.min ?? BigInt(value);
    const hi = known?.max ?? BigInt(value);
    if (this.bigMin === undefined || lo < this.bigMin) this.bigMin = lo;
    if (this.bigMax === undefined || hi > this.bigMax) this.bigMax = hi;
  }

  private newSpelling(name: string): Spelling {
    this.spellings ??= new Map();
    this.byKey ??= new Map();
    const key = name.toLowerCase();
    let field = this.byKey.get(key);
    if (field === undefined) {
      field = { key, acc: new Accumulator(), route: undefined };
      this.byKey.set(key, field);
    }
    const spelling: Spelling = { name, count: 0, versions: 0, field };
    this.spellings.set(name, spelling);
    return spelling;
  }

  /**
   * Freezes the counters into an immutable Draft (fields sorted by key, spellings by code unit). With
   * `versions` (the eventVersion of each bit, SchemaBuilder's), each field gets the versions that brought it.
   */
  freeze(versions?: readonly string[]): Draft {
    const counts = emptyCounts();
    counts.null = this.nulls;
    counts.boolean = this.booleans;
    counts.integer = this.integers;
    counts.number = this.numbers;
    counts.string = this.strings;
    counts.object = this.objects;
    counts.array = this.arrays;
    const draft: Draft = { counts };
    if (this.tooDeep > 0) draft.tooDeep = this.tooDeep;
    if (this.integers > 0) {
      let min = this.bigMin;
      let max = this.bigMax;
      if (this.intMin !== Number.POSITIVE_INFINITY) {
        const lo = BigInt(this.intMin);
        const hi = BigInt(this.intMax);
        if (min === undefined || lo < min) min = lo;
        if (max === undefined || hi > max) max = hi;
      }
      draft.intRange = { min: min!, max: max! };
    }
    if (this.objects > 0) {
      const grouped = new Map<FieldAccumulator, { spellings: [string, number][]; versions: number }>();
      for (const s of this.spellings?.values() ?? []) {
        const entry = grouped.get(s.field);
        if (entry === undefined) grouped.set(s.field, { spellings: [[s.name, s.count]], versions: s.versions });
        else {
          entry.spellings.push([s.name, s.count]);
          entry.versions |= s.versions;
        }
      }
      const fields: DraftField[] = [];
      for (const [field, { spellings, versions: bits }] of grouped) {
        spellings.sort((a, b) => byCodeUnit(a[0], b[0]));
        const draft = field.acc.freeze(versions);
        fields.push(versions === undefined ? { key: field.key, spellings, draft } : { key: field.key, spellings, versions: versionsOf(bits, versions), draft });
      }
      fields.sort((a, b) => byCodeUnit(a.key, b.key));
      draft.object = { fields, empty: this.emptyObjects };
    }
    if (this.arrays > 0) {
      draft.array = { items: this.items?.freeze(versions) ?? { counts: emptyCounts() }, maxLength: this.maxLength, empty: this.emptyArrays };
    }
    return draft;
  }
}

export interface FieldAccumulator {
  key: string;
  acc: Accumulator;
  /** for the record's own fields: which per-event field this is (SchemaBuilder's routing), -1 for none */
  route?: number;
}

export interface Spelling {
  name: string;
  count: number;
  /** the bits of the eventVersions of the records it was seen in */
  versions: number;
  field: FieldAccumulator;
}

/** The eventVersions whose bits are set, sorted by code unit (`names[i]` is bit `1 << i`). */
function versionsOf(bits: number, names: readonly string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < names.length && i < VERSION_BITS; i++) if (bits & (1 << i)) out.push(names[i]!);
  return out.sort(byCodeUnit);
}

/**
 * How many eventVersions a builder gives a bit of their own (the 31 positive bits of a small integer);
 * records of any others mark nothing, and the schema then says nothing per field (see
 * MAX_FIELD_VERSIONS): real CloudTrail has about a dozen versions in all.
 */
export const VERSION_BITS = 31;
