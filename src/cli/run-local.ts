import { DEFAULT_TABLE } from "../config/trailhive-config.js";
import { parseKeyValues } from "../values/key-values.js";
import { readFileSync } from "node:fs";
import { homedir } from "node:os";
import { join, resolve } from "node:path";
import { ExitCode, TrailhiveError } from "../errors.js";
import { defaultFormat, formatResults, type ResultFormat } from "../output/format-results.js";
import { localEngine } from "../local/local-engine.js";
import { localDeps } from "../local/local-deps.js";
import { checkJava, embeddedHiveSession } from "../local/embedded-hive.js";
import type { InvestigationOutcome } from "../investigation/engine.js";
import { planInvestigation, type InvestigationPlan } from "../investigation/investigation-plan.js";
import { getQuery, loadLibrary } from "../queries/library.js";
import { readSchemaFile } from "../config/read-schema-file.js";
import { workFolderName } from "../local/fingerprint-sources.js";
import { assertWorkFolder } from "../local/claim-work-folder.js";
import { openSources } from "./open-sources.js";
import { maxFileBytesOf, sampleOptionsFrom } from "./source-options.js";
import { DEFAULT_KEEP_MINUTES, type LocalRunArgs } from "./local-run-options.js";
import { createProgress } from "./progress.js";
import { localRunPrinter } from "./local-progress.js";
import type { TemplateArgs } from "./template-options.js";
import type { ReportArgs } from "./report-options.js";
import { checkReportPath, reportRun } from "./write-report.js";
import { templatesFrom } from "./templates-from.js";
import type { GlobalArgs, Terminal } from "./io.js";
import { defaultCacheDir } from "../engine/default-cache-dir.js";
import { stopKeptEngine } from "../engine/kept-engine.js";

/** What `run` passes on (its own options plus the globals). */
interface RunArgs extends LocalRunArgs, Partial<GlobalArgs>, TemplateArgs, ReportArgs {
  logs?: string[];
  query?: string;
  param?: string[];
  file?: string;
  format?: ResultFormat;
  table?: string;
  schema?: string;
}

/**
 * `trailhive run` on the embedded Hive 4.1.0: stage the logs (or reuse the work folder), create the
 * jsonl table and its partitions, run the library query or script, print the rows.
 */
export async function runLocally(rawArgs: LocalRunArgs, term: Terminal): Promise<ExitCode> {
  const args = rawArgs as RunArgs;
  if ((args.logs ?? []).length === 0) throw new TrailhiveError("USAGE_NO_LOGS", {});
  // Query, parameters and the report's folder are checked before anything is read or started.
  const plan = await planOf(args, args.table ?? DEFAULT_TABLE, term);
  checkReportPath(args, term);
  const started = Date.now();
  const { outcome, skipped } = await investigateLocally(args, term, plan);
  const code = printOutcome(outcome, args, term, skipped);
  if (args.report !== undefined) await reportRun(args, term, plan, outcome, (Date.now() - started) / 1000);
  return code;
}

/**
 * One plan on the embedded Hive, with the local flags (`run` and `detect`): the engine, its progress
 * on stderr, and how many files were left out, skipped or read in part (for --strict).
 */
