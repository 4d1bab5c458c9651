import { ERROR_KINDS, type DetailsOf, type ErrorKind, type Fault } from "./error-kinds.js";

export type { ErrorKind, DetailsOf, Fault } from "./error-kinds.js";

/**
 * One error base for the whole tool: a kind from the one table of kinds (src/error-kinds.ts) that
 * decides its code, its message and whose fault it is, with the details the message is made from
 * (JSON-able, for `--json`). Expected problems in data (a bad file, a type conflict) are returned as
 * values, not thrown; this is for what stops a run.
 *
 * @example
 *   throw new TrailhiveError("USAGE_BAD_KEY_VALUE", { flag: "--param", entry: "group_id", form: "NAME=VALUE" });
 */
export type ErrorStage = "USAGE" | "CONFIG" | "SOURCE" | "READ" | "SCHEMA" | "RENDER" | "EMR" | "LOCAL" | "HIVE" | "INTERNAL";
/** @deprecated a code outside the table of kinds; every throw is moving to an ErrorKind */
export type ErrorCode = `${ErrorStage}_${string}`;

/** Codes that always mean the environment failed: the Hive JVM exiting or crashing under a run. */
const SERVICE_CODES: ReadonlySet<string> = new Set(["LOCAL_ENGINE_FAILED"]);

interface ErrorOptions {
  /** whose fault, when it depends on the case (an AWS error: 4xx the user's, 5xx the service's) */
  fault?: Fault;
  /** @deprecated with a kind, the table says whose fault it is */
  userError?: boolean;
  cause?: unknown;
}

/** `kind, details[, options]`: the details are the ones that kind's message takes (a union of tuples, so a constructor can check them). */
type KindArgs = { [K in ErrorKind]: [kind: K, details: DetailsOf<K>, options?: ErrorOptions] }[ErrorKind];
/** @deprecated `code, message[, details[, options]]`: a code outside the table, on its way into it */
type LegacyArgs = [code: ErrorCode, message: string, details?: Record<string, unknown>, options?: ErrorOptions];

export class TrailhiveError extends Error {
  readonly code: ErrorCode;
  readonly details: Record<string, unknown>;
  /** true when the user can fix it (bad flag, bad file, missing tool); false for trailhive's bugs and failed services. */
  readonly userError: boolean;
  readonly fault: Fault;

  constructor(...args: KindArgs | LegacyArgs) {
    const [code, messageOrDetails, detailsOrOptions, legacyOptions] = args as [ErrorCode, string | object, object | undefined, ErrorOptions | undefined];
    const legacy = typeof messageOrDetails === "string";
    const spec = legacy ? undefined : (ERROR_KINDS as Record<string, { fault: Fault; message: (d: never) => string }>)[code];
    const options = (legacy ? legacyOptions : (detailsOrOptions as ErrorOptions | undefined)) ?? {};
    const message = legacy ? messageOrDetails : (spec?.message(messageOrDetails as never) ?? code);
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = "TrailhiveError";
    this.code = code;
    this.details = (legacy ? detailsOrOptions : messageOrDetails) as Record<string, unknown> ?? {};
    this.fault =
      options.fault ??
      spec?.fault ??
      (SERVICE_CODES.has(code) ? "service" : options.userError === false || code.startsWith("INTERNAL") ? "bug" : "user");
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
