import type { Conflict } from "../schema-file.js";
import type { Shape } from "../shape.js";
import { childPath, ITEMS, MAP_VALUES } from "../json-path.js";

/**
 * Pass 5, "report case merges": keys that differ only by letter case (`Tagging` and `tagging`, even in
 * one object) were merged into one field while accumulating, because Hive lower-cases column and
 * struct names and matches JSON keys case-insensitively: two fields would collide (Spark fails here
 * with COLUMN_ALREADY_EXISTS, DuckDB with "Duplicate name"). Each such field is reported with every
 * spelling, so the Hive stage can map them and a reader knows the SerDe keeps only one value
 * when both occur in the same object (measured: the last one wins).
 *
 * @example
 *   reportCaseMerges(shape, "$") // [{ path: "$.requestParameters.tagging", resolution: "case-merge", spellings: ["Tagging", "tagging"], ... }]
 */
export function reportCaseMerges(shape: Shape, path: string): Conflict[] {
  const out: Conflict[] = [];
  walk(shape, path, out);
  return out;
}

function walk(shape: Shape, path: string, out: Conflict[]): void {
  switch (shape.kind) {
    case "object":
      for (const f of shape.fields) {
        const p = childPath(path, f.name);
        if (f.spellings.length > 1) out.push({ path: p, kinds: f.stats.kinds, resolution: "case-merge", spellings: f.spellings });
        walk(f.shape, p, out);
      }
      return;
    case "array":
      return walk(shape.items, path + ITEMS, out);
    case "map":
      return walk(shape.values, path + MAP_VALUES, out);
    case "unknown":
    case "boolean":
    case "integer":
    case "double":
    case "string":
    case "json":
      return;
  }
}
