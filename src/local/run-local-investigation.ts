import { createHash } from "node:crypto";
import { existsSync } from "node:fs";
import { readdir, readFile, rm, writeFile } from "node:fs/promises";
import { join, resolve } from "node:path";
import { TrailhiveError } from "../errors.js";
import { quoteQualifiedName } from "../hive/quote.js";
import type { ResultSet } from "../output/format-results.js";
import type { SchemaBuilderState } from "../schema/schema-state.js";
import type { SchemaFile } from "../schema/schema-file.js";
import { parseSchema } from "../schema/schema-io.js";
import type { SourceFile } from "../source/resolve-sources.js";
import { claimWorkFolder, emptyWorkFolder } from "./claim-work-folder.js";
import { COLUMNAR_COPY_SETTINGS, columnarCopy, columnarDoneFile, columnarName } from "./columnar-copy.js";
import { fingerprintSources } from "./fingerprint-sources.js";
import { hiveErrorLine, type HiveSession } from "./hive-session.js";
import type { PartitionValues } from "./partition-of.js";
import { stageLogs, type LogReader, type SkippedFile, type StageProgress, type StageReadResult } from "./stage-logs.js";
import { DEFAULT_MAX_FILE_BYTES } from "../records/inflate-bounded.js";
import { hiveLocation } from "./hive-location.js";
import { workPathProblem } from "./work-path-problem.js";
import { readWorkManifest, sameSources, WORK_MANIFEST_VERSION, writeWorkManifest, type StagingRecord, type WorkManifest } from "./work-manifest.js";
import { WORK_MARKER_FILE } from "./work-marker.js";

/**
 * A local investigation from logs to answers, in one orchestrator:
 *   fingerprint sources -> stage them (unless the work folder already holds them) while inferring the
 *   schema -> create the table and its partitions (unless the metastore already has that DDL) ->
 *   run every script's statements in one Hive session -> results per statement, or Hive's error line.
 * The engine, reader, schema inference and renderers come in as `deps`, so this file holds only the
 * order of things and the work folder's bookkeeping.
 *
 * @example
 *   const outcome = await runLocalInvestigation(
 *     { files, workDir, fresh: false, table: "cloudtrail_logs", scripts: [{ name: "security-group-changes", statements: [sql] }] },
 *     deps,
 *   );
 */
export interface LocalScript {
  /** for messages: the query name or the script's path */
  name: string;
  statements: string[];
  /** the column names a library query declares, used for its rows when Hive's count matches */
  columns?: string[];
}

export interface LocalRunRequest {
  files: readonly SourceFile[];
  workDir: string;
  /** start the work folder over */
  fresh: boolean;
  /** the cache's `work/` folder, where unmarked work folders of the earlier release may be adopted */
  cacheWorkRoot?: string;
  table: string;
  scripts: LocalScript[];
  /** a log file holding more bytes than this (stored or inflated) is skipped as `too-large` (default 256 MiB) */
  maxFileBytes?: number;
  /** the table's schema; without it, the one inferred while staging */
  schema?: SchemaFile;
  /** `${hivevar:NAME}` values for the session, as `hive -d NAME=VALUE` gives them */
  hivevars?: Record<string, string>;
}

/** Collects the schema while staging reads the files (infer's SchemaBuilder behind it). */
export interface SchemaCollector {
  addFile(path: string, result: StageReadResult): void;
  /** what staging's parse threads counted (SchemaBuilder.addState); without it, staging parses on one thread to feed addFile */
  addState?(state: SchemaBuilderState): void;
  /** the schema file's text (serialized, stable bytes) */
  finish(): string;
}

export interface PartitionLocation extends PartitionValues {
  /** the staged folder as a Hive location (file:///...) */
  location: string;
}

export interface LocalRunDeps {
  /** a reader of your own instead of infer's readLogFile (it then parses on one thread) */
  read?: LogReader;
  collectSchema(): SchemaCollector;
  /** the CREATE TABLE (and view) statements of the local flavor for a schema */
  renderTable(schema: SchemaFile, options: { table: string; location: string }): string[];
  renderPartitions(table: string, partitions: PartitionLocation[]): string[];
  session: HiveSession;
  /** lets go of the work folder (stops an engine that holds its metastore) before it is emptied */
  releaseWorkFolder?(workDir: string): Promise<void>;
  onEvent?(event: LocalRunEvent): void;
}

export type LocalRunEvent =
  | { kind: "staging-reused"; workDir: string; records: number; skipped: SkippedFile[] }
  | { kind: "staging"; progress: StageProgress }
  | { kind: "staged"; records: number; files: number; partitions: number; skipped: SkippedFile[] }
  | { kind: "table-reused"; table: string; columnar: boolean }
  | { kind: "table-creating"; table: string; partitions: number }
  /** the manifest had the table, the metastore did not: it is made again and the scripts run again */
  | { kind: "table-lost"; table: string }
  | { kind: "session-starting"; statements: number }
  /** the kept engine took the columnar copy of the table, to make after this run (see columnar-copy.ts) */
  | { kind: "columnar-copy-handed-off"; table: string };

