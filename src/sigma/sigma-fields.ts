import { JSON_TEXT_COLUMNS } from "../hive/cloudtrail-profile.js";
import type { HiveField, HiveType } from "../hive/hive-type.js";
import { quoteIdentifier, quoteString } from "../hive/quote.js";

/**
 * A Sigma field as HiveQL over the trailhive table (alias `t`):
 * - `value`: a scalar: a column, a struct path (`userIdentity.sessionContext.sessionIssuer.type`), a
 *   map entry, or a key inside a JSON-text column through get_json_object (`requestParameters.layers`);
 * - `text`: a JSON-text column as a whole (`requestParameters|contains: 'x'` searches its text).
 * A field the table does not have is undefined: the rule is reported, never guessed at.
 */
export type ResolvedField = { kind: "value"; sql: string; type: "string" | "number" | "boolean" } | { kind: "text"; sql: string };

/**
 * Resolves Sigma field names against the table's columns (tableColumns of the schema), matching
 * keys case-insensitively as Hive does.
 *
 * @example
 *   fieldResolver(columns)("userIdentity.arn")  // { kind: "value", sql: "t.useridentity.arn", type: "string" }
 */
export function fieldResolver(columns: readonly HiveField[], alias = "t"): (field: string) => ResolvedField | undefined {
  return (field) => {
    const parts = field.split(".");
    const top = find(columns, parts[0] ?? "");
    if (top === undefined) return undefined;
    return descend(`${alias}.${quoteIdentifier(top.name)}`, top.type, parts.slice(1), JSON_TEXT_COLUMNS.has(top.name));
  };
}

function descend(sql: string, type: HiveType, rest: string[], jsonText: boolean): ResolvedField | undefined {
  if (rest.length === 0) {
    if (type.kind === "string") return jsonText ? { kind: "text", sql } : { kind: "value", sql, type: "string" };
    if (type.kind === "bigint" || type.kind === "double") return { kind: "value", sql, type: "number" };
    if (type.kind === "boolean") return { kind: "value", sql, type: "boolean" };
    return undefined;
  }
  switch (type.kind) {
    case "struct": {
      const next = find(type.fields, rest[0] ?? "");
      return next === undefined ? undefined : descend(`${sql}.${quoteIdentifier(next.name)}`, next.type, rest.slice(1), false);
    }
    case "map":
      return descend(`${sql}[${quoteString(rest[0] ?? "")}]`, type.values, rest.slice(1), false);
    case "string": {
      // JSON text (requestParameters, or a value widened to text): the key path inside it, trying
      // the case-only variants CloudTrail's APIs use (camelCase and PascalCase), as the typed views do
      const paths = spellings(rest).map((p) => `get_json_object(${sql}, ${quoteString("$." + p.join("."))})`);
      return { kind: "value", sql: paths.length === 1 ? (paths[0] as string) : `coalesce(${paths.join(", ")})`, type: "string" };
    }
    default:
      return undefined;
  }
}

function find(fields: readonly HiveField[], key: string): HiveField | undefined {
  const lower = key.toLowerCase();
  return fields.find((f) => f.jsonKey.toLowerCase() === lower) ?? fields.find((f) => f.name === lower);
}

/** At most this many spellings of one path (each key as written, camelCase, PascalCase): a few, not every combination of a deep path. */
const MAX_SPELLINGS = 8;

/**
 * A key path as written, then with its keys' first letters lowered, then raised (CloudTrail's APIs
 * write requestParameters in either): every combination while they are few, else those three.
 *
 * @example
 *   spellings(["bucketName"])  // [["bucketName"], ["BucketName"]]
 */
export function spellings(path: readonly string[]): string[][] {
  const variants = path.map((k) => [...new Set([k, k.charAt(0).toLowerCase() + k.slice(1), k.charAt(0).toUpperCase() + k.slice(1)])]);
  const count = variants.reduce((n, v) => n * v.length, 1);
  if (count <= MAX_SPELLINGS) return variants.reduce<string[][]>((acc, v) => acc.flatMap((p) => v.map((k) => [...p, k])), [[]]);
  const unique = new Map<string, string[]>();
  for (const p of [path, path.map((k) => k.charAt(0).toLowerCase() + k.slice(1)), path.map((k) => k.charAt(0).toUpperCase() + k.slice(1))]) unique.set(p.join("."), [...p]);
  return [...unique.values()];
}
