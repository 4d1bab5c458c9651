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

export class TrailhiveError extends Error {
  readonly code: ErrorCode;
  readonly details: Record<string, unknown>;
  /** true when the user can fix it (bad flag, bad file, missing tool); false for trailhive's own bugs. */
  readonly userError: boolean;

  constructor(code: ErrorCode, message: string, details: Record<string, unknown> = {}, options: { userError?: boolean; cause?: unknown } = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = "TrailhiveError";
    this.code = code;
    this.details = details;
    this.userError = options.userError ?? !code.startsWith("INTERNAL");
  }

  /** The `--json` envelope for this error. */
  toJSON(): { error: { code: string; message: string; details: Record<string, unknown> } } {
    return { error: { code: this.code, message: this.message, details: this.details } };
  }
}

/** Exit codes shared by every command (DESIGN.md). */
export const ExitCode = {
  /** done */
  ok: 0,
  /** the answer is no: drift found by `check`, a step that FAILED or was CANCELLED */
  no: 1,
  /** bad usage, config or input: unknown flag, invalid schema file, no logs found */
  usage: 2,
  /** done, but input was skipped and `--strict` was given */
  skipped: 3,
} as const;
export type ExitCode = (typeof ExitCode)[keyof typeof ExitCode];

/** Exhaustiveness check for `switch` over a union of kinds: a new kind fails to compile until handled. */
export function assertNever(value: never, what = "value"): never {
  throw new TrailhiveError("INTERNAL_UNHANDLED_KIND", `unhandled ${what}: ${JSON.stringify(value)}`, {}, { userError: false });
}