export interface ScriptOutcome {
  name: string;
  /** results of the statements that return rows, in order */
  results: ResultSet[];
}

export interface LocalRunFailure {
  script: string;
  statement: string;
  /** Hive's error line (ParseException, SemanticException, ...), never a stack trace */
  errorLine: string;
}

export interface LocalRunOutcome {
  staging: StagingRecord;
  stagingReused: boolean;
  tableReused: boolean;
  /** the table read was its columnar copy (ORC), not the staged JSON lines */
  columnar: boolean;
  scripts: ScriptOutcome[];
  failure?: LocalRunFailure;
}

const STAGED_FOLDER = "staged";
const SCHEMA_FILE = "schema.json";
/** The local engine always reads staged JSON lines (docs/ARCHITECTURE.md, Engines: Apache Hive 4's JSON SerDe over one event a line). */
export const LOCAL_FLAVOR = "jsonl";

export async function runLocalInvestigation(request: LocalRunRequest, deps: LocalRunDeps): Promise<LocalRunOutcome> {
  const workDir = resolve(request.workDir);
  const pathProblem = workPathProblem(workDir);
  if (pathProblem !== undefined) throw new TrailhiveError("USAGE_WORK_PATH", { workDir, pathProblem });
  // Before anything is read, staged or started: a folder trailhive did not make is refused here.
  const claimed = await claimWorkFolder(workDir, request.cacheWorkRoot !== undefined ? { cacheWorkRoot: request.cacheWorkRoot } : {});
  const sources = await fingerprintSources(request.files);
  let manifest = request.fresh || claimed.restage ? undefined : await readWorkManifest(workDir);
  const maxFileBytes = request.maxFileBytes ?? DEFAULT_MAX_FILE_BYTES;
  let stagingReused = manifest !== undefined && sameSources(manifest.sources, sources) && manifest.staging.maxFileBytes === maxFileBytes;
  if (manifest !== undefined && stagingReused) {
    deps.onEvent?.({ kind: "staging-reused", workDir, records: manifest.staging.records, skipped: manifest.staging.skipped });
  } else {
    manifest = await stageInto(workDir, request.files, sources, deps, maxFileBytes);
    stagingReused = false;
  }
  if (manifest.staging.records === 0) {
    throw new TrailhiveError("SOURCE_NO_LOGS", { problem: "no-events", files: manifest.staging.files.length, skipped: manifest.staging.skipped.length });
  }

  const schema = request.schema ?? parseSchema(await readFile(join(workDir, manifest.staging.schemaFile), "utf8"), `the schema inferred in ${workDir}`);
  const stagedRoot = join(workDir, STAGED_FOLDER);
  const tableStatements = [
    ...deps.renderTable(schema, { table: request.table, location: hiveLocation(stagedRoot) }),
    ...deps.renderPartitions(
      request.table,
      manifest.staging.partitions.map((p) => ({ account: p.account, region: p.region, year: p.year, month: p.month, day: p.day, location: hiveLocation(join(stagedRoot, ...p.folder.split("/"))) })),
    ),
  ];
  const ddlSha256 = createHash("sha256").update(tableStatements.join(";\n")).digest("hex");
  let tableReused = manifest.tables[request.table]?.ddlSha256 === ddlSha256;
  const doneFile = join(workDir, columnarDoneFile(request.table, ddlSha256));
  let columnar = tableReused && existsSync(doneFile);
  // A table of that name with other DDL (new schema or templates) is dropped first, with its columnar
  // copy, done or half-made; a new metastore has none.
  const earlier = manifest.tables[request.table];
  const drop = [request.table, columnarName(request.table)].map((t) => `DROP TABLE IF EXISTS ${quoteQualifiedName(t)}`);
  if (earlier !== undefined && !tableReused) await rm(join(workDir, columnarDoneFile(request.table, earlier.ddlSha256)), { force: true });
  const scriptStatements = request.scripts.flatMap((s) => s.statements);
  const runSession = (setup: string[]) => {
    const statements = [...setup, ...scriptStatements];
    deps.onEvent?.({ kind: "session-starting", statements: statements.length });
    return deps.session({ workDir, statements, ...(request.hivevars !== undefined ? { hivevars: request.hivevars } : {}) });
  };
  const remake = [...drop, ...tableStatements];
  let setup = tableReused ? [] : earlier !== undefined ? remake : tableStatements;
  if (tableReused) deps.onEvent?.({ kind: "table-reused", table: request.table, columnar });
  else deps.onEvent?.({ kind: "table-creating", table: request.table, partitions: manifest.staging.partitions.length });
  let session = await runSession(setup);
  // The manifest says the table is there, the metastore has lost it (a script dropped it, or the engine
  // was stopped inside the columnar copy's swap): make it again, once, and run the scripts again.
  const failure = firstFailure(session.results, session.results.length);
  if (tableReused && failure !== undefined && tableNotFound(failure.errorLine, request.table)) {
    await rm(doneFile, { force: true });
    deps.onEvent?.({ kind: "table-lost", table: request.table });
    [tableReused, columnar, setup] = [false, false, remake];
    session = await runSession(setup);
  }

  const setupFailure = firstFailure(session.results.slice(0, setup.length), setup.length);
  if (setupFailure !== undefined) {
    const statement = setup[setupFailure.index] ?? "";
    throw new TrailhiveError("HIVE_TABLE_FAILED", { table: request.table, statement, errorLine: setupFailure.errorLine });
  }
  if (!tableReused) {
    manifest.tables[request.table] = { flavor: LOCAL_FLAVOR, ddlSha256 };
    await writeWorkManifest(workDir, manifest);
  }

  const outcome: LocalRunOutcome = { staging: manifest.staging, stagingReused, tableReused, columnar, scripts: [] };
  let at = setup.length;
  for (const script of request.scripts) {
    const results: ResultSet[] = [];
    outcome.scripts.push({ name: script.name, results });
    for (const statement of script.statements) {
      const result = session.results[at++];
      if (result === undefined || !result.ok) {
        outcome.failure = { script: script.name, statement, errorLine: result === undefined ? "Hive stopped before this statement" : hiveErrorLine(result) };
        return outcome;
      }
      if (result.columns === undefined) continue;
      const named = script.columns !== undefined && script.columns.length === result.columns.length ? script.columns : result.columns;
      results.push({ columns: [...named], rows: result.rows ?? [] });
    }
  }
  // Answered: the engine may now make the columnar copy while it would otherwise idle.
  if (!columnar && deps.session.background !== undefined) {
    if (await deps.session.background({ workDir, ...columnarCopy(request.table), settings: COLUMNAR_COPY_SETTINGS, doneFile })) {
      deps.onEvent?.({ kind: "columnar-copy-handed-off", table: request.table });
    }
  }
  return outcome;
}

