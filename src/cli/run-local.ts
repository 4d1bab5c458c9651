import { DEFAULT_TABLE } from "../config/trailhive-config.js";
import { parseKeyValues } from "../values/key-values.js";
import { readFileSync } from "node:fs";
import { homedir } from "node:os";
import { join, resolve } from "node:path";
import type { Argv } from "yargs";
import { ExitCode, TrailhiveError } from "../errors.js";
import { defaultFormat, formatResults, type ResultFormat } from "../output/format-results.js";
import { runLocalInvestigation, type LocalRunEvent, type LocalRunOutcome, type LocalScript } from "../local/run-local-investigation.js";
import { splitStatements } from "../local/split-statements.js";
import { workFolderName } from "../local/fingerprint-sources.js";
import { assertWorkFolder } from "../local/claim-work-folder.js";
import { maxFileBytesOf, openSources, sampleOptionsFrom, withSourceOptions, type SourceArgs } from "./source-options.js";
import { createProgress } from "./progress.js";
import type { GlobalArgs, Terminal } from "./io.js";
import { localDeps } from "./local-deps.js";
import { checkJava, hiveSessionOf } from "./local-engine.js";
import { defaultCacheDir } from "../engine/default-cache-dir.js";
import { stopKeptEngine } from "../engine/kept-engine.js";

/** Local-engine options of `trailhive run` (issue 10). */
export interface LocalRunArgs extends SourceArgs {
  local: boolean;
  work?: string;
  fresh?: boolean;
  "cache-dir"?: string;
  "keep-engine"?: number;
}

/** What `run` passes on (its own options plus the globals). */
interface RunArgs extends LocalRunArgs, Partial<GlobalArgs> {
  logs?: string[];
  query?: string;
  param?: string[];
  file?: string;
  format?: ResultFormat;
  table?: string;
  schema?: string;
}

/** A warm query skips ~4 s of JVM and session start; ten idle minutes covers an investigation's pauses. */
const DEFAULT_KEEP_MINUTES = 10;

export function withLocalRunOptions<T>(y: Argv<T>): Argv<T & LocalRunArgs> {
  return withSourceOptions(y)
    // one value per --param, so `--param k=v <logs>` does not swallow the logs (repeat --param for more)
    .option("param", { type: "array", string: true, nargs: 1, default: [] as string[], describe: "query parameter NAME=VALUE (repeat for more)" })
    .option("work", { type: "string", describe: "work folder for staged logs and the metastore (default: under the cache, one per set of logs)" })
    .option("fresh", { type: "boolean", describe: "start the work folder over: stage the logs and create the table again" })
    .option("cache-dir", { type: "string", describe: "where Hive's jars and work folders live (default $XDG_CACHE_HOME/trailhive or ~/.cache/trailhive)" })
    .option("keep-engine", {
      type: "number",
      default: DEFAULT_KEEP_MINUTES,
      describe: "keep Hive running this many idle minutes, so the next query on these logs starts at once (0: stop it after this run; trailhive engine stop ends it)",
    }) as unknown as Argv<
    T & LocalRunArgs
  >;
}

/**
 * `trailhive run` on the embedded Hive 4.1.0: stage the logs (or reuse the work folder), create the
 * jsonl table and its partitions, run the library query or script, print the rows.
 */
