import { STRING, typeInfoString, type HiveType } from "./hive-type.js";
import type { RenderWarning } from "./render-warning.js";

/** The older Hive metastores' limit on a column's type string (COLUMNS_V2.TYPE_NAME varchar(4000)). */
export const DEFAULT_TYPE_LIMIT = 4000;
/** The AWS Glue Data Catalog's limit on a column's type string. */
export const GLUE_TYPE_LIMIT = 131072;

/**
 * Makes a column's type string fit `limit` characters (measured as the metastore stores it,
 * {@link typeInfoString}) by turning as little as possible into STRING (JSON text): it shrinks the
 * largest nested subtree first, recursing so that the deepest subtree that is enough goes, and
 * demotes the whole type only when its own scalar fields alone pass the limit. Every demotion is
 * reported with its JSON path.
 *
 * @example
 *   limitTypeSize(hugeStruct, { path: "$.requestParameters", column: "requestparameters", limit: 4000, warnings })
 */
export function limitTypeSize(type: HiveType, options: LimitOptions): HiveType {
  return shrink(type, options.path, options.limit, { column: options.column, limit: options.limit, warnings: options.warnings });
}

export interface LimitOptions {
  /** JSON path of the type's root, for warnings */
  path: string;
  /** the column it is, for warnings */
  column: string;
  limit: number;
  warnings: RenderWarning[];
}

interface Context {
  column: string;
  limit: number;
  warnings: RenderWarning[];
}

interface Child {
  path: string;
  type: HiveType;
  replace: (t: HiveType) => HiveType;
}

function children(t: HiveType, path: string): Child[] {
  switch (t.kind) {
    case "array":
      return [{ path: `${path}[]`, type: t.items, replace: (items) => ({ kind: "array", items }) }];
    case "map":
      return [{ path: `${path}.*`, type: t.values, replace: (values) => ({ kind: "map", values }) }];
    case "struct":
      return t.fields.map((f, i) => ({
        path: `${path}.${f.jsonKey}`,
        type: f.type,
        replace: (type) => ({ kind: "struct", fields: t.fields.map((g, j) => (j === i ? { ...g, type } : g)) }),
      }));
    default:
      return [];
  }
}

function isComplex(t: HiveType): boolean {
  return t.kind === "array" || t.kind === "map" || t.kind === "struct";
}

function shrink(type: HiveType, path: string, limit: number, ctx: Context): HiveType {
  let current = type;
  for (;;) {
    const length = typeInfoString(current).length;
    if (length <= limit) return current;
    const candidates = children(current, path)
      .filter((c) => isComplex(c.type))
      .map((c) => ({ ...c, length: typeInfoString(c.type).length }))
      // Largest first; ties by path so the result never depends on anything but the type.
      .sort((a, b) => b.length - a.length || (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
    const biggest = candidates[0];
    if (biggest === undefined) {
      ctx.warnings.push(demoted(path, length, ctx));
      return STRING;
    }
    // The child must lose at least the excess; shrinking it to that size may demote only part of it.
    const target = Math.max(biggest.length - (length - limit), "string".length);
    current = biggest.replace(shrink(biggest.type, biggest.path, target, ctx));
  }
}

function demoted(path: string, length: number, ctx: Context): RenderWarning {
  return {
    code: "type-limit",
    path,
    message:
      `${path} is typed STRING (its JSON text) to keep the type of column ${ctx.column} within ${ctx.limit} characters, ` +
      `the metastore's limit (this part alone was ${length}; --type-limit ${GLUE_TYPE_LIMIT} suits the Glue catalog)`,
  };
}
