import { resolve } from "node:path";
import { readSchemaFile } from "../../config/read-schema-file.js";
import { ExitCode, TrailhiveError } from "../../errors.js";
import { renderViewScript } from "../../views/view-script.js";
import type { ViewArgs } from "../commands/view.js";
import { writeOutput, type Terminal } from "../io.js";
import { templatesFrom } from "../templates-from.js";

/** `trailhive view`'s work (commands/view.ts declares its options). */
export async function runView(args: ViewArgs, term: Terminal): Promise<ExitCode> {
  const events = args.events as string[];
  if (args.name !== undefined && events.length > 1) {
    throw new TrailhiveError("USAGE_NAME_WITH_MANY", {});
  }
  const schema = await readSchemaFile(resolve(term.cwd, args.schema), { shown: args.schema, hint: "run trailhive infer first, or pass --schema FILE" });
  const { text: script, views } = renderViewScript(
    schema,
    events.map((event) => ({
      event,
      table: args.table,
      name: args.name,
      partitioned: args.partitioned,
      explode: args.explode,
      maxItems: args["max-items"],
      maxDepth: args["max-depth"],
    })),
    templatesFrom(args, term),
  );
  if (args.output !== undefined) await writeOutput(term, args.output, script);
  else if (!args.json) term.stdout.write(script);
  if (args.json) term.stdout.write(JSON.stringify(views, null, 2) + "\n");
  if (!args.quiet) for (const w of views.flatMap((v) => v.warnings)) term.stderr.write(`trailhive: ${w}\n`);
  return ExitCode.ok;
}
