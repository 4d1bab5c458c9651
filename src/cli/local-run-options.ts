import type { Argv } from "yargs";
import { withSourceOptions, type SourceArgs } from "./source-options.js";

// The local engine's options, apart from run-local.ts (the engine itself, loaded when a command runs).

/** Local-engine options of `trailhive run` (issue 10). */
export interface LocalRunArgs extends SourceArgs {
  local: boolean;
  work?: string;
  fresh?: boolean;
  "cache-dir"?: string;
  "keep-engine"?: number;
}

/** A warm query skips ~4 s of JVM and session start; ten idle minutes covers an investigation's pauses. */
export const DEFAULT_KEEP_MINUTES = 10;

export function withLocalRunOptions<T>(y: Argv<T>): Argv<T & LocalRunArgs> {
  return (
    withSourceOptions(y)
      // one value per --param, so `--param k=v <logs>` does not swallow the logs (repeat --param for more)
      .option("param", { type: "array", string: true, nargs: 1, default: [] as string[], describe: "query parameter NAME=VALUE (repeat for more)" })
      .option("work", { type: "string", describe: "work folder for staged logs and the metastore (default: under the cache, one per set of logs)" })
      .option("fresh", { type: "boolean", describe: "start the work folder over: stage the logs and create the table again" })
      .option("cache-dir", { type: "string", describe: "where Hive's jars and work folders live (default $XDG_CACHE_HOME/trailhive or ~/.cache/trailhive)" })
      .option("keep-engine", {
        type: "number",
        default: DEFAULT_KEEP_MINUTES,
        describe: "keep Hive running this many idle minutes, so the next query on these logs starts at once (0: stop it after this run; trailhive engine stop ends it)",
      }) as unknown as Argv<T & LocalRunArgs>
  );
}
