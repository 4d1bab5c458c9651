/**
 * One error base for the whole tool: a stable code by stage, a message that says what to do, JSON-able
 * details, and whether the user (input, flags, config) or trailhive is at fault. Expected problems in
 * data (a bad file, a type conflict) are returned as values, not thrown; this is for what stops a run.
 *
 * @example
 *   throw new TrailhiveError("SOURCE_NOT_FOUND", "No CloudTrail logs under ./logs: point at a folder holding AWSLogs/", { path: "./logs" });
 */
export type ErrorStage = "USAGE" | "CONFIG" | "SOURCE" | "READ" | "SCHEMA" | "RENDER" | "EMR" | "LOCAL" | "HIVE" | "INTERNAL";
export type ErrorCode = `${ErrorStage}_${string}`;

/**
 * Whose fault a failure is, which decides the exit code: `user` (input, flags, config, a missing tool:
 * exit 2), `bug` (trailhive's own: exit 70), `service` (AWS answering 5xx or throttling after the
 * retries, a network that fails, a Hive JVM that crashes: exit 69, try again).
 */
export type Fault = "user" | "bug" | "service";

/** Codes that always mean the environment failed: the Hive JVM exiting or crashing under a run. */
const SERVICE_CODES: ReadonlySet<string> = new Set(["LOCAL_ENGINE_FAILED"]);

export class TrailhiveError extends Error {
  readonly code: ErrorCode;
  readonly details: Record<string, unknown>;
  /** true when the user can fix it (bad flag, bad file, missing tool); false for trailhive's bugs and failed services. */
  readonly userError: boolean;
  readonly fault: Fault;

  constructor(
    code: ErrorCode,
    message: string,
    details: Record<string, unknown> = {},
    options: { userError?: boolean; fault?: Fault; cause?: unknown } = {},
  ) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = "TrailhiveError";
    this.code = code;
    this.details = details;
    this.fault = options.fault ?? (SERVICE_CODES.has(code) ? "service" : options.userError === false || code.startsWith("INTERNAL") ? "bug" : "user");
    this.userError = this.fault === "user";
  }

  /** The `--json` envelope for this error. */
  toJSON(): { error: { code: string; message: string; details: Record<string, unknown> } } {
    return { error: { code: this.code, message: this.message, details: this.details } };
  }
}

/** Exit codes shared by every command; 69 and 70 are sysexits.h's EX_UNAVAILABLE and EX_SOFTWARE. */
export const ExitCode = {
  /** done */
  ok: 0,
  /** the answer is no: drift found by `check`, a step that FAILED or was CANCELLED */
  no: 1,
  /** bad usage, config or input: unknown flag, invalid schema file, no logs found */
  usage: 2,
  /** done, but input was skipped and `--strict` was given */
  skipped: 3,
  /** a service or the network failed (AWS 5xx, throttling after the retries, a connection, a crashed JVM): try again */
  unavailable: 69,
  /** trailhive's own bug: an internal error, please report it */
  internal: 70,
} as const;
export type ExitCode = (typeof ExitCode)[keyof typeof ExitCode];

/** Exhaustiveness check for `switch` over a union of kinds: a new kind fails to compile until handled. */
export function assertNever(value: never, what = "value"): never {
  throw new TrailhiveError("INTERNAL_UNHANDLED_KIND", `unhandled ${what}: ${JSON.stringify(value)}`, {}, { userError: false });
}
