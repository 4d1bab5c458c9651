import type { Argv } from "yargs";
import { resultFormats } from "../../output/format-results.js";
import { withAwsOptions } from "../aws-options.js";
import { defineCommand, type ArgsOf } from "../command.js";

const builder = (y: Argv) =>
  withAwsOptions(y)
    .positional("cluster", { type: "string", demandOption: true, describe: "cluster id (j-...)" })
    .positional("step", { type: "string", describe: "step id (s-...)" })
    .option("format", { choices: resultFormats, describe: "step list format (default: table on a terminal, tsv when piped)" });

/** What the action is given: the options above and the global flags. */
export type StatusArgs = ArgsOf<typeof builder>;

/**
 * `trailhive status <cluster> [step]`: a cluster's state and its steps, or one step's state with its
 * FailureDetails. Exit 1 when the step (or, without a step, the newest step) FAILED, was CANCELLED or
 * INTERRUPTED, so scripts can branch on it.
 */
export const statusCommand = defineCommand({
  builder,
  run: async (args, term) => (await import("../actions/status.js")).runStatus(args, term),
});
