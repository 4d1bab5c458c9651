import { sep } from "node:path";

/**
 * An absolute local path as a `file:` URI with every byte but RFC 3986's unreserved characters and
 * `/` percent-encoded (UTF-8). For readers that take a URI and decode it: log4j's configuration file
 * (log4j2 also splits its value on `,`, so a comma must not stay bare) and the Class-Path of a jar
 * manifest (entries are separated by spaces and resolved as URLs, so `:`, `#`, `%` and spaces in a
 * folder name would be read as URL syntax). Not for Hive's LOCATION: Hadoop's Path takes a location's
 * path as it is and does not decode it (hive-location.ts).
 *
 * @example
 *   fileUri("/Users/Jane Doe/Library/Application Support/trailhive/a#b.jar");
 *   // "file:///Users/Jane%20Doe/Library/Application%20Support/trailhive/a%23b.jar"
 */
export function fileUri(absolutePath: string, separator: string = sep): string {
  const slashed = absolutePath.split(separator).join("/");
  // A Windows drive path (C:/...) becomes file:///C:/..., the drive's colon kept as URL readers expect.
  const drive = /^[A-Za-z]:\//.test(slashed) ? slashed.slice(0, 2) : "";
  const rest = slashed.slice(drive.length);
  let out = "";
  for (const byte of Buffer.from(rest, "utf8")) {
    const c = String.fromCharCode(byte);
    out += /[A-Za-z0-9\-._~/]/.test(c) ? c : `%${byte.toString(16).toUpperCase().padStart(2, "0")}`;
  }
  return `file://${drive === "" ? "" : "/"}${drive}${out}`;
}
