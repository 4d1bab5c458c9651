import { EMRClient } from "@aws-sdk/client-emr";
import { S3Client } from "@aws-sdk/client-s3";

/**
 * TEMPORARY: the EMR path's own small client factory, until the s3 branch's `src/aws/` client
 * construction is merged; then this should delegate to it.
 *
 * Credentials come from the SDK's default chain (env, SSO, profile files, instance roles); `profile`
 * picks a named profile as `--profile`/AWS_PROFILE do. A custom S3 endpoint needs path-style
 * addressing (DESIGN.md); EMR endpoints need nothing special.
 *
 * @example
 *   const { emr, s3 } = createAwsClients({ region: "eu-west-1", emrEndpoint: "http://127.0.0.1:4566" });
 */
export interface AwsClientOptions {
  region?: string;
  profile?: string;
  /** S3 endpoint (--endpoint-url, AWS_ENDPOINT_URL_S3, AWS_ENDPOINT_URL) */
  s3Endpoint?: string;
  /** EMR endpoint (--emr-endpoint-url, AWS_ENDPOINT_URL_EMR, AWS_ENDPOINT_URL) */
  emrEndpoint?: string;
  /** SDK retry attempts, throttling included (default: the SDK's 3) */
  maxAttempts?: number;
}

export interface AwsClients {
  emr: EMRClient;
  s3: S3Client;
  destroy(): void;
}

export function createAwsClients(options: AwsClientOptions): AwsClients {
  const common = {
    ...(options.region !== undefined ? { region: options.region } : {}),
    ...(options.profile !== undefined ? { profile: options.profile } : {}),
    ...(options.maxAttempts !== undefined ? { maxAttempts: options.maxAttempts } : {}),
  };
  const emr = new EMRClient({ ...common, ...(options.emrEndpoint !== undefined ? { endpoint: options.emrEndpoint } : {}) });
  const s3 = new S3Client({ ...common, ...(options.s3Endpoint !== undefined ? { endpoint: options.s3Endpoint, forcePathStyle: true } : {}) });
  return {
    emr,
    s3,
    destroy() {
      emr.destroy();
      s3.destroy();
    },
  };
}
