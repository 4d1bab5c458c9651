import { chmod, mkdir, readdir, rm, stat } from "node:fs/promises";
import { dirname, join, resolve } from "node:path";
import { TrailhiveError } from "../errors.js";
import { inspectWorkFolder, type InspectWorkFolderOptions, type WorkFolderState } from "./inspect-work-folder.js";
import { WORK_MARKER_FILE, writeWorkMarker } from "./work-marker.js";

/**
 * Makes a folder the run's work folder, or refuses it (exit 2) before anything is read or started:
 * a new or empty folder is created owner-only and marked; a marked one is tightened to owner-only
 * if it was loosened; an unmarked work folder of the earlier release is marked and must be staged
 * again (its files were world-readable); anything else is refused, naming the folder and why.
 * `emptyWorkFolder` then removes what is in a claimed folder, except its marker.
 *
 * @example
 *   const { restage } = await claimWorkFolder(workDir, { cacheWorkRoot: join(cacheDir, "work") });
 *   if (restage || changed) await emptyWorkFolder(workDir);
 */
export interface ClaimedWorkFolder {
  /** the marker's id */
  id: string;
  /** nothing in the folder may be reused: it was made now, or adopted from the earlier release */
  restage: boolean;
}

/** Owner-only: staged events, schema, manifest, logs and metastore hold the records. */
const PRIVATE_FOLDER = 0o700;

/** The state of a folder that may be used as a work folder; throws the refusal (exit 2) for any other. */
export async function assertWorkFolder(dir: string, options: InspectWorkFolderOptions = {}): Promise<Exclude<WorkFolderState, { kind: "refused" }>> {
  const state = await inspectWorkFolder(dir, options);
  if (state.kind !== "refused") return state;
  throw new TrailhiveError("USAGE_WORK_NOT_OURS", { workDir: dir, reason: state.reason });
}

export async function claimWorkFolder(dir: string, options: InspectWorkFolderOptions = {}): Promise<ClaimedWorkFolder> {
  const state = await assertWorkFolder(dir, options);
  if (options.cacheWorkRoot !== undefined && resolve(dirname(dir)) === resolve(options.cacheWorkRoot)) await privateCacheWorkRoot(options.cacheWorkRoot);
  switch (state.kind) {
    case "marked":
      await tighten(dir);
      return { id: state.id, restage: false };
    case "missing":
      await mkdir(dir, { recursive: true, mode: PRIVATE_FOLDER });
      return mark(dir, options);
    case "empty":
    case "legacy":
      return mark(dir, options);
  }
}

/** Removes every entry of a claimed work folder but its marker; links are removed, never followed. */
export async function emptyWorkFolder(dir: string): Promise<void> {
  for (const name of await readdir(dir)) if (name !== WORK_MARKER_FILE) await rm(join(dir, name), { recursive: true, force: true });
}

async function mark(dir: string, options: InspectWorkFolderOptions): Promise<ClaimedWorkFolder> {
  await chmod(dir, PRIVATE_FOLDER);
  try {
    return { id: await writeWorkMarker(dir), restage: true };
  } catch (error) {
    // another trailhive marked it first: judge the folder again
    if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
    const again = await assertWorkFolder(dir, options);
    if (again.kind !== "marked") throw error;
    return { id: again.id, restage: true };
  }
}

async function tighten(dir: string): Promise<void> {
  if (((await stat(dir)).mode & 0o077) !== 0) await chmod(dir, PRIVATE_FOLDER);
}

/**
 * The cache's `work/` folder, owner-only: made so when missing; an existing one (the earlier release
 * made it 0755) is tightened only when it is ours and holds nothing but default work folders' names.
 */
async function privateCacheWorkRoot(root: string): Promise<void> {
  if ((await mkdir(root, { recursive: true, mode: PRIVATE_FOLDER })) !== undefined) return chmod(root, PRIVATE_FOLDER);
  const s = await stat(root);
  const uid = process.getuid?.();
  if ((s.mode & 0o077) === 0 || (uid !== undefined && s.uid !== uid)) return;
  const names = await readdir(root);
  if (names.every((n) => /^[0-9a-f]{16}$/.test(n))) await chmod(root, PRIVATE_FOLDER);
}
