import { readFile, rename, writeFile } from "node:fs/promises";
import { delimiter, join } from "node:path";
import { classPathJar, needsClassPathJar } from "./class-path-jar.js";
import type { HiveEngine } from "./ensure-engine.js";

/** The class-path jar's name in the JVM's working folder. */
export const CLASS_PATH_JAR = "classpath.jar";

/**
 * What follows the JVM flags to start the entry: `-cp <classpath> <mainClass>`, or, when a classpath
 * entry holds the path separator, `-jar classpath.jar` with that jar written into `cwd`, the folder
 * the JVM will run in. Relative, because `-jar` puts the jar's own path on java.class.path, which the
 * JVM splits on the same separator (a jar kept in such a cache could not start either); a work folder
 * never holds one (work-path-problem.ts).
 *
 * @example
 *   spawn(java, [...engine.jvmArgs, ...(await launchArgs(engine, workDir)), "--serve", ...serveArgs], { cwd: workDir });
 */
export async function launchArgs(engine: Pick<HiveEngine, "classpath" | "mainClass">, cwd: string): Promise<string[]> {
  if (!needsClassPathJar(engine.classpath)) return ["-cp", engine.classpath.join(delimiter), engine.mainClass];
  const bytes = classPathJar(engine.mainClass, engine.classpath);
  const path = join(cwd, CLASS_PATH_JAR);
  const now = await readFile(path).catch(() => undefined);
  if (now === undefined || !now.equals(bytes)) {
    // whole or not at all: a JVM starting beside this one may be reading the old jar
    const tmp = `${path}.${process.pid}.tmp`;
    await writeFile(tmp, bytes, { mode: 0o600 });
    await rename(tmp, path);
  }
  return ["-jar", CLASS_PATH_JAR];
}
