import { resolve } from "node:path";
import { diffSchemas, type FieldChange } from "../../check/diff-schemas.js";
import { renderMigration } from "../../check/render-migration.js";
import { readSchemaFile } from "../../config/read-schema-file.js";
import { ExitCode } from "../../errors.js";
import type { FlavorName } from "../../flavors/index.js";
import type { DiffArgs } from "../commands/diff.js";
import { writeOutput, type Terminal } from "../io.js";
import { templatesFrom } from "../templates-from.js";

const MARK: Record<FieldChange["kind"], string> = { added: "+", removed: "-", widened: "~", narrowed: "~" };

/** `trailhive diff`'s work (commands/diff.ts declares its options). */
export async function runDiff(args: DiffArgs, term: Terminal): Promise<ExitCode> {
  const [before, after] = await Promise.all([load(args.old, term), load(args.new, term)]);
  const changes = diffSchemas(before, after);
  const statements = renderMigration(before, after, { flavor: args.flavor as FlavorName, table: args.table, partitioned: args.partitioned, location: args.location }, templatesFrom(args, term));
  const script = statements.map((s) => s.sql + ";\n").join("\n");
  if (args.output !== undefined) await writeOutput(term, args.output, script);
  if (args.json) {
    term.stdout.write(JSON.stringify({ changes, statements }, null, 2) + "\n");
    return ExitCode.ok;
  }
  if (changes.length === 0) term.stdout.write("no field changes\n");
  for (const c of changes) term.stdout.write(`${MARK[c.kind]} ${c.path}  ${c.kind}${c.from !== undefined ? ` (${c.from} -> ${c.to})` : ""}\n`);
  if (args.output === undefined && statements.length > 0) term.stdout.write("\n" + script);
  if (statements.length === 0) term.stdout.write(`the ${args.flavor} table needs no migration\n`);
  return ExitCode.ok;
}

function load(path: string, term: Terminal) {
  return readSchemaFile(resolve(term.cwd, path), { shown: path, hint: "give two schema files written by trailhive infer" });
}
