import { mkdir } from "node:fs/promises";
import { TrailhiveError } from "../errors.js";
import { join, resolve } from "node:path";
import { ensureEngine, type EnsureEngineOptions, type HiveEngine } from "./ensure-engine.js";
import { engineKey, handOffToKeptEngine, inspectKeptEngine, requestKeptEngine } from "./kept-engine.js";
import { runEngine, type RunEngineOptions } from "./run-engine.js";

/**
 * Runs HiveQL statements, in order, in an embedded Apache Hive 4.1.0 (one JVM): Derby metastore and
 * warehouse inside `workDir` (kept between runs, so tables created once are there next time), local
 * MapReduce. Stops at the first failing statement, as `hive -f` does: `results` then ends with that
 * failure, carrying Hive's own error line (`FAILED: SemanticException ...`), never a stack trace.
 * Values come back as strings (complex values as JSON text) and SQL NULL as null.
 *
 * @example
 *   const { results } = await runHiveSession({ workDir: "/tmp/th", statements: ["SHOW DATABASES"] });
 *   // results[0] = { ok: true, columns: ["database_name"], rows: [["default"]], ms: 800 }
 */
export type StatementResult = { ok: true; columns?: string[]; rows?: (string | null)[][]; ms: number } | { ok: false; errorLine: string; message: string; ms: number };

export interface SessionResult {
  /** one per statement run; shorter than `statements` when one failed */
  results: StatementResult[];
  /** milliseconds from JVM start to the first row fetched (undefined when no statement returned rows) */
  firstRowMs?: number;
  /** milliseconds from JVM start until the Hive session was ready for the first statement */
  sessionReadyMs?: number;
  /** JVM lifetime in milliseconds (a kept engine's: this request's), and its peak resident memory */
  jvmMs: number;
  peakRssKb?: number;
  wallMs: number;
  /** how the request ran: a JVM of its own, or the work folder's kept engine (started by it or not) */
  engine: { kind: "one-shot"; leftAlone?: string } | { kind: "kept"; pid: number; started: boolean; served: number };
}

export interface HiveSessionOptions extends EnsureEngineOptions, Pick<RunEngineOptions, "onLog" | "jvmArgs" | "signal"> {
  workDir: string;
  statements: readonly string[];
  /** Hive settings applied on top of the embedded defaults */
  settings?: Record<string, string>;
  /** ${hivevar:NAME} values, as `hive -d NAME=VALUE` gives them */
  hivevars?: Record<string, string>;
  /** at most this many rows per statement */
  maxRows?: number;
  /** an engine from ensureEngine, to skip the checks */
  engine?: HiveEngine;
  /**
   * Keep the JVM up for the work folder's next requests, stopping after this many idle seconds
   * (kept-engine.ts). Without it the JVM exits after the request, unless the work folder already
   * has a kept engine: that one holds the metastore, so the request goes to it. When the work
   * folder's engine.json names a process that is not its engine, it is left alone and the request
   * runs in a JVM of its own (`engine.leftAlone` says why).
   */
  keepSeconds?: number;
}

/** How long a kept engine waits for the next request when the caller does not say: ten minutes. */
export const DEFAULT_KEEP_SECONDS = 600;

interface SessionReport {
  results: StatementResult[];
  firstRowMs: number;
  sessionReadyMs?: number;
  metrics: { jvmMs: number; peakRssKb?: number };
}

/**
 * Settings that keep what Hive's jobs write inside the work folder (owner-only): Hadoop's local job
 * runner puts each job's staging folder (its job.xml holds the query text) under
 * /tmp/hadoop/mapred/staging, world-listable, unless this names another place; hadoop.tmp.dir does
 * not reach it, because that default is written into LocalJobRunner itself.
 */
function inWorkFolder(workDir: string): Record<string, string> {
  return { "mapreduce.jobtracker.staging.root.dir": join(workDir, "tmp", "hadoop", "mapred", "staging") };
}

