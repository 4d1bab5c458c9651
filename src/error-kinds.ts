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

/** What checkDay and checkDayRange found, thrown under the code the caller's --json users know. */
export type DayProblem = { problem: "not-a-day"; option: string; value: string } | { problem: "reversed"; fromName: string; from: string; toName: string; to: string };
const dayMessage = (d: DayProblem) =>
  d.problem === "not-a-day"
    ? `${d.option} ${JSON.stringify(d.value)} is not a calendar day written YYYY-MM-DD, e.g. 2026-11-16`
    : `${d.fromName} ${d.from} is after ${d.toName} ${d.to}: give the earlier day first`;

export const ERROR_KINDS = {
  // --- values: the one parser of each CLI value kind (src/values) ---
  USAGE_BAD_KEY_VALUE: user<{ flag: string; entry: string; form: string } | { flag: string; key: string; twice: true }>((d) =>
    "twice" in d ? `${d.flag} ${d.key} is given twice: give each name once` : `${d.flag} ${d.entry}: write it as ${d.form}`,
  ),
  USAGE_BAD_DATE: user<DayProblem>(dayMessage),
  USAGE_BAD_S3_URI: user<{ uri: string; what: string }>((d) => `${d.what} must be an s3://bucket or s3://bucket/prefix URI, not ${JSON.stringify(d.uri)}`),
  // --- end values ---

  // --- config, schema files, flavors, hive, records, partitions, investigation, aws ---
  CONFIG_NOT_JSON: user<{ path: string; reason: string }>((d) => `${d.path} is not valid JSON (${d.reason})`),
  CONFIG_INVALID: user<{ path: string; problems: string[] }>((d) => `${d.path} is not a valid trailhive config: ${d.problems.join("; ")}`),
  CONFIG_NOT_FOUND: user<{ path: string; reason: string }>((d) => `cannot read ${d.path} (${d.reason}): create it or pass the settings as flags`),
  USAGE_MISSING_OPTION: user<{ missing: string[] }>((d) => `say ${d.missing.map((m) => `--${m}`).join(" and ")} (or set ${d.missing.map((m) => `"${m}"`).join(" and ")} in trailhive.config.json)`),
  USAGE_NO_SCHEMA: user<{ path: string; shown: string; hint: string; reason: string }>((d) => `cannot read the schema file ${d.shown}: ${d.hint} (${d.reason})`),
  SCHEMA_NOT_JSON: user<{ path: string; reason: string }>((d) => `${d.path} is not valid JSON (${d.reason}): fix it or regenerate it with trailhive infer`),
  SCHEMA_VERSION: user<{ path: string; version: unknown }>((d) => `${d.path} has schema version ${String(d.version)}, newer than this trailhive reads (1): upgrade trailhive`),
  SCHEMA_INVALID: user<{ path: string; problem: string }>((d) => `${d.path} is not a valid trailhive schema file: ${d.problem}. Fix that entry or regenerate the file with trailhive infer`),
  INTERNAL_SCHEMA_INVALID: bug<{ problem: string }>((d) => `trailhive built a schema that breaks its own JSON Schema (please report it): ${d.problem}`),
  RENDER_BAD_IDENTIFIER: user<
    | { what: string; name: string; problem: "too-long"; limit: number }
    | { what: string; name: string; problem: "unusable"; suggestion: string }
    | { what: string; name: string; problem: "not-qualified" }
  >((d) => {
    switch (d.problem) {
      case "too-long":
        return `${d.what} ${JSON.stringify(d.name.slice(0, 40) + "…")} is ${d.name.length} characters long: trailhive writes names of at most ${d.limit}`;
      case "unusable":
        return `${d.what} ${JSON.stringify(d.name)} is not a usable Hive name: use only letters, digits and _ (for example ${JSON.stringify(d.suggestion)})`;
      case "not-qualified":
        return `${d.what} ${JSON.stringify(d.name)} must be NAME or DATABASE.NAME`;
    }
  }),
  SOURCE_NO_CLOUDTRAIL: user<{ root: string }>((d) => `no AWSLogs/ folder under ${d.root}: point at the bucket or prefix that holds AWSLogs/`),
  USAGE_EMPTY_SCRIPT: user<{ path: string }>((d) => `${d.path} holds no statements`),
  USAGE_UNKNOWN_FLAVOR: user<{ name: string; known: string[] }>((d) => `unknown flavor ${JSON.stringify(d.name)}: use one of ${d.known.join(", ")}`),
  SOURCE_BUCKET_NOT_FOUND: user<{ bucket: string; root: string }>((d) => `bucket ${d.bucket} does not exist (or is not visible to these credentials): check the name in ${d.root}`),
  USAGE_NO_RULES: user<{ spec: string }>((d) => `--rules ${d.spec} does not exist: give folders or files of Sigma rules (a checkout of SigmaHQ/sigma's rules/cloud/aws/cloudtrail, or your own)`),
  USAGE_BAD_LEVEL: user<{ flag: string; value: string; levels: string[] }>((d) => `${d.flag} ${JSON.stringify(d.value)} is not a Sigma level: use one of ${d.levels.join(", ")}`),
  // --- end config ---

  // --- cli, queries, render, views ---
  // cli (src/cli): commands, flags and arguments
  USAGE_INVALID: user<{ problem: "unknown-command"; command: string } | { problem: "yargs"; yargsMessage: string }>((d) =>
    d.problem === "unknown-command" ? `unknown command ${JSON.stringify(d.command)}: trailhive --help lists the commands` : `${d.yargsMessage} (trailhive --help lists commands and options)`,
  ),
  USAGE_CONFLICT: user<{ conflict: "cluster-and-new-cluster" } | { conflict: "local-on-emr" } | { conflict: "report-detach" }>((d) =>
    d.conflict === "cluster-and-new-cluster"
      ? "give either --cluster ID or --new-cluster, not both"
      : d.conflict === "report-detach"
        ? "--report needs the rows, and --detach leaves before they exist: drop --detach, or run trailhive status later without --report"
        : "--local runs on this machine; drop it to run on EMR with --cluster or --new-cluster",
  ),
  USAGE_NO_QUERY: user<{ command: "run" } | { command: "query"; action: string }>((d) =>
    d.command === "run" ? "say what to run: --query NAME (see trailhive query list) or -f script.hql" : `trailhive query ${d.action} needs a query name: trailhive query list shows them`,
  ),
  USAGE_NO_LOGS: user<NoDetails>(() => "say which logs to read: trailhive run --query NAME <folder of CloudTrail logs>"),
  USAGE_SCHEMA_AND_LOGS: user<NoDetails>(() => "give either --schema FILE or log paths, not both"),
  USAGE_NAME_WITH_MANY: user<NoDetails>(() => "--name names one view: give one event with it, or leave --name out"),
  USAGE_BAD_OVERRIDE: user<{ spec: string }>((d) => `--override ${d.spec}: write PATH=json, PATH=map or PATH=object, with PATH as the summary prints it (starting with $)`),
  USAGE_BAD_KEEP_ENGINE: user<{ keepEngine: number }>((d) => `--keep-engine ${d.keepEngine}: give the idle minutes as a number, 0 or more`),
  USAGE_SCRIPT_NOT_FOUND: user<{ file: string; path: string; reason: string }>((d) => `cannot read the script ${d.file}: ${d.reason}`),
  USAGE_NO_FILE: user<{ file: string; reason: string }>((d) => `cannot read -f ${d.file}: ${d.reason}`),
  USAGE_OUTPUT: user<{ output: string; path: string; code: string; reason: string; flag?: string }>((d) => {
    const why = d.code === "EISDIR" ? "it is a folder" : d.code === "ENOENT" ? "its folder does not exist" : d.code === "EACCES" || d.code === "EPERM" ? "permission denied" : d.reason;
    return `cannot write ${d.output}: ${why}; give ${d.flag ?? "-o"} a file in a folder that exists`;
  }),
  USAGE_NOT_GENERATED: user<{ files: string[]; shown: string[]; config: string }>((d) => `${d.shown.join(", ")}: not a file ${d.config} has trailhive generate`),
  USAGE_FIREHOSE_FILTER: user<{ flag: string; source: string }>(
    (d) => `--${d.flag} does not apply to a Firehose layout (${d.source}): its folders hold only the hour, so account and region are columns of the data; filter in the query instead`,
  ),
  USAGE_ENGINE_ACTION: user<{ action: string }>((d) => `unknown action ${d.action}: use status or stop`),
  USAGE_NO_STAGING: user<NoDetails>(() => "running on EMR needs --staging s3://bucket/prefix for the script and the answer"),
  USAGE_BAD_RUN_ID: user<{ runId: string }>((d) => `--run-id ${JSON.stringify(d.runId)} may hold only letters, digits, '.', '_' and '-'`),
  USAGE_BAD_SECONDS: user<{ value: number | number[] }>((d) => `a time in seconds must be a number from 0, not ${JSON.stringify(d.value)}`),
  USAGE_BAD_COUNT: user<{ count: number }>((d) => `--instance-count must be a whole number from 1, not ${d.count}`),
  EMR_NO_STEP: user<{ cluster: string; step: string }>((d) => `EMR returned no step ${d.step} on ${d.cluster}`),
  EMR_NO_LOG: user<{ log: string; logFolder?: string }>((d) => `no ${d.log}.gz in ${d.logFolder ?? "the cluster's LogUri (it has none)"} yet`),
  INTERNAL_ENGINE: bug<NoDetails>(() => "the EMR run got a local outcome"),
  INTERNAL_EVENT: bug<{ event: string }>((d) => `unhandled event ${d.event}`),

  // queries (src/queries): the library of query templates and a query's parameters
  CONFIG_NO_QUERIES: user<{ dir: string; reason: string }>((d) => `cannot read the query folder ${d.dir}: ${d.reason}`),
  CONFIG_BAD_QUERY_TEMPLATE: user<
    { path: string } & (
      | { problem: "no-metadata" }
      | { problem: "metadata-not-json"; reason: string }
      | { problem: "metadata-invalid"; at: string; reason: string; errors: readonly object[] }
      | { problem: "param-twice"; param: string }
      | { problem: "param-default-or-required"; param: string }
      | { problem: "columns-twice" }
      | { problem: "comment"; line: number }
      | { problem: "ends-with-semicolon" }
    )
  >((d) => {
    switch (d.problem) {
      case "no-metadata":
        return `${d.path}: must start with a {{!-- ... --}} block holding the query's JSON metadata`;
      case "metadata-not-json":
        return `${d.path}: the metadata block is not JSON: ${d.reason}`;
      case "metadata-invalid":
        return `${d.path}: metadata ${d.at} ${d.reason}`;
      case "param-twice":
        return `${d.path}: parameter ${d.param} is declared twice`;
      case "param-default-or-required":
        return `${d.path}: parameter ${d.param} needs either a default or "required": true`;
      case "columns-twice":
        return `${d.path}: columns are listed twice`;
      case "comment":
        return `${d.path}: line ${d.line} of the query: comments must start at column 0 and hold no quote or semicolon`;
      case "ends-with-semicolon":
        return `${d.path}: the query must not end with ; (scripts add it)`;
    }
  }),
  USAGE_UNKNOWN_QUERY: user<{ name: string; known: string[] }>((d) => `there is no query named ${JSON.stringify(d.name)}: choose one of ${d.known.join(", ")} (trailhive query list)`),
  USAGE_UNKNOWN_PARAM: user<{ query: string; param: string; known: string[] }>((d) => `${d.query} has no parameter ${JSON.stringify(d.param)}: its parameters are ${d.known.join(", ") || "none"}`),
  USAGE_MISSING_PARAM: user<{ query: string; param: string; description: string }>((d) => `${d.query} needs --param ${d.param}=...: ${d.description}`),
  USAGE_BAD_PARAM: user<{ problem: "from-after-to"; query: string; from: string; to: string } | { problem: "not-a-region"; query: string; param: string; value: string } | DayProblem>((d) =>
    d.problem === "from-after-to"
      ? `${d.query}: --param from ${d.from} is after --param to ${d.to}: give the earlier day first`
      : d.problem === "not-a-region"
        ? `${d.query}: ${d.param}=${JSON.stringify(d.value)} is not an AWS region name such as eu-west-1`
        : dayMessage(d),
  ),
  RENDER_QUERY_FAILED: user<{ path: string; reason: string }>((d) => `${d.path}: ${d.reason}`),
  INTERNAL_PARAM_TYPE: bug<{ type: string }>((d) => `unhandled parameter type ${d.type}`),

  // render (src/render): the DDL templates and a table's options
  USAGE_TEMPLATES_NOT_FOUND: user<{ dir: string }>((d) => `--templates ${d.dir} does not exist: give a folder holding <flavor>.hql.hbs and/or partials/*.hbs`),
  RENDER_TEMPLATE_NOT_FOUND: user<{ template: string; candidates: string[]; dirs: string[] }>((d) => `none of the templates ${d.candidates.join(", ")} is in ${d.dirs.join(" or ")}`),
  RENDER_TEMPLATE_INVALID: user<{ path: string; reason: string }>((d) => `${d.path}: ${d.reason}`),
  RENDER_TEMPLATE_FAILED: user<{ template: string; reason: string }>((d) => `rendering ${d.template} failed: ${d.reason}`),
  RENDER_BAD_STATEMENT_KIND: user<{ template: string; kind: string; allowed: string[] }>(
    (d) => `${d.template} emitted a statement of kind ${JSON.stringify(d.kind)}: use one of ${d.allowed.join(", ")}`,
  ),
  USAGE_BAD_LOCATION: user<{ location: string }>((d) => `location ${JSON.stringify(d.location)} must be a non-empty URI without control characters (for example s3://bucket/AWSLogs/)`),
  USAGE_BAD_TBLPROPERTY: user<{ key: string }>((d) => `table property name ${JSON.stringify(d.key)} must be non-empty and hold no control characters`),
  USAGE_BAD_TYPE_LIMIT: user<{ typeLimit: number }>((d) => `type limit ${d.typeLimit} must be a whole number of at least 64 characters (4000, or 131072 for Glue)`),

  // views (src/views): a view's event and --explode, and the header lines of a view file
  USAGE_BAD_EVENT: user<{ spec: string }>((d) => `${JSON.stringify(d.spec)} must be SERVICE:EventName, e.g. ec2:AuthorizeSecurityGroupIngress`),
  USAGE_UNKNOWN_EVENT: user<{ event: string; known: string[] }>(
    (d) => `the schema file has no ${d.event} events${d.known.length > 0 ? ` (it has ${d.known.join(", ")})` : ""}: infer from logs that hold some, or check the spelling`,
  ),
  USAGE_BAD_EXPLODE: user<{ spec: string } & ({ problem: "no-field"; field: string; part: string } | { problem: "not-an-array"; found: string })>((d) =>
    d.problem === "no-field" ? `--explode ${d.spec}: ${d.field} has no field ${d.part} for this event in the schema file` : `--explode ${d.spec}: that is a ${d.found} value, not an array`,
  ),
  USAGE_BAD_VIEW_ARGUMENT: user<{ value: string }>((d) => `${JSON.stringify(d.value)} cannot be recorded in a view file: use letters, digits, _ . : and - only`),
  CONFIG_BAD_VIEW_HEADER: user<
    { path: string; line: string } & (
      { problem: "no-event" } | { problem: "no-value"; flag: string } | { problem: "not-a-whole-number"; flag: string } | { problem: "unknown-option"; flag: string } | { problem: "no-table" }
    )
  >((d) => {
    const header = `${d.path}: the header ${JSON.stringify(d.line)}`;
    switch (d.problem) {
      case "no-event":
        return `${header} names no event`;
      case "no-value":
        return `${header} gives ${d.flag} no value`;
      case "not-a-whole-number":
        return `${header} gives ${d.flag} a value that is not a whole number`;
      case "unknown-option":
        return `${header} has an unknown option ${d.flag}`;
      case "no-table":
        return `${header} names no --table`;
    }
  }),
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
    d.problem === "unreachable" ? `cannot download ${d.url} (${d.reason}); the first local run needs Maven Central over HTTPS, later runs work offline` : `cannot download ${d.url}: HTTP ${d.status}`,
  ),
  LOCAL_JAR_CHECKSUM: user<{ url: string; expected: string; actual: string }>(
    (d) => `${d.url} has sha1 ${d.actual}, but the jar list pins ${d.expected}; nothing was kept. A proxy may have altered it: try again, or report it`,
  ),
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
  USAGE_NO_LOCATION: user<NoDetails>(() => "on EMR the table reads the logs from S3: give the s3:// folder holding AWSLogs/ as the logs argument or --location s3://bucket/prefix"),
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
  SOURCE_NOT_FOUND: user<{ problem: "no-day-folders"; location: string; from: string; to: string } | { problem: "no-log-path"; spec: string } | { problem: "no-logs-folder"; spec: string }>((d) => {
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
    | { problem: "sample"; location: string; files: number }
    | { problem: "files"; sources: string[]; files: number; skipped: readonly { path: string; reason: string; message: string }[] }
    | { problem: "paths"; sources: string[] }
  >((d) => {
    if (d.problem === "sample") return `no CloudTrail log files among the ${d.files} files sampled from ${d.location}: point at the folder holding AWSLogs/, or give --schema`;
    if (d.problem === "files") {
      const skipped =
        d.skipped.length > 0
          ? ` (${d.skipped
              .slice(0, 3)
              .map((k) => k.message)
              .join("; ")})`
          : "";
      return `no CloudTrail log files among the ${d.files} files in ${d.sources.join(", ")}: point at a folder holding AWSLogs/ or at log files${skipped}`;
    }
    if (d.problem === "paths") return `no CloudTrail log files in ${d.sources.join(", ")}: point at a folder holding AWSLogs/ or at log files`;
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
  SOURCE_ACCESS_DENIED: user<
    { problem: "s3-permission"; bucket: string; prefix: string; permission: string; url: string; resource: string } | { problem: "local-permission"; dir: string; path: string }
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
    | { problem: "file-size"; option: "max-file-size"; value: number; maxMiB: number }
    | DayProblem
  >((d) => {
    switch (d.problem) {
      case "not-a-day":
      case "reversed":
        return dayMessage(d);
      case "file-size":
        return `--${d.option} ${d.value}: give MiB of inflated JSON per file, more than 0 and at most ${d.maxMiB} (the longest string V8 can hold)`;
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
  /** `for`: the run that would stage into it, or `engine` asking after its kept engine */
  USAGE_WORK_NOT_OURS: user<{ workDir: string; reason: string; for?: "engine" }>((d) =>
    d.for === "engine"
      ? `--work ${d.workDir} is not a trailhive work folder (it ${d.reason}), so no engine of trailhive's serves it: trailhive leaves it alone; name a work folder that run used`
      : `the work folder ${d.workDir} ${d.reason}: trailhive empties only a folder it made, so it leaves this one alone; give --work an empty or new folder, or remove ${d.workDir} yourself`,
  ),
  /** `pathProblem`: workPathProblem's account of the path */
  USAGE_WORK_PATH: user<{ workDir: string; pathProblem: string }>(
    (d) => `the work folder ${d.workDir} cannot hold Hive's files: ${d.pathProblem}; give --work (or --cache-dir) a folder whose path has no ':'`,
  ),
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
