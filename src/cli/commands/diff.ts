import { withTemplateOption } from "../template-options.js";
import { templatesFrom } from "../templates-from.js";
import { readSchemaFile } from "../../config/read-schema-file.js";
import { DEFAULT_TABLE } from "../../config/trailhive-config.js";
import { resolve } from "node:path";
import { writeOutput, type Terminal } from "../io.js";
import { ExitCode } from "../../errors.js";
import { diffSchemas, type FieldChange } from "../../check/diff-schemas.js";
import { renderMigration } from "../../check/render-migration.js";
import { DEFAULT_FLAVOR, FLAVOR_NAMES, type FlavorName } from "../../flavors/index.js";
import { defineCommand } from "../command.js";

const MARK: Record<FieldChange["kind"], string> = { added: "+", removed: "-", widened: "~", narrowed: "~" };

/** `trailhive diff old.schema.json new.schema.json`: what changed between two schema files, and the ALTER TABLE that follows. */
export const diffCommand = defineCommand({
  command: "diff <old> <new>",
  describe: "list added, removed and widened fields between two schema files and render the migration",
  builder: (y) =>
    withTemplateOption(y)
      .positional("old", { type: "string", demandOption: true, describe: "the schema file the table was made from" })
      .positional("new", { type: "string", demandOption: true, describe: "the schema file to move to" })
      .option("flavor", { choices: FLAVOR_NAMES, default: DEFAULT_FLAVOR, describe: "the table's DDL flavor" })
      .option("table", { type: "string", default: DEFAULT_TABLE, describe: "the table (or DATABASE.TABLE) to alter" })
      .option("partitioned", { type: "boolean", default: true, describe: "the table is partitioned (adds CASCADE)" })
      .option("location", { type: "string", default: "AWSLogs/", describe: "the table's location (only a view over files needs it)" })
      .option("output", { alias: "o", type: "string", describe: "write the migration to FILE" }),
  run: async (args, term) => {
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
  },
});

function load(path: string, term: Terminal) {
  return readSchemaFile(resolve(term.cwd, path), { shown: path, hint: "give two schema files written by trailhive infer" });
}
