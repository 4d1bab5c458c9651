import type { Argv } from "yargs";

export interface AwsArgs {
  profile?: string;
  region?: string;
  "endpoint-url"?: string;
  "emr-endpoint-url"?: string;
}

/** The AWS flags every EMR command takes. */
export function withAwsOptions<T>(y: Argv<T>): Argv<T & AwsArgs> {
  return y
    .option("profile", { type: "string", describe: "AWS profile (default: AWS_PROFILE, then the default chain)" })
    .option("region", { type: "string", describe: "AWS region (default: AWS_REGION or the profile's)" })
    .option("endpoint-url", { type: "string", describe: "S3 endpoint (default: AWS_ENDPOINT_URL_S3, AWS_ENDPOINT_URL)" })
    .option("emr-endpoint-url", { type: "string", describe: "EMR endpoint (default: AWS_ENDPOINT_URL_EMR, AWS_ENDPOINT_URL)" }) as Argv<T & AwsArgs>;
}
