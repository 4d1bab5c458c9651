import { lstat, readdir, stat } from "node:fs/promises";
import { basename, dirname, resolve } from "node:path";
import type { Stats } from "node:fs";
import { readWorkMarker, WORK_MARKER_FILE } from "./work-marker.js";

/**
 * What a folder given as a work folder is, without touching it: missing or empty (trailhive may make
 * it its own), marked (trailhive made it: work-marker.ts), a work folder of the release before markers
 * (adopted only where that release put them and only when it holds nothing else), or refused with the
 * reason. Symbolic links are judged by what they point at; nothing is followed below the folder.
 *
 * @example
 *   const state = await inspectWorkFolder("/home/me/project", { cacheWorkRoot: "/home/me/.cache/trailhive/work" });
 *   // { kind: "refused", reason: "holds files trailhive did not write (manifest.json, src)" }
 */
export type WorkFolderState = { kind: "missing" } | { kind: "empty" } | { kind: "marked"; id: string } | { kind: "legacy" } | { kind: "refused"; reason: string };

export interface InspectWorkFolderOptions {
  /** the cache's `work/` folder: unmarked folders directly in it may be work folders of an earlier release */
  cacheWorkRoot?: string;
}

/** The default work folders' names (fingerprint-sources.ts workFolderName: 16 hex digits). */
const DEFAULT_NAME = /^[0-9a-f]{16}$/;

/**
 * Every name the release before markers wrote in a work folder (the staged logs, schema and
 * manifest, Hive's Derby metastore, warehouse and scratch folders, the kept engine's descriptor, log
 * and lock, with their temporary names), and whether it is a folder. A legacy work folder is adopted
 * only when each entry is one of these, of that kind, and not a link.
 */
const LEGACY_ENTRIES: readonly { name: string | RegExp; folder: boolean }[] = [
  { name: "staged", folder: true },
  { name: "metastore_db", folder: true },
  { name: "tmp", folder: true },
  { name: "warehouse", folder: true },
  { name: "manifest.json", folder: false },
  { name: "manifest.json.tmp", folder: false },
  { name: "schema.json", folder: false },
  { name: "derby.log", folder: false },
  { name: "engine.json", folder: false },
  { name: /^engine\.json\.\d+\.tmp$/, folder: false },
  { name: "engine.log", folder: false },
  { name: "engine.lock", folder: false },
  { name: /^engine\.lock\.\d+\.[0-9a-f]{8}$/, folder: false },
];

/** At most this many foreign names in a refusal: enough to recognise the folder. */
const NAMED_ENTRIES = 3;

export async function inspectWorkFolder(dir: string, options: InspectWorkFolderOptions = {}): Promise<WorkFolderState> {
  const link = await lstat(dir).catch((error: NodeJS.ErrnoException) => error);
  if (link instanceof Error) return link.code === "ENOENT" ? { kind: "missing" } : { kind: "refused", reason: `cannot be read (${link.code ?? link.message})` };
  let folder: Stats = link;
  if (link.isSymbolicLink()) {
    const target = await stat(dir).catch(() => undefined);
    if (target === undefined) return { kind: "refused", reason: "is a symbolic link to nothing" };
    folder = target;
  }
  if (!folder.isDirectory()) return { kind: "refused", reason: folder.isFile() ? "is a file, not a folder" : "is not a folder" };
  const uid = process.getuid?.();
  if (uid !== undefined && folder.uid !== uid) return { kind: "refused", reason: "belongs to another user" };
  const entries = await readdir(dir).catch((error: NodeJS.ErrnoException) => error);
  if (entries instanceof Error) return { kind: "refused", reason: `cannot be read (${entries.code ?? entries.message})` };
  if (entries.length === 0) return { kind: "empty" };

  const marker = await readWorkMarker(dir);
  if (marker !== undefined) return marker.ok ? { kind: "marked", id: marker.id } : { kind: "refused", reason: marker.problem };
  const inCache = options.cacheWorkRoot !== undefined && !link.isSymbolicLink() && resolve(dirname(dir)) === resolve(options.cacheWorkRoot) && DEFAULT_NAME.test(basename(dir));
  const foreign: string[] = [];
  for (const name of entries.sort()) if (!inCache || !(await isLegacyEntry(dir, name))) foreign.push(name);
  if (foreign.length === 0) return { kind: "legacy" };
  const named = foreign.slice(0, NAMED_ENTRIES).join(", ") + (foreign.length > NAMED_ENTRIES ? ", ..." : "");
  return { kind: "refused", reason: inCache ? `holds files trailhive did not write (${named})` : `holds files trailhive cannot tell it wrote (${named}; no ${WORK_MARKER_FILE} marker)` };
}

async function isLegacyEntry(dir: string, name: string): Promise<boolean> {
  const entry = LEGACY_ENTRIES.find((e) => (typeof e.name === "string" ? e.name === name : e.name.test(name)));
  if (entry === undefined) return false;
  const s = await lstat(resolve(dir, name)).catch(() => undefined);
  return s !== undefined && (entry.folder ? s.isDirectory() : s.isFile());
}
