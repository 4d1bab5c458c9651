import type { Argv } from "yargs";
import { TrailhiveError, type ExitCode } from "../errors.js";
import type { Terminal } from "./io.js";

/** EMR options of `trailhive run` (issue 6; not built yet). */
export interface EmrRunArgs {
  cluster?: string;
  "new-cluster"?: boolean;
}

export function withEmrRunOptions<T>(y: Argv<T>): Argv<T & EmrRunArgs> {
  return y
    .option("cluster", { type: "string", describe: "run on this EMR cluster (j-...)" })
    .option("new-cluster", { type: "boolean", describe: "run on a new transient EMR cluster" }) as Argv<T & EmrRunArgs>;
}

export async function runOnEmr(_args: EmrRunArgs, _term: Terminal): Promise<ExitCode> {
  throw new TrailhiveError("USAGE_NOT_BUILT", "running on EMR is not built yet (issue 6)");
}
