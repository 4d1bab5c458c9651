import { readSchemaFile } from "../config/read-schema-file.js";
import { existsSync } from "node:fs";
import path from "node:path";
import { DEFAULT_SCHEMA_FILE } from "../config/trailhive-config.js";
import { TrailhiveError } from "../errors.js";
import { inferSources } from "../pipeline/infer-sources.js";
import { SchemaBuilder } from "../schema/schema-builder.js";
import type { SchemaFile } from "../schema/schema-file.js";
import type { Terminal } from "./io.js";
import { openSources } from "./open-sources.js";
import { maxFileBytesOf, type SourceArgs } from "./source-options.js";

export interface EmrSchemaArgs extends SourceArgs {
  schema?: string;
  "dry-run"?: boolean;
  quiet?: boolean;
}

/**
 * The schema an EMR run's table is rendered from, chosen as a local run chooses it: `--schema`, else
 * ./trailhive.schema.json when it exists, else inferred from a sample of the trail's location with the
 * sampler's defaults (as `infer` would), saying so. A dry run calls nothing, so without a file it uses
 * AWS's documented CloudTrail columns (a schema of no records renders exactly those) and says so.
 */
export async function emrSchema(args: EmrSchemaArgs, location: string, term: Terminal): Promise<SchemaFile> {
  const say = (line: string) => {
    if (!args.quiet) term.stderr.write(`trailhive: ${line}\n`);
  };
  const file = path.resolve(term.cwd, args.schema ?? DEFAULT_SCHEMA_FILE);
  if (args.schema !== undefined || existsSync(file)) return readSchemaFile(file, { shown: args.schema ?? DEFAULT_SCHEMA_FILE, hint: "make one with trailhive infer, or give --schema" });
  if (args["dry-run"]) {
    say(`no ${DEFAULT_SCHEMA_FILE} and no --schema: --dry-run reads nothing, so the table has AWS's documented CloudTrail columns (a run infers the schema from a sample of ${location})`);
    return new SchemaBuilder().finish([]);
  }
  say(`no ${DEFAULT_SCHEMA_FILE} and no --schema: inferring the schema from a sample of ${location} (trailhive infer ${location} keeps it in a file)`);
  const resolved = await openSources([location], args, { env: term.env, term, quiet: args.quiet });
  const { schema, summary } = await inferSources(resolved, { maxFileBytes: maxFileBytesOf(args) });
  if (summary.files.log === 0) {
    throw new TrailhiveError("SOURCE_NO_LOGS", { problem: "sample", location, files: resolved.files.length });
  }
  say(`schema inferred from ${summary.files.log} log file${summary.files.log === 1 ? "" : "s"} (${summary.records} records)`);
  return schema;
}
