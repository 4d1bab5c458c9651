import { TrailhiveError } from "../errors.js";
import { getFlavor, type EngineName, type FlavorName } from "../flavors/index.js";
import { oddKeyPolicy, tablePartitionColumns, type Flavor } from "../flavors/flavor.js";
import { envelopeColumns, envelopeTableName } from "../hive/eventbridge-envelope.js";
import { typeInfoString, type HiveField } from "../hive/hive-type.js";
import { DEFAULT_TYPE_LIMIT } from "../hive/limit-type-size.js";
import { quoteQualifiedName } from "../hive/quote.js";
import type { RenderWarning } from "../hive/render-warning.js";
import { tableColumns } from "../hive/table-columns.js";
import type { SchemaFile } from "../schema/schema-file.js";
import { buildScriptModel } from "./ddl-view-model.js";
import { BUILTIN_DDL, type DdlTemplates } from "./load-ddl-template.js";

import type { ProjectionOptions } from "./projection-properties.js";
import { filesTableName, type RenderedScript, type Statement, type StatementKind, type TableSpec } from "./rendered-script.js";

export type { RenderedScript, Statement, StatementKind, TableSpec } from "./rendered-script.js";

/** How to render one table; only `flavor`, `table`, `location`, `partitioned` are required. */
export interface TableOptions {
  flavor: FlavorName;
  /** `name` or `database.name`: letters, digits and `_` */
  table: string;
  /** the `AWSLogs/` folder (or `AWSLogs/o-org/`) when partitioned (a Firehose flavor: the delivery prefix); the files' folder otherwise */
  location: string;
  /** PARTITIONED BY (account, region, year, month, day) */
  partitioned: boolean;
  comment?: string;
  tblProperties?: Record<string, string>;
  /** CREATE ... IF NOT EXISTS (EMR runs re-run scripts) */
  ifNotExists?: boolean;
  /** limit on one column's type string; default 4,000 */
  typeLimit?: number;
  /** JSON-text columns (requestParameters, ...) to type as the data says */
  expand?: string[];
  /** engines the user will run this on: a flavor known to break there gets a warning */
  engines?: EngineName[];
  /** athena-projection: accounts, regions and years to project */
  projection?: ProjectionOptions;
}

/**
 * Renders one flavor's DDL for the schema: typed columns (hive/), a typed view model per statement
 * with every name and literal already quoted (ddl-view-model), laid out by the flavor's template.
 * The statements are collected as the template emits them, so `statements` is what the script is
 * meant to hold and `hive -f` must cut `text` into exactly these. Pass `templates` (from
 * `ddlTemplates(dir)`) to reuse compiled templates across many renders.
 *
 * @example
 *   const out = renderTable(schema, { flavor: "emr-cloudtrail-serde", table: "cloudtrail_logs", location: "s3://bucket/AWSLogs/", partitioned: true });
 *   writeFileSync("cloudtrail.hql", out.text);
 */
export function renderTable(schema: SchemaFile, options: TableOptions, templates: DdlTemplates = BUILTIN_DDL): RenderedScript {
  const flavor = getFlavor(options.flavor);
  checkOptions(options);
  const typeLimit = options.typeLimit ?? DEFAULT_TYPE_LIMIT;
  const partitioned = options.partitioned && flavor.supportsPartitions;
  const { columns, mappings, warnings } = tableColumns(schema, {
    oddKeys: oddKeyPolicy(flavor),
    typeLimit,
    expand: options.expand,
    partitioned,
    rowPerFile: flavor.rowPerFile,
    envelope: flavor.envelope !== undefined,
  });
  warnings.push(...engineWarnings(flavor, options.engines ?? []));
  const serdeProperties: Record<string, string> = { ...flavor.serdeProperties };
  for (const [name, key] of [...mappings].sort(([a], [b]) => (a < b ? -1 : 1))) serdeProperties[`mapping.${name}`] = key;

  const table = tableSpec(flavor, options, columns, serdeProperties, partitioned);
  const model = buildScriptModel({ schema, flavor, options, columns, table, serdeProperties, warnings, typeLimit });

  const statements: Statement[] = [];
  // a user's <flavor>.hql.hbs changes this flavor alone; otherwise the flavor's template lays it out
  const { name: template, render } = templates.get([`${flavor.name}.hql.hbs`, flavor.template]);
  let text: string;
  try {
    text = render(model, statements);
  } catch (error) {
    throw new TrailhiveError("RENDER_TEMPLATE_FAILED", { template, reason: (error as Error).message }, { cause: error });
  }
  for (const statement of statements) {
    if (!STATEMENT_KINDS.has(statement.kind)) {
      throw new TrailhiveError("RENDER_BAD_STATEMENT_KIND", { template, kind: statement.kind, allowed: [...STATEMENT_KINDS] });
    }
  }
  return {
    text: text
      .replace(/\n{3,}/g, "\n\n")
      .replace(/^\n+/, "")
      .replace(/\n*$/, "\n"),
    statements,
    table,
    warnings,
  };
}