export async function runLocally(rawArgs: LocalRunArgs, term: Terminal): Promise<ExitCode> {
  const args = rawArgs as RunArgs;
  const logs = args.logs ?? [];
  if (logs.length === 0) throw new TrailhiveError("USAGE_NO_LOGS", "say which logs to read: trailhive run --query NAME <folder of CloudTrail logs>", {});
  const cacheDir = cacheDirOf(args, term);
  const keepMinutes = args["keep-engine"] ?? DEFAULT_KEEP_MINUTES;
  if (!Number.isFinite(keepMinutes) || keepMinutes < 0) {
    throw new TrailhiveError("USAGE_BAD_KEEP_ENGINE", `--keep-engine ${String(args["keep-engine"])}: give the idle minutes as a number, 0 or more`, { keepEngine: args["keep-engine"] });
  }
  const table = args.table ?? DEFAULT_TABLE;
  const specs = logs.map((l) => (l.startsWith("s3://") ? l : resolve(term.cwd, l)));
  const deps = localDeps({
    cacheDir,
    term,
    quiet: args.quiet === true,
    schemaPath: args.schema === undefined ? undefined : resolve(term.cwd, args.schema),
    sources: logs,
    session: hiveSessionOf({ cacheDir, term, quiet: args.quiet === true, keepMinutes }),
  });
  // Query and parameters are checked before anything is read or started.
  const scripts = scriptsOf(args, table, term, deps.renderLibraryQuery);
  const maxFileBytes = maxFileBytesOf(args);

  const cacheWorkRoot = join(cacheDir, "work");
  const workDir = args.work !== undefined ? resolve(term.cwd, args.work) : join(cacheWorkRoot, workFolderName({ roots: specs, sample: sampleOptionsFrom(args) }));
  // A folder trailhive did not make is refused before any log is listed or Java started.
  await assertWorkFolder(workDir, { cacheWorkRoot });
  const resolved = await openSources(specs, args);
  // Java is checked before staging, so a machine without it learns so at once, not after the copy.
  await checkJava(term);

  const say = (line: string) => {
    if (args.quiet !== true) term.stderr.write(line + "\n");
  };
  const staging = createProgress(term, "staging");
  const onEvent = (event: LocalRunEvent) => {
    switch (event.kind) {
      case "staging":
        staging.update({ files: event.progress.files, events: event.progress.records, MB: Math.round(event.progress.bytes / 1e5) / 10 }, event.progress.files, event.progress.totalFiles);
        return;
      case "staged":
        staging.done();
        for (const s of event.skipped) say(`skipped ${s.message.startsWith(s.path) ? s.message : `${s.path}: ${s.message}`}`);
        say(`staged ${event.records.toLocaleString("en-US")} events from ${event.files.toLocaleString("en-US")} files into ${event.partitions.toLocaleString("en-US")} partitions${skippedNote(event.skipped.length)} (${workDir})`);
        return;
      case "staging-reused":
        say(`logs unchanged: reusing ${event.records.toLocaleString("en-US")} staged events${skippedNote(event.skipped.length)} in ${event.workDir}`);
        return;
      case "table-reused":
        say(`table ${event.table} is already in the work folder's metastore`);
        return;
      case "table-creating":
        say(`creating table ${event.table} (flavor jsonl) with ${event.partitions.toLocaleString("en-US")} partitions`);
        return;
      case "session-starting":
        say(`running on the embedded Hive 4.1.0 (${event.statements} statements)`);
        return;
      default: {
        const never: never = event;
        throw new TrailhiveError("INTERNAL_EVENT", `unhandled event ${JSON.stringify(never)}`, {}, { userError: false });
      }
    }
  };

  for (const s of resolved.skipped) say(`left out ${s.path}: ${s.reason}`);
  const outcome = await runLocalInvestigation(
    { files: resolved.files, workDir, fresh: args.fresh === true, table, scripts, maxFileBytes, cacheWorkRoot },
    // the work folder's kept engine holds its metastore open: it stops before the folder is staged again
    { ...deps, onEvent, releaseWorkFolder: async (dir) => void (await stopKeptEngine(dir)) },
  );
  const partial = outcome.staging.files.filter((f) => f.partial !== undefined);
  for (const f of partial) say(`read in part ${f.partial}`);
  return printOutcome(outcome, args, term, resolved.skipped.length + outcome.staging.skipped.length + partial.length);
}

function skippedNote(n: number): string {
  return n === 0 ? "" : ` (${n.toLocaleString("en-US")} file${n === 1 ? "" : "s"} skipped)`;
}

function printOutcome(outcome: LocalRunOutcome, args: RunArgs, term: Terminal, skipped: number): ExitCode {
  const format = args.format ?? defaultFormat(term.stdout.isTTY);
  const sets = outcome.scripts.flatMap((s) => s.results);
  sets.forEach((set, i) => {
    if (i > 0 && format === "table") term.stdout.write("\n");
    term.stdout.write(formatResults(set, format));
  });
  if (outcome.failure !== undefined) {
    const f = outcome.failure;
    term.stderr.write(`trailhive: Hive refused ${f.script}: ${f.errorLine}\n  in: ${f.statement.split("\n").join("\n      ").slice(0, 2000)}\n`);
    return ExitCode.no;
  }
  if (skipped > 0 && args.strict === true) {
    term.stderr.write(`trailhive: ${skipped} file(s) skipped or read in part and --strict was given\n`);
    return ExitCode.skipped;
  }
  return ExitCode.ok;
}

/** The library query (with its parameters) or the script file, as statements. */
function scriptsOf(args: RunArgs, table: string, term: Terminal, renderLibraryQuery: (name: string, params: Record<string, string>, table: string) => { sql: string; columns: string[] }): LocalScript[] {
  if (args.file !== undefined) {
    const path = resolve(term.cwd, args.file);
    let text: string;
    try {
      text = readFileSync(path, "utf8");
    } catch (error) {
      throw new TrailhiveError("USAGE_SCRIPT_NOT_FOUND", `cannot read the script ${args.file}: ${(error as Error).message}`, { path });
    }
    const statements = splitStatements(text);
    if (statements.length === 0) throw new TrailhiveError("USAGE_EMPTY_SCRIPT", `${args.file} holds no statements`, { path });
    return [{ name: args.file, statements }];
  }
  const name = args.query ?? "";
  const rendered = renderLibraryQuery(name, parseKeyValues(args.param ?? [], "--param"), table);
  return [{ name, statements: splitStatements(rendered.sql), columns: rendered.columns }];
}

/** --cache-dir, else $XDG_CACHE_HOME/trailhive, else ~/.cache/trailhive: one cache for jars and work folders. */
function cacheDirOf(args: RunArgs, term: Terminal): string {
  if (args["cache-dir"] !== undefined) return resolve(term.cwd, args["cache-dir"]);
  return defaultCacheDir(term.env, homedir());
}
