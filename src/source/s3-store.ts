import { parseS3Folder } from "../values/s3-uri.js";
import { GetObjectCommand, ListObjectsV2Command, type S3Client } from "@aws-sdk/client-s3";
import { awsFault } from "../aws/aws-fault.js";
import { TrailhiveError } from "../errors.js";
import type { ListOptions, ListPage, ObjectEntry, ObjectStore } from "./object-store.js";
import { createSourceStats, type SourceStats } from "./source-stats.js";

export interface S3StoreOptions {
  bucket: string;
  /** key prefix of the root, without or with a trailing `/` ("" for the whole bucket) */
  prefix?: string;
  /** counters shared with whoever shows progress; a fresh set when omitted */
  stats?: SourceStats;
  /** attempts to read an object's body when the connection drops after the headers arrived */
  bodyAttempts?: number;
}

/** Body streams that break after the SDK handed over the response are not retried by the SDK. */
const DEFAULT_BODY_ATTEMPTS = 4;
const BODY_RETRY_BASE_MS = 100;

/**
 * `s3://bucket/prefix` as an ObjectStore: keys are relative to the prefix, so a file's provenance
 * path is the same as in a local copy of the same folder. The client is passed in (see
 * `createS3Client`), so tests point it at a local server; retries are the client's, counted here.
 *
 * @example
 *   const store = new S3Store(createS3Client({ env: process.env }), { bucket: "trail-logs", prefix: "audit" });
 *   const page = await store.list({ prefix: "AWSLogs/", delimiter: "/" });
 */
export class S3Store implements ObjectStore {
  readonly root: string;
  readonly bucket: string;
  /** "" or a prefix ending with `/` */
  readonly prefix: string;
  readonly stats: SourceStats;
  private readonly client: S3Client;
  private readonly bodyAttempts: number;

  constructor(client: S3Client, options: S3StoreOptions) {
    this.client = client;
    this.bucket = options.bucket;
    const prefix = options.prefix ?? "";
    this.prefix = prefix === "" || prefix.endsWith("/") ? prefix : prefix + "/";
    this.root = `s3://${this.bucket}/${this.prefix}`;
    this.stats = options.stats ?? createSourceStats();
    this.bodyAttempts = options.bodyAttempts ?? DEFAULT_BODY_ATTEMPTS;
  }

  async list(options: ListOptions): Promise<ListPage> {
    const fullPrefix = this.prefix + options.prefix;
    let output;
    try {
      output = await this.client.send(
        new ListObjectsV2Command({
          Bucket: this.bucket,
          Prefix: fullPrefix === "" ? undefined : fullPrefix,
          Delimiter: options.delimiter,
          ContinuationToken: options.continuationToken,
          StartAfter: options.startAfter === undefined || options.continuationToken !== undefined ? undefined : this.prefix + options.startAfter,
          MaxKeys: options.maxKeys,
        }),
      );
    } catch (error) {
      this.countAttempts(error);
      throw this.translate(error, { prefix: options.prefix, action: "list" });
    }
    this.countAttempts(output);
    this.stats.listRequests += 1;
    const strip = (key: string) => key.slice(this.prefix.length);
    const objects: ObjectEntry[] = (output.Contents ?? [])
      .filter((o) => o.Key !== undefined && o.Key.startsWith(this.prefix))
      .map((o) => ({ key: strip(o.Key as string), size: o.Size ?? 0, ...(o.ETag !== undefined ? { version: o.ETag } : {}) }));
    const prefixes = (output.CommonPrefixes ?? []).flatMap((p) => (p.Prefix === undefined ? [] : [strip(p.Prefix)]));
    return output.IsTruncated === true && output.NextContinuationToken !== undefined ? { objects, prefixes, continuationToken: output.NextContinuationToken } : { objects, prefixes };
  }

  async get(key: string): Promise<Buffer> {
    for (let attempt = 1; ; attempt += 1) {
      let output;
      try {
        output = await this.client.send(new GetObjectCommand({ Bucket: this.bucket, Key: this.prefix + key }));
      } catch (error) {
        this.countAttempts(error);
        throw this.translate(error, { prefix: key, action: "get" });
      }
      this.countAttempts(output);
      try {
        if (output.Body === undefined) throw new Error("empty response body");
        const bytes = Buffer.from(await output.Body.transformToByteArray());
        this.stats.getRequests += 1;
        this.stats.bytesRead += bytes.length;
        return bytes;
      } catch (error) {
        // The connection dropped mid-body: the SDK had already returned, so the retry is ours.
        if (attempt >= this.bodyAttempts) {
          throw new TrailhiveError(
            "SOURCE_READ_FAILED",
            { problem: "retries", url: `${this.root}${key}`, key, reason: (error as Error).message, attempts: attempt },
            { cause: error, fault: "service" },
          );
        }
        this.stats.retries += 1;
        // Full jitter, doubling from 100 ms, like the SDK's own backoff for transient errors.
        await new Promise((resolve) => setTimeout(resolve, Math.random() * BODY_RETRY_BASE_MS * 2 ** (attempt - 1)));
      }
    }
  }

  private countAttempts(value: unknown): void {
    const attempts = (value as { $metadata?: { attempts?: number } } | undefined)?.$metadata?.attempts;
    if (typeof attempts === "number" && attempts > 1) this.stats.retries += attempts - 1;
  }

  /** S3's answers, turned into messages that say what to check and which permission is missing. */
  private translate(error: unknown, where: { prefix: string; action: "list" | "get" }): TrailhiveError {
    const name = (error as { name?: string }).name ?? "";
    const status = (error as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode;
    const url = `${this.root}${where.prefix}`;
    if (name === "NoSuchBucket") {
      return new TrailhiveError("SOURCE_BUCKET_NOT_FOUND", { bucket: this.bucket, root: this.root }, { cause: error });
    }
    if (name === "AccessDenied" || status === 403) {
      this.stats.accessDenied += 1;
      const permission = where.action === "list" ? "s3:ListBucket" : "s3:GetObject";
      const resource = where.action === "list" ? `arn:aws:s3:::${this.bucket} (prefix ${this.prefix + where.prefix})` : `arn:aws:s3:::${this.bucket}/${this.prefix + where.prefix}`;
      return new TrailhiveError("SOURCE_ACCESS_DENIED", { problem: "s3-permission", bucket: this.bucket, prefix: where.prefix, permission, url, resource }, { cause: error });
    }
    if (where.action === "get" && name === "NoSuchKey") {
      return new TrailhiveError("SOURCE_READ_FAILED", { problem: "gone", url, key: where.prefix }, { cause: error });
    }
    const details = { problem: "aws", url, prefix: where.prefix, status, name, awsMessage: error instanceof Error ? error.message : String(error) } as const;
    const options = { cause: error, fault: awsFault(error) ?? "user" };
    return where.action === "list" ? new TrailhiveError("SOURCE_LIST_FAILED", details, options) : new TrailhiveError("SOURCE_READ_FAILED", details, options);
  }
}

/**
 * Splits `s3://bucket/prefix` into its parts.
 *
 * @example
 *   parseS3Url("s3://logs/org/AWSLogs"); // { bucket: "logs", prefix: "org/AWSLogs/" }
 */
export function parseS3Url(url: string): { bucket: string; prefix: string } {
  return parseS3Folder(url, "a log source");
}
