import { randomBytes } from "node:crypto";
import { existsSync } from "node:fs";
import { mkdir, rename, rm } from "node:fs/promises";
import { delimiter, dirname } from "node:path";
import { needsClassPathJar } from "../engine/class-path-jar.js";
import type { HiveEngine } from "../engine/ensure-engine.js";
import { classDataArchive, classDataArgs } from "./class-data-archive.js";
import { pruneClassDataArchives } from "./prune-class-data-archives.js";

/**
 * Only the quick JIT (C1): a local session lives seconds to minutes, and C2's compiler threads spent
 * more CPU than they saved. Measured on the corpus (SELECT 1 then the security-group query, class-data
 * archive on): JVM CPU 18.9 s with C2, 9.6 s without.
 */
const SHORT_RUN_JIT = ["-XX:TieredStopAtLevel=1"];

/** Class-data archives kept in the cache (~130 MB each; one per Java, trailhive and Hive build). */
const KEPT_ARCHIVES = 3;

/** The JVM flags of a local Hive start, and what the JVM that makes the class-data archive leaves to do. */
export interface LocalJvmFlags {
  jvmArgs: string[];
  /** this JVM writes the archive as it exits, so it must be a JVM of its own, never a kept engine */
  makesArchive: boolean;
  /** once that JVM has exited: moves its archive into place and prunes old ones (nothing otherwise) */
  settle(): Promise<void>;
}

/**
 * How to start a local Hive quickly: map Java's class-data archive of Hive's classes (made by the
 * first start on a machine, which dumps what it loaded) and use the quick JIT. Measured here on a
 * CREATE TABLE and a count: 24 s from spawn to answer with neither, 11 s with both. No archive when
 * its path holds the path separator (-XX:SharedArchiveFile takes a list split on it) or the classpath
 * is in a class-path jar (an archive is checked against -cp): slower, never wrong.
 *
 * @example
 *   const flags = await localJvmFlags(cacheDir, engine);
 *   await runHiveSession({ workDir, statements, engine, jvmArgs: flags.jvmArgs, keepSeconds: flags.makesArchive ? 0 : 600 });
 *   await flags.settle();
 */
export async function localJvmFlags(cacheDir: string, engine: Pick<HiveEngine, "classpath" | "java" | "entryDigest">): Promise<LocalJvmFlags> {
  const archive = classDataArchive(cacheDir, { classpath: engine.classpath, javaVersion: engine.java.version, entryDigest: engine.entryDigest });
  const usable = !archive.includes(delimiter) && !needsClassPathJar(engine.classpath);
  if (!usable || existsSync(archive)) {
    return { jvmArgs: [...(usable ? classDataArgs(archive, { exists: true, dumpTo: "" }) : []), ...SHORT_RUN_JIT], makesArchive: false, settle: async () => {} };
  }
  // unique per start: two sessions of one process may each make it (the first rename wins)
  const dumpTo = `${archive}.${process.pid}.${randomBytes(4).toString("hex")}.tmp`;
  await mkdir(dirname(archive), { recursive: true });
  return {
    jvmArgs: [...classDataArgs(archive, { exists: false, dumpTo }), ...SHORT_RUN_JIT],
    makesArchive: true,
    settle: async () => {
      if (!existsSync(dumpTo)) return;
      await rename(dumpTo, archive).catch(() => rm(dumpTo, { force: true }));
      await pruneClassDataArchives(dirname(archive), KEPT_ARCHIVES);
    },
  };
}
