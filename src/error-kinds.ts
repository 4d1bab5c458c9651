/**
 * Every error trailhive stops with, in one table: its kind (the stable code `--json` prints), whose
 * fault it is (the exit code), and its message as a function of typed details (quicktype's
 * Messages.ts). A misspelt kind or a missing detail fails to compile; the message is written once
 * here, not at each throw. Thrown as `new TrailhiveError(kind, details)` (src/errors.ts).
 *
 * Sections follow the pipeline's stages; add a kind to the section of the folder that throws it.
 */

/**
 * Whose fault a failure is, which decides the exit code: `user` (input, flags, config, a missing tool:
 * exit 2), `bug` (trailhive's own: exit 70), `service` (AWS answering 5xx or throttling after the
 * retries, a network that fails, a Hive JVM that crashes: exit 69, try again).
 */
export type Fault = "user" | "bug" | "service";

export interface KindSpec<D> {
  fault: Fault;
  message: (details: D) => string;
}

type NoDetails = Record<never, never>;
const user = <D extends object = NoDetails>(message: (d: D) => string): KindSpec<D> => ({ fault: "user", message });
const bug = <D extends object = NoDetails>(message: (d: D) => string): KindSpec<D> => ({ fault: "bug", message });
const service = <D extends object = NoDetails>(message: (d: D) => string): KindSpec<D> => ({ fault: "service", message });

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

