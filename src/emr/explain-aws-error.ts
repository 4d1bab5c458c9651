import { awsFault } from "../aws/aws-fault.js";
import { TrailhiveError } from "../errors.js";

/**
 * Turns an AWS SDK error into a TrailhiveError that says which call failed and what to do, keeping
 * the service's own error name and message (`InvalidRequestException: Cluster id 'j-X' is not
 * valid.`). Anything else is returned unchanged.
 *
 * @example
 *   try { await emr.send(cmd) } catch (e) { throw explainAwsError(e, "EMR DescribeStep") }
 */
export function explainAwsError(error: unknown, what: string): unknown {
  if (error instanceof TrailhiveError || !(error instanceof Error)) return error;
  const e = error as Error & { $metadata?: { httpStatusCode?: number }; $fault?: string; code?: string };
  if (e.name === "CredentialsProviderError") {
    return new TrailhiveError("EMR_NO_CREDENTIALS", { what, awsMessage: e.message }, { cause: error });
  }
  const fault = awsFault(error);
  if (fault !== undefined) {
    const status = e.$metadata?.httpStatusCode;
    return new TrailhiveError("EMR_REQUEST_FAILED", { what, name: e.name, awsMessage: e.message, status, fault: e.$fault }, { cause: error, fault });
  }
  return error;
}
