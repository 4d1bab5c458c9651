import { Worker } from "node:worker_threads";
import { DEFAULT_MAX_FILE_BYTES } from "../records/inflate-bounded.js";

/**
 * Reads and gunzips local files on a worker thread, in batches, so staging's main thread only parses,
 * infers and slices: on two cores, reading + inflating (a third of the limit's work) then overlaps the
 * parse of the files before. A file that is not gzip, or whose gzip does not inflate, comes back as
 * stored: the reader then says why (truncated, corrupt), as it does for the synchronous path.
 *
 * @example
 *   const reader = LocalFileReader.start();
 *   const [loaded] = await reader.read(["/logs/a.json.gz"]);  // { bytes, size }, { size: 0, error } or { size, skipped }
 *   await reader.close();
 */
export interface LoadedFile {
  /** the inflated bytes (the stored ones when they are not gzip or do not inflate) */
  bytes?: Buffer;
  /** bytes as stored */
  size: number;
  error?: string;
  /** not read on purpose: past `--max-file-size` (`too-large`), or not a regular file (`not-a-file`) */
  skipped?: { reason: "too-large" | "not-a-file"; message: string };
}

/** Plain JavaScript (no loader, no imports of ours), so it runs the same under tsx and from dist/. */
const WORKER_SOURCE = `
const { parentPort } = require("node:worker_threads");
const { closeSync, constants, fstatSync, openSync, readSync } = require("node:fs");
const { gunzipSync } = require("node:zlib");
const kind = (s) => s.isFIFO() ? "a FIFO (named pipe)" : s.isSocket() ? "a socket" : s.isCharacterDevice() || s.isBlockDevice() ? "a device" : s.isDirectory() ? "a folder" : "a special file";
const mib = (n) => { const m = n / 1048576; return (Number.isInteger(m) ? m : m.toFixed(m < 10 ? 2 : 1)) + " MiB"; };
const tooLarge = (path, max, size) => ({ reason: "too-large", message: path + ": " + (size === undefined ? "inflates to more than " : "holds " + mib(size) + ", more than ") + mib(max) + " (--max-file-size); raise --max-file-size (MiB) to read it" });
parentPort.on("message", ({ id, paths, maxBytes }) => {
  const transfer = [];
  const out = paths.map((path) => {
    let stored;
    try {
      // non-blocking, and checked before reading: a FIFO without a writer must not hang the thread
      const fd = openSync(path, constants.O_RDONLY | constants.O_NONBLOCK);
      try {
        const info = fstatSync(fd);
        if (!info.isFile()) return { size: 0, skipped: { reason: "not-a-file", message: path + ": " + kind(info) + ", not a regular file: not read" } };
        if (info.size > maxBytes) return { size: info.size, skipped: tooLarge(path, maxBytes, info.size) };
        stored = Buffer.allocUnsafe(info.size);
        let at = 0;
        for (let n = 1; at < info.size && n > 0; at += n) n = readSync(fd, stored, at, info.size - at, null);
        if (at < info.size) stored = stored.subarray(0, at);
      } finally {
        closeSync(fd);
      }
    } catch (error) {
      return { size: 0, error: "cannot read " + path + ": " + (error && error.message) };
    }
    let bytes = stored;
    if (stored[0] === 0x1f && stored[1] === 0x8b) {
      try { bytes = gunzipSync(stored, { maxOutputLength: maxBytes }); } catch (error) {
        if (error && error.code === "ERR_BUFFER_TOO_LARGE") return { size: stored.length, skipped: tooLarge(path, maxBytes) };
        bytes = stored;
      }
    }
    // Moved, not copied, when the buffer owns its memory (never a slice of Node's shared pool).
    if (bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength && !transfer.includes(bytes.buffer)) transfer.push(bytes.buffer);
    return { bytes, size: stored.length };
  });
  parentPort.postMessage({ id, out }, transfer);
});
`;

interface Reply {
  id: number;
  out: { bytes?: Uint8Array; size: number; error?: string; skipped?: LoadedFile["skipped"] }[];
}

export class LocalFileReader {
  private readonly worker: Worker;
  private nextId = 0;
  private readonly waiting = new Map<number, { resolve: (files: LoadedFile[]) => void; reject: (error: Error) => void }>();
  private failure: Error | undefined;

  private constructor(worker: Worker) {
    this.worker = worker;
    worker.on("message", (reply: Reply) => {
      const waiter = this.waiting.get(reply.id);
      this.waiting.delete(reply.id);
      waiter?.resolve(reply.out.map((o) => ({ ...o, bytes: o.bytes === undefined ? undefined : Buffer.from(o.bytes.buffer, o.bytes.byteOffset, o.bytes.byteLength) })));
    });
    worker.on("error", (error: Error) => this.fail(error));
    worker.on("exit", () => this.fail(new Error("the file-reading worker stopped")));
  }

  /** A reader with its own thread; `close` it when done. */
  static start(): LocalFileReader {
    // execArgv []: the worker needs no loader (tsx in tests), which would cost its start-up time.
    return new LocalFileReader(new Worker(WORKER_SOURCE, { eval: true, execArgv: [] }));
  }

  /** The files' bytes, in the order asked; past `maxFileBytes` (as stored or inflated) a file is skipped unread. */
  read(paths: readonly string[], options: { maxFileBytes?: number } = {}): Promise<LoadedFile[]> {
    if (this.failure !== undefined) return Promise.reject(this.failure);
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.waiting.set(id, { resolve, reject });
      this.worker.postMessage({ id, paths, maxBytes: options.maxFileBytes ?? DEFAULT_MAX_FILE_BYTES });
    });
  }

  async close(): Promise<void> {
    this.failure ??= new Error("the file reader is closed");
    await this.worker.terminate();
  }

  private fail(error: Error): void {
    this.failure ??= error;
    for (const waiter of this.waiting.values()) waiter.reject(error);
    this.waiting.clear();
  }
}
