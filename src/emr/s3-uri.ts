import { TrailhiveError } from "../errors.js";

/** An `s3://bucket/key` location split into its parts; `key` has no leading slash. */
export interface S3Location {
  bucket: string;
  key: string;
}

/**
 * Parses an `s3://` URI, naming the option it came from when it is not one.
 *
 * @example
 *   parseS3Uri("s3://staging/trailhive/", "--staging")  // { bucket: "staging", key: "trailhive/" }
 */
export function parseS3Uri(uri: string, what = "S3 location"): S3Location {
  const match = /^s3:\/\/([^/]+)(?:\/(.*))?$/.exec(uri);
  if (!match || match[1] === undefined) {
    throw new TrailhiveError("USAGE_BAD_S3_URI", `${what} must be an s3://bucket/prefix URI, not ${JSON.stringify(uri)}`, { uri, what });
  }
  return { bucket: match[1], key: match[2] ?? "" };
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
