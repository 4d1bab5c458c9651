import type { FlavorName } from "../flavors/index.js";
import type { RenderWarning } from "../hive/render-warning.js";

/** What a statement in a generated script does; the Hive harness checks each `hive -f` cut against it. */
export type StatementKind = "create-table" | "create-view" | "add-partition" | "query" | "insert-directory" | "drop-table" | "drop-view" | "alter-table" | "use" | "set";

/** One statement of a script, as `hive -f` should cut it. */
export interface Statement {
  kind: StatementKind;
  /** the statement without its terminating `;` */
  sql: string;
}

/**
 * The table as data, so the Hive harness can configure the SerDe exactly as the DDL does. `columns`
 * are the table's own columns (for a row-per-file flavor, the one `records` column); types are
 * TypeInfo strings (`struct<arn:string>`), names lower-case.
 */
export interface TableSpec {
  name: string;
  flavor: FlavorName;
  serde: string;
  serdeProperties: Record<string, string>;
  inputFormat: string;
  outputFormat: string;
  columns: { name: string; type: string; jsonKey: string }[];
  partitionColumns: string[];
  rowPerFile: boolean;
  /** the view queries use, when the table itself holds one row per file */
  viewName?: string;
}

/**
 * A rendered DDL script: its text (what `-o` writes), the statements it is meant to hold (in order,
 * as `hive -f` should cut them), the table as data, and warnings.
 *
 * @example
 *   const { text, statements } = renderTable(schema, { flavor: "jsonl", table: "ct", location: "s3://b/AWSLogs", partitioned: true });
 *   statements.map((s) => s.kind) // ["create-table"]
 */
export interface RenderedScript {
  text: string;
  statements: Statement[];
  table: TableSpec;
  warnings: RenderWarning[];
}

/**
 * The one-row-per-file table behind a row-per-file flavor's view.
 *
 * @example
 *   filesTableName("db.trail") // "db.trail_files"
 */
export function filesTableName(table: string): string {
  return `${table}_files`;
}
