import { Worker } from "node:worker_threads";

/**
 * Reads and gunzips local files on a worker thread, in batches, so staging's main thread only parses,
 * infers and slices: on two cores, reading + inflating (a third of the limit's work) then overlaps the
 * parse of the files before. A file that is not gzip, or whose gzip does not inflate, comes back as
 * stored: the reader then says why (truncated, corrupt), as it does for the synchronous path.
 *
 * @example
 *   const reader = LocalFileReader.start();
 *   const [loaded] = await reader.read(["/logs/a.json.gz"]);  // { bytes, size } or { size: 0, error }
 *   await reader.close();
 */
export interface LoadedFile {
  /** the inflated bytes (the stored ones when they are not gzip or do not inflate) */
  bytes?: Buffer;
  /** bytes as stored */
  size: number;
  error?: string;
}

/** Plain JavaScript (no loader, no imports of ours), so it runs the same under tsx and from dist/. */
const WORKER_SOURCE = `
const { parentPort } = require("node:worker_threads");
const { readFileSync } = require("node:fs");
const { gunzipSync } = require("node:zlib");
parentPort.on("message", ({ id, paths }) => {
  const transfer = [];
  const out = paths.map((path) => {
    let stored;
    try {
      stored = readFileSync(path);
    } catch (error) {
      return { size: 0, error: "cannot read " + path + ": " + (error && error.message) };
    }
    let bytes = stored;
    if (stored[0] === 0x1f && stored[1] === 0x8b) {
      try { bytes = gunzipSync(stored); } catch { bytes = stored; }
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
  out: { bytes?: Uint8Array; size: number; error?: string }[];
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

  /** The files' bytes, in the order asked. */
  read(paths: readonly string[]): Promise<LoadedFile[]> {
    if (this.failure !== undefined) return Promise.reject(this.failure);
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.waiting.set(id, { resolve, reject });
      this.worker.postMessage({ id, paths });
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
