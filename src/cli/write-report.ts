import { statSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { TrailhiveError } from "../errors.js";
import type { InvestigationOutcome } from "../investigation/engine.js";
import type { InvestigationPlan } from "../investigation/investigation-plan.js";
import type { ResultSet } from "../output/format-results.js";
import { parseKeyValues } from "../values/key-values.js";
import type { ReportData, RowsSource, RuleSummary } from "../report/report-data.js";
import { writeOutput, type Terminal } from "./io.js";
import type { ReportArgs } from "./report-options.js";

/** Refuses a report whose folder is missing before any log is read or engine started, rather than after the run. */
export function checkReportPath(args: ReportArgs, term: Terminal): void {
  if (args.report === undefined) return;
  const target = resolve(term.cwd, args.report);
  const folder = dirname(target);
  let isFolder = false;
  try {
    isFolder = statSync(folder).isDirectory();
  } catch {
    isFolder = false;
  }
  if (!isFolder) throw new TrailhiveError("USAGE_OUTPUT", { output: args.report, path: target, code: "ENOENT", reason: "its folder does not exist", flag: "--report" });
}

/** `--report`: the last row set of an answered run (a script's answer is usually its last SELECT). */
export async function reportRun(
  args: ReportArgs & { quiet?: boolean; query?: string; param?: string[] },
  term: Terminal,
  plan: InvestigationPlan,
  outcome: InvestigationOutcome,
  seconds: number | undefined,
): Promise<void> {
  const rows = outcome.kind === "answered" ? outcome.results.at(-1) : undefined;
  if (rows === undefined) {
    term.stderr.write(`trailhive: no report written: ${outcome.kind === "answered" ? "the script returned no rows to show" : "the run gave no answer"}\n`);
    return;
  }
  const [{ investigationSource }, { getQuery, loadLibrary }] = await Promise.all([import("../report/rows-report.js"), import("../queries/library.js")]);
  const description = args.query !== undefined ? getQuery(loadLibrary(), args.query).description : undefined;
  const source = investigationSource(plan, outcome, {
    parameters: Object.entries(parseKeyValues(args.param ?? [], "--param")),
    ...(description !== undefined ? { description } : {}),
    ...(args["report-timing"] === true && seconds !== undefined ? { seconds } : {}),
  });
  await writeRowsReport(args, term, rows, source);
}

/** Writes the rows' report to `--report` (the report modules and their scripts are loaded only then). */
export async function writeRowsReport(args: ReportArgs & { quiet?: boolean }, term: Terminal, rows: ResultSet, source: RowsSource, rules?: RuleSummary[]): Promise<void> {
  if (args.report === undefined) return;
  const { rowsReport } = await import("../report/rows-report.js");
  await writeReport(args.report, term, rowsReport(rows, source, rules), args.quiet === true);
}

/** Renders one report page and writes it, saying where (stderr) unless quiet. */
export async function writeReport(file: string, term: Terminal, data: ReportData, quiet: boolean): Promise<void> {
  const [{ renderReport }, { reportAssets }] = await Promise.all([import("../report/render-report.js"), import("./report-assets.js")]);
  try {
    await writeOutput(term, file, renderReport(data, reportAssets()));
  } catch (error) {
    if (error instanceof TrailhiveError && error.code === "USAGE_OUTPUT")
      throw new TrailhiveError("USAGE_OUTPUT", { ...(error.details as { output: string; path: string; code: string; reason: string }), flag: "--report" });
    throw error;
  }
  if (!quiet) term.stderr.write(`wrote the report ${file} (open it in a browser; it needs no network)\n`);
}
