import { readFileSync } from "node:fs";
import { gunzipSync } from "node:zlib";
import type { LoadedFile } from "./local-file-reader.js";

const GZIP_MAGIC = [0x1f, 0x8b] as const;

/**
 * A local log file's bytes, read and inflated synchronously: LocalStore's promise-based read costs four
 * thread-pool hops per file (open, stat, read, close), and zlib's async gunzip a handle and a hop per
 * call, several times the CPU of the work itself on small CloudTrail files. Gzip that does not inflate
 * comes back as stored (the reader then says why: truncated, corrupt); a read that fails comes back as
 * an error message, never a throw.
 *
 * @example
 *   loadLocalFile("/logs/a.json.gz")   // { bytes: <inflated>, size: <bytes as stored> }
 *   loadLocalFile("/logs/gone.json")   // { size: 0, error: "cannot read /logs/gone.json: ENOENT ..." }
 */
export function loadLocalFile(path: string): LoadedFile {
  let stored: Buffer;
  try {
    stored = readFileSync(path);
  } catch (error) {
    return { size: 0, error: `cannot read ${path}: ${(error as Error).message}` };
  }
  return { bytes: inflated(stored), size: stored.length };
}

/** Inflated bytes when they are gzip and inflate, else the bytes as they are. */
export function inflated(stored: Buffer): Buffer {
  if (stored[0] !== GZIP_MAGIC[0] || stored[1] !== GZIP_MAGIC[1]) return stored;
  try {
    return gunzipSync(stored);
  } catch {
    return stored;
  }
}
