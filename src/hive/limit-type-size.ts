import { STRING, typeInfoString, type HiveType } from "./hive-type.js";
import type { RenderWarning } from "./render-warning.js";

/** The older Hive metastores' limit on a column's type string (COLUMNS_V2.TYPE_NAME varchar(4000)). */
export const DEFAULT_TYPE_LIMIT = 4000;
/** The AWS Glue Data Catalog's limit on a column's type string. */
export const GLUE_TYPE_LIMIT = 131072;

/** Where the type sits (for warnings) and the limit it must meet. */
export interface LimitOptions {
  /** JSON path of the type's root, for warnings */
  path: string;
  /** the column it is, for warnings */
  column: string;
  limit: number;
  /** characters the column adds around this type (`array<` `>` for a row-per-file `records` column) */
  overhead?: number;
  warnings: RenderWarning[];
}

/** A nested ARRAY/MAP/STRUCT inside the type, with its JSON path and where it sits. */
interface Subtree {
  path: string;
  /** child indexes from the root: a struct field's index, or 0 for an array's items / a map's values */
  steps: number[];
  length: number;
}

const DEMOTED_LENGTH = "string".length;

/**
 * Makes a column's type string fit `limit` characters (measured as the metastore stores it,
 * {@link typeInfoString}) by turning as little as possible into STRING (JSON text). The rule, one
 * demotion at a time until it fits:
 * 1. the smallest nested subtree whose demotion alone is enough (ties: path order), so one small,
 *    deep part goes rather than a big one;
 * 2. if no single subtree is enough, the largest one, then look again;
 * 3. a type whose own scalar fields pass the limit becomes STRING as a whole.
 * Each demoted path is reported once; a demotion that a later one swallows is not reported.
 *
 * @example
 *   limitTypeSize(hugeStruct, { path: "$.requestParameters", column: "requestparameters", limit: 4000, warnings })
 */
export function limitTypeSize(type: HiveType, options: LimitOptions): HiveType {
  const budget = options.limit - (options.overhead ?? 0);
  let current = type;
  const demoted: { steps: number[]; warning: RenderWarning }[] = [];
  for (;;) {
    const length = typeInfoString(current).length;
    if (length <= budget) break;
    const excess = length - budget;
    const subtrees = nestedSubtrees(current, options.path);
    if (subtrees.length === 0) {
      options.warnings.push(warning(options.path, length, options));
      return STRING;
    }
    const enough = subtrees.filter((s) => s.length - DEMOTED_LENGTH >= excess);
    const choice = enough.length > 0 ? enough.reduce((a, b) => (b.length < a.length ? b : a)) : subtrees.reduce((a, b) => (b.length > a.length ? b : a));
    current = replaceAt(current, choice.steps, STRING);
    // A demotion inside the one just made is now part of it.
    const kept = demoted.filter((d) => !isInside(d.steps, choice.steps));
    demoted.length = 0;
    demoted.push(...kept, { steps: choice.steps, warning: warning(choice.path, choice.length, options) });
  }
  options.warnings.push(...demoted.map((d) => d.warning));
  return current;
}

function isInside(steps: number[], ancestor: number[]): boolean {
  return steps.length > ancestor.length && ancestor.every((s, i) => steps[i] === s);
}

/** Every ARRAY/MAP/STRUCT strictly inside `t`, in path order (depth-first, fields in order). */
function nestedSubtrees(t: HiveType, path: string, steps: number[] = []): Subtree[] {
  return children(t, path).flatMap((c, i) => {
    if (!isComplex(c.type)) return [];
    const at = [...steps, i];
    return [{ path: c.path, steps: at, length: typeInfoString(c.type).length }, ...nestedSubtrees(c.type, c.path, at)];
  });
}

function children(t: HiveType, path: string): { path: string; type: HiveType }[] {
  switch (t.kind) {
    case "array":
      return [{ path: `${path}[]`, type: t.items }];
    case "map":
      return [{ path: `${path}.*`, type: t.values }];
    case "struct":
      return t.fields.map((f) => ({ path: `${path}.${f.jsonKey}`, type: f.type }));
    default:
      return [];
  }
}

function replaceAt(t: HiveType, steps: number[], replacement: HiveType): HiveType {
  const [first, ...rest] = steps;
  if (first === undefined) return replacement;
  switch (t.kind) {
    case "array":
      return { kind: "array", items: replaceAt(t.items, rest, replacement) };
    case "map":
      return { kind: "map", values: replaceAt(t.values, rest, replacement) };
    case "struct":
      return { kind: "struct", fields: t.fields.map((f, i) => (i === first ? { ...f, type: replaceAt(f.type, rest, replacement) } : f)) };
    default:
      return t;
  }
}

function isComplex(t: HiveType): boolean {
  return t.kind === "array" || t.kind === "map" || t.kind === "struct";
}

function warning(path: string, length: number, options: LimitOptions): RenderWarning {
  return {
    code: "type-limit",
    path,
    message:
      `${path} is typed STRING (its JSON text) to keep the type of column ${options.column} within ${options.limit} characters, ` +
      `the metastore limit (this part alone was ${length} characters, and --type-limit ${GLUE_TYPE_LIMIT} suits the Glue catalog)`,
  };
}
