import type { Argv } from "yargs";
import { DEFAULT_TABLE } from "../../config/trailhive-config.js";
import { withSourceOptions } from "../source-options.js";
import { withTemplateOption } from "../template-options.js";
import { defineCommand, type ArgsOf } from "../command.js";

const builder = (y: Argv) =>
  withSourceOptions(
    withTemplateOption(y)
      .positional("source", { type: "string", demandOption: true, describe: "s3://bucket/prefix or a folder holding AWSLogs/" })
      .option("table", {
        type: "string",
        default: DEFAULT_TABLE,
        describe: "the table (or DATABASE.TABLE) to add partitions to (a Firehose layout: the view's name; partitions go to <table>_envelope)",
      })
      .option("layout", {
        type: "string",
        choices: ["auto", "cloudtrail", "firehose"],
        default: "auto",
        describe: "the key layout: AWSLogs/... day folders, or Firehose's YYYY/MM/DD/HH/ (auto: Firehose when the top folders are years)",
      })
      .option("location", { type: "string", describe: "the URI the source stands for in LOCATION (default: the s3:// URI, or the folder as file://)" })
      .option("batch-size", { type: "number", default: 100, describe: "PARTITION clauses per ALTER TABLE statement" })
      .option("output", { alias: "o", type: "string", describe: "write the statements to FILE instead of stdout" }),
  );

/** What the action is given: the options above and the global flags. */
export type PartitionsArgs = ArgsOf<typeof builder>;

/**
 * `trailhive partitions <s3://bucket/prefix | folder> [--from --to] [--table]`: ADD PARTITION for the day
 * folders that exist, or for a Firehose delivery (`<prefix>/YYYY/MM/DD/HH/`) its hour folders, added
 * to the eventbridge-jsonl flavor's `<table>_envelope`.
 */
export const partitionsCommand = defineCommand({
  builder,
  run: async (args, term) => (await import("../actions/partitions.js")).runPartitions(args, term),
});
