import { S3Client, type S3ClientConfig } from "@aws-sdk/client-s3";
import { AWS_REQUEST_HANDLER, endpointFrom, regionFrom } from "./client-settings.js";

/**
 * How trailhive reaches S3, following the AWS CLI's conventions: the SDK's default credential chain
 * (env, shared files, SSO, IMDS...), `--profile`, `--region`, and `--endpoint-url` or
 * `AWS_ENDPOINT_URL_S3` / `AWS_ENDPOINT_URL` for S3-compatible servers.
 */
export interface S3ClientOptions {
  profile?: string;
  region?: string;
  /** `--endpoint-url`: wins over the environment */
  endpointUrl?: string;
  /** the environment to read `AWS_ENDPOINT_URL_S3` / `AWS_ENDPOINT_URL` / `AWS_REGION` from (the CLI passes process.env) */
  env?: Record<string, string | undefined>;
  /** attempts per request, first one included (SDK standard retry mode: exponential backoff, full jitter) */
  maxAttempts?: number;
  /** static credentials (tests against a local server); otherwise the default chain */
  credentials?: S3ClientConfig["credentials"];
  /** how long a request may go without a byte before it fails and is retried (default AWS_REQUEST_HANDLER's minute) */
  requestTimeoutMs?: number;
}

/**
 * Throttling (503 SlowDown), 500/502/503/504 and connection resets (ECONNRESET, EPIPE) are all
 * retried by the SDK's standard strategy; its default of 3 attempts gives up too soon when a bucket
 * is being throttled (0.2^3 = 1 request in 125 fails at a 20% fault rate), 8 makes that 1 in 390,000.
 * Throttling backs off from 500 ms, others from 100 ms, doubling, with full jitter, capped at 20 s.
 */
export const DEFAULT_MAX_ATTEMPTS = 8;

/** S3 answers for any region on its global endpoint; the bucket's own region is followed from there. */
const FALLBACK_REGION = "us-east-1";

/**
 * The endpoint a user pointed S3 at, if any: `--endpoint-url`, then `AWS_ENDPOINT_URL_S3`, then
 * `AWS_ENDPOINT_URL` (the SDK's own precedence for service-specific endpoints).
 *
 * @example
 *   s3EndpointFrom({ env: { AWS_ENDPOINT_URL_S3: "http://127.0.0.1:4566" } }); // "http://127.0.0.1:4566"
 */
export function s3EndpointFrom(options: Pick<S3ClientOptions, "endpointUrl" | "env">): string | undefined {
  return endpointFrom("S3", options);
}

/**
 * Builds the S3 client every S3 reader in trailhive takes as an argument.
 * - A custom endpoint gets `forcePathStyle` (local servers and most S3-compatible stores have no
 *   virtual-host DNS for buckets).
 * - `followRegionRedirects` finds a bucket's region when it differs from the client's: S3 answers
 *   301 PermanentRedirect with `x-amz-bucket-region`, and the SDK repeats the request there.
 * - No region (flag, env or profile) falls back to us-east-1 instead of failing, for the same reason.
 *
 * @example
 *   const client = createS3Client({ profile: "audit", env: process.env });
 */
export function createS3Client(options: S3ClientOptions = {}): S3Client {
  const endpoint = s3EndpointFrom(options);
  const config: S3ClientConfig = {
    followRegionRedirects: true,
    retryMode: "standard",
    maxAttempts: options.maxAttempts ?? DEFAULT_MAX_ATTEMPTS,
    // An endpoint that accepts the connection and never answers must not hang a command: the socket
    // times out after a minute without a byte, and the standard retries then apply.
    requestHandler: { ...AWS_REQUEST_HANDLER, ...(options.requestTimeoutMs !== undefined ? { requestTimeout: options.requestTimeoutMs } : {}) },
  };
  if (options.profile !== undefined) config.profile = options.profile;
  const region = regionFrom(options);
  // With a profile and no region, the SDK reads the profile's region itself; otherwise the global
  // endpoint plus region redirects reaches any bucket.
  if (region !== undefined) config.region = region;
  else if (options.profile === undefined) config.region = FALLBACK_REGION;
  if (endpoint !== undefined) {
    config.endpoint = endpoint;
    config.forcePathStyle = true;
  }
  if (options.credentials !== undefined) config.credentials = options.credentials;
  return new S3Client(config);
}
