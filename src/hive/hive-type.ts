import { assertNever } from "../errors.js";
import { isBareIdentifier } from "./quote.js";

/**
 * The Hive type model the renderer works on: what a column holds, with every struct field already
 * named legally (lower-case letters, digits and `_`) and tied to the JSON key it reads.
 *
 * @example
 *   const t: HiveType = { kind: "struct", fields: [{ name: "arn", jsonKey: "arn", type: { kind: "string" } }] };
 *   typeInfoString(t) // "struct<arn:string>"
 */
export type HiveType =
  { kind: "string" } | { kind: "bigint" } | { kind: "double" } | { kind: "boolean" } | { kind: "array"; items: HiveType } | { kind: "map"; values: HiveType } | { kind: "struct"; fields: HiveField[] };

/** A struct field (or a column): its Hive name, the JSON key it reads, its type. */
export interface HiveField {
  /** the Hive name: lower-case, `[a-z0-9_]+` */
  name: string;
  /** the JSON key it reads (the most frequent spelling); differs from `name` only by case unless the SerDe maps it */
  jsonKey: string;
  type: HiveType;
}

/** The type every loosely typed value falls back to (JSON text for objects and arrays). */
export const STRING: HiveType = { kind: "string" };

/**
 * The type string as Hive's metastore stores it and `TypeInfoUtils` parses it (lower-case, no
 * backquotes, no spaces): what the metastore's length limit applies to and what a SerDe is configured with.
 *
 * @example
 *   typeInfoString({ kind: "array", items: { kind: "bigint" } }) // "array<bigint>"
 */
export function typeInfoString(t: HiveType): string {
  switch (t.kind) {
    case "string":
    case "bigint":
    case "double":
    case "boolean":
      return t.kind;
    case "array":
      return `array<${typeInfoString(t.items)}>`;
    case "map":
      return `map<string,${typeInfoString(t.values)}>`;
    case "struct":
      return `struct<${t.fields.map((f) => `${f.name}:${typeInfoString(f.type)}`).join(",")}>`;
    default:
      return assertNever(t, "Hive type");
  }
}

/**
 * A struct field name as HiveQL needs it inside a type: backquoted unless Hive's lexer takes it bare.
 *
 * @example
 *   ddlFieldName("from") // "`from`"
 */
export function ddlFieldName(name: string): string {
  return isBareIdentifier(name) ? name : "`" + name + "`";
}

/**
 * The type as written in DDL: upper-case type keywords, lower-case field names (backquoted when
 * reserved), one line. {@link formatDdlType} breaks long ones over lines.
 *
 * @example
 *   ddlTypeString({ kind: "map", values: { kind: "string" } }) // "MAP<STRING,STRING>"
 */
export function ddlTypeString(t: HiveType): string {
  switch (t.kind) {
    case "string":
    case "bigint":
    case "double":
    case "boolean":
      return t.kind.toUpperCase();
    case "array":
      return `ARRAY<${ddlTypeString(t.items)}>`;
    case "map":
      return `MAP<STRING,${ddlTypeString(t.values)}>`;
    case "struct":
      return `STRUCT<${t.fields.map((f) => `${ddlFieldName(f.name)}:${ddlTypeString(f.type)}`).join(", ")}>`;
    default:
      return assertNever(t, "Hive type");
  }
}

/** Types this short stay on one line in DDL. */
const INLINE_WIDTH = 72;

/**
 * The DDL type laid out for people reading the committed .hql: short types on one line, longer
 * structs one field per line, indented under their column. Newlines and spaces are insignificant to Hive.
 *
 * @example
 *   formatDdlType({ kind: "bigint" }, "    ") // "BIGINT"
 */
export function formatDdlType(t: HiveType, indent: string): string {
  const flat = ddlTypeString(t);
  if (flat.length + indent.length <= INLINE_WIDTH) return flat;
  const inner = indent + "  ";
  switch (t.kind) {
    case "array":
      return `ARRAY<${formatDdlType(t.items, indent)}>`;
    case "map":
      return `MAP<STRING,${formatDdlType(t.values, indent)}>`;
    case "struct":
      return `STRUCT<\n${t.fields.map((f) => `${inner}${ddlFieldName(f.name)}: ${formatDdlType(f.type, inner)}`).join(",\n")}>`;
    default:
      return flat;
  }
}
