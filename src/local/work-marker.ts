import { randomBytes } from "node:crypto";
import { lstat, readFile, stat, writeFile } from "node:fs/promises";
import { join } from "node:path";

/**
 * The file that makes a folder a trailhive work folder: trailhive writes it into every work folder it
 * creates and empties only a folder that carries it (a name like `staged/` or `manifest.json` proves
 * nothing: a project folder may hold one). Its JSON says:
 * - `version`: so a later release can read this one's markers;
 * - `id`: random, so two work folders never carry the same marker and messages can tell them apart;
 * - `inode`: the folder's own inode number when the marker was written. A marker that arrived with a
 *   copy, a backup restore, an archive or a git checkout sits in a folder with another inode, and that
 *   folder is not one trailhive made, so it is refused rather than emptied. A forged marker must guess
 *   the inode of a folder that already exists.
 * Written owner-only and never through a link (`wx`: it fails when anything already has the name).
 *
 * @example
 *   await writeWorkMarker("/home/me/.cache/trailhive/work/3f2a...");
 *   const m = await readWorkMarker(dir); // { ok: true, id: "9c1e..." } or { ok: false, problem: "..." }
 */
export const WORK_MARKER_FILE = ".trailhive-work";
export const WORK_MARKER_VERSION = 1;
/** A marker is about 130 bytes: a bigger file is not one, and is not read. */
const MAX_MARKER_BYTES = 4096;

interface WorkMarker {
  trailhive: "work folder";
  version: typeof WORK_MARKER_VERSION;
  id: string;
  inode: string;
}

export type MarkerCheck = { ok: true; id: string } | { ok: false; problem: string };

/** Writes the marker of a folder trailhive has just made (or found empty); fails when the name is taken. */
export async function writeWorkMarker(dir: string): Promise<string> {
  const inode = (await stat(dir, { bigint: true })).ino.toString();
  const marker: WorkMarker = { trailhive: "work folder", version: WORK_MARKER_VERSION, id: randomBytes(16).toString("hex"), inode };
  await writeFile(join(dir, WORK_MARKER_FILE), JSON.stringify(marker) + "\n", { mode: 0o600, flag: "wx" });
  return marker.id;
}

/** Whether `dir` carries a marker trailhive wrote in this very folder (undefined: it has none). */
export async function readWorkMarker(dir: string): Promise<MarkerCheck | undefined> {
  const path = join(dir, WORK_MARKER_FILE);
  const link = await lstat(path).catch(() => undefined);
  if (link === undefined) return undefined;
  if (!link.isFile()) return { ok: false, problem: `has a ${WORK_MARKER_FILE} that is a ${link.isSymbolicLink() ? "symbolic link" : "folder or device"}, not a marker trailhive wrote` };
  const uid = process.getuid?.();
  if (uid !== undefined && link.uid !== uid) return { ok: false, problem: `has a ${WORK_MARKER_FILE} owned by another user` };
  if (link.size > MAX_MARKER_BYTES) return { ok: false, problem: `has a ${WORK_MARKER_FILE} that is not a marker trailhive wrote` };
  let marker: Partial<WorkMarker>;
  try {
    marker = JSON.parse(await readFile(path, "utf8")) as Partial<WorkMarker>;
  } catch {
    return { ok: false, problem: `has a ${WORK_MARKER_FILE} that is not a marker trailhive wrote` };
  }
  if (marker === null || typeof marker !== "object" || marker.trailhive !== "work folder" || typeof marker.id !== "string" || typeof marker.inode !== "string") {
    return { ok: false, problem: `has a ${WORK_MARKER_FILE} that is not a marker trailhive wrote` };
  }
  if (marker.version !== WORK_MARKER_VERSION) return { ok: false, problem: `has a ${WORK_MARKER_FILE} marker of version ${String(marker.version)}, which this trailhive does not know` };
  const inode = (await stat(dir, { bigint: true })).ino.toString();
  if (marker.inode !== inode) return { ok: false, problem: `has a ${WORK_MARKER_FILE} marker written in another folder (copied here, or restored from a backup)` };
  return { ok: true, id: marker.id };
}
