import { diffSchemas } from "../check/diff-schemas.js";
import { flavors, type Flavor } from "../flavors/index.js";
import { oddKeyPolicy, tablePartitionColumns } from "../flavors/flavor.js";
import { typeInfoString, type HiveType } from "../hive/hive-type.js";
import { DEFAULT_TYPE_LIMIT } from "../hive/limit-type-size.js";
import { shapeToHiveType } from "../hive/shape-to-hive-type.js";
import { tableColumns } from "../hive/table-columns.js";
import type { Conflict, SchemaFile } from "../schema/schema-file.js";
import type { Field, Shape } from "../schema/shape.js";
import type { ConflictRow, FieldNode, FlavorColumns, SchemaDiffReport, SchemaReport } from "./report-data.js";

/** Hive type strings longer than this are shortened (`struct<12 fields>`): the tree shows the rest. */
const SHOWN_TYPE = 80;

/**
 * `report schema`'s data: the record's fields as a tree (Hive type, counts, JSON kinds, spellings, the
 * eventVersions that brought a field, why a map or JSON text), the conflicts, and the columns each
 * flavor's table declares. Pure.
 *
 * @example
 *   schemaReport(schema, "trailhive.schema.json").fields[0]?.name // "eventVersion"
 */
export function schemaReport(schema: SchemaFile, file: string): SchemaReport {
  return {
    kind: "schema",
    title: `trailhive schema: ${file}`,
    file,
    records: schema.records,
    eventVersions: Object.entries(schema.eventVersions).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)),
    fields: schema.root.fields.map((f) => fieldNode(f, "$")),
    conflicts: schema.conflicts.map(conflictRow),
    flavors: flavors.map((f) => flavorColumns(schema, f)),
    events: Object.entries(schema.events).map(([key, e]) => [key, e.records]),
  };
}

/**
 * `report schema NEW --diff OLD`'s data: fields added, removed, widened or narrowed (as `check` finds
 * them), and the conflicts and per-event shapes that came or went. Pure.
 */
export function schemaDiffReport(before: SchemaFile, beforeFile: string, after: SchemaFile, afterFile: string): SchemaDiffReport {
  const key = (c: ConflictRow) => `${c.event ?? ""}\u0000${c.path}\u0000${c.resolution}`;
  const was = new Map(before.conflicts.map(conflictRow).map((c) => [key(c), c]));
  const now = new Map(after.conflicts.map(conflictRow).map((c) => [key(c), c]));
  const beforeEvents = new Set(Object.keys(before.events));
  const afterEvents = new Set(Object.keys(after.events));
  return {
    kind: "schema-diff",
    title: `trailhive schema: ${beforeFile} -> ${afterFile}`,
    before: { file: beforeFile, records: before.records },
    after: { file: afterFile, records: after.records },
    changes: diffSchemas(before, after),
    conflictsAdded: [...now].filter(([k]) => !was.has(k)).map(([, c]) => c),
    conflictsRemoved: [...was].filter(([k]) => !now.has(k)).map(([, c]) => c),
    eventsAdded: [...afterEvents].filter((e) => !beforeEvents.has(e)),
    eventsRemoved: [...beforeEvents].filter((e) => !afterEvents.has(e)),
  };
}

function fieldNode(field: Field, parent: string): FieldNode {
  const path = `${parent}.${field.name}`;
  const type = shapeToHiveType(field.shape, path, { oddKeys: "map-or-string", warnings: [], mappings: new Map() });
  const note = shapeNote(field.shape);
  return {
    name: field.name,
    path,
    hiveType: shownType(type),
    present: field.stats.present,
    nulls: field.stats.nulls,
    kinds: Object.entries(field.stats.kinds)
      .filter((e): e is [string, number] => e[1] !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : 1)),
    spellings: field.spellings.length > 1 ? field.spellings : [],
    versions: field.versions ?? [],
    ...(note !== undefined ? { note } : {}),
    children: childFields(field.shape).map((f) => fieldNode(f, childPath(field.shape, path))),
  };
}

function childFields(shape: Shape): Field[] {
  if (shape.kind === "object") return shape.fields;
  if (shape.kind === "array") return childFields(shape.items);
  if (shape.kind === "map") return childFields(shape.values);
  return [];
}

function childPath(shape: Shape, path: string): string {
  if (shape.kind === "array") return childPath(shape.items, `${path}[]`);
  if (shape.kind === "map") return childPath(shape.values, `${path}{}`);
  return path;
}

function shapeNote(shape: Shape): string | undefined {
  if (shape.kind === "json") return `JSON text: ${shape.reason}`;
  if (shape.kind === "map") return `map of ${shape.distinctKeys} distinct keys: ${shape.reason}`;
  if (shape.kind === "array") return shapeNote(shape.items);
  return undefined;
}

function shownType(type: HiveType): string {
  const full = typeInfoString(type);
  if (full.length <= SHOWN_TYPE) return full;
  if (type.kind === "struct") return `struct<${type.fields.length} fields>`;
  if (type.kind === "array") return `array<${shownType(type.items)}>`;
  if (type.kind === "map") return `map<string,${shownType(type.values)}>`;
  return full;
}

function conflictRow(c: Conflict): ConflictRow {
  const kinds = Object.entries(c.kinds)
    .map(([k, n]) => `${k} ${n}`)
    .join(", ");
  return { path: c.path, resolution: c.spellings !== undefined ? `${c.resolution} (${c.spellings.join(", ")})` : c.resolution, kinds, ...(c.event !== undefined ? { event: c.event } : {}) };
}

/** The columns a flavor's table declares for this schema, as render-table would type them. */
function flavorColumns(schema: SchemaFile, flavor: Flavor): FlavorColumns {
  const partitioned = flavor.supportsPartitions;
  const { columns } = tableColumns(schema, {
    oddKeys: oddKeyPolicy(flavor),
    typeLimit: DEFAULT_TYPE_LIMIT,
    partitioned,
    rowPerFile: flavor.rowPerFile,
    envelope: flavor.envelope !== undefined,
  });
  const layout = flavor.rowPerFile
    ? "one row per file: records ARRAY<STRUCT<...>> holding these fields"
    : flavor.envelope !== undefined
      ? `one row per ${flavor.envelope} envelope: detail STRUCT<...> holding these fields, read through a view`
      : "one row per event";
  return { flavor: flavor.name, layout, columns: columns.map((c) => [c.name, shownType(c.type)]), partitions: partitioned ? [...tablePartitionColumns(flavor)] : [] };
}
