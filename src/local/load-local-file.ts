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

/**
 * Inflated bytes when they are gzip and inflate, else the bytes as they are. The output buffer is sized
 * from the gzip trailer (the last member's length, mod 2^32), so zlib fills one buffer instead of
 * 16 KiB chunks it then copies into one; a trailer that lies (several members, a hostile size) only
 * costs chunks again, since the size is capped.
 */
export function inflated(stored: Buffer): Buffer {
  if (stored[0] !== GZIP_MAGIC[0] || stored[1] !== GZIP_MAGIC[1]) return stored;
  try {
    return gunzipSync(stored, { chunkSize: inflatedChunkSize(stored) });
  } catch {
    return stored;
  }
}

/** Largest output buffer taken from a trailer's word: beyond it, zlib's chunks. */
const MAX_SIZED_CHUNK = 64 * 1024 * 1024;
/** zlib's smallest chunk (Z_MIN_CHUNK). */
const MIN_CHUNK = 64;

/**
 * One past the length the gzip trailer states (one past, so zlib sees the output end without a second
 * buffer), within zlib's bounds.
 * @example inflatedChunkSize(gzipSync(Buffer.alloc(1000))) // 1001
 */
export function inflatedChunkSize(gzip: Buffer): number {
  if (gzip.length < 18) return 16 * 1024;
  const stated = gzip.readUInt32LE(gzip.length - 4);
  return Math.max(MIN_CHUNK, Math.min(stated + 1, MAX_SIZED_CHUNK));
}
