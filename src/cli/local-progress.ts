import { TrailhiveError } from "../errors.js";
import type { LocalRunEvent } from "../local/run-local-investigation.js";
import type { Terminal } from "./io.js";
import { createProgress } from "./progress.js";

/** A local run's events as a progress bar while staging and one line per step on stderr. */
export function localRunPrinter(term: Terminal, say: (line: string) => void, workDir: string): (event: LocalRunEvent) => void {
  const staging = createProgress(term, "staging");
  return (event: LocalRunEvent) => {
    switch (event.kind) {
      case "staging":
        staging.update({ files: event.progress.files, events: event.progress.records, MB: Math.round(event.progress.bytes / 1e5) / 10 }, event.progress.files, event.progress.totalFiles);
        return;
      case "staged":
        staging.done();
        for (const s of event.skipped) say(`skipped ${s.message.startsWith(s.path) ? s.message : `${s.path}: ${s.message}`}`);
        say(
          `staged ${event.records.toLocaleString("en-US")} events from ${event.files.toLocaleString("en-US")} files into ${event.partitions.toLocaleString("en-US")} partitions${skippedNote(event.skipped.length)} (${workDir})`,
        );
        return;
      case "staging-reused":
        say(`logs unchanged: reusing ${event.records.toLocaleString("en-US")} staged events${skippedNote(event.skipped.length)} in ${event.workDir}`);
        return;
      case "table-reused":
        say(`table ${event.table} is already in the work folder's metastore${event.columnar ? " (its columnar copy)" : ""}`);
        return;
      case "table-lost":
        say(`the work folder's metastore has lost table ${event.table} (dropped by a script, or an engine stopped mid-change): making it again`);
        return;
      case "table-creating":
        say(`creating table ${event.table} (flavor jsonl) with ${event.partitions.toLocaleString("en-US")} partitions`);
        return;
      case "session-starting":
        say(`running on the embedded Hive 4.1.0 (${event.statements} statements)`);
        return;
      case "columnar-copy-handed-off":
        say(`Hive makes a columnar copy of ${event.table} while idle, so later queries read less`);
        return;
      default: {
        const never: never = event;
        throw new TrailhiveError("INTERNAL_EVENT", { event: JSON.stringify(never) });
      }
    }
  };
}

export function skippedNote(n: number): string {
  return n === 0 ? "" : ` (${n.toLocaleString("en-US")} file${n === 1 ? "" : "s"} skipped)`;
}
