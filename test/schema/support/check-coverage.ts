import type { Shape } from "../../../src/schema/shape.js";
import { childPath, ITEMS, MAP_VALUES } from "../../../src/schema/json-path.js";

/**
 * The coverage checker: walks one JSON value against a Shape and returns every place the Shape does
 * not accept it (empty: accepted). Written apart from inference on purpose: it states what each
 * Shape promises a Hive reader (null is accepted everywhere, as Hive columns are nullable; `json`
 * accepts anything, being JSON text; an object accepts only keys it lists, by any known spelling).
 *
 * @example
 *   checkCoverage(schema.root, record, "$") // [] when the record fits
 */
export function checkCoverage(shape: Shape, value: unknown, path: string): string[] {
  const problems: string[] = [];
  visit(shape, value, path, problems);
  return problems;
}

function visit(shape: Shape, value: unknown, path: string, out: string[]): void {
  if (value === null || value === undefined) return; // absent or null: every Hive column is nullable
  const fail = (what: string): void => {
    out.push(`${path}: ${what} (${JSON.stringify(value)?.slice(0, 60)})`);
  };
  switch (shape.kind) {
    case "unknown":
      return fail("only null expected");
    case "json":
      return;
    case "boolean":
      if (typeof value !== "boolean") fail("boolean expected");
      return;
    case "string":
      if (typeof value !== "string") fail("string expected");
      return;
    case "double":
      if (typeof value !== "number") fail("number expected");
      return;
    case "integer":
      if (typeof value !== "number" || !Number.isInteger(value)) return fail("integer expected");
      // Compared as doubles: values beyond 2^53 reach us rounded by JSON.parse, the range is exact.
      if (value < Number(shape.min) || value > Number(shape.max)) fail(`outside ${shape.min}..${shape.max}`);
      return;
    case "array":
      if (!Array.isArray(value)) return fail("array expected");
      if (value.length > shape.maxLength) fail(`longer than maxLength ${shape.maxLength}`);
      value.forEach((item) => visit(shape.items, item, path + ITEMS, out));
      return;
    case "map":
      if (typeof value !== "object" || Array.isArray(value)) return fail("object (map) expected");
      for (const v of Object.values(value)) visit(shape.values, v, path + MAP_VALUES, out);
      return;
    case "object": {
      if (typeof value !== "object" || Array.isArray(value)) return fail("object expected");
      for (const [k, v] of Object.entries(value)) {
        const field = shape.fields.find((f) => f.key === k.toLowerCase());
        if (field === undefined) {
          out.push(`${childPath(path, k)}: no such field`);
          continue;
        }
        if (!field.spellings.includes(k)) out.push(`${childPath(path, k)}: spelling not listed in ${field.spellings.join(",")}`);
        visit(field.shape, v, childPath(path, field.name), out);
      }
      return;
    }
  }
}

/** Every `json` shape in a tree with its path and reason (to check each widening is listed). */
export function widenings(shape: Shape, path: string): { path: string; reason: string }[] {
  const out: { path: string; reason: string }[] = [];
  const walk = (s: Shape, p: string) => {
    switch (s.kind) {
      case "json":
        out.push({ path: p, reason: s.reason });
        return;
      case "array":
        return walk(s.items, p + ITEMS);
      case "map":
        return walk(s.values, p + MAP_VALUES);
      case "object":
        for (const f of s.fields) walk(f.shape, childPath(p, f.name));
        return;
      default:
        return;
    }
  };
  walk(shape, path);
  return out;
}
