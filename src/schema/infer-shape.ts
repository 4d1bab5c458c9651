import type { Draft, PathOverride } from "./draft.js";
import type { Conflict } from "./schema-file.js";
import type { Shape } from "./shape.js";
import { applyOverrides } from "./passes/apply-overrides.js";
import { DEFAULT_MAP_THRESHOLDS, detectMaps, type MapThresholds } from "./passes/detect-maps.js";
import { reportCaseMerges } from "./passes/report-case-merges.js";
import { resolveKinds, type VersionScope } from "./passes/resolve-kinds.js";
import { widenOutOfRangeIntegers } from "./passes/widen-out-of-range-integers.js";

/** How inference decides: map thresholds and per-path overrides (paths as in conflicts, e.g. `$.requestParameters.filter`). */
export interface InferenceOptions {
  maps?: Partial<MapThresholds>;
  overrides?: Record<string, PathOverride>;
}

/**
 * The inference passes, in order, from the merged draft of every record to one Shape and the list of
 * conflicts found (sorted by path). Each pass is one file under `passes/`:
 *   1. apply overrides               per-path user decisions
 *   2. detect maps                   objects whose keys are data become maps of merged values
 *   3. resolve kinds                 one type per path; conflicts widened (the merge rules)
 *   4. widen out-of-range integers   beyond signed 64 bits -> JSON text
 *   5. report case merges            fields merged from keys that differ only by case
 *
 * `versions` says which eventVersions reach `path`, for the fields' `versions` (see VersionScope).
 *
 * @example
 *   const { shape, conflicts } = inferShape(accumulator.freeze(), "$", {});
 */
export function inferShape(draft: Draft, path: string, options: InferenceOptions = {}, versions?: VersionScope): { shape: Shape; conflicts: Conflict[] } {
  const thresholds = { ...DEFAULT_MAP_THRESHOLDS, ...options.maps };
  const overridden = applyOverrides(draft, options.overrides ?? {}, path);
  // "$" is the record: never a map, whatever its keys (a top-level key Hive cannot name, `@timestamp`,
  // is left out by the Hive stage with a warning); per-event shapes start at "$.requestParameters" and may be.
  const mapped = detectMaps(overridden, thresholds, { record: path === "$" });
  const resolved = resolveKinds(mapped, path, versions);
  const widened = widenOutOfRangeIntegers(resolved.shape, path);
  const caseMerges = reportCaseMerges(widened.shape, path);
  const conflicts = [...resolved.conflicts, ...widened.conflicts, ...caseMerges].sort(byPath);
  return { shape: widened.shape, conflicts };
}

function byPath(a: Conflict, b: Conflict): number {
  if (a.path !== b.path) return a.path < b.path ? -1 : 1;
  return a.resolution < b.resolution ? -1 : a.resolution > b.resolution ? 1 : 0;
}
