import type { Argv } from "yargs";
import { DEFAULT_TABLE } from "../../config/trailhive-config.js";
import { DEFAULT_FLAVOR, FLAVOR_NAMES } from "../../flavors/index.js";
import { withTemplateOption } from "../template-options.js";
import { defineCommand, type ArgsOf } from "../command.js";

const builder = (y: Argv) =>
  withTemplateOption(y)
    .positional("old", { type: "string", demandOption: true, describe: "the schema file the table was made from" })
    .positional("new", { type: "string", demandOption: true, describe: "the schema file to move to" })
    .option("flavor", { choices: FLAVOR_NAMES, default: DEFAULT_FLAVOR, describe: "the table's DDL flavor" })
    .option("table", { type: "string", default: DEFAULT_TABLE, describe: "the table (or DATABASE.TABLE) to alter" })
    .option("partitioned", { type: "boolean", default: true, describe: "the table is partitioned (adds CASCADE)" })
    .option("location", { type: "string", default: "AWSLogs/", describe: "the table's location (only a view over files needs it)" })
    .option("output", { alias: "o", type: "string", describe: "write the migration to FILE" });

/** What the action is given: the options above and the global flags. */
export type DiffArgs = ArgsOf<typeof builder>;

/** `trailhive diff old.schema.json new.schema.json`: what changed between two schema files, and the ALTER TABLE that follows. */
export const diffCommand = defineCommand({
  builder,
  run: async (args, term) => (await import("../actions/diff.js")).runDiff(args, term),
});
