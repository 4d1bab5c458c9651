import { GetObjectCommand, ListObjectsV2Command, NoSuchKey, type S3Client } from "@aws-sdk/client-s3";
import { gunzipSync, inflateSync } from "node:zlib";
import type { S3Location } from "../values/s3-uri.js";

/**
 * Every key under a prefix, following continuation tokens, in S3's (lexicographic) order.
 *
 * @example
 *   await listKeys(s3, { bucket: "b", key: "results/r1/" })  // [{ key: "results/r1/000000_0", size: 120 }]
 */
export async function listKeys(s3: S3Client, at: S3Location): Promise<{ key: string; size: number }[]> {
  const out: { key: string; size: number }[] = [];
  let token: string | undefined;
  do {
    const page = await s3.send(new ListObjectsV2Command({ Bucket: at.bucket, Prefix: at.key, ContinuationToken: token }));
    for (const o of page.Contents ?? []) if (o.Key !== undefined) out.push({ key: o.Key, size: o.Size ?? 0 });
    token = page.IsTruncated ? page.NextContinuationToken : undefined;
  } while (token !== undefined);
  return out;
}

/**
 * An object's text, decompressed by its suffix: `.gz` (step logs, GzipCodec output) and `.deflate`
 * (Hive's DefaultCodec, should a cluster force output compression); undefined when it does not exist (yet).
 */
export async function readObjectText(s3: S3Client, at: S3Location): Promise<string | undefined> {
  try {
    const res = await s3.send(new GetObjectCommand({ Bucket: at.bucket, Key: at.key }));
    const bytes = Buffer.from((await res.Body?.transformToByteArray()) ?? new Uint8Array());
    return (at.key.endsWith(".gz") ? gunzipSync(bytes) : at.key.endsWith(".deflate") ? inflateSync(bytes) : bytes).toString("utf8");
  } catch (error) {
    if (error instanceof NoSuchKey || (error as { name?: string }).name === "NoSuchKey") return undefined;
    throw error;
  }
}
