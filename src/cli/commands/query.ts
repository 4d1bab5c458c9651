import type { Argv } from "yargs";
import { DEFAULT_TABLE } from "../../config/trailhive-config.js";
import { defineCommand, type ArgsOf } from "../command.js";

const actions = ["list", "show", "render"] as const;
export type QueryAction = (typeof actions)[number];

const builder = (y: Argv) =>
  y
    .positional("action", { choices: actions, describe: "list the queries, show one, or render one as HiveQL" })
    .positional("name", { type: "string", describe: "the query's name (trailhive query list)" })
    .option("param", { alias: "p", type: "array", string: true, default: [] as string[], describe: "a parameter as KEY=VALUE (repeatable)" })
    .option("table", { type: "string", default: DEFAULT_TABLE, describe: "the table (or DATABASE.TABLE) to query" })
    .option("partitioned", { type: "boolean", default: false, describe: "the table has partitions (account, region, year, month, day): prune by from/to/region" })
    .option("templates", { type: "string", describe: "a folder of your own query templates instead of the shipped library" })
    .option("output", { alias: "o", type: "string", describe: "render: write the HiveQL to FILE instead of stdout" });

/** What the action is given: the options above and the global flags. */
export type QueryArgs = ArgsOf<typeof builder>;

/** `trailhive query list | show NAME | render NAME --param k=v [--table T]`: the investigation library. */
export const queryCommand = defineCommand({
  builder,
  run: async (args, term) => (await import("../actions/query.js")).runQuery(args, term),
});
