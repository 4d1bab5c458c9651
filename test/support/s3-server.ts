import { S3Client } from "@aws-sdk/client-s3";
import { startFauxqs, type FauxqsServer } from "fauxqs";

/**
 * A real S3-compatible server (fauxqs 1.9, in-process) on loopback, and an SDK client pointed at it
 * the way users point the CLI at a custom endpoint (path style, any credentials). fauxqs 1.9 is the
 * line that runs on Node 20 (DESIGN.md); s3rver loses nested common prefixes.
 *
 * @example
 *   const s3 = await startS3Server();
 *   s3.server.createBucket("logs");
 *   ... new ListObjectsV2Command(...) through s3.client ...
 *   await s3.stop();
 */
export interface S3TestServer {
  server: FauxqsServer;
  endpoint: string;
  client: S3Client;
  stop(): Promise<void>;
}

export const TEST_CREDENTIALS = { accessKeyId: "test", secretAccessKey: "test" };

export async function startS3Server(options: { region?: string } = {}): Promise<S3TestServer> {
  const server = await startFauxqs({ port: 0, logger: false, host: "127.0.0.1" });
  const endpoint = server.address;
  const client = makeS3Client(endpoint, options.region);
  return {
    server,
    endpoint,
    client,
    async stop() {
      client.destroy();
      await server.stop();
    },
  };
}

export function makeS3Client(endpoint: string, region = "us-east-1"): S3Client {
  return new S3Client({ endpoint, region, forcePathStyle: true, credentials: TEST_CREDENTIALS });
}