const STATEMENT_KINDS: ReadonlySet<string> = new Set<StatementKind>([
  "create-table",
  "create-view",
  "add-partition",
  "query",
  "insert-directory",
  "drop-table",
  "drop-view",
  "alter-table",
  "use",
  "set",
]);

/** Control characters have no business in a location or property name: they only come from a pasting accident. */
function hasControlCharacter(s: string): boolean {
  return [...s].some((ch) => {
    const c = ch.codePointAt(0) ?? 0;
    return c < 0x20 || c === 0x7f || c === 0x2028 || c === 0x2029;
  });
}

function checkOptions(options: TableOptions): void {
  quoteQualifiedName(options.table, "table name");
  if (options.location.trim() === "" || hasControlCharacter(options.location)) {
    throw new TrailhiveError("USAGE_BAD_LOCATION", { location: options.location });
  }
  for (const key of Object.keys(options.tblProperties ?? {})) {
    if (key === "" || hasControlCharacter(key)) {
      throw new TrailhiveError("USAGE_BAD_TBLPROPERTY", { key });
    }
  }
  if (options.typeLimit !== undefined && !(Number.isInteger(options.typeLimit) && options.typeLimit >= 64)) {
    throw new TrailhiveError("USAGE_BAD_TYPE_LIMIT", { typeLimit: options.typeLimit });
  }
}

function engineWarnings(flavor: Flavor, engines: EngineName[]): RenderWarning[] {
  return engines
    .filter((e) => flavor.engines[e].status !== "works")
    .map((e) => ({
      code: "flavor-engine" as const,
      message: `flavor ${flavor.name} ${flavor.engines[e].status === "breaks" ? "breaks" : "is untested"} on ${e}: ${flavor.engines[e].note}`,
    }));
}

function tableSpec(flavor: Flavor, options: TableOptions, columns: HiveField[], serdeProperties: Record<string, string>, partitioned: boolean): TableSpec {
  const common = {
    flavor: flavor.name as FlavorName,
    serde: flavor.serde,
    serdeProperties,
    inputFormat: flavor.inputFormat,
    outputFormat: flavor.outputFormat,
    partitionColumns: partitioned ? [...tablePartitionColumns(flavor)] : [],
    rowPerFile: flavor.rowPerFile,
  };
  if (flavor.rowPerFile) {
    const records = typeInfoString({ kind: "array", items: { kind: "struct", fields: columns } });
    return { name: filesTableName(options.table), ...common, columns: [{ name: "records", type: records, jsonKey: "Records" }], viewName: options.table };
  }
  if (flavor.envelope !== undefined) {
    const wrapped = envelopeColumns({ kind: "struct", fields: columns });
    return { name: envelopeTableName(options.table), ...common, columns: wrapped.map((c) => ({ name: c.name, type: typeInfoString(c.type), jsonKey: c.jsonKey })), viewName: options.table };
  }
  return { name: options.table, ...common, columns: columns.map((c) => ({ name: c.name, type: typeInfoString(c.type), jsonKey: c.jsonKey })) };
}
