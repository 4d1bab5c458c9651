import { assertNever, ExitCode, TrailhiveError } from "../errors.js";
import { describeFailure } from "../emr/describe-failure.js";
import type { EmrRunPlan } from "../emr/plan-emr-run.js";
import type { InvestigationOutcome } from "../investigation/engine.js";
import { defaultFormat, formatResults } from "../output/format-results.js";
import type { RunArgs } from "./emr-run-options.js";
import { formatElapsed } from "../emr/clock.js";
import type { EmrEvent } from "../emr/emr-event.js";
import type { Terminal } from "./io.js";

/** Progress on stderr: every state change as a line; on a terminal, a redrawn "still RUNNING" line. */
export function progressPrinter(term: Terminal, quiet: boolean): { onEvent: (event: EmrEvent) => void; done: () => void } {
  if (quiet) return { onEvent: () => {}, done: () => {} };
  const tty = term.stderr.isTTY === true;
  let redrawn = false;
  const line = (text: string) => {
    if (redrawn) term.stderr.write("\r\x1b[2K");
    redrawn = false;
    term.stderr.write(text + "\n");
  };
  const done = () => {
    if (redrawn) term.stderr.write("\r\x1b[2K");
    redrawn = false;
  };
  const onEvent = (e: EmrEvent): void => {
    switch (e.kind) {
      case "uploaded":
        return line(`uploaded ${e.uri} (${e.bytes} bytes)`);
      case "cluster-started":
        return line(`started cluster ${e.clusterId}`);
      case "step-added":
        return line(`added step ${e.stepId} to ${e.clusterId}: ${e.name}`);
      case "cluster-state":
        return line(`cluster ${e.clusterId} ${e.state}${e.reasonCode || e.reason ? ` (${[e.reasonCode, e.reason].filter(Boolean).join(": ")})` : ""} [${formatElapsed(e.elapsedMs)}]`);
      case "step-state":
        return line(`step ${e.stepId} ${e.state} [${formatElapsed(e.elapsedMs)}]`);
      case "poll":
        if (tty) {
          term.stderr.write(`\r\x1b[2Kstep ${e.stepId} ${e.state} ${formatElapsed(e.elapsedMs)}`);
          redrawn = true;
        }
        return;
      case "cancel-requested":
        return line(`cancel of ${e.stepId}: ${e.status}${e.reason ? ` (${e.reason})` : ""}`);
      case "logs-waiting":
        return line(`waiting for the step's logs at ${e.uri} (look ${e.attempt}, ${formatElapsed(e.elapsedMs)}): EMR uploads them minutes after the step ends`);
      case "results-read":
        return line(`read ${e.rows} row${e.rows === 1 ? "" : "s"} from ${e.files} file${e.files === 1 ? "" : "s"} in ${e.uri}`);
      default:
        return assertNever(e, "EMR event");
    }
  };
  return { onEvent, done };
}

/** What `--dry-run` prints: the script, then the API requests as they would be sent (`--json`: all of it as data). */
export function printDryRun(plan: EmrRunPlan, args: RunArgs, term: Terminal): ExitCode {
  const requests = [
    { operation: "PutObject", input: { ...plan.upload, Body: plan.script } },
    { operation: plan.request.operation, input: plan.request.input },
  ];
  if (args.json) {
    term.stdout.write(JSON.stringify({ runId: plan.runId, scriptUri: plan.scriptUri, resultsUri: plan.resultsUri ?? null, script: plan.script, requests }, null, 2) + "\n");
    return ExitCode.ok;
  }
  // In text the script is printed once, above; --json carries it in the PutObject Body as sent.
  const shown = requests.map((r) => (r.operation === "PutObject" ? { ...r, input: { ...r.input, Body: `<the script above: ${Buffer.byteLength(plan.script)} bytes of UTF-8>` } } : r));
  term.stdout.write(`-- ${plan.scriptUri}\n${plan.script}\n-- API requests (nothing was sent):\n${JSON.stringify(shown, null, 2)}\n`);
  return ExitCode.ok;
}

/** A finished EMR run on the terminal: the rows, the ids to follow, or the failure explained. */
export function printOutcome(outcome: InvestigationOutcome, args: RunArgs, term: Terminal): ExitCode {
  if (outcome.engine !== "emr") throw new TrailhiveError("INTERNAL_ENGINE", {});
  const emr = outcome.emr;
  switch (emr.kind) {
    case "completed": {
      if (emr.result !== undefined) term.stdout.write(formatResults(emr.result, args.format ?? defaultFormat(term.stdout.isTTY)));
      else if (!args.quiet) term.stderr.write(`step ${emr.stepId} COMPLETED; a -f script's output stays where the script wrote it\n`);
      return ExitCode.ok;
    }
    case "detached":
      if (args.json) term.stdout.write(JSON.stringify({ clusterId: emr.clusterId, stepId: emr.stepId }) + "\n");
      else term.stdout.write(`${emr.clusterId} ${emr.stepId}\n`);
      if (!args.quiet) term.stderr.write(`follow it with: trailhive status ${emr.clusterId} ${emr.stepId}   (logs: trailhive logs ${emr.clusterId} ${emr.stepId})\n`);
      return ExitCode.ok;
    case "timeout":
      term.stderr.write(`trailhive: gave up waiting after ${formatElapsed(emr.elapsedMs)}; step ${emr.stepId} is ${emr.state} and goes on: trailhive status ${emr.clusterId} ${emr.stepId}\n`);
      return ExitCode.no;
    case "failed":
      if (args.json) term.stdout.write(JSON.stringify({ clusterId: emr.clusterId, stepId: emr.stepId, ...emr.failure }, null, 2) + "\n");
      term.stderr.write(outcome.kind === "refused" ? outcome.reason + "\n" : describeFailure(emr.clusterId, emr.stepId, emr.failure, emr.elapsedMs));
      return ExitCode.no;
    default:
      return assertNever(emr, "EMR run outcome");
  }
}
