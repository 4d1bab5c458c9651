import { TrailhiveError } from "../errors.js";

/** An `s3://bucket/key` location split into its parts; `key` has no leading slash. */
export interface S3Location {
  bucket: string;
  key: string;
}

/**
 * Parses an `s3://` URI, naming the option it came from when it is not one: the one S3 URI parser
 * (sources, staging, results, logs).
 *
 * @example
 *   parseS3Uri("s3://staging/trailhive/", "--staging")  // { bucket: "staging", key: "trailhive/" }
 */
export function parseS3Uri(uri: string, what = "S3 location"): S3Location {
  const match = /^s3:\/\/([^/]+)(?:\/(.*))?$/.exec(uri);
  if (!match || match[1] === undefined) {
    throw new TrailhiveError("USAGE_BAD_S3_URI", { uri, what });
  }
  return { bucket: match[1], key: match[2] ?? "" };
}

/**
 * An `s3://` URI read as a folder: its key ends with `/` unless it is the bucket's root.
 *
 * @example
 *   parseS3Folder("s3://logs/org/AWSLogs");  // { bucket: "logs", prefix: "org/AWSLogs/" }
 */
export function parseS3Folder(uri: string, what = "S3 location"): { bucket: string; prefix: string } {
  const { bucket, key } = parseS3Uri(uri, what);
  const rest = key.replace(/^\/+/, "");
  return { bucket, prefix: rest === "" || rest.endsWith("/") ? rest : rest + "/" };
}

/** The URI of `key` in `bucket`. @example s3Uri({ bucket: "b", key: "a/c" })  // "s3://b/a/c" */
export function s3Uri(location: S3Location): string {
  return `s3://${location.bucket}/${location.key}`;
}

/** `prefix` joined with `parts` by single slashes. @example joinKey("a/", "b", "c")  // "a/b/c" */
export function joinKey(prefix: string, ...parts: string[]): string {
  return [prefix, ...parts]
    .map((p) => p.replace(/^\/+|\/+$/g, ""))
    .filter((p) => p !== "")
    .join("/");
}