/** Stages the sources into a clean work folder and writes its manifest (without tables: the metastore is new). */
async function stageInto(workDir: string, files: readonly SourceFile[], sources: WorkManifest["sources"], deps: LocalRunDeps, maxFileBytes: number): Promise<WorkManifest> {
  await clearWorkFolder(workDir, deps);
  const collector = deps.collectSchema();
  const summary = await stageLogs(files, {
    root: join(workDir, STAGED_FOLDER),
    ...(deps.read !== undefined ? { read: deps.read } : {}),
    maxFileBytes,
    ...(collector.addState !== undefined ? { inferSchema: true } : { onFile: (path: string, result: StageReadResult) => collector.addFile(path, result) }),
    onProgress: (progress) => deps.onEvent?.({ kind: "staging", progress }),
  });
  for (const state of summary.schemas ?? []) collector.addState?.(state);
  const staging: StagingRecord = { records: summary.records, files: summary.files, skipped: summary.skipped, partitions: summary.partitions, schemaFile: SCHEMA_FILE, maxFileBytes };
  deps.onEvent?.({ kind: "staged", records: summary.records, files: summary.files.length, partitions: summary.partitions.length, skipped: summary.skipped });
  if (summary.records > 0) await writeFile(join(workDir, SCHEMA_FILE), collector.finish(), { mode: 0o600 });
  const manifest: WorkManifest = { version: WORK_MANIFEST_VERSION, sources, staging, tables: {} };
  await writeWorkManifest(workDir, manifest);
  return manifest;
}

/** Empties the claimed work folder (but its marker), first letting go of it when it holds anything (its kept engine holds the metastore). */
async function clearWorkFolder(workDir: string, deps: Pick<LocalRunDeps, "releaseWorkFolder">): Promise<void> {
  const entries = (await readdir(workDir)).filter((n) => n !== WORK_MARKER_FILE);
  if (entries.length === 0) return;
  await deps.releaseWorkFolder?.(workDir);
  await emptyWorkFolder(workDir);
}

/** Hive's error line says it has no table of that name (unqualified or not). */
function tableNotFound(errorLine: string, table: string): boolean {
  const named = /Table not found '([^']*)'/.exec(errorLine)?.[1]?.toLowerCase();
  return named !== undefined && [table.toLowerCase(), table.toLowerCase().split(".").pop()].includes(named);
}

function firstFailure(results: readonly ({ ok: true } | { ok: false; errorLine: string; message: string } | undefined)[], expected: number): { index: number; errorLine: string } | undefined {
  for (let i = 0; i < expected; i++) {
    const r = results[i];
    if (r === undefined) return { index: i, errorLine: "Hive stopped before this statement" };
    if (!r.ok) return { index: i, errorLine: hiveErrorLine(r) };
  }
  return undefined;
}
