import type { Argv } from "yargs";
import { DEFAULT_TABLE } from "../../config/trailhive-config.js";
import { resultFormats } from "../../output/format-results.js";
import { SIGMA_LEVELS } from "../../sigma/sigma-levels.js";
import { withEmrRunOptions } from "../emr-run-options.js";
import { withLocalRunOptions } from "../local-run-options.js";
import { withReportOptions } from "../report-options.js";
import { withTemplateOption } from "../template-options.js";
import { defineCommand, type ArgsOf } from "../command.js";

const builder = (y: Argv) =>
  withEmrRunOptions(
    withLocalRunOptions(
      withReportOptions(withTemplateOption(y))
        .positional("logs", { type: "string", array: true, describe: "log folders or files" })
        .option("rules", { type: "array", string: true, nargs: 1, demandOption: true, describe: "folders or files of Sigma rules (e.g. a checkout of SigmaHQ/sigma's rules/cloud/aws/cloudtrail)" })
        .option("render", { type: "boolean", default: false, describe: "print the rules as HiveQL (one query per rule) instead of running them" })
        .option("output", { alias: "o", type: "string", describe: "with --render: write the HiveQL to FILE, or one file per rule into a folder (DIR/)" })
        .option("format", { choices: resultFormats, describe: "result format (default: table on a terminal, tsv when piped)" })
        .option("level", { type: "string", describe: `only rules at this level or above (${SIGMA_LEVELS.join(", ")})` })
        .option("rule", { type: "array", string: true, nargs: 1, describe: "only these rule ids" })
        .option("tags", { type: "array", string: true, nargs: 1, describe: "only rules with one of these tags or their sub-tags (e.g. attack.t1562)" })
        .option("fail-on", { type: "string", describe: "exit 1 when a hit at this level or above was found (for CI and schedulers)" })
        .option("schema", { type: "string", describe: "schema file whose columns the rules are translated against (default: AWS's documented CloudTrail columns)" })
        .option("table", { type: "string", default: DEFAULT_TABLE, describe: "the table the HiveQL reads" }),
    ),
  );

/** What the action is given: the options above and the global flags. */
export type DetectArgs = ArgsOf<typeof builder>;

/**
 * `trailhive detect --rules DIR... <logs>`: Sigma rules as HiveQL over the trailhive table, every
 * rule in one scan on the embedded Hive, one row per hit (with the rule's author, as the Detection
 * Rule License asks); `--render` prints the HiveQL, one query per rule. Rules that cannot be
 * translated exactly are reported with the reason and left out (`--strict`: exit 3).
 */
export const detectCommand = defineCommand({
  builder,
  run: async (args, term) => (await import("../actions/detect.js")).runDetect(args, term),
});
