import { assertNever } from "../errors.js";
import { MAX_IDENTIFIER } from "../hive/quote.js";
import type { Field, Shape } from "../schema/shape.js";

/** A typed column of a per-event view: where its value is in the JSON text and how it is typed. */
export interface ViewColumn {
  /** snake_case, legal and unique within the view */
  name: string;
  /** the Hive type the view returns */
  type: "STRING" | "BIGINT" | "DOUBLE" | "BOOLEAN";
  /** JSON path segments below the JSON column, one list of spellings per level (case-only variants are tried in turn) */
  path: string[][];
  /** true when the value is kept as JSON text (arrays, maps, mixed shapes, objects below the depth limit) */
  json: boolean;
}

export interface ViewColumnsOptions {
  /** levels below the JSON column turned into columns; deeper objects stay JSON text (default 4) */
  maxDepth?: number;
  /** a path (segments by key, lower-case) to leave out, e.g. the array a view explodes */
  skip?: string[];
}

/** What get_json_object can address: Hive's path syntax allows only these characters in a key. */
const ADDRESSABLE = /^[a-zA-Z0-9_\-:\s]+$/;
const DEFAULT_DEPTH = 4;
const INT64_MIN = -(2n ** 63n);
const INT64_MAX = 2n ** 63n - 1n;

/**
 * The columns a typed view pulls out of one JSON-text column, from the shape inferred for one event:
 * one column per scalar leaf (typed), arrays and maps kept as JSON text, objects deeper than
 * `maxDepth` kept as JSON text. Keys get_json_object cannot address are left out and reported.
 *
 * @example
 *   viewColumns(shape, "request").columns.map((c) => c.name)  // ["request_group_id", "request_ip_permissions_items", ...]
 */
export function viewColumns(shape: Shape | undefined, prefix: string, options: ViewColumnsOptions = {}): { columns: ViewColumn[]; unaddressable: string[] } {
  const maxDepth = options.maxDepth ?? DEFAULT_DEPTH;
  const columns: ViewColumn[] = [];
  const unaddressable: string[] = [];
  const skip = options.skip?.join(".");
  const walk = (s: Shape, path: string[][], names: string[]) => {
    if (skip !== undefined && path.map((p) => (p[0] ?? "").toLowerCase()).join(".") === skip) return;
    const leaf = (type: ViewColumn["type"], json: boolean) => columns.push({ name: [prefix, ...names].join("_"), type, path, json });
    switch (s.kind) {
      case "object":
        if (path.length >= maxDepth || s.fields.length === 0) return leaf("STRING", true);
        for (const f of s.fields) {
          const spellings = f.spellings.filter((k) => ADDRESSABLE.test(k));
          if (spellings.length === 0) {
            unaddressable.push(["$", ...path.map((p) => p[0]), f.name].join("."));
            continue;
          }
          walk(f.shape, [...path, spellings], [...names, ...nameOf(s.fields.length, f, names)]);
        }
        return;
      case "string":
        return leaf("STRING", false);
      case "boolean":
        return leaf("BOOLEAN", false);
      case "double":
        return leaf("DOUBLE", false);
      case "integer":
        return leaf(BigInt(s.min) >= INT64_MIN && BigInt(s.max) <= INT64_MAX ? "BIGINT" : "STRING", false);
      case "array":
      case "map":
      case "json":
      case "unknown":
        return leaf("STRING", true);
      default:
        assertNever(s, "shape");
    }
  };
  if (shape !== undefined) walk(shape, [], []);
  return { columns: uniqueNames(columns), unaddressable };
}

/**
 * The name segment a field adds: none for a wrapper (the only field of its object, itself an object,
 * as in `{"ModifySecurityGroupRulesRequest": {...}}`), none when it repeats the segment before it
 * (`SecurityGroupRule.SecurityGroupRule`), otherwise its snake_case name.
 */
function nameOf(siblings: number, f: Field, names: string[]): string[] {
  const name = snakeCase(f.name);
  if (siblings === 1 && f.shape.kind === "object" && f.shape.fields.length > 0) return [];
  if (names[names.length - 1] === name) return [];
  return [name];
}

/**
 * `ipPermissions` -> `ip_permissions`, `ModifySecurityGroupRulesRequest` -> `modify_security_group_rules_request`,
 * `CidrIpv4` -> `cidr_ipv4`, `x-amz-id-2` -> `x_amz_id_2`.
 *
 * @example
 *   snakeCase("SecurityGroupRuleId")  // "security_group_rule_id"
 */
export function snakeCase(name: string): string {
  const s = name
    .replace(/([a-z0-9])([A-Z])/g, "$1_$2")
    .replace(/([A-Z]+)([A-Z][a-z])/g, "$1_$2")
    .replace(/[^A-Za-z0-9]+/g, "_")
    .replace(/^_+|_+$/g, "")
    .toLowerCase();
  return s === "" ? "field" : s;
}

/** Room kept for a `_N` suffix when a long name is cut to {@link MAX_IDENTIFIER}. */
const SUFFIX_ROOM = 6;

/**
 * Two keys can give one snake_case name (`aB` and `a_b`): later ones get `_2`, `_3`. A name longer
 * than Hive names trailhive writes is cut (a long key under a prefix), and counts as taken like any other.
 */
function uniqueNames(columns: ViewColumn[]): ViewColumn[] {
  const seen = new Map<string, number>();
  const taken = new Set<string>();
  return columns.map((c) => {
    const base = c.name.length > MAX_IDENTIFIER ? c.name.slice(0, MAX_IDENTIFIER - SUFFIX_ROOM) : c.name;
    let n = seen.get(base) ?? 0;
    let name = base;
    do {
      n += 1;
      name = n === 1 ? base : `${base}_${n}`;
    } while (taken.has(name));
    seen.set(base, n);
    taken.add(name);
    return name === c.name ? c : { ...c, name };
  });
}
