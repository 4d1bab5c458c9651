import { ERROR_KINDS, type DetailsOf, type ErrorKind, type Fault } from "./error-kinds.js";

export type { ErrorKind, DetailsOf, Fault, DayProblem } from "./error-kinds.js";

/**
 * One error base for the whole tool: a kind from the one table of kinds (src/error-kinds.ts) that
 * decides its code, its message and whose fault it is, with the details the message is made from
 * (JSON-able, for `--json`). Expected problems in data (a bad file, a type conflict) are returned as
 * values, not thrown; this is for what stops a run.
 *
 * @example
 *   throw new TrailhiveError("USAGE_BAD_KEY_VALUE", { flag: "--param", entry: "group_id", form: "NAME=VALUE" });
 */
/** The code an error prints: one of the kinds in src/error-kinds.ts. */
export type ErrorCode = ErrorKind;

interface ErrorOptions {
  /** whose fault, when it depends on the case (an AWS error: 4xx the user's, 5xx the service's) */
  fault?: Fault;
  cause?: unknown;
}

/** `kind, details[, options]`: the details are the ones that kind's message takes (a union of tuples, so a constructor can check them). */
type KindArgs = { [K in ErrorKind]: [kind: K, details: DetailsOf<K>, options?: ErrorOptions] }[ErrorKind];

export class TrailhiveError extends Error {
  readonly code: ErrorKind;
  readonly details: Record<string, unknown>;
  /** true when the user can fix it (bad flag, bad file, missing tool); false for trailhive's bugs and failed services. */
  readonly userError: boolean;
  readonly fault: Fault;

  constructor(...[kind, details, options = {}]: KindArgs) {
    const spec = ERROR_KINDS[kind] as { fault: Fault; message: (d: typeof details) => string };
    super(spec.message(details), options.cause === undefined ? undefined : { cause: options.cause });
    this.name = "TrailhiveError";
    this.code = kind;
    this.details = details as Record<string, unknown>;
    this.fault = options.fault ?? spec.fault;
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
  throw new TrailhiveError("INTERNAL_UNHANDLED_KIND", { what, value: JSON.stringify(value) });
}
