import { closeSync, constants, fstatSync, openSync, readSync } from "node:fs";
import { DEFAULT_MAX_FILE_BYTES, inflateBounded, inflatedChunkSize, tooLargeMessage } from "../records/inflate-bounded.js";
import { specialFileKind } from "../source/special-file-kind.js";
import type { LoadedFile } from "./local-file-reader.js";

const GZIP_MAGIC = [0x1f, 0x8b] as const;

/**
 * A local log file's bytes, read and inflated synchronously: LocalStore's promise-based read costs four
 * thread-pool hops per file (open, stat, read, close), and zlib's async gunzip a handle and a hop per
 * call, several times the CPU of the work itself on small CloudTrail files. Gzip that does not inflate
 * comes back as stored (the reader then says why: truncated, corrupt); a read that fails comes back as
 * an error message, never a throw. What is not a regular file (a FIFO, a socket, a device) is refused
 * without reading: it is opened non-blocking, so a FIFO with no writer cannot hang the run. A file of
 * more than `maxFileBytes` (as stored, or once inflated) is skipped as `too-large`, never read whole.
 *
 * @example
 *   loadLocalFile("/logs/a.json.gz")   // { bytes: <inflated>, size: <bytes as stored> }
 *   loadLocalFile("/logs/gone.json")   // { size: 0, error: "cannot read /logs/gone.json: ENOENT ..." }
 *   loadLocalFile("/logs/bomb.json.gz", { maxFileBytes: 1 << 20 }) // { size, skipped: { reason: "too-large", message } }
 */
export function loadLocalFile(path: string, options: { maxFileBytes?: number } = {}): LoadedFile {
  const maxBytes = options.maxFileBytes ?? DEFAULT_MAX_FILE_BYTES;
  const name = path;
  let stored: Buffer;
  try {
    const opened = openRegularFile(path);
    if ("refused" in opened) return { size: 0, skipped: { reason: "not-a-file", message: `${name}: ${opened.refused}` } };
    try {
      if (opened.size > maxBytes) return { size: opened.size, skipped: { reason: "too-large", message: tooLargeMessage(name, maxBytes, { inflated: false, size: opened.size }) } };
      stored = readWhole(opened.fd, opened.size);
    } finally {
      closeSync(opened.fd);
    }
  } catch (error) {
    return { size: 0, error: `cannot read ${path}: ${(error as Error).message}` };
  }
  const bytes = inflated(stored, maxBytes);
  if (bytes === undefined) return { size: stored.length, skipped: { reason: "too-large", message: tooLargeMessage(name, maxBytes, { inflated: true }) } };
  return { bytes, size: stored.length };
}

/**
 * Opens `path` for reading without blocking and checks it is a regular file before anything is read:
 * `{ refused }` says what it is instead. Throws what open/fstat throw (ENOENT, EACCES).
 *
 * @example
 *   openRegularFile("/tmp/fifo") // { refused: "a FIFO (named pipe), not a regular file: not read" }
 */
export function openRegularFile(path: string): { fd: number; size: number } | { refused: string } {
  const fd = openSync(path, constants.O_RDONLY | constants.O_NONBLOCK);
  const info = fstatSync(fd);
  if (info.isFile()) return { fd, size: info.size };
  closeSync(fd);
  return { refused: `${specialFileKind(info)}, not a regular file: not read` };
}

/** The file's bytes from an open descriptor: `size` from fstat, more if it grew meanwhile is not read. */
export function readWhole(fd: number, size: number): Buffer {
  const out = Buffer.allocUnsafe(size);
  let at = 0;
  while (at < size) {
    const n = readSync(fd, out, at, size - at, null);
    if (n === 0) break;
    at += n;
  }
  return at === size ? out : out.subarray(0, at);
}

/**
 * Inflated bytes when they are gzip and inflate within `maxBytes` (undefined past it), else the bytes
 * as they are. The output buffer is sized from the gzip trailer (the last member's length, mod 2^32),
 * so zlib fills one buffer instead of 16 KiB chunks it then copies into one; a trailer that lies
 * (several members, a hostile size) only costs chunks again, since the size is capped.
 */
export function inflated(stored: Buffer, maxBytes: number = DEFAULT_MAX_FILE_BYTES): Buffer | undefined {
  if (stored[0] !== GZIP_MAGIC[0] || stored[1] !== GZIP_MAGIC[1]) return stored;
  const out = inflateBounded(stored, maxBytes, inflatedChunkSize(stored));
  if ("tooLarge" in out) return undefined;
  return "bytes" in out ? out.bytes : stored;
}
