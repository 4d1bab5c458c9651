import { withTemplateOption } from "../template-options.js";
import { templatesFrom } from "../templates-from.js";
import { readSchemaFile } from "../../config/read-schema-file.js";
import { DEFAULT_TABLE } from "../../config/trailhive-config.js";
import { resolve } from "node:path";
import { writeOutput } from "../io.js";
import { ExitCode, TrailhiveError } from "../../errors.js";
import { renderViewScript } from "../../views/view-script.js";
import { defineCommand } from "../command.js";

/** `trailhive view ec2:AuthorizeSecurityGroupIngress [...]`: typed per-event views from the schema file's per-event shapes. */
export const viewCommand = defineCommand({
  command: "view <events..>",
  describe: "render typed Hive views over requestParameters and responseElements of some events",
  builder: (y) =>
    withTemplateOption(y)
      .positional("events", { type: "string", array: true, demandOption: true, describe: "SERVICE:EventName, e.g. ec2:AuthorizeSecurityGroupIngress" })
      .option("schema", { type: "string", default: "trailhive.schema.json", describe: "the schema file (trailhive infer writes it)" })
      .option("table", { type: "string", default: DEFAULT_TABLE, describe: "the CloudTrail table the views read" })
      .option("partitioned", { type: "boolean", default: false, describe: "the table has partition columns: pass them through the views" })
      .option("name", { type: "string", describe: "the view's name (one event only)" })
      .option("explode", { type: "string", describe: "one row per element of this array, e.g. ipPermissions.items" })
      .option("max-items", { type: "number", default: 100, describe: "with --explode: elements read per array" })
      .option("max-depth", { type: "number", default: 4, describe: "levels of nested objects turned into columns" })
      .option("output", { alias: "o", type: "string", describe: "write the statements to FILE instead of stdout" }),
  run: async (args, term) => {
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
  },
});
