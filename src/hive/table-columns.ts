import type { Field } from "../schema/shape.js";
import type { SchemaFile } from "../schema/schema-file.js";
import { STRING, type HiveField, type HiveType } from "./hive-type.js";
import { hiveFieldName, renameKey } from "./hive-name.js";
import { CLOUDTRAIL_COLUMNS, JSON_TEXT_COLUMNS, PARTITION_COLUMNS } from "./cloudtrail-profile.js";
import { shapeToHiveType, type OddKeyPolicy } from "./shape-to-hive-type.js";
import { limitTypeSize } from "./limit-type-size.js";
import { mergeProfileType } from "./merge-profile-type.js";
import type { RenderWarning } from "./render-warning.js";

/** What decides the columns besides the schema: the flavor's capabilities and the user's options. */
export interface TableColumnsOptions {
  oddKeys: OddKeyPolicy;
  /** the metastore's limit on one column's type string */
  typeLimit: number;
  /** JSON-text columns (requestParameters, ...) to type as the data says instead */
  expand?: readonly string[];
  /** partition column names a data column must not take */
  partitioned: boolean;
  /**
   * One row per file (`records ARRAY<STRUCT<...>>`): the limit then applies to that one column, so
   * the whole record type has to fit (each field is first limited as a column of its own).
   */
  rowPerFile: boolean;
  /** The record is one `detail STRUCT<...>` column of an envelope (EventBridge): the limit applies to that column. */
  envelope?: boolean;
}

/** The columns, the SerDe mappings renames need, and every warning. */
export interface TableColumns {
  columns: HiveField[];
  /** Hive name -> JSON key, for a SerDe's `mapping.` properties */
  mappings: Map<string, string>;
  warnings: RenderWarning[];
}

/** The wrapper a row-per-file table's column adds around the record type: `array<` + `>`. */
const ROW_PER_FILE_WRAPPER = "array<>".length;

/**
 * The table's data columns from the schema file: AWS's documented columns in AWS's order (those the
 * sample lacks typed as AWS declares them), then every other field the logs had in name order;
 * variable-content fields STRING unless expanded; each column limited in size.
 *
 * @example
 *   const { columns, warnings } = tableColumns(schema, { oddKeys: "map-or-string", typeLimit: 4000, partitioned: true, rowPerFile: false });
 */
export function tableColumns(schema: SchemaFile, options: TableColumnsOptions): TableColumns {
  const warnings: RenderWarning[] = [];
  const mappings = new Map<string, string>();
  const expand = new Set((options.expand ?? []).map((e) => e.toLowerCase()));
  for (const e of expand) {
    if (!JSON_TEXT_COLUMNS.has(e)) {
      warnings.push({ code: "expand-unknown", path: `$.${e}`, message: `--expand ${e}: not one of the JSON-text columns (${[...JSON_TEXT_COLUMNS].join(", ")}), ignored` });
    }
  }
  const byKey = new Map(schema.root.fields.map((f) => [f.key, f] as const));
  const profileKeys = new Set(CLOUDTRAIL_COLUMNS.map((c) => c.key));
  const reserved = new Set<string>(options.partitioned ? PARTITION_COLUMNS : []);
  const taken = new Set<string>([...reserved, ...profileKeys]);
  const columns: HiveField[] = [];

  const typed = (field: Field, path: string): HiveType =>
    JSON_TEXT_COLUMNS.has(field.key) && !expand.has(field.key) ? STRING : shapeToHiveType(field.shape, path, { oddKeys: options.oddKeys, warnings, mappings });

  for (const c of CLOUDTRAIL_COLUMNS) {
    const field = byKey.get(c.key);
    const path = `$.${field?.name ?? c.jsonKey}`;
    const type = field === undefined ? c.awsType : mergeProfileType(typed(field, path), c.awsType);
    columns.push({ name: c.key, jsonKey: field?.name ?? c.jsonKey, type: limitColumn(type, path, c.key, options, warnings) });
  }
  const others = schema.root.fields.filter((f) => !profileKeys.has(f.key)).sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  for (const field of others) {
    const path = `$.${field.name}`;
    let name = hiveFieldName(field.key);
    if (name !== undefined && reserved.has(name)) {
      if (options.oddKeys !== "mapping") {
        warnings.push({ code: "dropped-field", path, message: `${path} is left out: its name is the partition column ${name}, and the SerDe of this flavor cannot map a column to another JSON key` });
        continue;
      }
      name = undefined;
    }
    if (name === undefined) {
      if (options.oddKeys !== "mapping") {
        warnings.push({ code: "dropped-field", path, message: `${path} is left out: Hive cannot name a column ${JSON.stringify(field.name)} and the SerDe of this flavor cannot map one` });
        continue;
      }
      name = renameKey(field.key, taken);
      mappings.set(name, field.name);
      warnings.push({ code: "renamed-field", path, message: `${path} is the column ${name}, and the SerDe maps it back` });
    }
    taken.add(name);
    columns.push({ name, jsonKey: field.name, type: limitColumn(typed(field, path), path, name, options, warnings) });
  }
  warnings.push(...caseCollisions(schema, expand));
  if (!options.rowPerFile && options.envelope !== true) return { columns, mappings, warnings };
  const record = limitTypeSize(
    { kind: "struct", fields: columns },
    options.rowPerFile ? { path: "$", column: "records", limit: options.typeLimit, overhead: ROW_PER_FILE_WRAPPER, warnings } : { path: "$", column: "detail", limit: options.typeLimit, warnings },
  );
  return { columns: record.kind === "struct" ? record.fields : columns.map((c) => ({ ...c, type: STRING })), mappings, warnings };
}

/**
 * Keys that differ only by case (`Tagging`/`tagging`) are one field to Hive, which matches JSON keys
 * case-insensitively: when both are in one object, the last one read wins, silently (measured on
 * Hive 3.1.3 and 4.1.0). Reported for typed columns only; JSON-text columns keep both spellings, and
 * per-event conflicts concern typed views.
 */
function caseCollisions(schema: SchemaFile, expand: ReadonlySet<string>): RenderWarning[] {
  return schema.conflicts
    .filter((c) => c.resolution === "case-merge" && (c as { event?: string }).event === undefined)
    .filter((c) => {
      const top = (/^\$\.([^.[]+)/.exec(c.path)?.[1] ?? "").toLowerCase();
      return !JSON_TEXT_COLUMNS.has(top) || expand.has(top);
    })
    .map((c) => ({
      code: "case-collision" as const,
      path: c.path,
      message: `${c.path}: the keys ${(c.spellings ?? []).join(" and ")} differ only by case and are one field in Hive, so when an object holds both, the last one read wins`,
    }));
}

function limitColumn(type: HiveType, path: string, column: string, options: TableColumnsOptions, warnings: RenderWarning[]): HiveType {
  return limitTypeSize(type, { path, column, limit: options.typeLimit, warnings });
}
