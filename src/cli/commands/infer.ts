import type { Argv } from "yargs";
import { DEFAULT_SCHEMA_FILE } from "../../config/trailhive-config.js";
import { withSourceOptions } from "../source-options.js";
import { defineCommand, type ArgsOf } from "../command.js";

const builder = (y: Argv) =>
  withSourceOptions(
    y
      .positional("sources", { type: "string", array: true, demandOption: true, describe: "log files or folders (AWSLogs/... trees)" })
      .option("output", { alias: "o", type: "string", default: DEFAULT_SCHEMA_FILE, describe: "schema file to write; - for stdout" })
      .option("override", { type: "array", string: true, describe: "force a path's shape: PATH=json|map|object (e.g. '$.requestParameters.filter=json')" })
      .option("concurrency", { type: "number", default: 8, describe: "files read at once" }),
  );

/** What the action is given: the options above and the global flags. */
export type InferArgs = ArgsOf<typeof builder>;

/**
 * `trailhive infer <file|folder...> [-o FILE]`: reads CloudTrail logs, infers their schema and writes
 * it to `trailhive.schema.json` in the current folder (or `-o FILE`; `-o -` prints it on stdout).
 * Overwriting is intended: the file is generated, kept in git, and git shows what changed. A summary
 * goes to stderr (or stdout as JSON with `--json`); `--strict` exits 3 when any file was skipped or
 * read with parts left out.
 */
export const inferCommand = defineCommand({
  builder,
  run: async (args, term) => (await import("../actions/infer.js")).runInfer(args, term),
});
