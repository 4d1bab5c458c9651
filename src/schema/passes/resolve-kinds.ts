import type { Conflict } from "../schema-file.js";
import type { Field, JsonKind, Shape, WideningReason } from "../shape.js";
import { byCodeUnit, displayName, nonNullKinds, presentCount, type Draft } from "../draft.js";
import { childPath, ITEMS, MAP_VALUES } from "../json-path.js";

/**
 * Pass 3, "resolve kinds": decides one Shape per path from the kinds seen there. The merge rules,
 * with Apache Spark's JSON inference (`JsonInferSchema.compatibleType`) as the reference:
 *
 * | seen at one path | trailhive | Spark | why trailhive differs |
 * |---|---|---|---|
 * | only null (or nothing) | `unknown` | NullType, written as string | same idea: null never decides; the Hive stage prints STRING |
 * | null + X | X | X | (same) |
 * | integer + number | `double` (conflict "double") | DoubleType (or decimal) | (same) |
 * | integers only | `integer` with exact min/max | LongType, DecimalType beyond 2^63 | the range decides INT vs BIGINT later; beyond 2^63 see pass 4 |
 * | two primitives (string+integer, boolean+string...) | `json` "mixed-primitives" | StringType | same, named: Hive reads a number into STRING as its text |
 * | object + scalar | `json` "object-vs-scalar" | StringType | same; Hive 3's SerDes break a record on it, so it must be widened in the type |
 * | array + scalar | `json` "array-vs-scalar" | StringType | AWS's XML-to-JSON makes one-element lists scalars (`Statement[].Action`); wrapping scalars in arrays would not match the SerDe |
 * | array + object | `json` "array-vs-object" | StringType | (same) |
 * | `Tagging` + `tagging` in one object | one field, every spelling kept | fails in case-insensitive mode (`COLUMN_ALREADY_EXISTS`) | Hive matches keys case-insensitively; see reportCaseMerges |
 * | only `{}` | `object` with no fields | dropped (empty struct) | kept, so the column exists; the Hive stage prints STRING |
 * | only `[]` | `array` of `unknown`, `empty` counted | array<string> | (same idea) |
 * | override `json` | `json` "override" | - | per-path user choice |
 * | nested deeper than MAX_DEPTH (64) | `json` "too-deep" | (follows) | hostile depth would overflow the stack |
 *
 * A path widened to `json` keeps no shape below it: its whole value is one JSON text.
 *
 * @example
 *   resolveKinds(draft, "$").shape.kind // "object"
 */
export function resolveKinds(draft: Draft, path: string, versions?: VersionScope): { shape: Shape; conflicts: Conflict[] } {
  const conflicts: Conflict[] = [];
  const shape = resolve(draft, path, conflicts, versions === "of-its-fields" ? versionsOfFields(draft) : versions);
  return { shape, conflicts };
}

/**
 * Which eventVersions the records at a path had, so that a field below it says `versions` only where
 * its own are fewer (a field is only ever in records its parent is in): the record's, or for a
 * per-event shape, those of its fields together. Absent: fields say nothing of versions.
 */
export type VersionScope = readonly string[] | "of-its-fields";

function versionsOfFields(draft: Draft): string[] {
  const all = new Set<string>();
  for (const f of draft.object?.fields ?? []) for (const v of f.versions ?? []) all.add(v);
  return [...all].sort(byCodeUnit);
}

/** `parent`: the versions of the records that reach this path (see VersionScope); undefined: not tracked. */
function resolve(draft: Draft, path: string, conflicts: Conflict[], parent: readonly string[] | undefined): Shape {
  const c = draft.counts;
  const kinds = nonNullKinds(c);
  if (draft.forced === "json") {
    conflicts.push({ path, kinds, resolution: "override" });
    return { kind: "json", reason: "override" };
  }
  if (draft.tooDeep) {
    conflicts.push({ path, kinds, resolution: "too-deep" });
    return { kind: "json", reason: "too-deep" };
  }
  const seen = Object.keys(kinds) as JsonKind[];
  if (seen.length === 0) return { kind: "unknown" };
  if (seen.length > 1) {
    if (seen.length === 2 && c.integer > 0 && c.number > 0) {
      conflicts.push({ path, kinds, resolution: "double" });
      return { kind: "double" };
    }
    const reason = wideningFor(c.object > 0, c.array > 0);
    conflicts.push({ path, kinds, resolution: reason });
    return { kind: "json", reason };
  }
  const only = seen[0]!;
  switch (only) {
    case "boolean":
      return { kind: "boolean" };
    case "string":
      return { kind: "string" };
    case "number":
      return { kind: "double" };
    case "integer":
      return { kind: "integer", min: draft.intRange!.min.toString(), max: draft.intRange!.max.toString() };
    case "array": {
      const a = draft.array!;
      return { kind: "array", items: resolve(a.items, path + ITEMS, conflicts, parent), maxLength: a.maxLength, empty: a.empty };
    }
    case "object": {
      if (draft.map) {
        const m = draft.map;
        return { kind: "map", values: resolve(m.values, path + MAP_VALUES, conflicts, parent), distinctKeys: m.distinctKeys, reason: m.reason };
      }
      const fields: Field[] = (draft.object?.fields ?? []).map((f) => {
        const name = displayName(f);
        const own = parent === undefined ? undefined : f.versions;
        const fewer = own !== undefined && own.length < parent!.length;
        return {
          key: f.key,
          name,
          spellings: f.spellings.map(([s]) => s),
          ...(fewer ? { versions: own } : {}),
          stats: { present: presentCount(f), nulls: f.draft.counts.null, kinds: nonNullKinds(f.draft.counts) },
          shape: resolve(f.draft, childPath(path, name), conflicts, own ?? parent),
        };
      });
      return { kind: "object", fields };
    }
    case "null":
      return { kind: "unknown" };
  }
}

function wideningFor(object: boolean, array: boolean): WideningReason {
  if (object && array) return "array-vs-object";
  if (array) return "array-vs-scalar";
  if (object) return "object-vs-scalar";
  return "mixed-primitives";
}
