import type { Worker } from "node:worker_threads";
import { countFile, type FileTally } from "../pipeline/count-file.js";
import type { CountLocalFiles, LocalFileJob } from "../pipeline/infer-sources.js";
import type { InferenceOptions } from "../schema/infer-shape.js";
import type { SchemaBuilder } from "../schema/schema-builder.js";
import type { SchemaBuilderState } from "../schema/schema-state.js";
import { defaultParseWorkers } from "./parse-workers.js";
import { readLocalSync } from "./read-local-sync.js";
import { besideModule, startWorker } from "./start-worker.js";

/** What one infer worker is given (its workerData). */
export interface InferJob {
  files: readonly LocalFileJob[];
  /** one Int32: the index of the next file to take, shared by every thread */
  next: SharedArrayBuffer;
  maxFileBytes: number;
  inference?: InferenceOptions;
}

export type InferWorkerMessage = { kind: "progress"; files: number } | { kind: "done"; tallies: [number, FileTally][]; state: SchemaBuilderState };

/** Files per progress message or per turn of this thread's loop: a message per small log would cost more than its parse. */
export const BATCH = 32;
/** Fewer files than this per extra thread do not pay for starting it (~0.1 s: an isolate and its modules). */
const FILES_PER_THREAD = 64;

const WORKER_URL = besideModule(import.meta.url, "infer-worker");

/**
 * infer's local files counted on every core (`CountLocalFiles`): this thread and up to
 * `defaultParseWorkers() - 1` worker threads take the next file from one shared counter until none is
 * left, each reading synchronously and counting into a SchemaBuilder of its own; the workers' states
 * come back as data for the caller's `finish` to merge (the same schema bytes whichever thread read
 * which file: schema-state.ts). A thread that is free takes the next file, so a slow start or a big
 * file never leaves a core idle. This thread yields between batches, so other reads (S3) and progress go on.
 *
 * @example
 *   const states = await countLocalFiles(files, builder, { maxFileBytes, onTally: (i, t) => {}, onProgress: (n) => {} });
 */
export const countLocalFiles: CountLocalFiles = async (files, builder, options) => {
  const threads = options.threads ?? Math.max(1, Math.min(defaultParseWorkers(), Math.floor(files.length / FILES_PER_THREAD)));
  const next = new SharedArrayBuffer(4);
  const counter = new Int32Array(next);
  const job: InferJob = { files, next, maxFileBytes: options.maxFileBytes, ...(options.inference !== undefined ? { inference: options.inference } : {}) };
  const workers: Worker[] = [];
  try {
    const fromWorkers = Array.from({ length: threads - 1 }, () => {
      const worker = startWorker(WORKER_URL, job);
      workers.push(worker);
      return new Promise<SchemaBuilderState>((resolve, reject) => {
        worker.on("message", (message: InferWorkerMessage) => {
          if (message.kind === "progress") return options.onProgress(message.files);
          for (const [index, tally] of message.tallies) options.onTally(index, tally);
          resolve(message.state);
        });
        worker.on("error", reject);
        worker.on("exit", (code) => reject(new Error(`inference worker stopped (exit code ${code}) before it was done`)));
      });
    });
    for (;;) {
      const taken = countBatch(files, counter, builder, options.maxFileBytes, options.onTally);
      if (taken === 0) break;
      options.onProgress(taken);
      await new Promise((resolve) => setImmediate(resolve));
    }
    return await Promise.all(fromWorkers);
  } finally {
    await Promise.all(workers.map((w) => w.terminate()));
  }
};

/**
 * Takes files from the shared counter, up to BATCH, and counts each into `builder`; how many it took.
 * The one loop this thread and the workers run.
 */
export function countBatch(files: readonly LocalFileJob[], counter: Int32Array, builder: SchemaBuilder, maxFileBytes: number, onTally: (index: number, tally: FileTally) => void): number {
  let taken = 0;
  while (taken < BATCH) {
    const index = Atomics.add(counter, 0, 1);
    const file = files[index];
    if (file === undefined) break;
    const read = readLocalSync(builder, file, maxFileBytes);
    onTally(index, Buffer.isBuffer(read) ? countFile(builder, file, read, maxFileBytes) : read);
    taken++;
  }
  return taken;
}
