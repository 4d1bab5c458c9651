import type { Fault } from "../errors.js";

/** Node's codes for a network that failed under a request (not a wrong address the user typed twice). */
const NETWORK_CODES = new Set(["ECONNREFUSED", "ECONNRESET", "ETIMEDOUT", "EPIPE", "ENOTFOUND", "EAI_AGAIN", "ENETUNREACH", "EHOSTUNREACH", "ECONNABORTED"]);
const NETWORK_NAMES = new Set(["TimeoutError", "RequestTimeout", "RequestTimeoutException", "NetworkingError"]);
const THROTTLING_NAMES = new Set(["ThrottlingException", "Throttling", "SlowDown", "TooManyRequestsException", "RequestLimitExceeded", "ProvisionedThroughputExceededException"]);

/**
 * Whose fault a failed AWS call or connection is: `service` when AWS answered 5xx or kept throttling
 * after the SDK's retries, or the network failed; `user` for 4xx answers (a wrong id, a missing
 * permission); undefined when the error is not an AWS or network error at all.
 *
 * @example
 *   awsFault({ name: "InternalError", $metadata: { httpStatusCode: 500 } }) // "service"
 *   awsFault({ name: "InvalidRequestException", $metadata: { httpStatusCode: 400 } }) // "user"
 */
export function awsFault(error: unknown): Fault | undefined {
  if (typeof error !== "object" || error === null) return undefined;
  const e = error as { name?: unknown; code?: unknown; $fault?: unknown; $metadata?: { httpStatusCode?: unknown }; cause?: unknown };
  const status = typeof e.$metadata?.httpStatusCode === "number" ? e.$metadata.httpStatusCode : undefined;
  const name = typeof e.name === "string" ? e.name : "";
  if (THROTTLING_NAMES.has(name) || NETWORK_NAMES.has(name)) return "service";
  if (typeof e.code === "string" && NETWORK_CODES.has(e.code)) return "service";
  if (status !== undefined) return status >= 500 || status === 429 ? "service" : "user";
  if (e.$fault === "server") return "service";
  if (e.$fault === "client" || e.$metadata !== undefined) return "user";
  return e.cause !== undefined && e.cause !== error ? awsFault(e.cause) : undefined;
}
