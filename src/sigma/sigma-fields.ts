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
    case "string":
      // JSON text (requestParameters, or a value widened to text): the key path inside it
      return { kind: "value", sql: `get_json_object(${sql}, ${quoteString("$." + rest.join("."))})`, type: "string" };
    default:
      return undefined;
  }
}

function find(fields: readonly HiveField[], key: string): HiveField | undefined {
  const lower = key.toLowerCase();
  return fields.find((f) => f.jsonKey.toLowerCase() === lower) ?? fields.find((f) => f.name === lower);
}
