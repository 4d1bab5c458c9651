import { assertNever } from "../errors.js";
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
