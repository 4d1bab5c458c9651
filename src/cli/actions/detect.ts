import { statSync } from "node:fs";
import { mkdir } from "node:fs/promises";
import { basename, join, resolve } from "node:path";
import { readRuleFiles } from "../../config/read-rule-files.js";
import { readSchemaFile } from "../../config/read-schema-file.js";
import { systemClock } from "../../emr/clock.js";
import { ExitCode, TrailhiveError } from "../../errors.js";
import { DEFAULT_TYPE_LIMIT } from "../../hive/limit-type-size.js";
import { tableColumns } from "../../hive/table-columns.js";
import type { InvestigationOutcome } from "../../investigation/engine.js";
import type { InvestigationPlan } from "../../investigation/investigation-plan.js";
import { defaultFormat, formatResults, type ResultFormat, type ResultSet } from "../../output/format-results.js";
import { SchemaBuilder } from "../../schema/schema-builder.js";
import type { SchemaFile } from "../../schema/schema-file.js";
import { renderDetections } from "../../sigma/render-detections.js";
import { hitsOf, levelRank, selectRules } from "../../sigma/select-rules.js";
import { SIGMA_LEVELS, type Level } from "../../sigma/sigma-levels.js";
import { dayRange } from "../../values/check-day.js";
import type { DetectArgs } from "../commands/detect.js";
import { printOutcome as printEmrOutcome } from "../emr-progress.js";
import type { EmrRunArgs, RunArgs } from "../emr-run-options.js";
import { writeOutput, type Terminal } from "../io.js";
import type { LocalRunArgs } from "../local-run-options.js";
import { investigateOnEmr } from "../run-emr.js";
import { investigateLocally } from "../run-local.js";
import { checkReportPath, writeRowsReport } from "../write-report.js";

