import { readFile, rename, writeFile } from "node:fs/promises";
import { join } from "node:path";
import type { SkippedFile, StagedFile, StagedPartition } from "./stage-logs.js";

/**
 * What a work folder holds, written after each step completes so a crash leaves the step undone
 * rather than half-believed: the sources that were staged (keys, sizes, modification times or ETags),
 * what staging produced, and which tables the metastore has. A second run over unchanged sources
 * compares fingerprints and skips staging and table creation.
 *
 * @example
 *   const m = await readWorkManifest("/home/me/.cache/trailhive/work/3f2a...");
 *   const reuse = m !== undefined && sameSources(m.sources, current); // true: skip staging and table creation
 */
export const WORK_MANIFEST_VERSION = 1;
export const WORK_MANIFEST_FILE = "manifest.json";

export interface SourceFingerprint {
  /** the source root as the store names it (absolute folder or s3:// URI) */
  root: string;
  key: string;
  size: number;
  /** modification time (local files) or ETag (S3) when the store gives one */
  version?: string;
}

export interface StagingRecord {
  records: number;
  files: StagedFile[];
  skipped: SkippedFile[];
  partitions: StagedPartition[];
  /** the schema inferred while staging, relative to the work folder */
  schemaFile: string;
  /** the inflated-size bound files were staged under: another bound skips other files, so the staging is not reused */
  maxFileBytes?: number;
}

export interface TableRecord {
  flavor: string;
  /** sha256 of the statements that created it, so a changed schema or template recreates it */
  ddlSha256: string;
}

export interface WorkManifest {
  version: typeof WORK_MANIFEST_VERSION;
  sources: SourceFingerprint[];
  staging: StagingRecord;
  /** tables in the work folder's metastore, by name */
  tables: Record<string, TableRecord>;
}

/** The manifest, or undefined when the folder has none or one from another version. */
export async function readWorkManifest(workDir: string): Promise<WorkManifest | undefined> {
  let text: string;
  try {
    text = await readFile(join(workDir, WORK_MANIFEST_FILE), "utf8");
  } catch {
    return undefined;
  }
  try {
    const value = JSON.parse(text) as Partial<WorkManifest>;
    if (value.version !== WORK_MANIFEST_VERSION || !Array.isArray(value.sources) || value.staging === undefined || value.tables === undefined) return undefined;
    return value as WorkManifest;
  } catch {
    return undefined;
  }
}

/** Writes the manifest atomically (temp file, then rename), owner-only, 2-space indent, trailing newline. */
export async function writeWorkManifest(workDir: string, manifest: WorkManifest): Promise<void> {
  const path = join(workDir, WORK_MANIFEST_FILE);
  await writeFile(path + ".tmp", JSON.stringify(manifest, null, 2) + "\n", { mode: 0o600 });
  await rename(path + ".tmp", path);
}

/** Whether two fingerprints name the same objects with the same sizes and versions (order matters: both come sorted from the listing). */
export function sameSources(a: readonly SourceFingerprint[], b: readonly SourceFingerprint[]): boolean {
  return (
    a.length === b.length &&
    a.every((x, i) => {
      const y = b[i];
      return y !== undefined && x.root === y.root && x.key === y.key && x.size === y.size && x.version === y.version;
    })
  );
}
