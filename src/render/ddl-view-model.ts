import { IGNORE_KEY_OUTPUT_FORMAT, TEXT_INPUT_FORMAT, type Flavor } from "../flavors/flavor.js";
import { PARTITION_COLUMNS } from "../hive/cloudtrail-profile.js";
import { DETAIL_COLUMN, envelopeColumns } from "../hive/eventbridge-envelope.js";
import { formatDdlType, type HiveField } from "../hive/hive-type.js";
import { quoteIdentifier, quoteQualifiedName, quoteString, quoteStringWith } from "../hive/quote.js";
import type { RenderWarning } from "../hive/render-warning.js";
import type { SchemaFile } from "../schema/schema-file.js";
import { projectionProperties } from "./projection-properties.js";
import type { TableOptions } from "./render-table.js";
import type { TableSpec } from "./rendered-script.js";

/**
 * The view models templates lay out. Every string meant for HiveQL is already legal: names through
 * `quoteIdentifier`, literals through `quoteString`, comment lines stripped of what `hive -f` would
 * misread. `raw` keeps the unquoted values for user templates that quote them with the helpers.
 */
export interface ScriptModel {
  flavor: string;
  /** comment lines, without the leading `-- ` */
  header: string[];
  statements: StatementModel[];
}

/** One statement's view model; `kind` picks its partial (`partials/<kind>.hbs`). */
export type StatementModel = CreateTableModel | CreateViewModel;

/** A quoted key and value, for TBLPROPERTIES and SERDEPROPERTIES. */
export interface KeyValue {
  key: string;
  value: string;
}

/** CREATE EXTERNAL TABLE, laid out by `partials/create-table.hbs`. */
export interface CreateTableModel {
  kind: "create-table";
  ifNotExists: boolean;
  /** named so as not to shadow the `table` helper */
  tableName: string;
  columns: { name: string; type: string }[];
  comment: string | null;
  partitionColumns: string[];
  serde: string;
  serdeProperties: KeyValue[];
  inputFormat: string;
  outputFormat: string;
  /** STORED AS TEXTFILE (the flavor reads text through Hive's own formats), else STORED AS INPUTFORMAT ... OUTPUTFORMAT */
  textStorage: boolean;
  location: string;
  tblProperties: KeyValue[];
  raw: { table: string; location: string; comment: string | null };
}

/**
 * CREATE VIEW over the table a flavor stores (`f`), laid out by `partials/create-view.hbs`: exploding a
 * row-per-file table's `records` (then each record is `r`), or selecting an envelope's `detail`.
 */
export interface CreateViewModel {
  kind: "create-view";
  ifNotExists: boolean;
  viewName: string;
  fromTable: string;
  /** `LATERAL VIEW explode(f.records) exploded AS r` */
  explode: boolean;
  /** `expression AS name`, already quoted */
  columns: string[];
  comment: string | null;
  raw: { view: string; table: string; comment: string | null };
}

/** Everything the view model is built from (all already decided by hive/ and the flavor). */
export interface ScriptModelInput {
  schema: SchemaFile;
  flavor: Flavor;
  options: TableOptions;
  columns: HiveField[];
  table: TableSpec;
  serdeProperties: Record<string, string>;
  warnings: RenderWarning[];
  typeLimit: number;
}

/** Indent of a column line; nested struct fields indent from here. */
const COLUMN_INDENT = "  ";

/**
 * Builds the script's view model: one CREATE TABLE (and for a row-per-file flavor, the exploding view).
 *
 * @example
 *   buildScriptModel(input).statements.map((s) => s.kind) // ["create-table", "create-view"] for portable
 */
