import type { Conflict } from "../schema-file.js";
import type { Shape } from "../shape.js";
import { childPath, ITEMS, MAP_VALUES } from "../json-path.js";

/** Hive's BIGINT (and Spark's LongType) is a signed 64-bit integer. */
export const INT64_MIN = -(2n ** 63n);
export const INT64_MAX = 2n ** 63n - 1n;

/**
 * Pass 4, "widen out-of-range integers": an integer path whose range leaves signed 64 bits cannot be
 * a BIGINT; Spark makes it DECIMAL(38,0) (or double, losing digits). trailhive keeps it as JSON text
 * ("integer-out-of-range"): Hive reads a number into STRING as its exact text, and no CloudTrail
 * field needs arithmetic on such values (they are ids).
 *
 * @example
 *   widenOutOfRangeIntegers({ kind: "integer", min: "0", max: "18446744073709551615" }, "$.x").shape.kind // "json"
 */
export function widenOutOfRangeIntegers(shape: Shape, path: string): { shape: Shape; conflicts: Conflict[] } {
  const conflicts: Conflict[] = [];
  return { shape: walk(shape, path, conflicts), conflicts };
}

function walk(shape: Shape, path: string, conflicts: Conflict[], count = 0): Shape {
  switch (shape.kind) {
    case "integer":
      if (BigInt(shape.min) < INT64_MIN || BigInt(shape.max) > INT64_MAX) {
        conflicts.push({ path, kinds: count > 0 ? { integer: count } : {}, resolution: "integer-out-of-range" });
        return { kind: "json", reason: "integer-out-of-range" };
      }
      return shape;
    case "array":
      return { ...shape, items: walk(shape.items, path + ITEMS, conflicts) };
    case "map":
      return { ...shape, values: walk(shape.values, path + MAP_VALUES, conflicts) };
    case "object":
      return {
        kind: "object",
        fields: shape.fields.map((f) => ({ ...f, shape: walk(f.shape, childPath(path, f.name), conflicts, f.stats.kinds.integer ?? 0) })),
      };
    case "unknown":
    case "boolean":
    case "double":
    case "string":
    case "json":
      return shape;
  }
}
