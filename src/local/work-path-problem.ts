import { delimiter } from "node:path";

/**
 * Why a work folder's path cannot hold the embedded Hive's files, or undefined when it can. Hadoop
 * reads `:` in a path segment as a URI scheme ("Relative path in absolute URI: a:b", HADOOP-3257) and
 * Derby cannot reopen a database whose path holds one, so no encoding saves such a folder; every
 * other character (space, `#`, `%`, `;`, non-ASCII) is handed over in a form each part accepts.
 *
 * @example
 *   workPathProblem("/home/jane doe/work"); // undefined
 *   workPathProblem("/tmp/a:b/work");       // "its path holds ':' ..."
 */
export function workPathProblem(workDir: string): string | undefined {
  // A Windows drive letter (C:\...) is the one `:` Hadoop expects.
  const path = delimiter === ";" ? workDir.replace(/^[A-Za-z]:/, "") : workDir;
  if (path.includes(":")) return "its path holds ':', which Hadoop reads as a URI scheme and Derby cannot reopen";
  return undefined;
}
