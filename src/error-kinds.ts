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
