import { readdir, rm, stat } from "node:fs/promises";
import { join } from "node:path";
import { CLASS_DATA_ARCHIVE_NAME } from "./class-data-archive.js";

/**
 * Removes all but the `keep` newest class-data archives in `dir`: each new trailhive build makes one
 * (~130 MB), and none is used again after an upgrade. Only files named as classDataArchive names them
 * are candidates, so anything else in the folder (a `--cache-dir` may be any folder) stays.
 *
 * @example
 *   await pruneClassDataArchives(join(cacheDir, "cds"), 3);
 */
export async function pruneClassDataArchives(dir: string, keep: number): Promise<void> {
  const names = (await readdir(dir).catch(() => [] as string[])).filter((n) => CLASS_DATA_ARCHIVE_NAME.test(n));
  const dated = await Promise.all(names.map(async (n) => ({ path: join(dir, n), mtimeMs: (await stat(join(dir, n)).catch(() => undefined))?.mtimeMs ?? 0 })));
  dated.sort((a, b) => b.mtimeMs - a.mtimeMs);
  for (const old of dated.slice(keep)) await rm(old.path, { force: true });
}
