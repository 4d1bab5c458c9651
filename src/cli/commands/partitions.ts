import { writeFile } from "node:fs/promises";
import { ExitCode } from "../../errors.js";
import { discoverPartitions } from "../../partitions/discover-partitions.js";
import { renderPartitions, sortPartitions } from "../../partitions/render-partitions.js";
import { checkDayRange } from "../../source/check-day.js";
import { defineCommand } from "../command.js";
import { openSourceStore, withSourceOptions } from "../source-options.js";

/** `trailhive partitions <s3://bucket/prefix | folder> [--from --to] [--table]`: ADD PARTITION for the day folders that exist. */
export const partitionsCommand = defineCommand({
  command: "partitions <source>",
  describe: "render ALTER TABLE ADD PARTITION for the day folders that exist",
  builder: (y) =>
    withSourceOptions(
      y
        .positional("source", { type: "string", demandOption: true, describe: "s3://bucket/prefix or a folder holding AWSLogs/" })
        .option("table", { type: "string", default: "cloudtrail", describe: "the table (or DATABASE.TABLE) to add partitions to" })
        .option("location", { type: "string", describe: "the URI the source stands for in LOCATION (default: the s3:// URI, or the folder as file://)" })
        .option("batch-size", { type: "number", default: 100, describe: "PARTITION clauses per ALTER TABLE statement" })
        .option("output", { alias: "o", type: "string", describe: "write the statements to FILE instead of stdout" }),
    ),
  run: async (args, term) => {
    checkDayRange(args, { from: "--from", to: "--to" });
    // The store alone, with the AWS flags: discovery walks the layout itself, so nothing is sampled first.
    const store = await openSourceStore(args.source, args, { env: term.env });
    const { partitions, listings } = await discoverPartitions(store, {
      from: args.from,
      to: args.to,
      accounts: args.accounts,
      regions: args.regions,
      locationBase: args.location,
    });
    const { unique, duplicates } = sortPartitions(partitions);
    const statements = renderPartitions(args.table, unique, { batchSize: args["batch-size"] });
    const script = statements.map((s) => s + ";\n").join("");
    if (args.output !== undefined) await writeFile(args.output, script);
    else if (!args.json) term.stdout.write(script);
    for (const d of duplicates) {
      term.stderr.write(`trailhive: ${d.account} ${d.region} ${d.year}-${d.month}-${d.day} is also at ${d.location}: a partition has one location, the first one is kept\n`);
    }
    if (args.json) {
      term.stdout.write(JSON.stringify({ partitions: unique, duplicates, statements, listings }, null, 2) + "\n");
    } else if (!args.quiet) {
      term.stderr.write(`${unique.length} partition${unique.length === 1 ? "" : "s"} in ${statements.length} statement${statements.length === 1 ? "" : "s"} (${listings} listings)\n`);
    }
    if (unique.length === 0) {
      term.stderr.write(`trailhive: no CloudTrail day folders under ${args.source}${args.from || args.to ? " in that range" : ""}\n`);
    }
    return ExitCode.ok;
  },
});
