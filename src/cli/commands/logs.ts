import type { Argv } from "yargs";
import { STEP_LOG_FILES } from "../../emr/emr-defaults.js";
import { withAwsOptions } from "../aws-options.js";
import { defineCommand, type ArgsOf } from "../command.js";

const builder = (y: Argv) =>
  withAwsOptions(y)
    .positional("cluster", { type: "string", demandOption: true, describe: "cluster id (j-...)" })
    .positional("step", { type: "string", demandOption: true, describe: "step id (s-...)" })
    .option("show", { choices: STEP_LOG_FILES, describe: "print this log in full on stdout" })
    .option("log-wait", { type: "number", default: 0, describe: "seconds to wait for the logs to appear" })
    .option("log-poll-interval", { type: "number", default: 15, describe: "seconds between looks for the logs" });

/** What the action is given: the options above and the global flags. */
export type LogsArgs = ArgsOf<typeof builder>;

/**
 * `trailhive logs <cluster> <step>`: reads the step's logs from the cluster's LogUri and shows the
 * probable cause (the Hive error line) with the log's S3 path; `--show stderr` prints one log whole.
 */
export const logsCommand = defineCommand({
  builder,
  run: async (args, term) => (await import("../actions/logs.js")).runLogs(args, term),
});
