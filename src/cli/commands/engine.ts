import type { Argv } from "yargs";
import { defineCommand, type ArgsOf } from "../command.js";

const builder = (y: Argv) =>
  y
    .positional("action", { choices: ["status", "stop"] as const, demandOption: true, describe: "status: list them; stop: stop them" })
    .option("work", { type: "array", string: true, describe: "only the engine of this work folder (repeat for more)" })
    .option("cache-dir", { type: "string", describe: "the cache whose work folders to look in (default $XDG_CACHE_HOME/trailhive or ~/.cache/trailhive)" });

/** What the action is given: the options above and the global flags. */
export type EngineCommandArgs = ArgsOf<typeof builder>;

/**
 * `trailhive engine status|stop`: the Hive engines `run` keeps up between queries (one per work
 * folder, each stopping by itself once idle for `--keep-engine` minutes). Without --work, the default
 * work folders under the cache; status exits 0 whether or not any is running. An engine.json naming
 * a process that is not its folder's engine is reported and left alone (never signalled), exit 0.
 */
export const engineCommand = defineCommand({
  builder,
  run: async (args, term) => (await import("../actions/engine.js")).runEngine(args, term),
});
