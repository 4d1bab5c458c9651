import type { Worker } from "node:worker_threads";
import { countFile, type FileTally } from "../pipeline/count-file.js";
import type { CountLocalFiles, LocalFileJob } from "../pipeline/infer-sources.js";
import type { InferenceOptions } from "../schema/infer-shape.js";
import type { SchemaBuilder } from "../schema/schema-builder.js";
import type { SchemaBuilderState } from "../schema/schema-state.js";
import { defaultParseWorkers } from "./parse-workers.js";
import { readLocalSync } from "./read-local-sync.js";
import { besideModule, startWorker } from "./start-worker.js";

/** What one infer worker is given, posted once it has started (its first message). */
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

/** Infer's worker threads, started before the files are known, and the `CountLocalFiles` that uses them. */
export interface InferWorkers {
  countLocal: CountLocalFiles;
  /** Stops every worker still running (those `countLocal` did not need, or all of them after a failure). */
  close(): Promise<void>;
}

/**
 * Starts `count` infer workers now, so that they load their modules while this thread lists the files
 * (a worker's start is ~0.1 to 0.2 s, most of a small folder's whole inference), and returns the
 * `CountLocalFiles` that hands them the files (see `countLocalFiles`). Workers it does not need are
 * stopped at once; more are started if it needs more.
 *
 * @example
 *   const workers = startInferWorkers(defaultParseWorkers() - 1);
 *   try { await inferSources(resolved, { countLocal: workers.countLocal }); } finally { await workers.close(); }
 */
export function startInferWorkers(count: number): InferWorkers {
  const idle: Started[] = Array.from({ length: Math.max(0, count) }, start);
  const running: Started[] = [...idle];
  const take = (): Started => {
    const started = idle.shift() ?? start();
    if (!running.includes(started)) running.push(started);
    started.worker.ref();
    return started;
  };
  const stop = async (workers: readonly Started[]) => {
    await Promise.all(workers.map((w) => w.worker.terminate()));
  };
  const countLocal: CountLocalFiles = async (files, builder, options) => {
    const threads = options.threads ?? Math.max(1, Math.min(defaultParseWorkers(), Math.floor(files.length / FILES_PER_THREAD)));
    const counter = new Int32Array(new SharedArrayBuffer(4));
    const job: InferJob = { files, next: counter.buffer as SharedArrayBuffer, maxFileBytes: options.maxFileBytes, ...(options.inference !== undefined ? { inference: options.inference } : {}) };
    const used = Array.from({ length: threads - 1 }, take);
    await stop(idle.splice(0));
    try {
      const fromWorkers = used.map(
        ({ worker, ended }) =>
          new Promise<SchemaBuilderState>((resolve, reject) => {
            worker.on("message", (message: InferWorkerMessage) => {
              if (message.kind === "progress") return options.onProgress(message.files);
              for (const [index, tally] of message.tallies) options.onTally(index, tally);
              resolve(message.state);
            });
            // A worker that failed while it started, before it was given its job, says so here.
            ended.then(reject, reject);
            worker.postMessage(job);
          }),
      );
      for (;;) {
        const taken = countBatch(files, counter, builder, options.maxFileBytes, options.onTally);
        if (taken === 0) break;
        options.onProgress(taken);
        await new Promise((resolve) => setImmediate(resolve));
      }
      return await Promise.all(fromWorkers);
    } finally {
      await stop(used);
    }
  };
  return { countLocal, close: () => stop(running.splice(0)) };
}

/** A started worker, and how it ended if it ended before its state came back (an error, or an exit). */
interface Started {
  worker: Worker;
  ended: Promise<never>;
}

/** Starts one worker, unref'd until it is given work (an idle one never holds the process open). */
function start(): Started {
  const worker = startWorker(WORKER_URL, undefined);
  worker.unref();
  // Listened for from the start: an 'error' with no listener would end the process.
  const ended = new Promise<never>((_, reject) => {
    worker.on("error", reject);
    worker.on("exit", (code) => reject(new Error(`inference worker stopped (exit code ${code}) before it was done`)));
  });
  ended.catch(() => {});
  return { worker, ended };
}

/**
 * infer's local files counted on every core (`CountLocalFiles`): this thread and up to
 * `defaultParseWorkers() - 1` worker threads take the next file from one shared counter until none is
 * left, each reading synchronously and counting into a SchemaBuilder of its own; the workers' states
 * come back as data for the caller's `finish` to merge (the same schema bytes whichever thread read
 * which file: schema-state.ts). A thread that is free takes the next file, so a slow start or a big
 * file never leaves a core idle. This thread yields between batches, so other reads (S3) and progress
 * go on. Its workers start when it is called; `startInferWorkers` starts them sooner.
 *
 * @example
 *   const states = await countLocalFiles(files, builder, { maxFileBytes, onTally: (i, t) => {}, onProgress: (n) => {} });
 */
export const countLocalFiles: CountLocalFiles = async (files, builder, options) => {
  const workers = startInferWorkers(0);
  try {
    return await workers.countLocal(files, builder, options);
  } finally {
    await workers.close();
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