export const ERROR_KINDS = {
  // --- values: the one parser of each CLI value kind (src/values) ---
  USAGE_BAD_KEY_VALUE: user<{ flag: string; entry: string; form: string }>((d) => `${d.flag} ${d.entry}: write it as ${d.form}`),
  USAGE_DUPLICATE_KEY: user<{ flag: string; key: string }>((d) => `${d.flag} ${d.key} is given twice: give each name once`),
  USAGE_BAD_DATE: user<{ option: string; value: string }>((d) => `${d.option} ${JSON.stringify(d.value)} is not a calendar day written YYYY-MM-DD, e.g. 2026-11-16`),
  USAGE_DATES_REVERSED: user<{ fromName: string; from: string; toName: string; to: string }>((d) => `${d.fromName} ${d.from} is after ${d.toName} ${d.to}: give the earlier day first`),
  // --- end values ---

  // --- config, schema files, flavors, hive, records, partitions, investigation, aws ---
  // --- end config ---

  // --- cli, queries, render, views ---
  // --- end cli ---

  // --- engine, emr, source, local ---
  // src/engine: fetching jars, finding Java, the Hive JVM (one-shot and kept)
  LOCAL_ENGINE_NOT_BUILT: bug<{ path: string }>((d) => `${d.path} is missing: in a clone of trailhive, run npm run engine:build (needs a JDK 17); installed packages ship it`),
  LOCAL_JAVA_MISSING: user<{ candidates: string[]; minJava: number; hint: string }>((d) => `the local Hive engine needs Java ${d.minJava} or newer (found ${d.candidates.join("; ")}): ${d.hint}`),
  LOCAL_JAR_LIST_INVALID: user<{ problem: "bad-line"; path: string; line: number } | { problem: "empty"; path: string }>((d) =>
    d.problem === "bad-line"
      ? `${d.path}:${d.line}: expected groupId, artifactId, version, classifier, sha1, size separated by tabs; regenerate it with npm run engine:lock`
      : `${d.path} lists no jars; regenerate it with npm run engine:lock`,
  ),
  INTERNAL_MAVEN_PATH: bug<{ relPath: string }>((d) => `not a Maven repository jar path: ${d.relPath}`),
  LOCAL_JAR_DOWNLOAD_FAILED: user<{ problem: "unreachable"; url: string; reason: string } | { problem: "http"; url: string; status: number }>((d) =>
    d.problem === "unreachable"
      ? `cannot download ${d.url} (${d.reason}); the first local run needs Maven Central over HTTPS, later runs work offline`
      : `cannot download ${d.url}: HTTP ${d.status}`,
  ),
  LOCAL_JAR_CHECKSUM: user<{ url: string; expected: string; actual: string }>((d) => `${d.url} has sha1 ${d.actual}, but the jar list pins ${d.expected}; nothing was kept. A proxy may have altered it: try again, or report it`),
  /**
   * The Hive JVM failed under a run. `log` is the engine's log file (a kept engine's) or its last
   * lines (a one-shot run's); `logTail` the end of that file, when it has one.
   */
  LOCAL_ENGINE_FAILED: service<
    | { problem: "exited"; version: string; code: number | null; log: string[] }
    | { problem: "crashed"; version: string; crash: string; log: string[] }
    | { problem: "kept-crashed"; version: string; crash: string; workDir: string }
    | { problem: "refused"; pid: number; refusal: string }
    | { problem: "unreadable-reply"; pid: number; reason: string }
    | { problem: "stopped-answering"; pid: number; why: string; log?: string; logTail?: string }
    | { problem: "no-answer"; pid: number; reason: string; log: string; logTail: string }
    | { problem: "start-held"; holder: number; log: string; logTail: string }
    | { problem: "exited-before-ready"; exit: string; log: string; logTail: string }
    | { problem: "start-timeout"; log: string; logTail: string }
  >((d) => {
    const logged = (what: string, log: string | undefined, tail: string | undefined) =>
      log === undefined ? what : `${what}; its log is ${log}${tail === undefined || tail === "" ? "" : `, ending:\n${tail}`}`;
    switch (d.problem) {
      case "exited":
        return `the Hive ${d.version} engine exited with code ${d.code} before writing its report; its last lines:\n${d.log.join("\n")}`;
      case "crashed":
        return `the Hive ${d.version} engine failed: ${d.crash}; its last lines:\n${d.log.join("\n")}`;
      case "kept-crashed":
        return `the kept Hive ${d.version} engine failed: ${d.crash}; its log is in ${d.workDir}`;
      case "refused":
        return `the kept Hive engine (pid ${d.pid}) refused the request: ${d.refusal}`;
      case "unreadable-reply":
        return `the kept Hive engine (pid ${d.pid}) sent an unreadable reply: ${d.reason}`;
      case "stopped-answering":
        return logged(`the kept Hive engine (pid ${d.pid}) stopped while answering (${d.why})`, d.log, d.logTail);
      case "no-answer":
        return logged(`the kept Hive engine (pid ${d.pid}) did not answer: ${d.reason}`, d.log, d.logTail);
      case "start-held":
        return logged(`another trailhive (pid ${d.holder}) has been starting the engine for too long`, d.log, d.logTail);
      case "exited-before-ready":
        return logged(`the Hive engine exited (${d.exit}) before it was ready`, d.log, d.logTail);
      case "start-timeout":
        return logged("the Hive engine did not start in time", d.log, d.logTail);
    }
  }),
  LOCAL_ENGINE_BUSY: service<{ pid: number; workDir: string; seconds: number; reason: string }>(
    (d) =>
      `the kept Hive engine (pid ${d.pid}) of ${d.workDir} is running but did not take the request for ${d.seconds} s (${d.reason}); something else on this machine may be holding its connections: try again, or stop it with trailhive engine stop --work ${JSON.stringify(d.workDir)}`,
  ),
  /** `reason`: why the work folder's engine.json is left alone, as inspectKeptEngine says it (and `engine list` shows it) */
  LOCAL_ENGINE_DESCRIPTOR: user<{ pid?: number; reason: string }>((d) => d.reason),
  LOCAL_INTERRUPTED: user<{ during: "answering" | "starting" }>((d) => `interrupted while Hive was ${d.during}`),

  // src/emr: the EMR engine, its script, its calls and its results
  USAGE_NO_LOCATION: user<NoDetails>(() => "on EMR the table reads the logs from S3: give the s3:// folder holding AWSLogs/ (the logs argument or --location)"),
  USAGE_NO_FOLDERS: user<{ location: string }>(() => "--dry-run lists nothing in S3, so the partitions need the trail's folders named: give --accounts and --regions (a run finds them itself)"),
  USAGE_NO_RANGE: user<{ query: string }>(() => "on EMR the table's partitions are added for the query's days: give --param from=YYYY-MM-DD --param to=YYYY-MM-DD"),
  USAGE_BAD_RANGE: user<{ problem: "reversed"; from: string; to: string } | { problem: "too-long"; from: string; to: string; maxDays: number }>((d) =>
    d.problem === "reversed" ? `the date range ends (${d.to}) before it starts (${d.from})` : `the date range ${d.from}..${d.to} spans more than ${d.maxDays} days`,
  ),
  /** `emrNote`: the flavor's own note on why it breaks on EMR (src/flavors) */
  USAGE_BAD_FLAVOR: user<{ flavor: string; emrNote: string; use: string }>((d) => `flavor ${d.flavor} does not work on EMR: ${d.emrNote}; use ${d.use}`),
  RENDER_QUERY_NOT_SELECT: user<{ title: string; start: string }>((d) => `the query for ${d.title} must be one SELECT statement to write its answer to S3; it starts with ${JSON.stringify(d.start)}`),
  INTERNAL_NO_SCHEMA: bug<NoDetails>(() => "an EMR plan needs the table's schema (planInvestigation's schema)"),
  INTERNAL_PLAN_FLAVOR: bug<{ partitioned: boolean }>(
    (d) => `the plan's query is for a${d.partitioned ? "" : "n un"}partitioned table, the flavor's on EMR is not: plan with partitioned = emrTablePartitioned(flavor)`,
  ),
  INTERNAL_NO_CLIENTS: bug<NoDetails>(() => "an EMR engine made without clients can only prepare (a dry run)"),
  EMR_NO_CREDENTIALS: user<{ what: string; awsMessage: string }>((d) => `no AWS credentials for ${d.what}: set AWS_PROFILE or --profile, or run aws configure / aws sso login (${d.awsMessage})`),
  /** thrown with the fault of the AWS error (a 4xx the user's, a 5xx or throttling the service's); `fault` in the details is the SDK's $fault */
  EMR_REQUEST_FAILED: service<{ what: string; name: string; awsMessage: string; status?: number; fault?: string }>(
    (d) => `${d.what} failed: ${d.name}: ${d.awsMessage}${d.status !== undefined ? ` (HTTP ${d.status})` : ""}`,
  ),
  EMR_NO_CLUSTER_ID: bug<NoDetails>(() => "RunJobFlow returned no cluster id"),
  EMR_NO_STEP_ID: bug<{ problem: "add-steps"; clusterId: string } | { problem: "not-listed"; clusterId: string; stepName: string | undefined }>((d) =>
    d.problem === "add-steps" ? `AddJobFlowSteps on ${d.clusterId} returned no step id` : `cluster ${d.clusterId} lists no step named ${d.stepName}`,
  ),
  EMR_RESULT_COMPRESSED: user<{ bucket: string; key: string }>(
    (d) => `s3://${d.bucket}/${d.key} is compressed with a codec trailhive cannot read; the cluster overrides hive.exec.compress.output=false, so set it false in its hive-site`,
  ),
  EMR_RESULT_SHAPE: user<{ bucket: string; key: string; fields: number; columns: string[] }>(
    (d) => `s3://${d.bucket}/${d.key} has a row of ${d.fields} fields but the query names ${d.columns.length} columns (${d.columns.join(", ")})`,
  ),

  // src/source: resolving, listing and reading the logs, local and in S3
  SOURCE_NOT_FOUND: user<
    | { problem: "no-day-folders"; location: string; from: string; to: string }
    | { problem: "no-log-path"; spec: string }
    | { problem: "no-logs-folder"; spec: string }
  >((d) => {
    switch (d.problem) {
      case "no-day-folders":
        return `no CloudTrail day folders (AWSLogs/[o-org/]<account>/CloudTrail/<region>/<yyyy>/<mm>/<dd>/) from ${d.from} to ${d.to} under ${d.location}: check --location, --accounts, --regions and the dates`;
      case "no-log-path":
        return `${d.spec} does not exist: give a CloudTrail log file or a folder of them`;
      case "no-logs-folder":
        return `${d.spec} does not exist: give a folder holding AWSLogs/`;
    }
  }),
  SOURCE_NOT_A_FOLDER: user<{ spec: string }>((d) => `${d.spec} is a file: give the folder (or s3:// prefix) holding AWSLogs/`),
  /** `fileKind`: what it is instead (specialFileKind: "a FIFO", "a socket", ...) */
  SOURCE_NOT_A_FILE: user<{ key: string; fileKind: string }>((d) => `${d.fileKind}, not a regular file: not read`),
  /** `summary` is the sampler's RootSampleSummary; `warnings` its warnings */
  SOURCE_NO_LOGS: user<
    | { problem: "none-sampled"; spec: string; summary: { layout: string; strata: number; days: readonly string[]; skipped: Partial<Record<string, number>> }; warnings: string[] }
    | { problem: "no-events"; files: number; skipped: number }
  >((d) => {
    if (d.problem === "no-events") {
      return `no CloudTrail events in the logs given (${d.files} log file(s) read${d.skipped > 0 ? `, ${d.skipped} skipped` : ""}): point at a folder of CloudTrail log files, such as the AWSLogs/ folder of a trail's bucket`;
    }
    const s = d.summary;
    const seen = Object.entries(s.skipped).map(([code, n]) => `${n} ${code}`);
    const hint =
      s.layout === "cloudtrail"
        ? `no CloudTrail log files in the days and accounts chosen (${s.strata} account x region folders${s.days.length > 0 ? `, days ${s.days[0]}..${s.days[s.days.length - 1]}` : ", no day folders in range"})`
        : "no files";
    const skippedText = seen.length > 0 ? `; skipped: ${seen.join(", ")}` : "";
    const warningText = d.warnings.length > 0 ? `; ${d.warnings.join("; ")}` : "";
    return `no logs at ${d.spec}: ${hint}${skippedText}${warningText}. Point at the bucket or folder that holds AWSLogs/, or widen --days/--from/--to`;
  }),
  SOURCE_BUCKET_NOT_FOUND: user<{ bucket: string; root: string }>((d) => `bucket ${d.bucket} does not exist (or is not visible to these credentials): check the name in ${d.root}`),
  SOURCE_ACCESS_DENIED: user<
    | { problem: "s3-permission"; bucket: string; prefix: string; permission: string; url: string; resource: string }
    | { problem: "local-permission"; dir: string; path: string }
  >((d) =>
    d.problem === "s3-permission"
      ? `access denied to ${d.url}: the credentials need ${d.permission} on ${d.resource}`
      : `access denied to ${d.path}: permission denied: cannot list ${d.path} (check the folder's permissions)`,
  ),
  /** S3's (`aws`: thrown with the AWS error's fault; `retries`: the body kept breaking, the service's) or the file system's (`local`) */
  SOURCE_READ_FAILED: user<
    | { problem: "aws"; url: string; prefix: string; status?: number; name: string; awsMessage: string }
    | { problem: "gone"; url: string; key: string }
    | { problem: "retries"; url: string; key: string; reason: string; attempts: number }
    | { problem: "local"; path: string; key: string; reason: string }
  >((d) => {
    switch (d.problem) {
      case "aws":
        return `cannot get ${d.url}: ${d.name ? d.name + ": " : ""}${d.awsMessage}`;
      case "gone":
        return `${d.url} no longer exists (deleted after it was listed?)`;
      case "retries":
        return `cannot read ${d.url}: ${d.reason} (after ${d.attempts} attempts)`;
      case "local":
        return `cannot read ${d.path}: ${d.reason}`;
    }
  }),
  SOURCE_LIST_FAILED: user<{ problem: "aws"; url: string; prefix: string; status?: number; name: string; awsMessage: string } | { problem: "local"; path: string; dir: string; reason: string }>((d) =>
    d.problem === "aws" ? `cannot list ${d.url}: ${d.name ? d.name + ": " : ""}${d.awsMessage}` : `cannot list ${d.path}: ${d.reason}`,
  ),
  USAGE_BAD_OPTION: user<
    | { problem: "not-whole"; option: "days" | "max-files" | "per-stratum"; value: number }
    | { problem: "not-bytes"; option: "max-bytes"; value: number }
    | { problem: "too-many-days"; option: "days"; value: number; maxDays: number }
  >((d) => {
    switch (d.problem) {
      case "not-whole":
        return `--${d.option} must be a whole number of at least 1 (got ${d.value})`;
      case "not-bytes":
        return `--${d.option} must be a positive number of bytes (got ${d.value})`;
      case "too-many-days":
        return `--${d.option} must be at most ${d.maxDays} (100 years; got ${d.value})`;
    }
  }),

  // src/local: the work folder and a local run
  /** `reason`: what inspectWorkFolder found that makes the folder not trailhive's */
  USAGE_WORK_NOT_OURS: user<{ workDir: string; reason: string }>(
    (d) => `the work folder ${d.workDir} ${d.reason}: trailhive empties only a folder it made, so it leaves this one alone; give --work an empty or new folder, or remove ${d.workDir} yourself`,
  ),
  /** `pathProblem`: workPathProblem's account of the path */
  USAGE_WORK_PATH: user<{ workDir: string; pathProblem: string }>((d) => `the work folder ${d.workDir} cannot hold Hive's files: ${d.pathProblem}; give --work (or --cache-dir) a folder whose path has no ':'`),
  /** `errorLine`: Hive's own line */
  HIVE_TABLE_FAILED: bug<{ table: string; statement: string; errorLine: string }>(
    (d) => `Hive could not create the table ${d.table} over the staged logs: ${d.errorLine} (statement: ${d.statement.slice(0, 200)}); try again with --fresh, and report it if it persists`,
  ),
  // --- end engine ---

  // --- internal ---
  INTERNAL_UNHANDLED_KIND: bug<{ what: string; value: string }>((d) => `unhandled ${d.what}: ${d.value}`),
  // --- end internal ---
} as const satisfies Record<string, KindSpec<never>>;

export type ErrorKind = keyof typeof ERROR_KINDS;
/** The details a kind's message is made from (and `--json` prints). */
export type DetailsOf<K extends ErrorKind> = Parameters<(typeof ERROR_KINDS)[K]["message"]>[0];

void plural;
void service;
