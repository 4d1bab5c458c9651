import { isAbsolute, join } from "node:path";

/**
 * trailhive's per-user cache folder: `$XDG_CACHE_HOME/trailhive`, else `~/.cache/trailhive`. Hive's
 * jars live below it in `maven/` (Maven repository layout), local work folders in `work/`. The
 * environment is passed in: only the CLI reads it.
 *
 * @example
 *   defaultCacheDir(process.env, os.homedir()); // "/home/me/.cache/trailhive"
 */
export function defaultCacheDir(env: Readonly<Record<string, string | undefined>>, home: string): string {
  const xdg = env["XDG_CACHE_HOME"];
  return xdg && isAbsolute(xdg) ? join(xdg, "trailhive") : join(home, ".cache", "trailhive");
}

/** The Maven-layout jar repository inside a cache folder (also what -Dmaven.repo.local points at). */
export function mavenRepoDir(cacheDir: string): string {
  return join(cacheDir, "maven");
}
