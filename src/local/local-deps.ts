import { SchemaBuilder } from "../schema/schema-builder.js";
import { serializeSchema } from "../schema/schema-io.js";
import { renderTable } from "../render/render-table.js";
import { renderPartitions } from "../partitions/render-partitions.js";
import type { RenderWarning } from "../hive/render-warning.js";
import type { DdlTemplates } from "../render/load-ddl-template.js";
import { LOCAL_FLAVOR, type LocalRunDeps, type SchemaCollector } from "./run-local-investigation.js";
import type { HiveSession } from "./hive-session.js";

/**
 * The local run's parts, put together in one place: infer's reader and schema builder, the jsonl
 * flavor's DDL and the embedded Hive session. Nothing here decides anything; it is what `localEngine`
 * hands to `runLocalInvestigation`.
 *
 * @example
 *   const deps = localDeps({ sources: ["examples/logs"], session: embeddedHiveSession({ cacheDir, keepMinutes: 0 }) });
 */
export interface LocalDepsOptions {
  /** source roots as given, for the inferred schema's provenance */
  sources: string[];
  session: HiveSession;
  /** what the DDL renderer warns about (a column too wide for the metastore, ...) */
  onWarning?: (warning: RenderWarning) => void;
  /** the templates of the jsonl table and its partitions (a user's `--templates`; default the built-in ones) */
  templates?: DdlTemplates;
}

export function localDeps(options: LocalDepsOptions): Omit<LocalRunDeps, "onEvent"> {
  return {
    collectSchema: (): SchemaCollector => {
      const builder = new SchemaBuilder();
      return {
        addFile: (path, result) => builder.addFile(path, result),
        // staging's parse threads each count their share; their states merge here
        addState: (state) => builder.addState(state),
        finish: () => serializeSchema(builder.finish(options.sources)),
      };
    },
    renderTable: (schema, { table, location }) => {
      const script = renderTable(schema, { flavor: LOCAL_FLAVOR, table, location, partitioned: true }, options.templates);
      for (const w of script.warnings) options.onWarning?.(w);
      return script.statements.map((s) => s.sql);
    },
    renderPartitions: (table, partitions) => renderPartitions(table, partitions, options.templates !== undefined ? { templates: options.templates } : {}),
    session: options.session,
  };
}
