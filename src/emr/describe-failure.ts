import type { StepFailure } from "./execute-emr-plan.js";
import { formatElapsed } from "./clock.js";

/**
 * The failure report people read: the state, EMR's FailureDetails, what happened to the cluster,
 * and the probable cause from the logs with the log's S3 path.
 */
export function describeFailure(clusterId: string, stepId: string, f: Omit<StepFailure, "cancelRequested"> & { cancelRequested?: boolean }, elapsedMs?: number): string {
  const out = [`trailhive: step ${stepId} on ${clusterId} ended ${f.state}${elapsedMs !== undefined ? ` after ${formatElapsed(elapsedMs)}` : ""}${f.cancelRequested ? " (cancelled on request)" : ""}`];
  if (f.failureDetails) {
    const d = f.failureDetails;
    out.push(`  FailureDetails: ${[d.reason, d.message].filter(Boolean).join(": ") || "(none)"}${d.logFile ? ` (log: ${d.logFile})` : ""}`);
  }
  if (f.cluster?.state !== undefined) {
    out.push(`  cluster ${clusterId}: ${f.cluster.state}${f.cluster.reasonCode || f.cluster.reason ? ` (${[f.cluster.reasonCode, f.cluster.reason].filter(Boolean).join(": ")})` : ""}`);
  }
  if (f.cause) {
    out.push(`  probable cause: ${f.cause.line}`, `    in ${f.cause.uri}`);
  } else if (f.logFolder !== undefined) {
    out.push(
      f.logs.length === 0
        ? `  no step logs at ${f.logFolder} yet (EMR uploads them minutes late): trailhive logs ${clusterId} ${stepId}`
        : `  no Hive error line in the logs at ${f.logFolder} (${f.logs.map((l) => l.name).join(", ")})`,
    );
  } else {
    out.push(`  the cluster has no LogUri, so EMR keeps the step's logs on the master node only`);
  }
  return out.join("\n") + "\n";
}
