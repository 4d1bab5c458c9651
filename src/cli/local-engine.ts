import { TrailhiveError } from "../errors.js";
import type { HiveSession } from "../local/hive-session.js";
import type { Terminal } from "./io.js";

/**
 * The embedded Hive 4.1.0 session for `run`: makes sure the engine's jars are in the cache (with a
 * progress bar while they download) and runs the statements in one JVM.
 */
export function hiveSessionOf(_options: { cacheDir: string; term: Terminal; quiet: boolean }): HiveSession {
  return async () => {
    throw new TrailhiveError("LOCAL_ENGINE_NOT_BUILT", "the embedded Hive engine is not built yet (issue 9)", {});
  };
}
