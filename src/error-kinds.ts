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
