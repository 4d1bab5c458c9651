import { readFile } from "node:fs/promises";
import { TrailhiveError } from "../errors.js";
import type { SchemaFile } from "../schema/schema-file.js";
import { parseSchema } from "../schema/schema-io.js";

/**
 * The one loader of schema files (`--schema`, the config's schema, `diff`'s two): a file that cannot
 * be read is USAGE_NO_SCHEMA naming it and what to do (`hint`); one that breaks the schema's JSON
 * Schema is parseSchema's error naming the JSON path. `shown` is the path as the user should read it.
 *
 * @example
 *   const schema = await readSchemaFile("/repo/trailhive.schema.json", { shown: "trailhive.schema.json", hint: "run trailhive infer <logs> first" });
 */
export async function readSchemaFile(path: string, options: { shown?: string; hint: string }): Promise<SchemaFile> {
  const shown = options.shown ?? path;
  let text: string;
  try {
    text = await readFile(path, "utf8");
  } catch (error) {
    const why = (error as NodeJS.ErrnoException).code === "ENOENT" ? "no such file" : (error as Error).message;
    throw new TrailhiveError("USAGE_NO_SCHEMA", { path, shown, hint: options.hint, reason: why }, { cause: error });
  }
  return parseSchema(text, shown);
}
