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
  USAGE_BAD_KEY_VALUE: user<{ flag: string; entry: string; form: string } | { flag: string; key: string; twice: true }>((d) =>
    "twice" in d ? `${d.flag} ${d.key} is given twice: give each name once` : `${d.flag} ${d.entry}: write it as ${d.form}`,
  ),
  USAGE_BAD_S3_URI: user<{ uri: string; what: string }>((d) => `${d.what} must be an s3://bucket or s3://bucket/prefix URI, not ${JSON.stringify(d.uri)}`),
  /** a flag's value out of its range; `problem` says what the flag takes */
  USAGE_BAD_OPTION: user<{ option: string; problem: string }>((d) => `--${d.option} ${d.problem}`),
  // --- end values ---

  // --- config, schema files, flavors, hive, records, partitions, investigation, aws ---
  CONFIG_NOT_JSON: user<{ path: string; reason: string }>((d) => `${d.path} is not valid JSON (${d.reason})`),
  CONFIG_INVALID: user<{ path: string; problems: string[] }>((d) => `${d.path} is not a valid trailhive config: ${d.problems.join("; ")}`),
  CONFIG_NOT_FOUND: user<{ path: string; reason: string }>((d) => `cannot read ${d.path} (${d.reason}): create it or pass the settings as flags`),
  USAGE_MISSING_OPTION: user<{ missing: string[] }>(
    (d) => `say ${d.missing.map((m) => `--${m}`).join(" and ")} (or set ${d.missing.map((m) => `"${m}"`).join(" and ")} in trailhive.config.json)`,
  ),
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
  // --- end config ---

  // --- cli, queries, render, views ---
  // cli (src/cli): commands, flags and arguments
  USAGE_INVALID: user<{ problem: "unknown-command"; command: string } | { problem: "yargs"; yargsMessage: string }>((d) =>
    d.problem === "unknown-command"
      ? `unknown command ${JSON.stringify(d.command)}: trailhive --help lists the commands`
      : `${d.yargsMessage} (trailhive --help lists commands and options)`,
  ),
  USAGE_CONFLICT: user<{ conflict: "cluster-and-new-cluster" } | { conflict: "local-on-emr" }>((d) =>
    d.conflict === "cluster-and-new-cluster"
      ? "give either --cluster ID or --new-cluster, not both"
      : "--local runs on this machine; drop it to run on EMR with --cluster or --new-cluster",
  ),
  USAGE_NO_QUERY: user<{ command: "run" } | { command: "query"; action: string }>((d) =>
    d.command === "run"
      ? "say what to run: --query NAME (see trailhive query list) or -f script.hql"
      : `trailhive query ${d.action} needs a query name: trailhive query list shows them`,
  ),
  USAGE_NO_LOGS: user<NoDetails>(() => "say which logs to read: trailhive run --query NAME <folder of CloudTrail logs>"),
  USAGE_SCHEMA_AND_LOGS: user<NoDetails>(() => "give either --schema FILE or log paths, not both"),
  USAGE_NAME_WITH_MANY: user<NoDetails>(() => "--name names one view: give one event with it, or leave --name out"),
  USAGE_BAD_OVERRIDE: user<{ spec: string }>((d) => `--override ${d.spec}: write PATH=json, PATH=map or PATH=object, with PATH as the summary prints it (starting with $)`),
  USAGE_BAD_KEEP_ENGINE: user<{ keepEngine: number }>((d) => `--keep-engine ${d.keepEngine}: give the idle minutes as a number, 0 or more`),
  USAGE_SCRIPT_NOT_FOUND: user<{ file: string; path: string; reason: string }>((d) => `cannot read the script ${d.file}: ${d.reason}`),
  USAGE_NO_FILE: user<{ file: string; reason: string }>((d) => `cannot read -f ${d.file}: ${d.reason}`),
  USAGE_OUTPUT: user<{ output: string; path: string; code: string; reason: string }>((d) => {
    const why =
      d.code === "EISDIR" ? "it is a folder" : d.code === "ENOENT" ? "its folder does not exist" : d.code === "EACCES" || d.code === "EPERM" ? "permission denied" : d.reason;
    return `cannot write ${d.output}: ${why}; give -o a file in a folder that exists`;
  }),
  USAGE_NOT_GENERATED: user<{ files: string[]; shown: string[]; config: string }>((d) => `${d.shown.join(", ")}: not a file ${d.config} has trailhive generate`),
  USAGE_FIREHOSE_FILTER: user<{ flag: string; source: string }>(
    (d) => `--${d.flag} does not apply to a Firehose layout (${d.source}): its folders hold only the hour, so account and region are columns of the data; filter in the query instead`,
  ),
  USAGE_ENGINE_ACTION: user<{ action: string }>((d) => `unknown action ${d.action}: use status or stop`),
  USAGE_WORK_NOT_OURS: user<{ workDir: string; reason: string }>(
    (d) => `--work ${d.workDir} is not a trailhive work folder (it ${d.reason}), so no engine of trailhive's serves it: trailhive leaves it alone; name a work folder that run used`,
  ),
  USAGE_NO_STAGING: user<NoDetails>(() => "running on EMR needs --staging s3://bucket/prefix for the script and the answer"),
  USAGE_NO_LOCATION: user<NoDetails>(() => "on EMR the table reads the logs from S3: give --location s3://bucket/prefix (the folder holding AWSLogs/)"),
  USAGE_BAD_RUN_ID: user<{ runId: string }>((d) => `--run-id ${JSON.stringify(d.runId)} may hold only letters, digits, '.', '_' and '-'`),
  USAGE_BAD_SECONDS: user<{ value: number | number[] }>((d) => `a time in seconds must be a number from 0, not ${JSON.stringify(d.value)}`),
  USAGE_BAD_COUNT: user<{ count: number }>((d) => `--instance-count must be a whole number from 1, not ${d.count}`),
  SOURCE_NO_LOGS: user<
    | { scope: "sample"; location: string; files: number }
    | { scope: "files"; sources: string[]; files: number; skipped: readonly { path: string; reason: string; message: string }[] }
    | { scope: "paths"; sources: string[] }
  >((d) => {
    switch (d.scope) {
      case "sample":
        return `no CloudTrail log files among the ${d.files} files sampled from ${d.location}: point at the folder holding AWSLogs/, or give --schema`;
      case "files": {
        const skipped = d.skipped.length > 0 ? ` (${d.skipped.slice(0, 3).map((k) => k.message).join("; ")})` : "";
        return `no CloudTrail log files among the ${d.files} files in ${d.sources.join(", ")}: point at a folder holding AWSLogs/ or at log files${skipped}`;
      }
      case "paths":
        return `no CloudTrail log files in ${d.sources.join(", ")}: point at a folder holding AWSLogs/ or at log files`;
    }
  }),
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
  USAGE_BAD_PARAM: user<{ problem: "from-after-to"; query: string; from: string; to: string } | { problem: "not-a-region"; query: string; param: string; value: string }>((d) =>
    d.problem === "from-after-to"
      ? `${d.query}: --param from ${d.from} is after --param to ${d.to}: give the earlier day first`
      : `${d.query}: ${d.param}=${JSON.stringify(d.value)} is not an AWS region name such as eu-west-1`,
  ),
  RENDER_QUERY_FAILED: user<{ path: string; reason: string }>((d) => `${d.path}: ${d.reason}`),
  INTERNAL_PARAM_TYPE: bug<{ type: string }>((d) => `unhandled parameter type ${d.type}`),

  // render (src/render): the DDL templates and a table's options
  USAGE_TEMPLATES_NOT_FOUND: user<{ dir: string }>((d) => `--templates ${d.dir} does not exist: give a folder holding <flavor>.hql.hbs and/or partials/*.hbs`),
  RENDER_TEMPLATE_NOT_FOUND: user<{ template: string; candidates: string[]; dirs: string[] }>((d) => `none of the templates ${d.candidates.join(", ")} is in ${d.dirs.join(" or ")}`),
  RENDER_TEMPLATE_INVALID: user<{ path: string; reason: string }>((d) => `${d.path}: ${d.reason}`),
  RENDER_TEMPLATE_FAILED: user<{ template: string; reason: string }>((d) => `rendering ${d.template} failed: ${d.reason}`),
  RENDER_BAD_STATEMENT_KIND: user<{ template: string; kind: string; allowed: string[] }>((d) => `${d.template} emitted a statement of kind ${JSON.stringify(d.kind)}: use one of ${d.allowed.join(", ")}`),
  USAGE_BAD_LOCATION: user<{ location: string }>((d) => `location ${JSON.stringify(d.location)} must be a non-empty URI without control characters (for example s3://bucket/AWSLogs/)`),
  USAGE_BAD_TBLPROPERTY: user<{ key: string }>((d) => `table property name ${JSON.stringify(d.key)} must be non-empty and hold no control characters`),
  USAGE_BAD_TYPE_LIMIT: user<{ typeLimit: number }>((d) => `type limit ${d.typeLimit} must be a whole number of at least 64 characters (4000, or 131072 for Glue)`),

  // views (src/views): a view's event and --explode, and the header lines of a view file
  USAGE_BAD_EVENT: user<{ spec: string }>((d) => `${JSON.stringify(d.spec)} must be SERVICE:EventName, e.g. ec2:AuthorizeSecurityGroupIngress`),
  USAGE_UNKNOWN_EVENT: user<{ event: string; known: string[] }>((d) => `the schema file has no ${d.event} events${d.known.length > 0 ? ` (it has ${d.known.join(", ")})` : ""}: infer from logs that hold some, or check the spelling`),
  USAGE_BAD_EXPLODE: user<{ spec: string } & ({ problem: "no-field"; field: string; part: string } | { problem: "not-an-array"; found: string })>((d) =>
    d.problem === "no-field"
      ? `--explode ${d.spec}: ${d.field} has no field ${d.part} for this event in the schema file`
      : `--explode ${d.spec}: that is a ${d.found} value, not an array`,
  ),
  USAGE_BAD_VIEW_ARGUMENT: user<{ value: string }>((d) => `${JSON.stringify(d.value)} cannot be recorded in a view file: use letters, digits, _ . : and - only`),
  CONFIG_BAD_VIEW_HEADER: user<
    { path: string; line: string } & (
      | { problem: "no-event" }
      | { problem: "no-value"; flag: string }
      | { problem: "not-a-whole-number"; flag: string }
      | { problem: "unknown-option"; flag: string }
      | { problem: "no-table" }
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
