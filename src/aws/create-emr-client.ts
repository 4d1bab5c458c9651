import { EMRClient, type EMRClientConfig } from "@aws-sdk/client-emr";
import { AWS_REQUEST_HANDLER, endpointFrom, regionFrom } from "./client-settings.js";

/**
 * How trailhive reaches EMR, in the same conventions as `createS3Client`: the SDK's default
 * credential chain, `--profile`, `--region`, and `--emr-endpoint-url` or `AWS_ENDPOINT_URL_EMR` /
 * `AWS_ENDPOINT_URL` for an EMR-compatible server.
 */
export interface EmrClientOptions {
  profile?: string;
  region?: string;
  /** `--emr-endpoint-url`: wins over the environment */
  endpointUrl?: string;
  /** the environment to read `AWS_ENDPOINT_URL_EMR` / `AWS_ENDPOINT_URL` / `AWS_REGION` from (the CLI passes process.env) */
  env?: Record<string, string | undefined>;
  /** attempts per request, first one included (SDK standard retry mode) */
  maxAttempts?: number;
  /** static credentials (tests against a local server); otherwise the default chain */
  credentials?: EMRClientConfig["credentials"];
}

/**
 * EMR's control-plane calls are rate-limited per account (DescribeStep and ListSteps throttle first
 * when several runs poll at once); 5 attempts with the standard strategy's backoff (from 500 ms for
 * throttling, full jitter) ride out a burst, and the poll loop itself waits between polls anyway.
 */
export const DEFAULT_EMR_MAX_ATTEMPTS = 5;

/**
 * The endpoint a user pointed EMR at, if any: `--emr-endpoint-url`, then `AWS_ENDPOINT_URL_EMR`, then
 * `AWS_ENDPOINT_URL` (the SDK's own precedence for service-specific endpoints).
 *
 * @example
 *   emrEndpointFrom({ env: { AWS_ENDPOINT_URL_EMR: "http://127.0.0.1:4566" } }); // "http://127.0.0.1:4566"
 */
export function emrEndpointFrom(options: Pick<EmrClientOptions, "endpointUrl" | "env">): string | undefined {
  return endpointFrom("EMR", options);
}

/**
 * Builds the EMR client the EMR commands take as an argument. Unlike S3, EMR has no global endpoint:
 * with no region from the flag, the environment or the profile, the SDK says the region is missing.
 *
 * @example
 *   const emr = createEmrClient({ region: "eu-west-1", env: process.env });
 */
export function createEmrClient(options: EmrClientOptions = {}): EMRClient {
  const config: EMRClientConfig = {
    retryMode: "standard",
    maxAttempts: options.maxAttempts ?? DEFAULT_EMR_MAX_ATTEMPTS,
    // An endpoint that accepts the connection and never answers must not hang a command: the socket
    // times out after a minute without a byte, and the standard retries then apply.
    requestHandler: AWS_REQUEST_HANDLER,
  };
  if (options.profile !== undefined) config.profile = options.profile;
  // Without a flag or env region, the SDK reads the profile's region itself.
  const region = regionFrom(options);
  if (region !== undefined) config.region = region;
  const endpoint = emrEndpointFrom(options);
  if (endpoint !== undefined) config.endpoint = endpoint;
  if (options.credentials !== undefined) config.credentials = options.credentials;
  return new EMRClient(config);
}
