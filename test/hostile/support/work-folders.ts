import { mkdirSync, statSync, symlinkSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";

/**
 * Folders that look like trailhive work folders and are not (issue 14): each kind is built inside a
 * test's temporary folder, beside an `outside/` folder that links may point at, so one snapshot of
 * the temporary folder sees anything a run deletes or writes, there or through a link.
 *
 * @example
 *   const { work, expect } = hostileWorkFolders[0]!.make(dir);
 */
export interface HostileWorkFolder {
  name: string;
  /** builds it below `dir`; `work` is what --work gets */
  make(dir: string): { work: string };
}

/** A file at `path`, with its folders. */
export function put(path: string, text: string): void {
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, text);
}

/** A marker as trailhive writes it, for a folder with inode `inode` (the real one or not). */
export function markerText(inode: string, overrides: Record<string, unknown> = {}): string {
  return JSON.stringify({ trailhive: "work folder", version: 1, id: "0".repeat(32), inode, ...overrides }) + "\n";
}

export function inodeOf(path: string): string {
  return statSync(path, { bigint: true }).ino.toString();
}

/** A name as the default work folders have (16 hex digits). */
export const DEFAULT_NAME = "0123456789abcdef";

/** The user's things a refused folder holds besides whatever imitates trailhive. */
function project(dir: string): void {
  put(join(dir, "src", "index.ts"), "export const precious = true;\n");
  put(join(dir, "README.md"), "# my project\n");
}

function outside(dir: string): string {
  const out = join(dir, "outside");
  put(join(out, "keep.txt"), "not trailhive's\n");
  return out;
}

export const hostileWorkFolders: readonly HostileWorkFolder[] = [
  {
    name: "a project with a manifest.json",
    make: (dir) => {
      const work = join(dir, "proj");
      project(work);
      put(join(work, "manifest.json"), '{"name":"my-project"}\n');
      return { work };
    },
  },
  {
    name: "a folder holding an entry named staged",
    make: (dir) => {
      const work = join(dir, "data");
      put(join(work, "staged", "draft.txt"), "my staged draft\n");
      put(join(work, "notes.txt"), "notes\n");
      return { work };
    },
  },
  {
    name: "only names trailhive writes, but outside the cache and unmarked",
    make: (dir) => {
      const work = join(dir, "looks-like-work");
      put(join(work, "manifest.json"), "{}\n");
      put(join(work, "schema.json"), "{}\n");
      put(join(work, "staged", "account=1", "part-00000.json.gz"), "x");
      return { work };
    },
  },
  {
    name: "a symlinked staged beside a manifest.json",
    make: (dir) => {
      const work = join(dir, "linked-staged");
      put(join(work, "manifest.json"), "{}\n");
      symlinkSync(outside(dir), join(work, "staged"));
      return { work };
    },
  },
  {
    name: "a file given as the work folder",
    make: (dir) => {
      const work = join(dir, "thesis.tex");
      put(work, "precious\n");
      return { work };
    },
  },
  {
    name: "a link to a project folder given as the work folder",
    make: (dir) => {
      const target = join(dir, "proj-target");
      project(target);
      put(join(target, "manifest.json"), "{}\n");
      const work = join(dir, "work-link");
      symlinkSync(target, work);
      return { work };
    },
  },
  {
    name: "a link to nothing given as the work folder",
    make: (dir) => {
      const work = join(dir, "dangling");
      symlinkSync(join(dir, "nowhere"), work);
      return { work };
    },
  },
  {
    name: "a marker copied from another folder (its inode)",
    make: (dir) => {
      const other = join(dir, "other");
      mkdirSync(other);
      const work = join(dir, "copied");
      project(work);
      put(join(work, ".trailhive-work"), markerText(inodeOf(other)));
      return { work };
    },
  },
  {
    name: "a marker that is not JSON",
    make: (dir) => {
      const work = join(dir, "garbage-marker");
      project(work);
      put(join(work, ".trailhive-work"), "trust me\n");
      return { work };
    },
  },
  {
    name: "a marker of an unknown version",
    make: (dir) => {
      const work = join(dir, "future-marker");
      project(work);
      put(join(work, ".trailhive-work"), markerText(inodeOf(work), { version: 99 }));
      return { work };
    },
  },
  {
    name: "a marker that is a symbolic link to a real marker",
    make: (dir) => {
      const work = join(dir, "linked-marker");
      project(work);
      const real = join(dir, "real-marker");
      put(real, markerText(inodeOf(work)));
      symlinkSync(real, join(work, ".trailhive-work"));
      return { work };
    },
  },
  {
    name: "a marker that is a folder",
    make: (dir) => {
      const work = join(dir, "folder-marker");
      project(work);
      mkdirSync(join(work, ".trailhive-work"));
      return { work };
    },
  },
  {
    name: "an unmarked folder in the cache's work/ with a file trailhive does not write",
    make: (dir) => {
      const work = join(dir, "cache", "work", DEFAULT_NAME);
      put(join(work, "manifest.json"), "{}\n");
      put(join(work, "staged", "account=1", "part-00000.json.gz"), "x");
      put(join(work, "thesis.tex"), "precious\n");
      return { work };
    },
  },
  {
    name: "an unmarked folder in the cache's work/ whose staged is a link",
    make: (dir) => {
      const work = join(dir, "cache", "work", DEFAULT_NAME);
      put(join(work, "manifest.json"), "{}\n");
      symlinkSync(outside(dir), join(work, "staged"));
      return { work };
    },
  },
  {
    name: "an unmarked folder in the cache's work/ not named as trailhive names them",
    make: (dir) => {
      const work = join(dir, "cache", "work", "my-folder");
      put(join(work, "manifest.json"), "{}\n");
      put(join(work, "staged", "account=1", "part-00000.json.gz"), "x");
      return { work };
    },
  },
];

/** A folder of logs with no CloudTrail event: staging ends with exit 2 before Hive is needed. */
export function noEventLogs(dir: string): string {
  const logs = join(dir, "no-events");
  put(join(logs, "notes.json"), '{"hello":"world"}\n');
  return logs;
}

/** A descriptor of a kept engine whose process is gone: what `engine status` used to remove anywhere. */
export function deadEngineDescriptor(): string {
  return JSON.stringify({ pid: 2147483646, port: 1, token: "t", key: "k" }) + "\n";
}
