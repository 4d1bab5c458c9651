import { ensureEngine, type HiveEngine } from "../engine/ensure-engine.js";
import { findJava } from "../engine/find-java.js";
import { runHiveSession } from "../engine/run-hive-session.js";
import type { HiveSession } from "../local/hive-session.js";
import { createProgress } from "./progress.js";
import type { Terminal } from "./io.js";

/**
 * The embedded Hive 4.1.0 for `run`: `checkJava` fails fast (before staging) when there is no Java 17+;
 * the session makes sure Hive's pinned jars are in the cache (a progress bar while they download on
 * first use; offline afterwards) and runs the statements in one JVM.
 *
 * @example
 *   const session = hiveSessionOf({ cacheDir, term, quiet: false });
 *   const { results } = await session({ workDir, statements: ["SHOW TABLES"] });
 */
export interface LocalEngineOptions {
  cacheDir: string;
  term: Terminal;
  quiet: boolean;
}

export async function checkJava(term: Terminal): Promise<void> {
  await findJava({ javaHome: term.env["JAVA_HOME"] });
}

export function hiveSessionOf(options: LocalEngineOptions): HiveSession {
  let engine: HiveEngine | undefined;
  return async ({ workDir, statements }) => {
    if (engine === undefined) {
      const bar = options.quiet ? { update() {}, done() {} } : createProgress(options.term, "fetching Hive 4.1.0 jars");
      let downloaded = 0;
      engine = await ensureEngine("4.1.0", {
        cacheDir: options.cacheDir,
        javaHome: options.term.env["JAVA_HOME"],
        onProgress: (p) => {
          downloaded = p.bytesDownloaded;
          bar.update({ jars: `${p.jarsDone}/${p.jarsTotal}`, MB: Math.round(p.bytesDone / 1e6) }, p.bytesDone, p.bytesTotal);
        },
      });
      bar.done();
      if (downloaded > 0 && !options.quiet) options.term.stderr.write(`fetched ${Math.round(downloaded / 1e6)} MB of Hive jars into ${options.cacheDir}\n`);
    }
    const result = await runHiveSession({ workDir, statements, engine });
    return { results: result.results };
  };
}
