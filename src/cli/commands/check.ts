import type { Argv } from "yargs";
import { CONFIG_FILE } from "../../config/trailhive-config.js";
import { defineCommand, type ArgsOf } from "../command.js";

const builder = (y: Argv) =>
  y
    .positional("files", { type: "string", array: true, describe: "check only these generated files (default: all of them)" })
    .option("config", { type: "string", describe: `the config file (default: ./${CONFIG_FILE})` })
    .option("write", { type: "boolean", default: false, describe: "write what trailhive renders into drifted or missing files instead of failing" });

/** What the action is given: the options above and the global flags. */
export type CheckArgs = ArgsOf<typeof builder>;

/** `trailhive check [files..]`: fail (exit 1, with a unified diff) when a committed generated file drifted from the schema file. */
export const checkCommand = defineCommand({
  builder,
  run: async (args, term) => (await import("../actions/check.js")).runCheck(args, term),
});