/** Session.java's request: the statements, with the work folder's settings under the caller's. */
function sessionRequest(
  workDir: string,
  options: { statements: readonly string[]; settings?: Readonly<Record<string, string>> | undefined; hivevars?: Record<string, string> | undefined },
  extra: { maxRows?: number; doneFile?: string; commitFrom?: number },
): object {
  return { session: { workDir, statements: options.statements, settings: { ...inWorkFolder(workDir), ...options.settings }, hivevars: options.hivevars ?? {}, ...extra } };
}

export async function runHiveSession(options: HiveSessionOptions): Promise<SessionResult> {
  const engine = options.engine ?? (await ensureEngine("4.1.0", options));
  const workDir = resolve(options.workDir);
  await mkdir(workDir, { recursive: true });
  const request = sessionRequest(workDir, options, options.maxRows !== undefined ? { maxRows: options.maxRows } : {});
  const { report, wallMs, kind } = await sendRequest(engine, request, workDir, options);
  return {
    results: report.results,
    ...(report.firstRowMs >= 0 ? { firstRowMs: report.firstRowMs } : {}),
    ...(report.sessionReadyMs !== undefined ? { sessionReadyMs: report.sessionReadyMs } : {}),
    jvmMs: report.metrics.jvmMs,
    ...(report.metrics.peakRssKb !== undefined ? { peakRssKb: report.metrics.peakRssKb } : {}),
    wallMs,
    engine: kind,
  };
}

/**
 * Hands statements to the work folder's running kept engine as background work done once: it writes
 * `doneFile` when they all succeeded, and skips them when that file exists (Session.java). A request
 * a user waits on stops it before its next statement, except that the statements from `commitFrom` on,
 * once begun, run to their end. False when no kept engine of this build runs there: nothing is started
 * for background work.
 */
export async function handOffHiveSession(options: {
  engine: HiveEngine;
  workDir: string;
  statements: readonly string[];
  settings?: Readonly<Record<string, string>>;
  doneFile: string;
  commitFrom?: number;
  jvmArgs?: readonly string[];
}): Promise<boolean> {
  const workDir = resolve(options.workDir);
  const request = sessionRequest(workDir, options, { doneFile: options.doneFile, ...(options.commitFrom !== undefined ? { commitFrom: options.commitFrom } : {}) });
  return handOffToKeptEngine(request, { workDir, key: engineKey(options.engine, options.jvmArgs ?? []) });
}

async function sendRequest(engine: HiveEngine, request: object, workDir: string, options: HiveSessionOptions): Promise<{ report: SessionReport; wallMs: number; kind: SessionResult["engine"] }> {
  const keep = options.keepSeconds !== undefined && options.keepSeconds > 0;
  // One place starts a JVM of its own, in the work folder (Hadoop's relative paths: launch-args.ts).
  const oneShot = async (leftAlone?: string) => {
    const { report, wallMs } = await runEngine<SessionReport>(engine, request, { ...options, cwd: workDir });
    return { report, wallMs, kind: leftAlone === undefined ? ({ kind: "one-shot" } as const) : ({ kind: "one-shot", leftAlone } as const) };
  };
  const now = await inspectKeptEngine(workDir);
  if (now.state === "foreign") return oneShot(now.message);
  if (keep || now.state === "running") {
    const jvmArgs = options.jvmArgs ?? [];
    const reply = await requestKeptEngine<SessionReport & { crash?: string }>(engine, request, {
      workDir,
      key: engineKey(engine, jvmArgs),
      idleSeconds: options.keepSeconds ?? DEFAULT_KEEP_SECONDS,
      jvmArgs,
      ...(options.signal ? { signal: options.signal } : {}),
    });
    if (reply.report.crash !== undefined) {
      throw new TrailhiveError("LOCAL_ENGINE_FAILED", { problem: "kept-crashed", version: engine.version, crash: reply.report.crash, workDir });
    }
    return { report: reply.report, wallMs: reply.wallMs, kind: { kind: "kept", pid: reply.pid, started: reply.started, served: reply.served } };
  }
  return oneShot();
}
