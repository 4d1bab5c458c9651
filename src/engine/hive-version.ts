import { fileURLToPath } from "node:url";
import { join } from "node:path";

/**
 * The two Apache Hive versions trailhive embeds. They cannot share a classpath, so each has its own
 * jar list and entry jar under `hive-engine/dist/`: 3.1.3 is what EMR 6 and 7 run (parser, type
 * strings, SerDes; no session on Java 17), 4.1.0 runs embedded sessions and the data check.
 *
 * @example
 *   engineFiles("4.1.0").entryJar; // .../hive-engine/dist/trailhive-hive-4.1.0.jar
 */
export const hiveVersions = ["3.1.3", "4.1.0"] as const;
export type HiveVersion = (typeof hiveVersions)[number];

/** Where the shipped engine files live: two levels up from this module, in src/ and in dist/ alike. */
export const engineDistDir = fileURLToPath(new URL("../../hive-engine/dist/", import.meta.url));

export interface EngineFiles {
  /** the small jar with trailhive's Java entry for this Hive version */
  entryJar: string;
  /** the committed list of Maven coordinates + sha1, generated from the module's pom */
  jarLock: string;
  /** log configuration that keeps Hive quiet and off stdout */
  logConfig: string;
}

export function engineFiles(version: HiveVersion, distDir = engineDistDir): EngineFiles {
  return {
    entryJar: join(distDir, `trailhive-hive-${version}.jar`),
    jarLock: join(distDir, `hive-${version}.jars.tsv`),
    logConfig: join(distDir, version === "3.1.3" ? "log4j.properties" : "log4j2.properties"),
  };
}

/** The Maven module (folder under hive-engine/) that resolves a version's classpath. */
export function engineModule(version: HiveVersion): string {
  return version === "3.1.3" ? "hive3" : "hive4";
}
