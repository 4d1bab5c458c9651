import { ExitCode, TrailhiveError } from "../../errors.js";
import type { RunCommandArgs } from "../commands/run.js";
import type { EmrRunArgs } from "../emr-run-options.js";
import type { Terminal } from "../io.js";
import type { LocalRunArgs } from "../local-run-options.js";
import { runOnEmr } from "../run-emr.js";
import { runLocally } from "../run-local.js";

/** `trailhive run`'s work (commands/run.ts declares its options). */
export async function runRun(args: RunCommandArgs, term: Terminal): Promise<ExitCode> {
  const a = args as typeof args & EmrRunArgs & LocalRunArgs;
  if (a.query === undefined && a.file === undefined) {
    throw new TrailhiveError("USAGE_NO_QUERY", { command: "run" });
  }
  const onEmr = a.cluster !== undefined || a["new-cluster"] === true;
  if (onEmr && a.local) throw new TrailhiveError("USAGE_CONFLICT", { conflict: "local-on-emr" });
  return onEmr ? runOnEmr(a, term) : runLocally(a, term);
}
