import { createHash } from "node:crypto";
import { join } from "node:path";

/**
 * Where the embedded Hive's class-data archive (Java's AppCDS) lives for one classpath and Java: the
 * first local run dumps the classes it loaded (`-XX:ArchiveClassesAtExit`), later runs map them
 * (`-XX:SharedArchiveFile`) instead of reading and verifying ~250 jars again. Measured on the example
 * logs: the JVM's CPU time for a warm query fell from 21 s to 14 s. The name carries a hash of the
 * classpath, the Java version and the entry jar's bytes, because the JVM only accepts an archive made
 * by the same Java from the same jars, unchanged (and ignores, with a warning in the engine's log, one
 * that does not fit: a new trailhive's entry jar at the same path would otherwise never get one).
 *
 * @example
 *   classDataArchive("/home/me/.cache/trailhive", { classpath: ["a.jar"], javaVersion: "17.0.15", entryDigest: "9f2c..." })
 *   // "/home/me/.cache/trailhive/cds/hive-<hash>.jsa"
 */
/** The names classDataArchive gives: the only files in `cds/` that pruning may remove. */
export const CLASS_DATA_ARCHIVE_NAME = /^hive-[0-9a-f]{16}\.jsa$/;

export function classDataArchive(cacheDir: string, engine: { classpath: readonly string[]; javaVersion: string; entryDigest: string }): string {
  const hash = createHash("sha256").update(engine.javaVersion).update("\n").update(engine.classpath.join("\n")).update("\n").update(engine.entryDigest).digest("hex").slice(0, 16);
  return join(cacheDir, "cds", `hive-${hash}.jsa`);
}

/** The JVM flags that use the archive when it exists, or make it (into `dumpTo`, renamed into place afterwards) when it does not. */
export function classDataArgs(archive: string, options: { exists: boolean; dumpTo: string }): string[] {
  return options.exists ? [`-XX:SharedArchiveFile=${archive}`] : [`-XX:ArchiveClassesAtExit=${options.dumpTo}`];
}
