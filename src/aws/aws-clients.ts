import type { S3Client } from "@aws-sdk/client-s3";
import type { EmrRunClients } from "../emr/execute-emr-plan.js";
import { createEmrClient } from "./create-emr-client.js";
import { createS3Client } from "./create-s3-client.js";

export interface AwsClientOptions {
  profile?: string;
  region?: string;
  /** S3 endpoint (else AWS_ENDPOINT_URL_S3 / AWS_ENDPOINT_URL from env) */
  s3EndpointUrl?: string;
  /** EMR endpoint (else AWS_ENDPOINT_URL_EMR / AWS_ENDPOINT_URL from env) */
  emrEndpointUrl?: string;
  env: NodeJS.ProcessEnv;
}

/** The clients of one command, and the S3 clients made for buckets in other regions; `destroy` closes them all. */
export interface AwsClients extends EmrRunClients {
  /** an S3 client in `region` (the trail bucket's), made once, or the main one when `region` is undefined */
  s3In(region?: string): S3Client;
  destroy(): void;
}

/**
 * SDK clients as every trailhive command builds them (`createS3Client`, `createEmrClient`): default
 * credential chain, profile, region, and the endpoints given or AWS_ENDPOINT_URL_S3 /
 * AWS_ENDPOINT_URL_EMR / AWS_ENDPOINT_URL.
 *
 * @example
 *   const clients = createAwsClients({ region: "eu-west-1", env: process.env });
 *   try { await executeEmrPlan(clients, plan, options); } finally { clients.destroy(); }
 */
export function createAwsClients(options: AwsClientOptions): AwsClients {
  const common = { profile: options.profile, region: options.region, env: options.env };
  const emr = createEmrClient({ ...common, endpointUrl: options.emrEndpointUrl });
  const s3 = createS3Client({ ...common, endpointUrl: options.s3EndpointUrl });
  const regional = new Map<string, S3Client>();
  return {
    emr,
    s3,
    s3In(region) {
      if (region === undefined) return s3;
      let client = regional.get(region);
      if (client === undefined) regional.set(region, (client = createS3Client({ ...common, region, endpointUrl: options.s3EndpointUrl })));
      return client;
    },
    destroy() {
      emr.destroy();
      s3.destroy();
      for (const client of regional.values()) client.destroy();
    },
  };
}
