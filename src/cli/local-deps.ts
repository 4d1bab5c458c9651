import { readFileSync } from "node:fs";
import { TrailhiveError } from "../errors.js";
import { readLogFile } from "../records/read-log-file.js";
import { SchemaBuilder } from "../schema/schema-builder.js";
import { parseSchema, serializeSchema } from "../schema/schema-io.js";
import { renderTable } from "../render/render-table.js";
import { getQuery, loadLibrary, renderQuery } from "../queries/library.js";
import { renderPartitions } from "../partitions/render-partitions.js";
import { LOCAL_FLAVOR, type LocalRunDeps, type SchemaCollector } from "../local/run-local-investigation.js";
import type { HiveSession } from "../local/hive-session.js";
import type { Terminal } from "./io.js";

/**
 * The local run's parts, put together in one place: infer's reader and schema builder, the jsonl
 * flavor's DDL, the library's queries, and the embedded Hive session. Nothing here decides anything;
 * it is the composition root `run-local.ts` hands to `runLocalInvestigation`.
 */
export interface LocalDepsOptions {
  cacheDir: string;
  term: Terminal;
  quiet: boolean;
  /** a schema file to use instead of the one inferred while staging */
  schemaPath?: string;
  /** source roots as given, for the inferred schema's provenance */
  sources: string[];
  session: HiveSession;
}

export interface LocalDeps extends Omit<LocalRunDeps, "onEvent"> {
  renderLibraryQuery(name: string, params: Record<string, string>, table: string): { sql: string; columns: string[] };
}

export function localDeps(options: LocalDepsOptions): LocalDeps {
  const given = options.schemaPath === undefined ? undefined : readSchemaText(options.schemaPath);
  return {
    read: readLogFile,
    collectSchema: (): SchemaCollector => {
      const builder = new SchemaBuilder();
      return {
        addFile: (path, result) => builder.addFile(path, result),
        // staging's parse threads each count their share; their states merge here
        addState: (state) => builder.addState(state),
        finish: () => serializeSchema(builder.finish(options.sources)),
      };
    },
    renderTable: (schemaText, { table, location }) => {
      const schema = parseSchema(given ?? schemaText, options.schemaPath ?? "the inferred schema");
      const script = renderTable(schema, { flavor: LOCAL_FLAVOR, table, location, partitioned: true });
      if (!options.quiet) for (const w of script.warnings) options.term.stderr.write(`warning: ${w.message}\n`);
      return script.statements.map((s) => s.sql);
    },
    renderPartitions: (table, partitions) => renderPartitions(table, partitions),
    session: options.session,
    renderLibraryQuery: (name, params, table) => renderQuery(getQuery(loadLibrary(), name), params, { table, partitioned: true }),
  };
}

function readSchemaText(path: string): string {
  try {
    return readFileSync(path, "utf8");
  } catch (error) {
    throw new TrailhiveError("USAGE_SCHEMA_NOT_FOUND", `cannot read the schema file ${path}: ${(error as Error).message}`, { path });
  }
}
