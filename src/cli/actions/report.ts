import { basename, dirname, join, resolve } from "node:path";
import { readSchemaFile } from "../../config/read-schema-file.js";
import { ExitCode } from "../../errors.js";
import { schemaDiffReport, schemaReport } from "../../report/schema-report.js";
import type { ReportCommandArgs } from "../commands/report.js";
import type { Terminal } from "../io.js";
import { writeReport } from "../write-report.js";

/** `trailhive report`'s work (commands/report.ts declares its options). */
export async function runReport(args: ReportCommandArgs, term: Terminal): Promise<ExitCode> {
  const file = args.file;
  const output = args.output ?? join(dirname(file), `${basename(file).replace(/\.json$/i, "")}${args.diff !== undefined ? ".diff" : ""}.html`);
  const after = await load(file, term);
  const data = args.diff === undefined ? schemaReport(after, file) : schemaDiffReport(await load(args.diff, term), args.diff, after, file);
  await writeReport(output, term, data, args.quiet === true);
  return ExitCode.ok;
}

function load(path: string, term: Terminal) {
  return readSchemaFile(resolve(term.cwd, path), { shown: path, hint: "make one with trailhive infer <logs>" });
}
