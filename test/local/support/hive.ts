import { spawnSync } from "node:child_process";

/**
 * Whether tests that start the embedded Hive can run: they need Java 17+ (the engine fetches Hive's
 * jars itself). Locally they skip without Java; in CI, which has Java 17, a missing Java fails them.
 */
export function hiveSkip(): string | false {
  const java = spawnSync("java", ["-version"], { encoding: "utf8" });
  const version = /version "(\d+)/.exec(`${java.stderr ?? ""}${java.stdout ?? ""}`)?.[1];
  if (version !== undefined && Number(version) >= 17) return false;
  if (process.env.CI === "true") throw new Error("CI must have Java 17 or newer for the embedded Hive tests");
  return "no Java 17+: the embedded Hive tests are skipped";
}
