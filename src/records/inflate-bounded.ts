import { constants } from "node:buffer";
import { gunzipSync } from "node:zlib";
import { TrailhiveError } from "../errors.js";

const MIB = 1024 * 1024;

/**
 * The most bytes one log file may hold once inflated (`--max-file-size`, in MiB). CloudTrail delivers
 * a file every ~5 minutes per account and region, at most a few tens of MB of JSON even for busy
 * accounts; a file is parsed whole (one JSON.parse), and V8 cannot hold a string past ~512 MiB, so the
 * default sits well between the two: real files always pass, a gzip bomb stops here.
 */
export const DEFAULT_MAX_FILE_BYTES = 256 * MIB;

/** What inflating under a bound gave: the bytes, the bound passed (inflating stopped there), or zlib's error. */
export type BoundedInflate = { bytes: Buffer } | { tooLarge: true } | { error: Error & { code?: string } };

/**
 * Gunzips `gzip` (every member) but stops as soon as the output passes `maxBytes`: zlib's
 * `maxOutputLength` ends the inflate at the chunk that passes it, so a bomb costs at most the bound in
 * memory. `chunkSize` is zlib's output chunk (see `inflatedChunkSize`).
 *
 * @example
 *   inflateBounded(gzipSync(Buffer.alloc(10)), 100);   // { bytes: <10 bytes> }
 *   inflateBounded(gzipSync(Buffer.alloc(1000)), 100); // { tooLarge: true }
 */
export function inflateBounded(gzip: Buffer, maxBytes: number, chunkSize?: number): BoundedInflate {
  try {
    const chunk = chunkSize === undefined ? undefined : Math.max(64, Math.min(chunkSize, maxBytes + 1));
    return { bytes: gunzipSync(gzip, { maxOutputLength: Math.max(1, maxBytes), ...(chunk === undefined ? {} : { chunkSize: chunk }) }) };
  } catch (error) {
    if ((error as { code?: string }).code === "ERR_BUFFER_TOO_LARGE") return { tooLarge: true };
    return { error: error as Error };
  }
}

/**
 * The one-line reason a file passed the bound: names the file, the bound and the option that raises it.
 *
 * @example
 *   tooLargeMessage("a.json.gz", 256 * 1024 * 1024, { inflated: true });
 *   // "a.json.gz: inflates to more than 256 MiB (--max-file-size); raise --max-file-size (MiB) to read it"
 */
export function tooLargeMessage(path: string, maxBytes: number, how: { inflated: boolean; size?: number }): string {
  const what = how.inflated ? "inflates to more than" : `holds ${formatMiB(how.size ?? maxBytes + 1)}, more than`;
  return `${path}: ${what} ${formatMiB(maxBytes)} (--max-file-size); raise --max-file-size (MiB) to read it`;
}

/** Bytes as MiB for messages, without a long fraction. */
export function formatMiB(bytes: number): string {
  const mib = bytes / MIB;
  return `${Number.isInteger(mib) ? mib : mib.toFixed(mib < 10 ? 2 : 1)} MiB`;
}

/**
 * The largest bound that can work: a file is decoded into one string, and V8's strings end at
 * `MAX_STRING_LENGTH` (~512 MiB) whatever the memory.
 */
export const MAX_FILE_BYTES_LIMIT = constants.MAX_STRING_LENGTH;

/**
 * `--max-file-size` (MiB, may be fractional) as bytes, checked: a usage error names the option.
 *
 * @example
 *   maxFileBytesFrom(256); // 268435456
 */
export function maxFileBytesFrom(mib: number | undefined): number | undefined {
  if (mib === undefined) return undefined;
  if (!Number.isFinite(mib) || mib <= 0 || mib * MIB > MAX_FILE_BYTES_LIMIT) {
    throw new TrailhiveError("USAGE_BAD_OPTION", { problem: "file-size", option: "max-file-size", value: mib, maxMiB: Math.floor(MAX_FILE_BYTES_LIMIT / MIB) });
  }
  return Math.max(1, Math.floor(mib * MIB));
}

/** Largest output buffer taken from a trailer's word: beyond it, zlib's chunks. */
const MAX_SIZED_CHUNK = 64 * 1024 * 1024;
/** The most one deflate stream inflates per byte it holds. */
const MAX_DEFLATE_RATIO = 1032;
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
  // Deflate cannot beat ~1032:1, so a trailer stating more than that is a lie not worth a buffer.
  return Math.max(MIN_CHUNK, Math.min(stated + 1, gzip.length * MAX_DEFLATE_RATIO, MAX_SIZED_CHUNK));
}
