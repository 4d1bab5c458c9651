import { byCodeUnit, emptyCounts, type Draft, type DraftField } from "./draft.js";

/**
 * Merges drafts into one holding them all: counts add, integer ranges join, object fields merge by
 * lower-cased key (spellings add), array items and map values merge. Used for map values (every
 * field of a map-like object merged into one) and to join per-event shapes into the record's shape.
 * Commutative and associative, so the result does not depend on the order drafts arrive in. All
 * drafts are merged at once, level by level (pairwise merging rebuilt every field list per pair,
 * which was quadratic over ~500 events).
 *
 * @example
 *   mergeAll([a, b]).counts.string === a.counts.string + b.counts.string
 */
export function mergeAll(drafts: readonly Draft[]): Draft {
  if (drafts.length === 1) return drafts[0]!;
  const counts = emptyCounts();
  const out: Draft = { counts };
  let min: bigint | undefined;
  let max: bigint | undefined;
  const fields = new Map<string, { spellings: Map<string, number>; versions: Set<string> | undefined; drafts: Draft[] }>();
  let objects = false;
  let emptyObjects = 0;
  const items: Draft[] = [];
  let arrays = false;
  let maxLength = 0;
  let emptyArrays = 0;
  const values: Draft[] = [];
  let map: Draft["map"];
  let distinctKeys = 0;
  for (const d of drafts) {
    counts.null += d.counts.null;
    counts.boolean += d.counts.boolean;
    counts.integer += d.counts.integer;
    counts.number += d.counts.number;
    counts.string += d.counts.string;
    counts.object += d.counts.object;
    counts.array += d.counts.array;
    if (d.intRange) {
      if (min === undefined || d.intRange.min < min) min = d.intRange.min;
      if (max === undefined || d.intRange.max > max) max = d.intRange.max;
    }
    if (d.object) {
      objects = true;
      emptyObjects += d.object.empty;
      for (const f of d.object.fields) {
        let entry = fields.get(f.key);
        if (entry === undefined) fields.set(f.key, (entry = { spellings: new Map(), versions: undefined, drafts: [] }));
        for (const [name, count] of f.spellings) entry.spellings.set(name, (entry.spellings.get(name) ?? 0) + count);
        if (f.versions !== undefined) for (const v of f.versions) (entry.versions ??= new Set()).add(v);
        entry.drafts.push(f.draft);
      }
    }
    if (d.array) {
      arrays = true;
      items.push(d.array.items);
      if (d.array.maxLength > maxLength) maxLength = d.array.maxLength;
      emptyArrays += d.array.empty;
    }
    if (d.map) {
      map ??= d.map;
      values.push(d.map.values);
      distinctKeys += d.map.distinctKeys;
    }
    if (d.forced && !out.forced) out.forced = d.forced;
    if (d.tooDeep) out.tooDeep = (out.tooDeep ?? 0) + d.tooDeep;
  }
  if (min !== undefined && max !== undefined) out.intRange = { min, max };
  if (objects) {
    const merged: DraftField[] = [...fields]
      .sort(([a], [b]) => byCodeUnit(a, b))
      .map(([key, e]): DraftField => {
        const spellings = [...e.spellings].sort((x, y) => byCodeUnit(x[0], y[0]));
        const draft = mergeAll(e.drafts);
        return e.versions === undefined ? { key, spellings, draft } : { key, spellings, versions: [...e.versions].sort(byCodeUnit), draft };
      });
    out.object = { fields: merged, empty: emptyObjects };
  }
  if (arrays) out.array = { items: mergeAll(items), maxLength, empty: emptyArrays };
  if (map) out.map = { values: mergeAll(values), distinctKeys, reason: map.reason };
  return out;
}

/** Two drafts merged (see mergeAll). */
export function mergeDrafts(a: Draft, b: Draft): Draft {
  return mergeAll([a, b]);
}
