import { createHash } from "node:crypto";
import { stat } from "node:fs/promises";
import type { SourceFile } from "../source/resolve-sources.js";
import type { SourceFingerprint } from "./work-manifest.js";

/**
 * The fingerprint of the files a run would stage: root, key, size, and a version (a local file's
 * modification time; an S3 listing's ETag when the store's entries carry one). Equal fingerprints mean
 * the staged copy still answers for the logs.
 *
 * @example
 *   const prints = await fingerprintSources(resolved.files);
 */
export async function fingerprintSources(files: readonly SourceFile[]): Promise<SourceFingerprint[]> {
  const out: SourceFingerprint[] = [];
  // Many stats in flight at once: one at a time cost a warm run ~0.3 s per 14k files.
  for (let at = 0; at < files.length; at += STATS_IN_FLIGHT) {
    const batch = files.slice(at, at + STATS_IN_FLIGHT);
    const versions = await Promise.all(batch.map(versionOf));
    batch.forEach((file, i) => {
      const print: SourceFingerprint = { root: file.store.root, key: file.key, size: file.size };
      const version = versions[i];
      if (version !== undefined) print.version = version;
      out.push(print);
    });
  }
  return out;
}

const STATS_IN_FLIGHT = 256;

async function versionOf(file: SourceFile): Promise<string | undefined> {
  if (file.version !== undefined) return file.version;
  const path = file.store.localPath?.(file.key);
  if (path === undefined) return undefined;
  try {
    return String((await stat(path)).mtimeMs);
  } catch {
    return undefined;
  }
}

/**
 * The default work folder's name for a set of sources and sampling bounds: a short hash, so the same
 * logs asked about again find their staged copy and metastore.
 *
 * @example
 *   workFolderName({ roots: ["/home/me/logs"], sample: {} })  // "9c1095a92a8c9bb6"
 */
export function workFolderName(key: { roots: string[]; sample: object }): string {
  return createHash("sha256").update(JSON.stringify(key)).digest("hex").slice(0, 16);
}
