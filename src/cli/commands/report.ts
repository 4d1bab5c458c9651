import type { Argv } from "yargs";
import { DEFAULT_SCHEMA_FILE } from "../../config/trailhive-config.js";
import { defineCommand, type ArgsOf } from "../command.js";

const builder = (y: Argv) =>
  y
    .positional("what", { choices: ["schema"] as const, demandOption: true, describe: "what the report shows (run and detect write theirs with --report)" })
    .positional("file", { type: "string", default: DEFAULT_SCHEMA_FILE, describe: "the schema file" })
    .option("output", { alias: "o", type: "string", describe: "the HTML file to write (default: the schema file's name with .html)" })
    .option("diff", { type: "string", describe: "an older schema file: show what changed from it to FILE instead" })
    .example("trailhive report schema -o schema.html", "the schema as a tree, its conflicts and each flavor's columns")
    .example("trailhive report schema new.schema.json --diff old.schema.json -o changes.html", "what changed between two schema files");

/** What the action is given: the options above and the global flags. */
export type ReportCommandArgs = ArgsOf<typeof builder>;

/** `trailhive report schema [FILE] [-o FILE.html] [--diff OLD]`: a schema file (or two) as a self-contained HTML page. */
export const reportCommand = defineCommand({
  builder,
  run: async (args, term) => (await import("../actions/report.js")).runReport(args, term),
});
