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
