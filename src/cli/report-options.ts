import type { Argv } from "yargs";

export interface ReportArgs {
  report?: string;
  "report-timing"?: boolean;
}

/** `--report FILE.html` and `--report-timing` for the commands whose rows a report shows (`run`, `detect`). */
export function withReportOptions<T>(y: Argv<T>): Argv<T & ReportArgs> {
  return y
    .option("report", { type: "string", describe: "also write the rows as a self-contained HTML report (timeline, table, query): open it in any browser" })
    .option("report-timing", { type: "boolean", default: false, describe: "record the run's time taken in the report (the report then differs run to run)" }) as Argv<T & ReportArgs>;
}
