import type { Argv } from "yargs";
import { TrailhiveError, type ExitCode } from "../errors.js";
import type { Terminal } from "./io.js";

/** Local-engine options of `trailhive run` (issue 10; not built yet). */
export interface LocalRunArgs {
  local: boolean;
  work?: string;
  fresh?: boolean;
}

export function withLocalRunOptions<T>(y: Argv<T>): Argv<T & LocalRunArgs> {
  return y
    .option("work", { type: "string", describe: "work folder for staged logs and the metastore" })
    .option("fresh", { type: "boolean", describe: "start the work folder over" }) as Argv<T & LocalRunArgs>;
}

export async function runLocally(_args: LocalRunArgs, _term: Terminal): Promise<ExitCode> {
  throw new TrailhiveError("USAGE_NOT_BUILT", "running on the embedded Hive is not built yet (issue 10)");
}