/** `trailhive detect`'s work (commands/detect.ts declares its options). */
export async function runDetect(args: DetectArgs, term: Terminal): Promise<ExitCode> {
  const level = levelOf(args.level, "--level");
  const failOn = levelOf(args["fail-on"], "--fail-on");
  const schema = await schemaOf(args.schema, term);
  const { columns } = tableColumns(schema, { oddKeys: "map-or-string", typeLimit: DEFAULT_TYPE_LIMIT, partitioned: true, rowPerFile: false });
  const rules = selectRules(readRuleFiles(args.rules as string[], term.cwd), { ...(level ? { level } : {}), ids: args.rule ?? [], tags: args.tags ?? [] });
  const onEmr = args.cluster !== undefined || args["new-cluster"] === true;
  // On EMR the table has the day folders of a range: the last 7 days unless --from/--to say otherwise.
  const range = onEmr ? dayRange(args.from, args.to, new Date().toISOString().slice(0, 10)) : undefined;
  const detections = renderDetections(rules, columns, { table: args.table, ...(range !== undefined ? { range } : {}) });
  const say = (line: string) => {
    if (!args.quiet) term.stderr.write(`trailhive: ${line}\n`);
  };
  for (const s of detections.skipped) say(`rule ${s.path}${s.title ? ` (${s.title})` : ""} left out: ${s.reason}`);
  say(`${detections.translated.length} rule${detections.translated.length === 1 ? "" : "s"} translated, ${detections.skipped.length} left out`);
  const strictExit = args.strict === true && detections.skipped.length > 0 ? ExitCode.skipped : ExitCode.ok;
  if (args.render) {
    if (args.output === undefined) term.stdout.write(detections.script);
    else if (args.output.endsWith("/") || isFolder(resolve(term.cwd, args.output))) {
      // a folder: one file per rule, named by its rule file (so a rule set's HiveQL diffs rule by rule)
      await mkdir(resolve(term.cwd, args.output), { recursive: true });
      for (const q of detections.queries) await writeOutput(term, join(args.output, `${basename(q.rule.path).replace(/\.ya?ml$/i, "")}.hql`), q.sql + ";\n");
    } else await writeOutput(term, args.output, detections.script);
    return strictExit;
  }
  if ((args.logs ?? []).length === 0 && args.location === undefined) throw new TrailhiveError("USAGE_NO_LOGS", {});
  if (args.report !== undefined && args.detach === true) throw new TrailhiveError("USAGE_CONFLICT", { conflict: "report-detach" });
  checkReportPath(args, term);
  const started = Date.now();
  if (detections.oneScan === undefined) return strictExit;
  const work = {
    kind: "query" as const,
    name: "detect",
    sql: detections.oneScan.sql,
    columns: detections.oneScan.columns,
    ...(range !== undefined ? { range: { from: range.from, to: range.partitionTo } } : {}),
  };
  const plan: InvestigationPlan = { table: args.table, schema, partitioned: true, work };
  const printHits = async (outcome: InvestigationOutcome & { kind: "answered" }, skipped: number): Promise<ExitCode> => {
    const rows = outcome.results[0] ?? { columns: work.columns, rows: [] };
    const { hits, perRule } = hitsOf(rows, detections.translated);
    if (args.report !== undefined) await reportHits(hits, perRule, outcome);
    term.stdout.write(formatResults(hits, (args.format as ResultFormat | undefined) ?? defaultFormat(term.stdout.isTTY)));
    if (!args.quiet)
      for (const r of perRule.filter((p) => p.hits > 0)) term.stderr.write(`${String(r.hits).padStart(6)}  ${r.rule.level.padEnd(13)} ${r.rule.title} (${r.rule.id}; ${r.rule.author})\n`);
    say(`${hits.rows.length} hit${hits.rows.length === 1 ? "" : "s"} from ${perRule.filter((p) => p.hits > 0).length} of ${perRule.length} rules`);
    if (failOn !== undefined && hits.rows.some((h) => levelRank(h[2] ?? "") >= levelRank(failOn))) return ExitCode.no;
    return skipped > 0 && args.strict === true ? ExitCode.skipped : strictExit;
  };
  const reportHits = async (hits: ResultSet, perRule: ReturnType<typeof hitsOf>["perRule"], outcome: InvestigationOutcome) => {
    const { investigationSource } = await import("../../report/rows-report.js");
    const seconds = outcome.engine === "emr" && outcome.emr.kind === "completed" ? outcome.emr.elapsedMs / 1000 : (Date.now() - started) / 1000;
    const parameters: [string, string][] = [
      ...(args.rules as string[]).map((r): [string, string] => ["rules", r]),
      ...(level !== undefined ? [["level", level] as [string, string]] : []),
      ...(args.rule ?? []).map((r): [string, string] => ["rule", r]),
      ...(args.tags ?? []).map((t): [string, string] => ["tags", t]),
      ...(range !== undefined ? [["from", range.from] as [string, string], ["to", range.to] as [string, string]] : []),
    ];
    const source = investigationSource(plan, outcome, {
      parameters,
      detection: true,
      description: `${detections.translated.length} Sigma rules in one scan`,
      ...(args["report-timing"] ? { seconds } : {}),
    });
    const rules = perRule.map(({ rule, hits: count }) => ({ id: rule.id, title: rule.title, level: rule.level, author: rule.author, references: rule.references, path: rule.path, hits: count }));
    await writeRowsReport(args, term, hits, source, rules);
  };
  const print = async (outcome: InvestigationOutcome, skipped: number): Promise<ExitCode> => {
    // EMR's own ends (detached, timed out, failed) are told as `run` tells them
    if (outcome.engine === "emr" && outcome.kind !== "answered") return printEmrOutcome(outcome, args as unknown as RunArgs, term);
    if (outcome.kind === "pending") return ExitCode.no;
    if (outcome.kind !== "answered") {
      term.stderr.write(`trailhive: Hive refused the detection query: ${outcome.reason}\n`);
      return ExitCode.no;
    }
    return printHits(outcome, skipped);
  };
  if (onEmr) {
    say(`on EMR: the days ${range?.from} to ${range?.to} (give --from/--to for others)`);
    return investigateOnEmr(
      args as unknown as EmrRunArgs,
      term,
      systemClock(),
      async () => plan,
      (outcome) => print(outcome, 0),
    );
  }
  const { outcome, skipped } = await investigateLocally(args as unknown as LocalRunArgs, term, plan);
  return print(outcome, skipped);
}

function levelOf(value: string | undefined, flag: string): Level | undefined {
  if (value === undefined) return undefined;
  if (!(SIGMA_LEVELS as readonly string[]).includes(value)) throw new TrailhiveError("USAGE_BAD_LEVEL", { flag, value, levels: [...SIGMA_LEVELS] });
  return value as Level;
}

/** The columns the rules are translated against, and the table is made of: the given schema, else AWS's documented CloudTrail columns. */
async function schemaOf(path: string | undefined, term: Terminal): Promise<SchemaFile> {
  if (path === undefined) return new SchemaBuilder().finish([]);
  return readSchemaFile(resolve(term.cwd, path), { shown: path, hint: "make one with trailhive infer, or leave --schema out for AWS's documented columns" });
}

function isFolder(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}
