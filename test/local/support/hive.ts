import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { HiveEngine } from "../../../src/engine/ensure-engine.js";
import { runHiveSession } from "../../../src/engine/run-hive-session.js";
import { quoteString } from "../../../src/hive/quote.js";
import { hiveLocation } from "../../../src/local/hive-location.js";
import { localJvmFlags } from "../../../src/local/local-jvm-flags.js";

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

/**
 * Hive's JVM flags as `run` uses them (class-data archive, quick JIT: local-jvm-flags.ts), for tests
 * that start engines of their own: a start takes about half as long. When the cache has no archive
 * for this engine yet, a JVM of its own makes it first (a table of JSON, a count and a GROUP BY, so the
 * SerDe's and MapReduce's classes are in it), as a user's first run does; a kept engine never can.
 */
export async function quickJvmArgs(engine: HiveEngine, cacheDir: string): Promise<string[]> {
  const flags = await localJvmFlags(cacheDir, engine);
  if (!flags.makesArchive) return flags.jvmArgs;
  const dir = mkdtempSync(join(tmpdir(), "class-data-"));
  try {
    writeFileSync(join(dir, "events.json"), '{"eventName":"AuthorizeSecurityGroupIngress"}\n');
    const statements = [
      `CREATE EXTERNAL TABLE ev (eventname STRING) ROW FORMAT SERDE 'org.apache.hadoop.hive.serde2.JsonSerDe' LOCATION ${quoteString(hiveLocation(dir))}`,
      "SELECT eventname, count(*) FROM ev GROUP BY eventname",
    ];
    const { results } = await runHiveSession({ workDir: join(dir, "work"), statements, engine, jvmArgs: flags.jvmArgs, keepSeconds: 0 });
    if (!results.every((r) => r.ok)) throw new Error(`the class-data archive's first run failed: ${JSON.stringify(results)}`);
    await flags.settle();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  return (await localJvmFlags(cacheDir, engine)).jvmArgs;
}

/**
 * Runs one JVM of its own (a harness, a one-shot session) with `run`'s flags, and keeps the archive it
 * makes when there was none: the first such test on a machine makes it, the later ones map it.
 */
export async function withQuickJvm<T>(engine: HiveEngine, cacheDir: string, start: (jvmArgs: string[]) => Promise<T>): Promise<T> {
  const flags = await localJvmFlags(cacheDir, engine);
  const result = await start(flags.jvmArgs);
  await flags.settle();
  return result;
}
