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
  return { shape: walk(shape, () => path, conflicts), conflicts };
}

/** At most 18 digits always fits in signed 64 bits; only longer ranges need BigInt. */
const SAFE_DIGITS = 18;

function outOfRange(decimal: string): boolean {
  const digits = decimal.startsWith("-") ? decimal.length - 1 : decimal.length;
  if (digits <= SAFE_DIGITS) return false;
  const n = BigInt(decimal);
  return n < INT64_MIN || n > INT64_MAX;
}

// Paths are built only when a conflict is reported (lazily): building one per node cost more than
// the whole check on a schema with ~500 per-event shapes.
function walk(shape: Shape, path: () => string, conflicts: Conflict[], count = 0): Shape {
  switch (shape.kind) {
    case "integer":
      if (outOfRange(shape.min) || outOfRange(shape.max)) {
        conflicts.push({ path: path(), kinds: count > 0 ? { integer: count } : {}, resolution: "integer-out-of-range" });
        return { kind: "json", reason: "integer-out-of-range" };
      }
      return shape;
    // Unchanged subtrees come back as the same objects (no copies).
    case "array": {
      const items = walk(shape.items, () => path() + ITEMS, conflicts);
      return items === shape.items ? shape : { ...shape, items };
    }
    case "map": {
      const values = walk(shape.values, () => path() + MAP_VALUES, conflicts);
      return values === shape.values ? shape : { ...shape, values };
    }
    case "object": {
      let changed = false;
      const fields = shape.fields.map((f) => {
        const s = walk(f.shape, () => childPath(path(), f.name), conflicts, f.stats.kinds.integer ?? 0);
        if (s === f.shape) return f;
        changed = true;
        return { ...f, shape: s };
      });
      return changed ? { kind: "object", fields } : shape;
    }
    case "unknown":
    case "boolean":
    case "double":
    case "string":
    case "json":
      return shape;
  }
}
