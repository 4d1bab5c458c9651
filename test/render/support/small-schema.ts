import type { Field, Shape } from "../../../src/schema/shape.js";
import type { SchemaFile } from "../../../src/schema/schema-file.js";

/** A field of a hand-made shape: stats say it was present in every record. */
export function field(name: string, shape: Shape, present = 10): Field {
  return { key: name.toLowerCase(), name, spellings: [name], stats: { present, nulls: 0, kinds: {} }, shape };
}

/** An object shape with its fields in key order, as inference writes them. */
export function object(...fields: Field[]): Shape & { kind: "object" } {
  return { kind: "object", fields: [...fields].sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0)) };
}

/** A schema file around a record shape, with optional provenance paths. */
export function schemaOf(root: Shape & { kind: "object" }, files: string[] = []): SchemaFile {
  return {
    format: "trailhive-schema",
    version: 1,
    records: 10,
    eventVersions: { "1.08": 10 },
    root,
    events: {},
    conflicts: [],
    provenance: { sources: ["logs"], files: files.map((path) => ({ path, kind: "log" as const, records: 1 })), skipped: [] },
  };
}

export const S: Shape = { kind: "string" };

/** A small CloudTrail-like record shape. */
export const SMALL_SCHEMA = schemaOf(
  object(
    field("eventVersion", S),
    field("eventName", S),
    field("eventTime", S),
    field("readOnly", { kind: "boolean" }),
    field(
      "requestParameters",
      object(
        field("groupId", S),
        field("ipPermissions", object(field("items", { kind: "array", items: object(field("fromPort", { kind: "integer", min: "0", max: "443" })), maxLength: 2, empty: 0 }))),
      ),
    ),
    field("userIdentity", object(field("type", S), field("arn", S))),
  ),
);
