import { withTemplateOption } from "../template-options.js";
import { TrailhiveError } from "../../errors.js";
import { defineCommand } from "../command.js";
import { resultFormats } from "../../output/format-results.js";
import { runOnEmr } from "../run-emr.js";
import { withEmrRunOptions, type EmrRunArgs } from "../emr-run-options.js";
import { withLocalRunOptions, type LocalRunArgs } from "../local-run-options.js";
import { runLocally } from "../run-local.js";

/**
 * `trailhive run`: the same query or script on the embedded Hive (default, no AWS needed) or on EMR
 * (`--cluster ID` or `--new-cluster`). This file only chooses the engine; each engine's options and
 * work live in `run-local.ts` and `run-emr.ts`.
 */
export const runCommand = defineCommand({
  command: "run [logs..]",
  describe: "answer a library query (or run a script) on an embedded Hive, or on EMR with --cluster/--new-cluster",
  builder: (y) =>
    withEmrRunOptions(
      withLocalRunOptions(
        withTemplateOption(y)
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
    ),
  run: async (args, term) => {
    const a = args as typeof args & EmrRunArgs & LocalRunArgs;
    if (a.query === undefined && a.file === undefined) {
      throw new TrailhiveError("USAGE_NO_QUERY", { command: "run" });
    }
    const onEmr = a.cluster !== undefined || a["new-cluster"] === true;
    if (onEmr && a.local) throw new TrailhiveError("USAGE_CONFLICT", { conflict: "local-on-emr" });
    return onEmr ? runOnEmr(a, term) : runLocally(a, term);
  },
});
