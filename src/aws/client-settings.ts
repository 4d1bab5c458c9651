/**
 * The conventions every AWS client trailhive builds shares (S3, EMR): which endpoint a user pointed a
 * service at, and which region the flags or environment name. One place, so both services read the
 * flag and the environment in the same order.
 */
export interface ClientSettingsInput {
  region?: string;
  /** the service's endpoint flag (`--endpoint-url` for S3, `--emr-endpoint-url` for EMR): wins over the environment */
  endpointUrl?: string;
  /** the environment to read endpoints and the region from (the CLI passes process.env) */
  env?: Record<string, string | undefined>;
}

/**
 * The endpoint for one service: the flag, then `AWS_ENDPOINT_URL_<SERVICE>`, then `AWS_ENDPOINT_URL`
 * (the SDK's own precedence for service-specific endpoints); empty values count as unset.
 *
 * @example
 *   endpointFrom("S3", { env: { AWS_ENDPOINT_URL_S3: "http://127.0.0.1:4566" } }); // "http://127.0.0.1:4566"
 */
export function endpointFrom(service: "S3" | "EMR", options: Pick<ClientSettingsInput, "endpointUrl" | "env">): string | undefined {
  const env = options.env ?? {};
  const value = options.endpointUrl ?? env[`AWS_ENDPOINT_URL_${service}`] ?? env.AWS_ENDPOINT_URL;
  return value === undefined || value === "" ? undefined : value;
}

/**
 * The region from `--region`, then `AWS_REGION`, then `AWS_DEFAULT_REGION`; undefined lets the SDK
 * read the profile's region itself.
 *
 * @example
 *   regionFrom({ env: { AWS_DEFAULT_REGION: "eu-west-1" } }); // "eu-west-1"
 */
export function regionFrom(options: Pick<ClientSettingsInput, "region" | "env">): string | undefined {
  const env = options.env ?? {};
  return options.region ?? env.AWS_REGION ?? env.AWS_DEFAULT_REGION;
}

/**
 * Socket bounds for every AWS client: 10 s to connect, and a minute without a byte ends a request
 * (the SDK's standard retries then apply), so a stalled endpoint fails a command instead of hanging it
 * (without throwOnRequestTimeout, the handler only warns and waits on).
 */
export const AWS_REQUEST_HANDLER = { connectionTimeout: 10_000, requestTimeout: 60_000, throwOnRequestTimeout: true } as const;
