import type { JsonKind, MapReason } from "./shape.js";

/**
 * A merged but not yet decided shape: every JSON kind seen at one path with its count, side by side
 * (a union). The passes in `passes/` turn drafts into `Shape`s; drafts are plain immutable data.
 */
export interface Draft {
  /** how many values of each kind, nulls included */
  counts: KindCounts;
  /** exact range of the integers seen */
  intRange?: { min: bigint; max: bigint };
  /** present when objects were seen: their fields by lower-cased key, sorted */
  object?: { fields: DraftField[]; empty: number };
  /** present when arrays were seen */
  array?: { items: Draft; maxLength: number; empty: number };
  /** set by detectMaps: the object is a map of these merged values */
  map?: { values: Draft; distinctKeys: number; reason: MapReason };
  /** set by applyOverrides from a per-path override */
  forced?: PathOverride;
  /** objects or arrays met deeper than MAX_DEPTH here (not followed) */
  tooDeep?: number;
}

export interface DraftField {
  key: string;
  /** spelling -> times seen, sorted by spelling */
  spellings: [string, number][];
  /** the eventVersions of the records that had the field, sorted (absent when not tracked) */
  versions?: string[];
  draft: Draft;
}

export type KindCounts = Record<JsonKind, number>;

/** What a per-path override can force: JSON text, a map, or a struct even when map rules say map. */
export type PathOverride = "json" | "map" | "object";

export const JSON_KINDS: readonly JsonKind[] = ["null", "boolean", "integer", "number", "string", "object", "array"];

/** @example emptyCounts().string // 0 */
export function emptyCounts(): KindCounts {
  return { null: 0, boolean: 0, integer: 0, number: 0, string: 0, object: 0, array: 0 };
}

/**
 * Non-null kinds with their counts, in JSON_KINDS order (what a FieldStats or a Conflict shows).
 * @example nonNullKinds({ ...emptyCounts(), null: 2, string: 3 }) // { string: 3 }
 */
export function nonNullKinds(counts: KindCounts): Partial<Record<JsonKind, number>> {
  const out: Partial<Record<JsonKind, number>> = {};
  for (const kind of JSON_KINDS) if (kind !== "null" && counts[kind] > 0) out[kind] = counts[kind];
  return out;
}

/** Times a field was seen at all (every spelling). @example presentCount({ key: "tagging", spellings: [["Tagging", 2], ["tagging", 1]], draft }) // 3 */
export function presentCount(field: DraftField): number {
  let n = 0;
  for (const [, count] of field.spellings) n += count;
  return n;
}

/** The most frequent spelling; ties go to the first in code-unit order. @example displayName(field) // "Tagging" */
export function displayName(field: DraftField): string {
  let best = field.spellings[0]!;
  for (const entry of field.spellings) if (entry[1] > best[1]) best = entry;
  return best[0];
}

/** Code-unit order, the same in every locale. @example ["b", "B", "a"].sort(byCodeUnit) // ["B", "a", "b"] */
export function byCodeUnit(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
