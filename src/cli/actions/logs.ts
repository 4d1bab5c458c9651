import { systemClock } from "../../emr/clock.js";
import { describeFailure } from "../../emr/describe-failure.js";
import { describeStep } from "../../emr/describe-steps.js";
import { diagnoseStep } from "../../emr/execute-emr-plan.js";
import { explainAwsError } from "../../emr/explain-aws-error.js";
import { ExitCode, TrailhiveError } from "../../errors.js";
import { escapeMessage } from "../../output/escape-terminal.js";
import { awsClientsFrom } from "../aws-clients-from.js";
import type { AwsArgs } from "../aws-options.js";
import type { LogsArgs } from "../commands/logs.js";
import type { Terminal } from "../io.js";

/** `trailhive logs`'s work (commands/logs.ts declares its options). */
export async function runLogs(args: LogsArgs, term: Terminal): Promise<ExitCode> {
  const a = args as typeof args & AwsArgs & { cluster: string; step: string; show?: string; "log-wait": number; "log-poll-interval": number };
  const clients = awsClientsFrom(a, term);
  try {
    const step = await describeStep(clients.emr, a.cluster, a.step);
    if (step === undefined) throw new TrailhiveError("EMR_NO_STEP", { cluster: a.cluster, step: a.step });
    const failure = await diagnoseStep(
      clients,
      { clusterId: a.cluster, step },
      {
        clock: systemClock(),
        logs: { waitMs: a["log-wait"] * 1000, intervalMs: a["log-poll-interval"] * 1000 },
      },
    );
    if (a.show !== undefined) {
      const log = failure.logs.find((l) => l.name === a.show);
      if (log === undefined) throw new TrailhiveError("EMR_NO_LOG", { log: a.show, logFolder: failure.logFolder });
      const text = log.text.endsWith("\n") ? log.text : log.text + "\n";
      // the log as it is when piped or saved; on a terminal, its control characters shown, not obeyed
      term.stdout.write(term.stdout.isTTY === true ? escapeMessage(text) : text);
      return ExitCode.ok;
    }
    if (a.json) {
      term.stdout.write(JSON.stringify({ clusterId: a.cluster, stepId: a.step, ...failure, logs: failure.logs.map((l) => l.uri) }, null, 2) + "\n");
    } else {
      // quotes Hive's error line and S3 keys, which logs and users wrote
      term.stdout.write(escapeMessage(describeFailure(a.cluster, a.step, failure).replace(/^trailhive: /, "")));
      for (const l of failure.logs) term.stdout.write(escapeMessage(`  log: ${l.uri}\n`));
    }
    return ExitCode.ok;
  } catch (error) {
    throw explainAwsError(error, "trailhive logs");
  } finally {
    clients.destroy();
  }
}
