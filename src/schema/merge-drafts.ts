import { byCodeUnit, type Draft, type DraftField, type KindCounts } from "./draft.js";

/**
 * Merges two drafts into one holding both: counts add, integer ranges join, object fields merge by
 * lower-cased key (spellings add), array items merge. Used for map values (every field of a map-like
 * object merged into one) and to join per-event shapes into the record's shape. Commutative and
 * associative, so the result does not depend on the order drafts arrive in.
 *
 * @example
 *   mergeDrafts(a, b).counts.string === a.counts.string + b.counts.string
 */
export function mergeDrafts(a: Draft, b: Draft): Draft {
  const out: Draft = { counts: addCounts(a.counts, b.counts) };
  const range = joinRange(a.intRange, b.intRange);
  if (range) out.intRange = range;
  if (a.object || b.object) {
    out.object = {
      fields: mergeFields(a.object?.fields ?? [], b.object?.fields ?? []),
      empty: (a.object?.empty ?? 0) + (b.object?.empty ?? 0),
    };
  }
  if (a.array || b.array) {
    const x = a.array;
    const y = b.array;
    out.array = {
      items: x && y ? mergeDrafts(x.items, y.items) : (x ?? y)!.items,
      maxLength: Math.max(x?.maxLength ?? 0, y?.maxLength ?? 0),
      empty: (x?.empty ?? 0) + (y?.empty ?? 0),
    };
  }
  if (a.map || b.map) {
    const x = a.map;
    const y = b.map;
    out.map = {
      values: x && y ? mergeDrafts(x.values, y.values) : (x ?? y)!.values,
      distinctKeys: (x?.distinctKeys ?? 0) + (y?.distinctKeys ?? 0),
      reason: (x ?? y)!.reason,
    };
  }
  const forced = a.forced ?? b.forced;
  if (forced) out.forced = forced;
  return out;
}

/** Merges many drafts (none: a draft that saw nothing). */
export function mergeAll(drafts: readonly Draft[]): Draft {
  let out: Draft | undefined;
  for (const d of drafts) out = out === undefined ? d : mergeDrafts(out, d);
  return out ?? { counts: { null: 0, boolean: 0, integer: 0, number: 0, string: 0, object: 0, array: 0 } };
}

function addCounts(a: KindCounts, b: KindCounts): KindCounts {
  return {
    null: a.null + b.null,
    boolean: a.boolean + b.boolean,
    integer: a.integer + b.integer,
    number: a.number + b.number,
    string: a.string + b.string,
    object: a.object + b.object,
    array: a.array + b.array,
  };
}

function joinRange(a: Draft["intRange"], b: Draft["intRange"]): Draft["intRange"] {
  if (!a) return b;
  if (!b) return a;
  return { min: a.min < b.min ? a.min : b.min, max: a.max > b.max ? a.max : b.max };
}

function mergeFields(a: readonly DraftField[], b: readonly DraftField[]): DraftField[] {
  const byKey = new Map<string, DraftField>();
  for (const f of [...a, ...b]) {
    const seen = byKey.get(f.key);
    if (seen === undefined) {
      byKey.set(f.key, f);
      continue;
    }
    const spellings = new Map(seen.spellings);
    for (const [name, count] of f.spellings) spellings.set(name, (spellings.get(name) ?? 0) + count);
    byKey.set(f.key, {
      key: f.key,
      spellings: [...spellings].sort((x, y) => byCodeUnit(x[0], y[0])),
      draft: mergeDrafts(seen.draft, f.draft),
    });
  }
  return [...byKey.values()].sort((x, y) => byCodeUnit(x.key, y.key));
}
