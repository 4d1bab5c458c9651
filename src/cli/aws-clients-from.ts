import { createAwsClients, type AwsClients } from "../aws/aws-clients.js";
import type { AwsArgs } from "./aws-options.js";
import type { Terminal } from "./io.js";

/**
 * SDK clients from the flags, then the environment (src/aws/aws-clients.ts makes them). Apart from
 * aws-options.ts, whose flags every EMR command's help shows: this one loads the SDK.
 */
export function awsClientsFrom(args: AwsArgs, term: Terminal): AwsClients {
  return createAwsClients({ profile: args.profile, region: args.region, s3EndpointUrl: args["endpoint-url"], emrEndpointUrl: args["emr-endpoint-url"], env: term.env });
}
