import type { Argv } from "yargs";
import { resultFormats } from "../../output/format-results.js";
import { withEmrRunOptions } from "../emr-run-options.js";
import { withLocalRunOptions } from "../local-run-options.js";
import { withReportOptions } from "../report-options.js";
import { withTemplateOption } from "../template-options.js";
import { defineCommand, type ArgsOf } from "../command.js";

const builder = (y: Argv) =>
  withEmrRunOptions(
    withLocalRunOptions(
      withReportOptions(withTemplateOption(y))
        .positional("logs", { type: "string", array: true, describe: "log folder or s3:// URI (local engine)" })
        .option("query", { type: "string", describe: "library query to run (trailhive query list)" })
        .option("param", { type: "array", string: true, default: [] as string[], describe: "query parameter NAME=VALUE" })
        .option("file", { alias: "f", type: "string", describe: "a HiveQL script to run instead of a library query" })
        .option("format", { choices: resultFormats, describe: "result format (default: table on a terminal, tsv when piped)" })
        .option("local", { type: "boolean", default: false, describe: "run on the embedded Hive (the default)" })
        .option("flavor", { type: "string", describe: "table flavor (default: the engine's)" })
        .option("table", { type: "string", describe: "table name (default from the config, else cloudtrail)" })
        .option("schema", { type: "string", describe: "schema file (default trailhive.schema.json when present)" })
        .conflicts("query", "file"),
    ),
  );

/** What the action is given: the options above and the global flags. */
export type RunCommandArgs = ArgsOf<typeof builder>;

/**
 * `trailhive run`: the same query or script on the embedded Hive (default, no AWS needed) or on EMR
 * (`--cluster ID` or `--new-cluster`). The action only chooses the engine; each engine's options live
 * in `local-run-options.ts` and `emr-run-options.ts`, its work in `run-local.ts` and `run-emr.ts`.
 */
export const runCommand = defineCommand({
  builder,
  run: async (args, term) => (await import("../actions/run.js")).runRun(args, term),
});
