import { HeadBucketCommand, type S3Client } from "@aws-sdk/client-s3";
import { TrailhiveError } from "../errors.js";
import type { SourceStats } from "../source/source-stats.js";

/**
 * The region a bucket lives in, from one HeadBucket (S3 returns `x-amz-bucket-region` on success,
 * on a 301 redirect and on 403). Knowing it up front lets the caller build a client in that region
 * once, instead of every request being redirected. Undefined when the server does not say (some
 * S3-compatible servers). A bucket that does not exist is an error naming it.
 *
 * @example
 *   const region = await findBucketRegion(client, "trail-logs"); // "eu-west-3"
 */
export async function findBucketRegion(client: S3Client, bucket: string, options: { stats?: SourceStats } = {}): Promise<string | undefined> {
  const countRetries = (value: unknown) => {
    const attempts = (value as { $metadata?: { attempts?: number } } | undefined)?.$metadata?.attempts;
    if (options.stats !== undefined && typeof attempts === "number" && attempts > 1) options.stats.retries += attempts - 1;
  };
  try {
    const output = await client.send(new HeadBucketCommand({ Bucket: bucket }));
    countRetries(output);
    if (options.stats !== undefined) options.stats.headRequests = (options.stats.headRequests ?? 0) + 1;
    return output.BucketRegion ?? undefined;
  } catch (error) {
    countRetries(error);
    const e = error as { name?: string; $metadata?: { httpStatusCode?: number }; $response?: { headers?: Record<string, string> } };
    const region = e.$response?.headers?.["x-amz-bucket-region"];
    if (e.name === "NotFound" || e.name === "NoSuchBucket" || e.$metadata?.httpStatusCode === 404) {
      throw new TrailhiveError("SOURCE_BUCKET_NOT_FOUND", { bucket, root: `s3://${bucket}` }, { cause: error });
    }
    // 403: no s3:ListBucket on the bucket itself; the listings will say which prefix and permission.
    return region;
  }
}
