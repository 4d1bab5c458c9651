import { sep } from "node:path";

/**
 * A local folder as Hive's LOCATION: `file://` and the path exactly as it is. Hive builds the table's
 * folder with Hadoop's `new Path(String)`, which keeps the path's characters literally (it never
 * decodes `%XX`), so a percent-encoded location would name another folder. Measured on Hive 4.1.0 with
 * work folders holding a space, `#`, `%`, `;` and non-ASCII letters: the raw path reads every event
 * (test/hostile/special-paths.test.ts). The string is quoted as a HiveQL literal where it is used.
 *
 * @example
 *   hiveLocation("/home/jane doe/work#1/staged"); // "file:///home/jane doe/work#1/staged"
 */
export function hiveLocation(folder: string, separator: string = sep): string {
  const slashed = folder.split(separator).join("/");
  return "file://" + (slashed.startsWith("/") ? "" : "/") + slashed;
}
