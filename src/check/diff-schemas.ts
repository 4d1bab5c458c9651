import type { SchemaFile } from "../schema/schema-file.js";
import type { Shape } from "../schema/shape.js";

/** One difference between two schema files' record shapes, at a JSON path such as `$.userIdentity.sessionContext.sourceIdentity`. */
export interface FieldChange {
  kind: "added" | "removed" | "widened" | "narrowed";
  path: string;
  /** the shape's kind before and after (`string`, `object`, `json`, ...) */
  from?: string;
  to?: string;
}

/** Kinds ordered from narrow to wide: moving right keeps every value the left one held. */
const WIDTH: Record<string, number> = { unknown: 0, boolean: 1, integer: 1, double: 2, string: 3, object: 1, array: 1, map: 2, json: 4 };

/**
 * The fields added, removed, widened or narrowed between two schema files (the record's shape, as the
 * table sees it), in path order. A struct that gains a field shows as the field `added`; a value that
 * became JSON text, a string, or a double shows as `widened`.
 *
 * @example
 *   diffSchemas(oldSchema, newSchema)  // [{ kind: "added", path: "$.tlsDetails.keyExchange" }, ...]
 */
export function diffSchemas(oldSchema: SchemaFile, newSchema: SchemaFile): FieldChange[] {
  const changes: FieldChange[] = [];
  walk(oldSchema.root, newSchema.root, "$", changes);
  return changes.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : a.kind < b.kind ? -1 : 1));
}

function walk(a: Shape, b: Shape, path: string, out: FieldChange[]): void {
  if (a.kind === "object" && b.kind === "object") {
    const before = new Map(a.fields.map((f) => [f.key, f]));
    const after = new Map(b.fields.map((f) => [f.key, f]));
    for (const [key, f] of before) if (!after.has(key)) out.push({ kind: "removed", path: `${path}.${f.name}` });
    for (const [key, f] of after) {
      const old = before.get(key);
      if (old === undefined) out.push({ kind: "added", path: `${path}.${f.name}` });
      else walk(old.shape, f.shape, `${path}.${f.name}`, out);
    }
    return;
  }
  if (a.kind === "array" && b.kind === "array") return walk(a.items, b.items, `${path}[]`, out);
  if (a.kind === "map" && b.kind === "map") return walk(a.values, b.values, `${path}{}`, out);
  if (a.kind === b.kind) return;
  // a field only ever null before is not a change of type worth a migration line, unless it now has one
  const wider = (WIDTH[b.kind] ?? 0) >= (WIDTH[a.kind] ?? 0);
  out.push({ kind: wider ? "widened" : "narrowed", path, from: a.kind, to: b.kind });
}
