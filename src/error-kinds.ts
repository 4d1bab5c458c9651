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
