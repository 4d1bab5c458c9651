import { describeCluster, describeStep, listSteps } from "../../emr/describe-steps.js";
import { explainAwsError } from "../../emr/explain-aws-error.js";
import { ExitCode } from "../../errors.js";
import { escapeMessage } from "../../output/escape-terminal.js";
import { defaultFormat, formatResults, type ResultFormat } from "../../output/format-results.js";
import { awsClientsFrom } from "../aws-clients-from.js";
import type { AwsArgs } from "../aws-options.js";
import type { StatusArgs } from "../commands/status.js";
import type { Terminal } from "../io.js";

const FAILED = new Set(["FAILED", "CANCELLED", "INTERRUPTED"]);

/** `trailhive status`'s work (commands/status.ts declares its options). */
export async function runStatus(args: StatusArgs, term: Terminal): Promise<ExitCode> {
  const a = args as typeof args & AwsArgs & { cluster: string; step?: string; format?: ResultFormat };
  const clients = awsClientsFrom(a, term);
  try {
    const cluster = await describeCluster(clients.emr, a.cluster);
    const reason = cluster?.Status?.StateChangeReason;
    const clusterLine = `cluster ${a.cluster} ${cluster?.Status?.State ?? "UNKNOWN"}${reason?.Code || reason?.Message ? ` (${[reason?.Code, reason?.Message].filter(Boolean).join(": ")})` : ""}`;
    if (a.step !== undefined) {
      const step = await describeStep(clients.emr, a.cluster, a.step);
      const state = step?.Status?.State ?? "UNKNOWN";
      const d = step?.Status?.FailureDetails;
      if (a.json) {
        term.stdout.write(JSON.stringify({ clusterId: a.cluster, clusterState: cluster?.Status?.State, step }, null, 2) + "\n");
      } else {
        const t = step?.Status?.Timeline;
        // FailureDetails quote Hive's error, which can quote a log's values: escaped like every message
        term.stdout.write(
          escapeMessage(
            [
              clusterLine,
              `step ${a.step} ${state}: ${step?.Name ?? ""}`,
              ...(t?.StartDateTime ? [`  started ${t.StartDateTime.toISOString()}`] : []),
              ...(t?.EndDateTime ? [`  ended   ${t.EndDateTime.toISOString()}`] : []),
              ...(d ? [`  FailureDetails: ${[d.Reason, d.Message].filter(Boolean).join(": ")}${d.LogFile ? ` (log: ${d.LogFile})` : ""}`] : []),
              ...(FAILED.has(state) ? [`  the probable cause: trailhive logs ${a.cluster} ${a.step}`] : []),
            ].join("\n") + "\n",
          ),
        );
      }
      return FAILED.has(state) ? ExitCode.no : ExitCode.ok;
    }
    const steps = await listSteps(clients.emr, a.cluster);
    if (a.json) {
      term.stdout.write(JSON.stringify({ clusterId: a.cluster, clusterState: cluster?.Status?.State, steps }, null, 2) + "\n");
    } else {
      term.stderr.write(clusterLine + "\n");
      const rows = steps.map((s) => [s.Id ?? "", s.Status?.State ?? "", s.Name ?? ""]);
      term.stdout.write(formatResults({ columns: ["step", "state", "name"], rows }, a.format ?? defaultFormat(term.stdout.isTTY)));
    }
    return FAILED.has(steps[0]?.Status?.State ?? "") ? ExitCode.no : ExitCode.ok;
  } catch (error) {
    throw explainAwsError(error, "trailhive status");
  } finally {
    clients.destroy();
  }
}