export async function investigateLocally(
  rawArgs: LocalRunArgs & TemplateArgs & { logs?: string[]; quiet?: boolean },
  term: Terminal,
  plan: InvestigationPlan,
): Promise<{ outcome: InvestigationOutcome; skipped: number }> {
  const args = rawArgs as RunArgs;
  const logs = args.logs ?? [];
  const cacheDir = cacheDirOf(args, term);
  const keepMinutes = args["keep-engine"] ?? DEFAULT_KEEP_MINUTES;
  if (!Number.isFinite(keepMinutes) || keepMinutes < 0) {
    throw new TrailhiveError("USAGE_BAD_KEEP_ENGINE", { keepEngine: keepMinutes });
  }
  const specs = logs.map((l) => (l.startsWith("s3://") ? l : resolve(term.cwd, l)));
  const say = (line: string) => {
    if (args.quiet !== true) term.stderr.write(line + "\n");
  };
  const fetching = createProgress(term, "fetching Hive 4.1.0 jars");
  const session = embeddedHiveSession({
    cacheDir,
    javaHome: term.env["JAVA_HOME"],
    keepMinutes,
    ...(args.quiet === true
      ? {}
      : {
          onFetch: {
            progress: (p) => fetching.update({ jars: `${p.jarsDone}/${p.jarsTotal}`, MB: Math.round(p.bytesDone / 1e6) }, p.bytesDone, p.bytesTotal),
            done: (bytes) => {
              fetching.done();
              if (bytes > 0) say(`fetched ${Math.round(bytes / 1e6)} MB of Hive jars into ${cacheDir}`);
            },
          },
        }),
    onNotice: say,
    onWarning: (line) => term.stderr.write(line + "\n"),
  });
  const templates = templatesFrom(args, term);
  const deps = localDeps({ sources: logs, session, onWarning: (w) => say(`warning: ${w.message}`), ...(templates !== undefined ? { templates } : {}) });
  const maxFileBytes = maxFileBytesOf(args);

  const cacheWorkRoot = join(cacheDir, "work");
  const workDir = args.work !== undefined ? resolve(term.cwd, args.work) : join(cacheWorkRoot, workFolderName({ roots: specs, sample: sampleOptionsFrom(args) }));
  // A folder trailhive did not make is refused before any log is listed or Java started.
  await assertWorkFolder(workDir, { cacheWorkRoot });
  const resolved = await openSources(specs, args);
  // Java is checked before staging, so a machine without it learns so at once, not after the copy.
  await checkJava(term.env["JAVA_HOME"]);

  const onEvent = localRunPrinter(term, say, workDir);

  for (const s of resolved.skipped) say(`left out ${s.path}: ${s.reason}`);
  const engine = localEngine({
    files: resolved.files,
    workDir,
    fresh: args.fresh === true,
    cacheWorkRoot,
    maxFileBytes,
    // the work folder's kept engine holds its metastore open: it stops before the folder is staged again
    deps: { ...deps, onEvent, releaseWorkFolder: async (dir) => void (await stopKeptEngine(dir)) },
  });
  const outcome = await engine.run(plan);
  const staged = outcome.engine === "local" ? outcome.local.staging : undefined;
  const partial = (staged?.files ?? []).filter((f) => f.partial !== undefined);
  for (const f of partial) say(`read in part ${f.partial}`);
  return { outcome, skipped: resolved.skipped.length + (staged?.skipped.length ?? 0) + partial.length };
}

function printOutcome(outcome: InvestigationOutcome, args: RunArgs, term: Terminal, skipped: number): ExitCode {
  const format = args.format ?? defaultFormat(term.stdout.isTTY);
  const sets = outcome.engine === "local" ? outcome.local.scripts.flatMap((s) => s.results) : [];
  sets.forEach((set, i) => {
    if (i > 0 && format === "table") term.stdout.write("\n");
    term.stdout.write(formatResults(set, format));
  });
  if (outcome.kind === "refused") {
    const name = outcome.engine === "local" ? (outcome.local.failure?.script ?? "") : "";
    term.stderr.write(`trailhive: Hive refused ${name}: ${outcome.reason}\n  in: ${(outcome.statement ?? "").split("\n").join("\n      ").slice(0, 2000)}\n`);
    return ExitCode.no;
  }
  if (skipped > 0 && args.strict === true) {
    term.stderr.write(`trailhive: ${skipped} file(s) skipped or read in part and --strict was given\n`);
    return ExitCode.skipped;
  }
  return ExitCode.ok;
}

/** The plan: the library query with its parameters, or the script file (its --param values as hive variables). */
async function planOf(args: RunArgs, table: string, term: Terminal): Promise<InvestigationPlan> {
  const params = parseKeyValues(args.param ?? [], "--param");
  const schema =
    args.schema === undefined
      ? undefined
      : await readSchemaFile(resolve(term.cwd, args.schema), { shown: args.schema, hint: "make one with trailhive infer, or leave --schema out to use the schema inferred while staging" });
  const common = { table, ...(schema !== undefined ? { schema } : {}) };
  if (args.file === undefined) return planInvestigation({ ...common, query: getQuery(loadLibrary(), args.query ?? ""), params });
  const path = resolve(term.cwd, args.file);
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch (error) {
    throw new TrailhiveError("USAGE_SCRIPT_NOT_FOUND", { file: args.file, path, reason: (error as Error).message });
  }
  return planInvestigation({ ...common, script: { name: args.file, text }, variables: params });
}

/** --cache-dir, else $XDG_CACHE_HOME/trailhive, else ~/.cache/trailhive: one cache for jars and work folders. */
function cacheDirOf(args: RunArgs, term: Terminal): string {
  if (args["cache-dir"] !== undefined) return resolve(term.cwd, args["cache-dir"]);
  return defaultCacheDir(term.env, homedir());
}
