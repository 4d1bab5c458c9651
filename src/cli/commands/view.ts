import type { Argv } from "yargs";
import { DEFAULT_TABLE } from "../../config/trailhive-config.js";
import { withTemplateOption } from "../template-options.js";
import { defineCommand, type ArgsOf } from "../command.js";

const builder = (y: Argv) =>
  withTemplateOption(y)
    .positional("events", { type: "string", array: true, demandOption: true, describe: "SERVICE:EventName, e.g. ec2:AuthorizeSecurityGroupIngress" })
    .option("schema", { type: "string", default: "trailhive.schema.json", describe: "the schema file (trailhive infer writes it)" })
    .option("table", { type: "string", default: DEFAULT_TABLE, describe: "the CloudTrail table the views read" })
    .option("partitioned", { type: "boolean", default: false, describe: "the table has partition columns: pass them through the views" })
    .option("name", { type: "string", describe: "the view's name (one event only)" })
    .option("explode", { type: "string", describe: "one row per element of this array, e.g. ipPermissions.items" })
    .option("max-items", { type: "number", default: 100, describe: "with --explode: elements read per array" })
    .option("max-depth", { type: "number", default: 4, describe: "levels of nested objects turned into columns" })
    .option("output", { alias: "o", type: "string", describe: "write the statements to FILE instead of stdout" });

/** What the action is given: the options above and the global flags. */
export type ViewArgs = ArgsOf<typeof builder>;

/** `trailhive view ec2:AuthorizeSecurityGroupIngress [...]`: typed per-event views from the schema file's per-event shapes. */
export const viewCommand = defineCommand({
  builder,
  run: async (args, term) => (await import("../actions/view.js")).runView(args, term),
});
