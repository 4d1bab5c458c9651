import type { Draft } from "../draft.js";
import type { MapReason } from "../shape.js";
import { presentCount } from "../draft.js";
import { isIdentifier } from "../json-path.js";
import { mergeAll } from "../merge-drafts.js";

/**
 * Pass 2, "detect maps": an object whose keys are data rather than names becomes a map of its merged
 * values. Two signals, checked in this order:
 *
 * 1. Non-identifier keys. A key Hive cannot take as a struct field (`x-amz-id-2`,
 *    `aws:lambda:FunctionArn`, an ARN, an account id, `@timestamp`) makes the object a map: Hive's
 *    TypeInfoUtils rejects such a struct type even backquoted, while the JSON SerDes read these keys as
 *    map keys correctly (docs/ARCHITECTURE.md, Measured Hive facts). One such key is enough.
 * 2. Many rare keys. Many distinct keys each seen in few of the objects (instance ids, tag keys,
 *    bucket names as keys) is a dictionary, not a record type. `MANY_KEYS` and `RARE_SHARE` set
 *    where; with few objects seen every key is "common", so a wide but real struct (RunInstances'
 *    request) stays a struct. `ALWAYS_MAP_KEYS` caps struct width outright, because a struct type
 *    string that long breaks metastore limits (4,000 characters in older Hive metastores).
 *
 * A per-path override (`map` / `object`, see applyOverrides) wins over both.
 */

/** at least this many distinct keys before "many rare keys" is considered */
export const MANY_KEYS = 20;
/** ...and the average key is present in at most this share of the objects */
export const RARE_SHARE = 0.1;
/** this many distinct keys is a map whatever their frequency */
export const ALWAYS_MAP_KEYS = 500;

export interface MapThresholds {
  manyKeys: number;
  rareShare: number;
  alwaysMapKeys: number;
}

export const DEFAULT_MAP_THRESHOLDS: MapThresholds = { manyKeys: MANY_KEYS, rareShare: RARE_SHARE, alwaysMapKeys: ALWAYS_MAP_KEYS };

/**
 * `record`: the draft is the record itself, which stays an object whatever its keys (its fields are
 * the table's columns; a top-level key Hive cannot name is left out of the table, not the table's
 * every column folded into one map).
 *
 * @example
 *   detectMaps(draft, DEFAULT_MAP_THRESHOLDS).map?.reason // "non-identifier-keys"
 */
export function detectMaps(draft: Draft, thresholds: MapThresholds = DEFAULT_MAP_THRESHOLDS, options: { record?: boolean } = {}): Draft {
  let out: Draft = draft;
  if (draft.object && draft.forced !== "object" && draft.forced !== "json" && options.record !== true) {
    const reason = mapReason(draft, thresholds);
    if (reason !== undefined) {
      const { fields } = draft.object;
      const distinctKeys = fields.reduce((n, f) => n + f.spellings.length, 0);
      const values = mergeAll(fields.map((f) => f.draft));
      const { object: _object, ...rest } = draft;
      out = { ...rest, map: { values, distinctKeys, reason } };
    }
  }
  // Subtrees without maps come back as the same objects: nothing is copied that did not change.
  if (out.object) {
    let changed = false;
    const fields = out.object.fields.map((f) => {
      const d = detectMaps(f.draft, thresholds);
      if (d === f.draft) return f;
      changed = true;
      return { ...f, draft: d };
    });
    if (changed) out = { ...out, object: { ...out.object, fields } };
  }
  if (out.array) {
    const items = detectMaps(out.array.items, thresholds);
    if (items !== out.array.items) out = { ...out, array: { ...out.array, items } };
  }
  if (out.map) {
    const values = detectMaps(out.map.values, thresholds);
    if (values !== out.map.values) out = { ...out, map: { ...out.map, values } };
  }
  return out;
}

function mapReason(draft: Draft, t: MapThresholds): MapReason | undefined {
  if (draft.forced === "map") return "override";
  const fields = draft.object!.fields;
  if (fields.length === 0) return undefined;
  if (fields.some((f) => f.spellings.some(([name]) => !isIdentifier(name)))) return "non-identifier-keys";
  if (fields.length >= t.alwaysMapKeys) return "many-rare-keys";
  if (fields.length >= t.manyKeys) {
    const objects = draft.counts.object;
    const meanPresent = fields.reduce((n, f) => n + presentCount(f), 0) / fields.length;
    if (objects > 0 && meanPresent / objects <= t.rareShare) return "many-rare-keys";
  }
  return undefined;
}
