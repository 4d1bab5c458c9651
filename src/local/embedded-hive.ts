import { ensureEngine, type HiveEngine } from "../engine/ensure-engine.js";
import { localJvmFlags } from "./local-jvm-flags.js";
import { findJava } from "../engine/find-java.js";
import type { FetchProgress } from "../engine/fetch-jars.js";
import { stopKeptEngine } from "../engine/kept-engine.js";
import { handOffHiveSession, runHiveSession } from "../engine/run-hive-session.js";
import type { HiveSession } from "./hive-session.js";

export interface EmbeddedHiveOptions {
  cacheDir: string;
  /** JAVA_HOME, when the user set one */
  javaHome?: string;
  /** keep the engine up this many idle minutes for the next query (0: a JVM per run) */
  keepMinutes: number;
  /** the jars' download on first use; `done` once they are all in the cache */
  onFetch?: { progress(p: FetchProgress): void; done(downloadedBytes: number): void };
  /** the engine stays up after this run (said unless quiet) */
  onNotice?: (line: string) => void;
  /** a process in the work folder's engine.json was left alone (said even when quiet) */
  onWarning?: (line: string) => void;
}

/** Fails fast (before staging) when there is no Java 17+, with what to install. */
export async function checkJava(javaHome: string | undefined): Promise<void> {
  await findJava({ javaHome });
}

/**
 * The embedded Hive 4.1.0 for `run`: `checkJava` fails fast (before staging) when there is no Java 17+;
 * the session makes sure Hive's pinned jars are in the cache (`onFetch` reports the download on first
 * use; offline afterwards) and runs the statements in the work folder's kept engine (started
 * when none is running, stopped after `keepMinutes` idle: kept-engine.ts), or in a JVM of its own when
 * `keepMinutes` is 0 (then an engine already up for the folder answers, and is stopped after the
 * run). The engine's policies live here, not in the CLI: either maps a class-data archive of Hive's
 * classes (local-jvm-flags.ts); the run that makes it (the first on a machine) is always a JVM of its
 * own, since the archive is written as that JVM exits.
 *
 * @example
 *   const session = embeddedHiveSession({ cacheDir, keepMinutes: 10 });
 *   const { results } = await session({ workDir, statements: ["SHOW TABLES"] });
 */
export function embeddedHiveSession(options: EmbeddedHiveOptions): HiveSession {
  let engine: HiveEngine | undefined;
  /** the JVM flags of the kept engine that answered the last request (its key), if one did */
  let keptWith: string[] | undefined;
  const session: HiveSession = async ({ workDir, statements, hivevars }) => {
    if (engine === undefined) {
      let downloaded = 0;
      engine = await ensureEngine("4.1.0", {
        cacheDir: options.cacheDir,
        javaHome: options.javaHome,
        onProgress: (p) => {
          downloaded = p.bytesDownloaded;
          options.onFetch?.progress(p);
        },
      });
      options.onFetch?.done(downloaded);
    }
    // The first run on a machine makes the class-data archive, in a JVM of its own (written as it exits).
    const flags = await localJvmFlags(options.cacheDir, engine);
    const { jvmArgs } = flags;
    const keepSeconds = flags.makesArchive ? 0 : options.keepMinutes * 60;
    const result = await runHiveSession({ workDir, statements, ...(hivevars !== undefined ? { hivevars } : {}), engine, jvmArgs, keepSeconds });
    await flags.settle();
    if (result.engine.kind === "one-shot" && result.engine.leftAlone !== undefined) options.onWarning?.(`${result.engine.leftAlone}; Hive ran in a JVM of its own`);
    if (result.engine.kind === "kept" && options.keepMinutes === 0) {
      // An engine an earlier run kept was up, so it answered (sooner than a new JVM); `--keep-engine 0`
      // asked for none after this run: it is stopped now, and given no background work.
      await stopKeptEngine(workDir);
      keptWith = undefined;
      return { results: result.results };
    }
    keptWith = result.engine.kind === "kept" ? jvmArgs : undefined;
    if (result.engine.kind === "kept" && result.engine.started) {
      options.onNotice?.(
        `Hive stays up (pid ${result.engine.pid}) for ${options.keepMinutes} idle minutes to answer the next query on these logs quickly: trailhive engine stop ends it, --keep-engine 0 runs without it`,
      );
    }
    return { results: result.results };
  };
  // Background work goes only to the engine that answered this run: none is started for it.
  session.background = async ({ workDir, statements, settings, doneFile, commitFrom }) => {
    if (engine === undefined || keptWith === undefined) return false;
    return handOffHiveSession({ engine, workDir, statements, settings, doneFile, ...(commitFrom !== undefined ? { commitFrom } : {}), jvmArgs: keptWith });
  };
  return session;
}
