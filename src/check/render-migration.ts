import { getFlavor } from "../flavors/index.js";
import { oddKeyPolicy } from "../flavors/flavor.js";
import { envelopeColumns, envelopeTableName } from "../hive/eventbridge-envelope.js";
import { ddlTypeString, formatDdlType, type HiveField } from "../hive/hive-type.js";
import { DEFAULT_TYPE_LIMIT } from "../hive/limit-type-size.js";
import { quoteIdentifier, quoteQualifiedName } from "../hive/quote.js";
import { tableColumns } from "../hive/table-columns.js";
import { renderTable, type Statement, type TableOptions } from "../render/render-table.js";
import { filesTableName } from "../render/rendered-script.js";
import type { DdlTemplates } from "../render/load-ddl-template.js";
import { renderStatements, type StandaloneStatementModel } from "../render/render-statements.js";
import type { SchemaFile } from "../schema/schema-file.js";

/**
 * The ALTER statements that take a table made from `oldSchema` to the one `newSchema` renders, for the
 * same table options: `CHANGE COLUMN` per column when only types changed (a struct gained a field, a
 * value was widened), `REPLACE COLUMNS` with the whole new list when columns were added, removed or
 * moved; `CASCADE` on a partitioned table so existing partitions see the new types too, each laid out
 * by its partial (`partials/alter-table.hbs`, `drop-view.hbs`; `templates` overrides them). A flavor that
 * reads through a view (one row per file, or an envelope) also gets its view dropped and created again. Statements
 * carry no `;`. Nothing changed: no statements.
 *
 * @example
 *   renderMigration(before, after, { flavor: "jsonl", table: "cloudtrail", location: "s3://b/AWSLogs/", partitioned: true })
 *     .map((s) => s.sql + ";").join("\n");
 */
export function renderMigration(oldSchema: SchemaFile, newSchema: SchemaFile, options: TableOptions, templates?: DdlTemplates): Statement[] {
  const flavor = getFlavor(options.flavor);
  const partitioned = options.partitioned && flavor.supportsPartitions;
  const columnsOf = (schema: SchemaFile): HiveField[] => {
    const { columns } = tableColumns(schema, {
      oddKeys: oddKeyPolicy(flavor),
      typeLimit: options.typeLimit ?? DEFAULT_TYPE_LIMIT,
      expand: options.expand,
      partitioned,
      rowPerFile: flavor.rowPerFile,
      envelope: flavor.envelope !== undefined,
    });
    if (flavor.envelope !== undefined) return envelopeColumns({ kind: "struct", fields: columns });
    return flavor.rowPerFile ? [{ name: "records", jsonKey: "Records", type: { kind: "array", items: { kind: "struct", fields: columns } } }] : columns;
  };
  const before = columnsOf(oldSchema);
  const after = columnsOf(newSchema);
  const table = quoteQualifiedName(flavor.rowPerFile ? filesTableName(options.table) : flavor.envelope !== undefined ? envelopeTableName(options.table) : options.table);
  // A view lists the record's columns: re-created whenever the table changes.
  const viewed = flavor.rowPerFile || flavor.envelope !== undefined;
  const cascade = partitioned;
  const models: StandaloneStatementModel[] = [];
  const sameNames = before.length === after.length && before.every((c, i) => c.name === after[i]?.name);
  if (sameNames) {
    after.forEach((c, i) => {
      if (ddlTypeString(c.type) === ddlTypeString(before[i]!.type)) return;
      models.push({ kind: "alter-table", tableName: table, cascade, change: { name: quoteIdentifier(c.name), type: formatDdlType(c.type, "  ") } });
    });
  } else {
    models.push({ kind: "alter-table", tableName: table, cascade, replace: after.map((c) => ({ name: quoteIdentifier(c.name), type: formatDdlType(c.type, "  ") })) });
  }
  // the view as the renderer lays it out, without IF NOT EXISTS: the old one is dropped just before
  const view = models.length > 0 && viewed ? renderTable(newSchema, { ...options, ifNotExists: false }, templates).statements.find((s) => s.kind === "create-view") : undefined;
  if (view !== undefined) models.push({ kind: "drop-view", viewName: quoteQualifiedName(options.table) });
  return [...renderStatements(models, templates), ...(view !== undefined ? [view] : [])];
}
