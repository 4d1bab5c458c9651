import { join, resolve } from "node:path";
import type { TrailhiveConfig } from "../config/load-config.js";
import { DEFAULT_SCHEMA_FILE } from "../config/load-config.js";
import { tableOptions } from "../config/table-options.js";
import { loadLibrary, renderQuery } from "../queries/library.js";
import { renderTable } from "../render/render-table.js";
import { ddlTemplates } from "../render/load-ddl-template.js";
import type { TemplateFiles } from "../render/template-files.js";
import { DEFAULT_TYPE_LIMIT } from "../hive/limit-type-size.js";
import { tableColumns } from "../hive/table-columns.js";
import { renderDetections } from "../sigma/render-detections.js";
import type { ParsedRule } from "../sigma/sigma-rule.js";
import type { SchemaFile } from "../schema/schema-file.js";
import { parseViewHeaders } from "../views/view-script.js";
import { renderViewScript } from "../views/view-script.js";

/** One file trailhive generates, with the bytes it should hold. */
export interface PlannedFile {
  /** absolute path */
  path: string;
  /** what made it, for messages: `ddl jsonl`, `view`, `query security-group-changes` */
  source: string;
  expected: string;
}

/** The little of the file system planning needs, passed in so the plan is testable and the core stays pure. */
export interface PlanFiles {
  /** the config's `templates` folder as read by readTemplateFolder (its DDL templates and partials) */
  templates?: TemplateFiles;
  /** its `queries/` folder as read by readQueryFolder, when it holds query templates: the library then */
  queries?: TemplateFiles;
  /** the config's `detections.rules`, read and parsed by readRuleFiles */
  rules?: readonly ParsedRule[];
  /** the file's text, or undefined when it does not exist */
  read(path: string): Promise<string | undefined>;
  /** names of the files in a folder (none when it does not exist) */
  list(dir: string): Promise<string[]>;
}

/**
 * Everything `trailhive.config.json` says trailhive generates, rendered again from the schema file:
 * each `ddl` entry's DDL; each typed view file in the `views` folder (rendered from the request its
 * header records); and, with a `queries` folder, one file per library query that needs no parameter,
 * with its defaults, against the config's table.
 *
 * @example
 *   const plan = await planOutputs(config, "/repo", schema, { read, list });
 */
export async function planOutputs(config: TrailhiveConfig, configDir: string, schema: SchemaFile, files: PlanFiles): Promise<PlannedFile[]> {
  const planned: PlannedFile[] = [];
  const templates = files.templates === undefined ? undefined : ddlTemplates(files.templates);
  for (const entry of config.ddl ?? []) {
    const script = renderTable(schema, tableOptions(entry, config, {}), templates);
    planned.push({ path: resolve(configDir, entry.output), source: `ddl ${entry.flavor}`, expected: script.text });
  }
  if (config.views !== undefined) {
    const dir = resolve(configDir, config.views.output);
    for (const name of (await files.list(dir)).filter((n) => n.endsWith(".hql")).sort()) {
      const path = join(dir, name);
      const text = (await files.read(path)) ?? "";
      const requests = parseViewHeaders(text, path);
      // a file without a header was not written by `trailhive view`: nothing to compare it with
      if (requests.length === 0) continue;
      planned.push({ path, source: "view", expected: renderViewScript(schema, requests).text });
    }
  }
  if (config.queries !== undefined) {
    const dir = resolve(configDir, config.queries.output);
    const library = loadLibrary(files.queries !== undefined && Object.keys(files.queries).length > 0 ? files.queries : undefined);
    const partitioned = config.ddl?.find((d) => d.flavor === config.queries?.flavor)?.partitioned ?? config.ddl?.[0]?.partitioned ?? config.partitioned ?? false;
    for (const def of library.filter((q) => q.params.every((p) => !p.required))) {
      const sql = renderQuery(def, {}, { table: config.table, partitioned }).sql;
      planned.push({ path: join(dir, `${def.name}.hql`), source: `query ${def.name}`, expected: sql + ";\n" });
    }
  }
  if (config.detections !== undefined) {
    const { columns } = tableColumns(schema, { oddKeys: "map-or-string", typeLimit: DEFAULT_TYPE_LIMIT, partitioned: true, rowPerFile: false });
    const { script } = renderDetections(files.rules ?? [], columns, { table: config.table });
    planned.push({ path: resolve(configDir, config.detections.output), source: "detections", expected: script });
  }
  return planned;
}

/** Where the config's schema file is. */
export function schemaPath(config: TrailhiveConfig, configDir: string): string {
  return resolve(configDir, config.schema ?? DEFAULT_SCHEMA_FILE);
}
