import type { Draft, PathOverride } from "../draft.js";
import { displayName } from "../draft.js";
import { childPath, ITEMS, MAP_VALUES } from "../json-path.js";

/**
 * Pass 1, "apply overrides": marks the drafts at user-given paths (quicktype's `isFixed`) so the later
 * passes keep them as told: `json` (keep as JSON text), `map` (a map whatever its keys), `object`
 * (a struct even when the map rules say map). Paths match case-insensitively.
 *
 * @example
 *   applyOverrides(draft, { "$.requestParameters.filter": "json" })
 */
export function applyOverrides(draft: Draft, overrides: Readonly<Record<string, PathOverride>>, path = "$"): Draft {
  const wanted = new Map(Object.entries(overrides).map(([p, o]) => [p.toLowerCase(), o] as const));
  if (wanted.size === 0) return draft;
  return walk(draft, path, wanted);
}

function walk(draft: Draft, path: string, wanted: ReadonlyMap<string, PathOverride>): Draft {
  const out: Draft = { ...draft };
  const forced = wanted.get(path.toLowerCase());
  if (forced) out.forced = forced;
  if (draft.object) {
    out.object = {
      ...draft.object,
      fields: draft.object.fields.map((f) => ({ ...f, draft: walk(f.draft, childPath(path, displayName(f)), wanted) })),
    };
  }
  if (draft.array) out.array = { ...draft.array, items: walk(draft.array.items, path + ITEMS, wanted) };
  if (draft.map) out.map = { ...draft.map, values: walk(draft.map.values, path + MAP_VALUES, wanted) };
  return out;
}
