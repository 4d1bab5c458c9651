import { describeStep } from "../../emr/describe-steps.js";
import { describeFailure } from "../../emr/describe-failure.js";
import { ExitCode, TrailhiveError } from "../../errors.js";
import { defineCommand } from "../command.js";
import { explainAwsError } from "../../emr/explain-aws-error.js";
import { systemClock } from "../../emr/clock.js";
import { diagnoseStep } from "../../emr/execute-emr-plan.js";
import { STEP_LOG_FILES } from "../../emr/emr-defaults.js";
import { escapeMessage } from "../../output/escape-terminal.js";
import { awsClientsFrom } from "../aws-clients-from.js";
import { withAwsOptions, type AwsArgs } from "../aws-options.js";

/**
 * `trailhive logs <cluster> <step>`: reads the step's logs from the cluster's LogUri and shows the
 * probable cause (the Hive error line) with the log's S3 path; `--show stderr` prints one log whole.
 */
export const logsCommand = defineCommand({
  command: "logs <cluster> <step>",
  describe: "fetch an EMR step's logs and show the probable cause",
  builder: (y) =>
    withAwsOptions(y)
      .positional("cluster", { type: "string", demandOption: true, describe: "cluster id (j-...)" })
      .positional("step", { type: "string", demandOption: true, describe: "step id (s-...)" })
      .option("show", { choices: STEP_LOG_FILES, describe: "print this log in full on stdout" })
      .option("log-wait", { type: "number", default: 0, describe: "seconds to wait for the logs to appear" })
      .option("log-poll-interval", { type: "number", default: 15, describe: "seconds between looks for the logs" }),
  run: async (args, term) => {
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
  },
});