export function buildScriptModel(input: ScriptModelInput): ScriptModel {
  const { flavor, options, columns, table } = input;
  const partitioned = table.partitionColumns.length > 0;
  const location = partitioned ? options.location.replace(/\/*$/, "/") : options.location;
  const tblProperties: Record<string, string> = {
    ...(flavor.partitionProjection && partitioned ? projectionProperties(location, input.schema, options.projection ?? {}) : {}),
    ...(options.tblProperties ?? {}),
  };
  const comment = options.comment ?? null;
  const stored = flavor.envelope !== undefined ? envelopeColumns({ kind: "struct", fields: columns }) : columns;
  const tableColumns = flavor.rowPerFile
    ? [{ name: "records", type: formatDdlType({ kind: "array", items: { kind: "struct", fields: columns } }, COLUMN_INDENT) }]
    : stored.map((c) => ({ name: quoteIdentifier(c.name), type: formatDdlType(c.type, COLUMN_INDENT) }));
  const statements: StatementModel[] = [
    {
      kind: "create-table",
      ifNotExists: options.ifNotExists ?? false,
      tableName: quoteQualifiedName(table.name, "table name"),
      columns: tableColumns,
      comment: comment === null ? null : quoteString(comment),
      partitionColumns: table.partitionColumns.map((p) => `${quoteIdentifier(p)} STRING`),
      serde: quoteString(flavor.serde),
      serdeProperties: pairs(input.serdeProperties),
      inputFormat: quoteString(flavor.inputFormat),
      outputFormat: quoteString(flavor.outputFormat),
      textStorage: flavor.inputFormat === TEXT_INPUT_FORMAT && flavor.outputFormat === IGNORE_KEY_OUTPUT_FORMAT,
      location: quoteString(location),
      tblProperties: pairs(tblProperties),
      raw: { table: table.name, location, comment },
    },
  ];
  if (table.viewName !== undefined) {
    const view = table.viewName;
    // The record's fields: `r` is an exploded record, `f.detail` an envelope's.
    const record = flavor.rowPerFile ? "r" : `f.${DETAIL_COLUMN}`;
    statements.push({
      kind: "create-view",
      ifNotExists: options.ifNotExists ?? false,
      viewName: quoteQualifiedName(view, "view name"),
      fromTable: quoteQualifiedName(table.name, "table name"),
      explode: flavor.rowPerFile,
      columns: [
        ...columns.map((c) => `${record}.${quoteIdentifier(c.name)} AS ${quoteIdentifier(c.name)}`),
        // An envelope table's account and region are the envelope's fields, in the data.
        ...(partitioned ? PARTITION_COLUMNS.map((p) => `f.${quoteIdentifier(p)} AS ${quoteIdentifier(p)}`) : []),
      ],
      comment: comment === null ? null : quoteString(comment),
      raw: { view, table: table.name, comment },
    });
  }
  return { flavor: flavor.name, header: header(input), statements };
}

/** Athena fills these placeholders in `storage.location.template`; nothing else may keep a `${`. */
const LOCATION_TEMPLATE = "storage.location.template";

function pairs(record: Record<string, string>): KeyValue[] {
  // Sorted: the same options give the same bytes whatever order a config file listed them in.
  return Object.keys(record)
    .sort()
    .map((key) => ({ key: quoteString(key), value: quoteStringWith(record[key] as string, { keepVariables: key === LOCATION_TEMPLATE ? PARTITION_COLUMNS : [] }) }));
}

/**
 * Comment lines for the top of the script. `hive -f` drops only lines starting with `--`, and a `'` or
 * `;` in a comment can still move its cut, so lines are stripped of quotes and semicolons.
 */
function header(input: ScriptModelInput): string[] {
  const { schema, flavor, table, typeLimit } = input;
  const versions = Object.keys(schema.eventVersions)
    .filter((v) => /^\d+\.\d+$/.test(v))
    .sort((a, b) => versionOrder(a) - versionOrder(b) || (a < b ? -1 : a > b ? 1 : 0));
  const lines = [
    `Generated by trailhive ddl (flavor ${flavor.name}): regenerate it, do not edit it.`,
    `${flavor.description}.`,
    `Schema: ${schema.records} records, eventVersion ${versions.length === 0 ? "none" : `${versions[0]} to ${versions[versions.length - 1]}`}, column type limit ${typeLimit} characters.`,
    ...(table.viewName === undefined
      ? []
      : [`Query the view ${table.viewName}: the table ${table.name} holds ${flavor.rowPerFile ? "one row per log file" : "one EventBridge event per row, the record in detail"}.`]),
    ...input.warnings.map((w) => `warning: ${w.message}`),
  ];
  return lines.map(commentSafe);
}

/** `1.9` < `1.10`: major and minor compared as numbers. */
function versionOrder(v: string): number {
  const [major, minor] = v.split(".").map(Number) as [number, number];
  return major * 1000 + minor;
}

/**
 * A comment line `hive -f` cannot misread: one line, no quotes or semicolons.
 *
 * @example
 *   commentSafe("it's; fine") // "its fine"
 */
export function commentSafe(line: string): string {
  let out = "";
  for (const ch of line) {
    const code = ch.codePointAt(0) ?? 0;
    if (ch === "'" || ch === ";" || ch === '"') continue;
    out += code < 0x20 || code === 0x7f || code === 0x2028 || code === 0x2029 ? " " : ch;
  }
  return out;
}
