import { createHash } from "node:crypto";
import { existsSync, readFileSync } from "node:fs";
import { homedir } from "node:os";
import { TrailhiveError } from "../errors.js";
import { fileUri } from "./file-uri.js";
import { defaultCacheDir, mavenRepoDir } from "./default-cache-dir.js";
import { fetchJars, type FetchProgress } from "./fetch-jars.js";
import { findJava, type JavaRuntime } from "./find-java.js";
import { engineDistDir, engineFiles, type HiveVersion } from "./hive-version.js";
import { parseJarLock } from "./jar-lock.js";

/**
 * Makes one Hive version runnable: finds Java 17+, brings the pinned jars into the cache (downloads
 * from Maven Central on first use, sha1-checked; offline afterwards) and returns how to start its JVM.
 * Users need neither Maven nor a JDK: the entry jar ships in the package under hive-engine/dist/.
 *
 * @example
 *   const engine = await ensureEngine("4.1.0", { cacheDir: defaultCacheDir(process.env, homedir()), onProgress: (p) => bar.update(p) });
 */
export interface HiveEngine {
  version: HiveVersion;
  java: JavaRuntime;
  /** entry jar first, then Hive's jars in the lock's order */
  classpath: string[];
  /** sha256 of the entry jar's bytes: a rebuilt jar at the same path is another engine (kept engines, class-data archives) */
  entryDigest: string;
  jvmArgs: string[];
  mainClass: string;
}

export interface EnsureEngineOptions {
  /** per-user cache folder (jars go to <cacheDir>/maven); default ~/.cache/trailhive */
  cacheDir?: string;
  onProgress?: (p: FetchProgress) => void;
  javaHome?: string | undefined;
  /** Maven repository to download from (default Maven Central) */
  mavenBaseUrl?: string;
  /** where the entry jars and jar lists are (default: the package's hive-engine/dist) */
  distDir?: string;
}

export const MAIN_CLASS = "dev.trailhive.engine.Main";

/**
 * JVM flags. Hive reflects into java.base (3.1.3 and 4.1.0's StringInternUtils into java.net.URI, which
 * the JSON SerDes initialise; 4.1.0's local MapReduce into java.util.concurrent.atomic), which Java 17
 * forbids unless opened. The serial collector keeps the footprint small on a shared machine.
 */
const COMMON_JVM_ARGS = ["-XX:+UseSerialGC", "-Djava.awt.headless=true", "-Dfile.encoding=UTF-8"];
const OPENS = ["java.util.concurrent.atomic", "java.net", "java.lang", "java.util", "java.util.regex", "java.io", "java.nio", "sun.nio.ch", "java.lang.reflect"].map(
  (p) => `--add-opens=java.base/${p}=ALL-UNNAMED`,
);

export async function ensureEngine(version: HiveVersion, options: EnsureEngineOptions = {}): Promise<HiveEngine> {
  const files = engineFiles(version, options.distDir ?? engineDistDir);
  for (const f of [files.entryJar, files.jarLock, files.logConfig]) {
    if (!existsSync(f)) {
      throw new TrailhiveError("LOCAL_ENGINE_NOT_BUILT", { path: f });
    }
  }
  const java = await findJava({ javaHome: options.javaHome });
  const refs = parseJarLock(readFileSync(files.jarLock, "utf8"), files.jarLock);
  const cacheDir = options.cacheDir ?? defaultCacheDir({}, homedir());
  const { paths } = await fetchJars(refs, {
    repoDir: mavenRepoDir(cacheDir),
    stampName: `hive-${version}`,
    ...(options.mavenBaseUrl ? { baseUrl: options.mavenBaseUrl } : {}),
    ...(options.onProgress ? { onProgress: options.onProgress } : {}),
  });
  // As an encoded file: URI: log4j2 splits a plain value on commas and reads `#` as a URI's fragment.
  const logConfig = fileUri(files.logConfig);
  const logArgs = version === "3.1.3" ? [`-Dlog4j.configuration=${logConfig}`] : [`-Dlog4j2.configurationFile=${logConfig}`, "-Dlog4j2.disable.jmx=true"];
  const classpath = [files.entryJar, ...paths];
  return {
    version,
    java,
    classpath,
    entryDigest: createHash("sha256").update(readFileSync(files.entryJar)).digest("hex"),
    jvmArgs: [...COMMON_JVM_ARGS, ...OPENS, ...logArgs],
    mainClass: MAIN_CLASS,
  };
}
