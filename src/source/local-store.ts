import { readdir, readFile, stat } from "node:fs/promises";
import { join, sep } from "node:path";
import type { ListOptions, ListPage, ObjectEntry, ObjectStore } from "./object-store.js";
import { TrailhiveError } from "../errors.js";

/** S3 returns at most 1,000 keys a page; the local store pages the same way so callers see one behaviour. */
const PAGE_SIZE = 1000;

/**
 * A local folder seen as an object store: keys are paths relative to the folder with `/` separators,
 * listed in the same lexicographic (UTF-16 code unit) order S3 uses.
 *
 * @example
 *   const store = new LocalStore("./examples/logs");
 *   const page = await store.list({ prefix: "AWSLogs/", delimiter: "/" });
 */
export class LocalStore implements ObjectStore {
  readonly root: string;
  /**
   * The sorted walk behind the last listing, reused by its next pages: walking the tree again for
   * every page of 1,000 made listing N files cost N²/1,000 (1.2 s for 14k files).
   */
  private lastWalk: { prefix: string; shallow: boolean; entries: ObjectEntry[] } | undefined;

  constructor(root: string) {
    this.root = root;
  }

  async list(options: ListOptions): Promise<ListPage> {
    const { prefix, delimiter, continuationToken, startAfter } = options;
    const maxKeys = options.maxKeys ?? PAGE_SIZE;
    // Only the folder that holds the prefix needs walking.
    const slash = prefix.lastIndexOf("/");
    const base = slash >= 0 ? prefix.slice(0, slash + 1) : "";
    const shallow = delimiter === "/";
    const paging = continuationToken !== undefined && this.lastWalk?.prefix === prefix && this.lastWalk.shallow === shallow;
    let matching: ObjectEntry[];
    if (paging && this.lastWalk !== undefined) {
      matching = this.lastWalk.entries;
    } else {
      const entries: ObjectEntry[] = [];
      await walk(this.root, base, prefix, shallow, entries);
      matching = entries.filter((e) => e.key.startsWith(prefix)).sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
      this.lastWalk = { prefix, shallow, entries: matching };
    }

    const objects: ObjectEntry[] = [];
    const prefixes: string[] = [];
    let last: string | undefined;
    // Pages resume after the token: skip to it by binary search rather than scanning from the start.
    const resumeAfter = continuationToken ?? startAfter;
    for (let i = resumeAfter === undefined ? 0 : firstAfter(matching, resumeAfter); i < matching.length; i++) {
      const entry = matching[i] as ObjectEntry;
      let item: string = entry.key;
      let isPrefix = false;
      if (delimiter !== undefined) {
        const at = entry.key.indexOf(delimiter, prefix.length);
        if (at >= 0) {
          item = entry.key.slice(0, at + delimiter.length);
          isPrefix = true;
        }
      }
      if (continuationToken !== undefined && item <= continuationToken) continue;
      if (continuationToken === undefined && startAfter !== undefined && item <= startAfter) continue;
      if (isPrefix) {
        if (prefixes[prefixes.length - 1] === item) continue;
        if (objects.length + prefixes.length >= maxKeys) return { objects: await this.sized(objects), prefixes, continuationToken: last };
        prefixes.push(item);
      } else {
        if (objects.length + prefixes.length >= maxKeys) return { objects: await this.sized(objects), prefixes, continuationToken: last };
        objects.push(entry);
      }
      last = item;
    }
    return { objects: await this.sized(objects), prefixes };
  }

  /** Sizes are read for the page's objects only: a walk that stat()ed every file made paging quadratic. */
  private async sized(objects: ObjectEntry[]): Promise<ObjectEntry[]> {
    return Promise.all(objects.map(async (o) => ({ key: o.key, size: (await stat(join(this.root, ...o.key.split("/")))).size })));
  }

  async get(key: string): Promise<Buffer> {
    try {
      return await readFile(join(this.root, ...key.split("/")));
    } catch (error) {
      throw new TrailhiveError("SOURCE_READ_FAILED", `cannot read ${join(this.root, key)}: ${(error as Error).message}`, { key }, { cause: error });
    }
  }
}

/** The index of the first entry whose key sorts after `key`'s folder or key (entries sorted by key). */
function firstAfter(entries: readonly ObjectEntry[], key: string): number {
  // A token may be a common prefix ("a/b/"): every key inside it sorts after it too and must be
  // skipped by the loop's own check, so search for the token itself and let the loop do the rest.
  let lo = 0;
  let hi = entries.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((entries[mid] as ObjectEntry).key <= key) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * Collects files below `dir`. With `shallow` (a `/` delimiter listing) folders under the prefix are
 * not descended into: one entry stands for the whole folder, which is all a delimiter listing needs.
 */
async function walk(root: string, dir: string, prefix: string, shallow: boolean, out: ObjectEntry[]): Promise<void> {
  let names: import("node:fs").Dirent[];
  try {
    names = await readdir(join(root, ...dir.split("/").filter(Boolean)), { withFileTypes: true });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT" || (error as NodeJS.ErrnoException).code === "ENOTDIR") return;
    throw new TrailhiveError("SOURCE_LIST_FAILED", `cannot list ${join(root, dir)}: ${(error as Error).message}`, { dir }, { cause: error });
  }
  for (const entry of names) {
    const key = dir + entry.name;
    if (entry.isDirectory()) {
      const folder = key + "/";
      // Folders that cannot hold a key with the prefix are never read.
      if (!folder.startsWith(prefix) && !prefix.startsWith(folder)) continue;
      if (shallow && folder.startsWith(prefix) && folder.length > prefix.length) {
        // S3 has no empty folders: a folder with no file below it is no common prefix there either.
        if (await holdsAnyFile(join(root, ...folder.split("/").filter(Boolean)))) out.push({ key: folder + "\u0000", size: 0 });
        continue;
      }
      await walk(root, folder, prefix, shallow, out);
    } else if (entry.isFile()) {
      // Size comes later, for the listed page only (see LocalStore.sized).
      out.push({ key, size: 0 });
    }
  }
}

/** Whether any file lies below `dir` (depth first, stopping at the first one). */
async function holdsAnyFile(dir: string): Promise<boolean> {
  let names: import("node:fs").Dirent[];
  try {
    names = await readdir(dir, { withFileTypes: true });
  } catch {
    return false;
  }
  if (names.some((n) => n.isFile())) return true;
  for (const n of names) if (n.isDirectory() && (await holdsAnyFile(join(dir, n.name)))) return true;
  return false;
}

/** Path separator check kept here so Windows paths given by users still become `/` keys. */
export function toKey(relativePath: string): string {
  return relativePath.split(sep).join("/");
}
