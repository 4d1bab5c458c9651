import { mkdirSync, writeFileSync } from "node:fs";
import { mkdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { promisify } from "node:util";
import { gzip as gzipCallback, gzipSync, constants } from "node:zlib";

const gzip = promisify(gzipCallback);

/**
 * Staged lines buffered per partition and written as gzipped part files. Memory is bounded by
 * `maxBuffered` bytes: when the buffers pass it, the largest partitions are written out (each
 * flush is a new `part-NNNNN.json.gz`, one gzip member) until they hold half of it. Compression runs on
 * libuv's threads (`zlib.gzip`), up to `maxPending` files at once, so it overlaps the parsing on the
 * main thread. Level 1: staged files are read once by Hive, so speed beats size. Buffering (instead of
 * one open gzip stream per partition) keeps the number of files low when records of one day are spread
 * over many log files, as they are in folders not in AWSLogs order, and fewer files means fewer splits
 * for Hive to open.
 *
 * @example
 *   const pool = new StagedWriterPool({ root: "/tmp/work/staged" });
 *   await pool.write("account=1/region=r/year=2024/month=01/day=02", Buffer.from('{"eventName":"X"}\n'));
 *   const parts = await pool.close();  // [{ folder, file: "part-00000.json.gz", records: 1 }]
 */
export interface StagedPart {
  /** partition folder relative to the root */
  folder: string;
  /** file name inside the folder */
  file: string;
  records: number;
}

export interface StagedWriterPoolOptions {
  root: string;
  /** bytes held across all partitions before the largest are written out */
  maxBuffered?: number;
  /** part files being compressed and written at once */
  maxPending?: number;
  /** after `part-` in file names (e.g. `w1-`), so several pools can write into one tree */
  partPrefix?: string;
  /**
   * Compress and write on this thread, synchronously: for parse worker threads, where the other
   * workers keep the cores busy and a hand-off to libuv's pool per part only adds thread switches.
   */
  inline?: boolean;
}

interface Buffered {
  chunks: Buffer[];
  length: number;
  records: number;
}

/** 32 MiB of staged JSON: memory stays flat, and days of small logs still end up in one file. */
const DEFAULT_MAX_BUFFERED = 32 * 1024 * 1024;
const DEFAULT_MAX_PENDING = 4;
const MIN_GZIP_CHUNK = 16 * 1024;

export class StagedWriterPool {
  private readonly root: string;
  private readonly maxBuffered: number;
  private readonly maxPending: number;
  private readonly partPrefix: string;
  private readonly inline: boolean;
  private readonly buffers = new Map<string, Buffered>();
  private buffered = 0;
  private readonly nextPart = new Map<string, number>();
  private readonly madeFolders = new Map<string, Promise<unknown>>();
  private readonly pending: Promise<void>[] = [];
  private readonly parts: StagedPart[] = [];

  constructor(options: StagedWriterPoolOptions) {
    this.root = options.root;
    this.maxBuffered = Math.max(1, options.maxBuffered ?? DEFAULT_MAX_BUFFERED);
    this.maxPending = Math.max(1, options.maxPending ?? DEFAULT_MAX_PENDING);
    this.partPrefix = options.partPrefix ?? "";
    this.inline = options.inline === true;
  }

  /** Adds lines (each ending in \n) holding `records` records to the partition's buffer. */
  async write(folder: string, lines: Buffer, records = 1): Promise<void> {
    let buffer = this.buffers.get(folder);
    if (buffer === undefined) {
      buffer = { chunks: [], length: 0, records: 0 };
      this.buffers.set(folder, buffer);
    }
    buffer.chunks.push(lines);
    buffer.length += lines.length;
    buffer.records += records;
    this.buffered += lines.length;
    if (this.buffered <= this.maxBuffered) return;
    // Largest first (ties by folder name, so the files written do not depend on timing).
    const order = [...this.buffers.entries()].sort(([fa, a], [fb, b]) => b.length - a.length || (fa < fb ? -1 : fa > fb ? 1 : 0));
    for (const [name] of order) {
      if (this.buffered <= this.maxBuffered / 2) break;
      await this.flush(name);
    }
  }

  /** Writes every buffer out (in folder order) and returns all parts written, in the order they were cut. */
  async close(): Promise<StagedPart[]> {
    for (const folder of [...this.buffers.keys()].sort()) await this.flush(folder);
    await Promise.all(this.pending.splice(0));
    return this.parts;
  }

  private async flush(folder: string): Promise<void> {
    const buffer = this.buffers.get(folder);
    if (buffer === undefined) return;
    this.buffers.delete(folder);
    this.buffered -= buffer.length;
    const n = this.nextPart.get(folder) ?? 0;
    this.nextPart.set(folder, n + 1);
    const part: StagedPart = { folder, file: `part-${this.partPrefix}${String(n).padStart(5, "0")}.json.gz`, records: buffer.records };
    this.parts.push(part);
    const text = buffer.chunks.length === 1 ? (buffer.chunks[0] as Buffer) : Buffer.concat(buffer.chunks);
    if (this.inline) return this.writePartHere(part, text);
    if (this.pending.length >= this.maxPending) await this.pending.shift();
    const written = this.writePart(part, text);
    // Handled here so a failure waits for its turn to be awaited instead of crashing the process.
    written.catch(() => undefined);
    this.pending.push(written);
  }

  private writePartHere(part: StagedPart, text: Buffer): void {
    const dir = join(this.root, ...part.folder.split("/"));
    if (!this.madeFolders.has(dir)) {
      mkdirSync(dir, { recursive: true, mode: 0o700 });
      this.madeFolders.set(dir, Promise.resolve());
    }
    writeFileSync(join(dir, part.file), gzipSync(text, { level: constants.Z_BEST_SPEED, chunkSize: gzipChunkSize(text) }), { mode: 0o600 });
  }

  private async writePart(part: StagedPart, text: Buffer): Promise<void> {
    const dir = join(this.root, ...part.folder.split("/"));
    let made = this.madeFolders.get(dir);
    if (made === undefined) {
      made = mkdir(dir, { recursive: true, mode: 0o700 });
      this.madeFolders.set(dir, made);
    }
    await made;
    await writeFile(join(dir, part.file), await gzip(text, { level: constants.Z_BEST_SPEED, chunkSize: gzipChunkSize(text) }), { mode: 0o600 });
  }
}

/**
 * One output buffer of a third of the input (JSON shrinks ~7x at level 1) instead of 16 KiB chunks,
 * each a round trip between the pool thread and this one (or a copy at the end).
 */
function gzipChunkSize(text: Buffer): number {
  return Math.max(MIN_GZIP_CHUNK, Math.ceil(text.length / 3));
}
