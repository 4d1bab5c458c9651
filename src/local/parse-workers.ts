import { availableParallelism } from "node:os";
import { Worker } from "node:worker_threads";
import type { SchemaBuilderState } from "../schema/schema-state.js";
import type { FileOutcome, StagerResult } from "./file-stager.js";

/**
 * Stages local files on parse worker threads: each worker reads, parses, infers and writes its own
 * share (its own part files, `part-w<k>-NNNNN.json.gz`: Hive reads every file of a partition folder)
 * and returns its parts, partitions and schema builder state, merged by the caller. Shares are fixed
 * before starting, by size (each file to the worker with the fewest bytes so far, in file order), so
 * the same files and worker count stage the same bytes on every run.
 *
 * @example
 *   const { results, schemas } = await stageOnWorkers(
 *     [{ index: 0, path: "/logs/a.json.gz", key: "a.json.gz", size: 1234 }],
 *     { root: "/tmp/work/staged", workers: 2, maxBuffered: 16 << 20, inferSchema: true, onOutcome: (i, o) => {}, onProgress: (d) => {} },
 *   );
 */
export interface ParseFile {
  /** the file's place in the caller's list */
  index: number;
  /** absolute path */
  path: string;
  /** relative to its source root */
  key: string;
  size: number;
}

/** What one worker is given (its workerData). */
export interface ParseJob {
  root: string;
  partPrefix: string;
  maxBuffered: number;
  inferSchema: boolean;
  files: Omit<ParseFile, "size">[];
}

/** Progress is a few numbers per batch of files; the files' outcomes come once, with the rest, at the end. */
export type WorkerMessage =
  | { kind: "progress"; progress: ProgressDelta }
  | { kind: "done"; outcomes: { index: number; outcome: FileOutcome }[]; result: StagerResult; schema: SchemaBuilderState | undefined };

/** What a batch of files added. */
export interface ProgressDelta {
  files: number;
  records: number;
  bytes: number;
}

export interface ParseWorkersOptions {
  root: string;
  workers: number;
  /** staged bytes buffered per worker */
  maxBuffered: number;
  inferSchema: boolean;
  onOutcome: (index: number, outcome: FileOutcome) => void;
  onProgress: (delta: ProgressDelta) => void;
}

/** More threads than this buy little on staging's small files and cost an isolate (~20-40 MB) each. */
const MAX_DEFAULT_WORKERS = 4;

/**
 * The default number of parse workers: one per core the process may use, up to four.
 * @example defaultParseWorkers() // 2 on a two-core machine
 */
export function defaultParseWorkers(): number {
  return Math.max(1, Math.min(MAX_DEFAULT_WORKERS, availableParallelism()));
}

/** The worker's module beside this one: JavaScript in dist/, TypeScript when this file runs under tsx (tests, benches). */
const FROM_SOURCE = import.meta.url.endsWith(".ts");
const WORKER_URL = new URL(FROM_SOURCE ? "./stage-worker.ts" : "./stage-worker.js", import.meta.url);

/** A worker thread running stage-worker; from source, tsx's loader is registered in it first (Node 20's workers ignore `--import`). */
function startWorker(job: ParseJob): Worker {
  if (!FROM_SOURCE) return new Worker(WORKER_URL, { workerData: job });
  const tsx = import.meta.resolve("tsx/esm/api");
  const source = `import(${JSON.stringify(tsx)}).then(({ register }) => { register(); return import(${JSON.stringify(WORKER_URL.href)}); });`;
  return new Worker(source, { eval: true, workerData: job, execArgv: [] });
}

export async function stageOnWorkers(files: readonly ParseFile[], options: ParseWorkersOptions): Promise<{ results: StagerResult[]; schemas: SchemaBuilderState[] }> {
  const shares = splitBySize(files, Math.max(1, Math.min(options.workers, files.length)));
  const workers: Worker[] = [];
  try {
    const done = shares.map((share, k) => {
      const job: ParseJob = { root: options.root, partPrefix: `w${k}-`, maxBuffered: options.maxBuffered, inferSchema: options.inferSchema, files: share.map(({ index, path, key }) => ({ index, path, key })) };
      const worker = startWorker(job);
      workers.push(worker);
      return new Promise<{ result: StagerResult; schema: SchemaBuilderState | undefined }>((resolve, reject) => {
        worker.on("message", (message: WorkerMessage) => {
          if (message.kind === "progress") return options.onProgress(message.progress);
          for (const { index, outcome } of message.outcomes) options.onOutcome(index, outcome);
          resolve({ result: message.result, schema: message.schema });
        });
        worker.on("error", reject);
        worker.on("exit", (code) => reject(new Error(`staging worker ${k} stopped (exit code ${code}) before it was done`)));
      });
    });
    const finished = await Promise.all(done);
    return { results: finished.map((f) => f.result), schemas: finished.flatMap((f) => (f.schema === undefined ? [] : [f.schema])) };
  } finally {
    await Promise.all(workers.map((w) => w.terminate()));
  }
}

/** Each file, in order, to the share with the fewest bytes so far (ties to the first share). */
function splitBySize(files: readonly ParseFile[], count: number): ParseFile[][] {
  const shares: ParseFile[][] = Array.from({ length: count }, () => []);
  const bytes = new Array<number>(count).fill(0);
  for (const file of files) {
    let k = 0;
    for (let j = 1; j < count; j++) if ((bytes[j] as number) < (bytes[k] as number)) k = j;
    shares[k]!.push(file);
    // a file costs a little beyond its bytes (open, inflate set-up, parse start)
    bytes[k] = (bytes[k] as number) + file.size + FILE_OVERHEAD_BYTES;
  }
  return shares.filter((s) => s.length > 0);
}

/** What a file's fixed costs weigh in splitBySize, in stored bytes. */
const FILE_OVERHEAD_BYTES = 4096;
