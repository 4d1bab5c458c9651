import { existsSync } from "node:fs";
import { mkdir } from "node:fs/promises";
import { dirname, relative, resolve } from "node:path";
import { loadConfig, type DdlOutput, type TrailhiveConfig } from "../../config/load-config.js";
import { readSchemaFile } from "../../config/read-schema-file.js";
import { readTemplateFolder } from "../../config/read-template-folder.js";
import { tableOptions } from "../../config/table-options.js";
import { CONFIG_FILE, DEFAULT_SCHEMA_FILE } from "../../config/trailhive-config.js";
import { ExitCode, TrailhiveError } from "../../errors.js";
import { DEFAULT_FLAVOR, getFlavor, type EngineName, type FlavorName } from "../../flavors/index.js";
import { countFileShapes } from "../../records/file-shape.js";
import { dataShapeWarnings } from "../../render/data-shape-warnings.js";
import { ddlTemplates } from "../../render/load-ddl-template.js";
import { renderTable, type RenderedScript } from "../../render/render-table.js";
import type { SchemaFile } from "../../schema/schema-file.js";
import { parseKeyValues } from "../../values/key-values.js";
import type { DdlArgs } from "../commands/ddl.js";
import { writeOutput, type GlobalArgs, type Terminal } from "../io.js";
import { maxFileBytesOf } from "../source-options.js";

/** `trailhive ddl`'s work (commands/ddl.ts declares its options). */
export async function runDdl(args: DdlArgs & GlobalArgs, term: Terminal): Promise<ExitCode> {
  const { config, configDir } = await findConfig(args, term);
  const { schema, skipped } = await readSchema(args, config, configDir, term);
  const templatesDir = args.templates !== undefined ? resolve(term.cwd, args.templates) : config?.templates !== undefined ? resolve(configDir, config.templates) : undefined;
  const templates = ddlTemplates(templatesDir === undefined ? undefined : readTemplateFolder(templatesDir));
  const flags = {
    table: args.table,
    location: args.location,
    partitioned: args.partitioned,
    comment: args.comment,
    tblProperties: args.tblproperty === undefined ? undefined : parseKeyValues(args.tblproperty, "--tblproperty", "KEY=VALUE"),
    ifNotExists: args["if-not-exists"],
    typeLimit: args["type-limit"],
    expand: args.expand,
    engines: args.engine as EngineName[] | undefined,
  };
  // No flavor and config outputs: write them all (what `check` regenerates). Otherwise one flavor.
  const jobs: { flavor: FlavorName; entry: FlavorName | DdlOutput; output: string | undefined }[] =
    args.flavor === undefined && args.output === undefined && (config?.ddl?.length ?? 0) > 0
      ? (config?.ddl ?? []).map((d) => ({ flavor: d.flavor, entry: d, output: resolve(configDir, d.output) }))
      : [single(args, config, term)];
  // the shapes of the files the schema was read from (its provenance), whether just read or kept in a schema file
  const shapes = countFileShapes(schema.provenance.files);
  const results: { flavor: FlavorName; output: string | undefined; script: RenderedScript }[] = [];
  for (const job of jobs) {
    const script = renderTable(schema, tableOptions(job.entry, config, flags), templates);
    // About the logs given, not the table: printed, never written into the DDL (`check` regenerates it from the schema file).
    script.warnings.push(...dataShapeWarnings(shapes, getFlavor(job.flavor)));
    results.push({ flavor: job.flavor, output: job.output, script });
  }
  for (const r of results) {
    // With --json, stdout carries one JSON document: a script with no file goes inside it.
    if (r.output === undefined) {
      if (!args.json) term.stdout.write(r.script.text);
    } else {
      await mkdir(dirname(r.output), { recursive: true });
      await writeOutput(term, r.output, r.script.text);
    }
  }
  if (args.json) {
    const summary = results.map((r) => ({
      flavor: r.flavor,
      output: r.output === undefined ? null : relative(term.cwd, r.output),
      statements: r.script.statements.map((s) => s.kind),
      table: r.script.table,
      warnings: r.script.warnings,
      ...(r.output === undefined ? { text: r.script.text } : {}),
    }));
    term.stdout.write(JSON.stringify({ outputs: summary, skipped }) + "\n");
  } else if (!args.quiet) {
    for (const r of results) {
      for (const w of r.script.warnings) term.stderr.write(`warning (${r.flavor}): ${w.message}\n`);
      if (r.output !== undefined) term.stderr.write(`wrote ${relative(term.cwd, r.output)} (${r.flavor}, ${r.script.statements.length} statement${r.script.statements.length === 1 ? "" : "s"})\n`);
    }
  }
  return args.strict && skipped.length > 0 ? ExitCode.skipped : ExitCode.ok;
}

/** One flavor to stdout or `-o`: the `--flavor` given, else the config's first output's, else the default. */
function single(args: DdlArgs, config: TrailhiveConfig | undefined, term: Terminal): { flavor: FlavorName; entry: FlavorName; output: string | undefined } {
  const flavor = (args.flavor ?? config?.ddl?.[0]?.flavor ?? DEFAULT_FLAVOR) as FlavorName;
  return { flavor, entry: flavor, output: args.output === undefined || args.output === "-" ? undefined : resolve(term.cwd, args.output) };
}

async function findConfig(args: DdlArgs, term: Terminal): Promise<{ config: TrailhiveConfig | undefined; configDir: string }> {
  if (args.config !== undefined) {
    const path = resolve(term.cwd, args.config);
    return { config: await loadConfig(path), configDir: dirname(path) };
  }
  const path = resolve(term.cwd, CONFIG_FILE);
  return existsSync(path) ? { config: await loadConfig(path), configDir: term.cwd } : { config: undefined, configDir: term.cwd };
}

async function readSchema(args: DdlArgs & GlobalArgs, config: TrailhiveConfig | undefined, configDir: string, term: Terminal): Promise<{ schema: SchemaFile; skipped: string[] }> {
  const logs = args.logs ?? [];
  if (logs.length > 0) {
    if (args.schema !== undefined) throw new TrailhiveError("USAGE_SCHEMA_AND_LOGS", {});
    const maxFileBytes = maxFileBytesOf(args);
    // Inference and the sources (S3, the SDK) only when logs are given: rendering from the schema file needs neither.
    const [{ inferSources }, { openSources }, { countLocalFiles }] = await Promise.all([
      import("../../pipeline/infer-sources.js"),
      import("../open-sources.js"),
      import("../../local/infer-workers.js"),
    ]);
    const { schema, summary } = await inferSources(
      await openSources(
        logs.map((l) => (l.startsWith("s3://") ? l : resolve(term.cwd, l))),
        args,
      ),
      { maxFileBytes, countLocal: countLocalFiles },
    );
    if (summary.files.log === 0) throw new TrailhiveError("SOURCE_NO_LOGS", { problem: "paths", sources: logs });
    for (const s of summary.skipped) if (!args.quiet && !args.json) term.stderr.write(`skipped ${s.message}\n`);
    return { schema, skipped: summary.skipped.map((s) => s.path) };
  }
  const path = args.schema !== undefined ? resolve(term.cwd, args.schema) : resolve(configDir, config?.schema ?? DEFAULT_SCHEMA_FILE);
  const schema = await readSchemaFile(path, { shown: relative(term.cwd, path) || path, hint: "run trailhive infer <logs> first, pass --schema FILE, or give log paths" });
  return { schema, skipped: [] };
}
