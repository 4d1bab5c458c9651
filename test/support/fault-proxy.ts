import { createServer, request as httpRequest, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { seededRandom } from "../../src/source/seeded-random.js";

/**
 * A loopback HTTP proxy in front of the S3 test server that misbehaves the way S3 does under load:
 * a seeded share of requests is answered `503 SlowDown` or has its connection reset before any
 * answer, and requests under chosen prefixes get `403 AccessDenied`. Everything else is forwarded
 * unchanged. It counts what it did, so tests check retries against faults actually injected.
 *
 * @example
 *   const proxy = await startFaultProxy({ target: s3.endpoint, seed: "t1", faultRate: 0.2 });
 *   const client = makeS3Client(proxy.endpoint); // path style, as with any custom endpoint
 *   ... proxy.counts.slowDowns + proxy.counts.resets ...
 *   await proxy.stop();
 */
export interface FaultProxyOptions {
  /** the real server, e.g. http://127.0.0.1:4566 */
  target: string;
  seed: string;
  /** share of requests that fail (half SlowDown, half reset); 0 to only count */
  faultRate?: number;
  /** key prefixes (without the bucket) whose LIST and GET requests are refused with AccessDenied */
  denyPrefixes?: string[];
  /**
   * the region the buckets live in, as S3 does it: a request signed for another region gets
   * `301 PermanentRedirect` with `x-amz-bucket-region`, and HeadBucket answers carry that header
   */
  bucketRegion?: string;
  /** wait this long before forwarding each request (a slow link) */
  delayMs?: number;
  /** share of object GETs whose connection is cut halfway through the body, after the headers went out (each key at most once) */
  cutBodyRate?: number;
}

export interface FaultCounts {
  requests: number;
  lists: number;
  gets: number;
  heads: number;
  redirects: number;
  cutBodies: number;
  slowDowns: number;
  resets: number;
  denied: number;
  forwarded: number;
}

export interface FaultProxy {
  endpoint: string;
  counts: FaultCounts;
  /** "accessKeyId/region" of every signed request, from its Authorization header, in arrival order */
  signers: string[];
  /** change the fault rate (e.g. 0 while loading a bucket) */
  setFaultRate(rate: number): void;
  stop(): Promise<void>;
}

const SLOW_DOWN_XML = '<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>SlowDown</Code><Message>Please reduce your request rate.</Message><RequestId>FAULTPROXY</RequestId></Error>';
const ACCESS_DENIED_XML = '<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>AccessDenied</Code><Message>Access Denied</Message><RequestId>FAULTPROXY</RequestId></Error>';

export async function startFaultProxy(options: FaultProxyOptions): Promise<FaultProxy> {
  const target = new URL(options.target);
  const random = seededRandom(options.seed);
  let rate = options.faultRate ?? 0;
  const counts: FaultCounts = { requests: 0, lists: 0, gets: 0, heads: 0, redirects: 0, cutBodies: 0, slowDowns: 0, resets: 0, denied: 0, forwarded: 0 };
  const deny = options.denyPrefixes ?? [];
  const cutKeys = new Set<string>();
  const signers: string[] = [];

  const handle = (req: IncomingMessage, res: ServerResponse) => {
    counts.requests += 1;
    const url = new URL(req.url ?? "/", "http://proxy");
    // Path style: /bucket/key...; a listing is GET /bucket?list-type=2&prefix=...
    const [, , ...rest] = url.pathname.split("/");
    const key = decodeURIComponent(rest.join("/"));
    const isList = req.method === "GET" && url.searchParams.get("list-type") === "2";
    const isGet = req.method === "GET" && !isList && key !== "";
    const isHead = req.method === "HEAD";
    if (isList) counts.lists += 1;
    if (isGet) counts.gets += 1;
    if (isHead) counts.heads += 1;
    const credential = /Credential=([^/]+)\/\d{8}\/([^/]+)\//.exec(String(req.headers.authorization ?? ""));
    const signedFor = credential?.[2];
    if (credential !== null) signers.push(`${credential[1]}/${credential[2]}`);
    if (options.bucketRegion !== undefined && signedFor !== options.bucketRegion) {
      counts.redirects += 1;
      req.resume();
      const xml = `<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>PermanentRedirect</Code><Message>The bucket you are attempting to access must be addressed using the specified endpoint.</Message></Error>`;
      res.writeHead(301, { "content-type": "application/xml", "x-amz-bucket-region": options.bucketRegion }).end(isHead ? undefined : xml);
      return;
    }
    const subject = isList ? (url.searchParams.get("prefix") ?? "") : key;
    if ((isList || isGet) && deny.some((p) => subject.startsWith(p))) {
      counts.denied += 1;
      req.resume();
      res.writeHead(403, { "content-type": "application/xml" }).end(ACCESS_DENIED_XML);
      return;
    }
    const roll = random();
    if (roll < rate / 2) {
      counts.slowDowns += 1;
      req.resume();
      res.writeHead(503, { "content-type": "application/xml" }).end(SLOW_DOWN_XML);
      return;
    }
    if (roll < rate) {
      counts.resets += 1;
      req.socket.destroy();
      return;
    }
    counts.forwarded += 1;
    if (options.delayMs !== undefined) {
      req.pause();
      setTimeout(() => forward(req, res, key, isGet), options.delayMs);
      return;
    }
    forward(req, res, key, isGet);
  };

  const forward = (req: IncomingMessage, res: ServerResponse, key: string, isGet: boolean) => {
    const cut = isGet && options.cutBodyRate !== undefined && !cutKeys.has(key) && random() < options.cutBodyRate;
    if (cut) cutKeys.add(key);
    const upstream = httpRequest({ host: target.hostname, port: target.port, method: req.method, path: req.url, headers: req.headers }, (answer) => {
      const headers = { ...answer.headers };
      if (options.bucketRegion !== undefined) headers["x-amz-bucket-region"] = options.bucketRegion;
      res.writeHead(answer.statusCode ?? 502, headers);
      if (!cut) {
        answer.pipe(res);
        return;
      }
      const chunks: Buffer[] = [];
      answer.on("data", (c: Buffer) => chunks.push(c));
      answer.on("end", () => {
        const whole = Buffer.concat(chunks);
        counts.cutBodies += 1;
        // Half the promised bytes, then the connection drops: the client already has its response.
        res.write(whole.subarray(0, Math.floor(whole.length / 2)), () => res.socket?.destroy());
      });
    });
    upstream.on("error", (error) => {
      if (!res.headersSent) res.writeHead(502, { "content-type": "text/plain" });
      res.end(String(error));
    });
    req.pipe(upstream);
  };

  const server: Server = createServer(handle);
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    endpoint: `http://127.0.0.1:${port}`,
    counts,
    signers,
    setFaultRate(next) {
      rate = next;
    },
    async stop() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
