import { S3Client } from "@aws-sdk/client-s3";
import { startFauxqs, type FauxqsServer } from "fauxqs";

/**
 * A real S3-compatible server (fauxqs 1.9, in-process) on loopback, and an SDK client pointed at it
 * the way users point the CLI at a custom endpoint (path style, any credentials). fauxqs 1.9 is the
 * line that runs on Node 20 (docs/ARCHITECTURE.md, Tests); s3rver loses nested common prefixes.
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

/** The parts of fauxqs's in-memory S3 store the loader below uses (fauxqs 1.9 `dist/s3/s3Store.js`). */
interface FauxqsS3Store {
  createBucket(name: string): void;
  putObject(bucket: string, key: string, body: Buffer): unknown;
}

export interface PreloadableS3Server extends Omit<S3TestServer, "server"> {
  /** puts an object straight into the server's memory, without HTTP: for loading large benchmark buckets */
  putObjectDirect(bucket: string, key: string, body: Buffer): void;
  createBucket(name: string): void;
}

/**
 * The same fauxqs server, built from its own stores so a benchmark can load 100,000 objects
 * in seconds instead of 100,000 PUTs. fauxqs exports `buildApp({ stores })` but not the store
 * classes (its package `exports` map hides `dist/`), so they are loaded by file URL; pinned to 1.9.
 *
 * @example
 *   const s3 = await startPreloadableS3Server();
 *   s3.createBucket("big");
 *   s3.putObjectDirect("big", "AWSLogs/...json.gz", body);
 */
export async function startPreloadableS3Server(options: { region?: string } = {}): Promise<PreloadableS3Server> {
  // fauxqs's entry is dist/app.js: its stores sit beside it.
  const entry = import.meta.resolve("fauxqs");
  const load = async (path: string) => (await import(new URL(path, entry).href)) as Record<string, new () => unknown>;
  const { buildApp } = (await import("fauxqs")) as unknown as { buildApp(o: unknown): { listen(o: { port: number; host: string }): Promise<string>; close(): Promise<void> } };
  const S3StoreClass = (await load("s3/s3Store.js")).S3Store as new () => FauxqsS3Store;
  const SqsStoreClass = (await load("sqs/sqsStore.js")).SqsStore as new () => unknown;
  const SnsStoreClass = (await load("sns/snsStore.js")).SnsStore as new () => unknown;
  const s3Store = new S3StoreClass();
  const app = buildApp({ logger: false, host: "127.0.0.1", stores: { s3Store, sqsStore: new SqsStoreClass(), snsStore: new SnsStoreClass() } });
  const address = await app.listen({ port: 0, host: "127.0.0.1" });
  const client = makeS3Client(address, options.region);
  return {
    endpoint: address,
    client,
    createBucket: (name) => s3Store.createBucket(name),
    putObjectDirect: (bucket, key, body) => void s3Store.putObject(bucket, key, body),
    async stop() {
      client.destroy();
      await app.close();
    },
  };
}
