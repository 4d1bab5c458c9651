import { availableParallelism } from "node:os";
import type { Worker } from "node:worker_threads";
import { besideModule, startWorker } from "./start-worker.js";
import type { SchemaBuilderState } from "../schema/schema-state.js";
import type { FileOutcome, StagerResult } from "./file-stager.js";

/**
 * Stages local files on parse worker threads: each worker reads, parses, infers and writes its own
 * share (its own part files, `part-w<k>-NNNNN.json.gz`: Hive reads every file of a partition folder)
 * and returns its parts, partitions and schema builder state, merged by the caller. Shares are fixed
 * before starting: the files in order, cut into runs of about equal size, so the same files and worker
 * count stage the same bytes on every run.
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
  /** see StageOptions.maxFileBytes */
  maxFileBytes?: number;
  inferSchema: boolean;
  files: Omit<ParseFile, "size">[];
}

/** Progress is a few numbers per batch of files; the files' outcomes come once, with the rest, at the end. */
export type WorkerMessage =
  { kind: "progress"; progress: ProgressDelta } | { kind: "done"; outcomes: { index: number; outcome: FileOutcome }[]; result: StagerResult; schema: SchemaBuilderState | undefined };

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
  /** a file past this many bytes (stored or inflated) is skipped as `too-large` (default 256 MiB) */
  maxFileBytes?: number;
  inferSchema: boolean;
  onOutcome: (index: number, outcome: FileOutcome) => void;
  onProgress: (delta: ProgressDelta) => void;
}

/** More threads than this buy little on staging's small files and cost a V8 isolate (tens of MB) each. */
const MAX_DEFAULT_WORKERS = 4;

/**
 * The default number of parse workers: one per core the process may use, up to four.
 * @example defaultParseWorkers() // 2 on a two-core machine
 */
export function defaultParseWorkers(): number {
  return Math.max(1, Math.min(MAX_DEFAULT_WORKERS, availableParallelism()));
}

const WORKER_URL = besideModule(import.meta.url, "stage-worker");

export async function stageOnWorkers(files: readonly ParseFile[], options: ParseWorkersOptions): Promise<{ results: StagerResult[]; schemas: SchemaBuilderState[] }> {
  const shares = splitBySize(files, Math.max(1, Math.min(options.workers, files.length)));
  const workers: Worker[] = [];
  try {
    const done = shares.map((share, k) => {
      const job: ParseJob = {
        root: options.root,
        partPrefix: `w${k}-`,
        maxBuffered: options.maxBuffered,
        maxFileBytes: options.maxFileBytes,
        inferSchema: options.inferSchema,
        files: share.map(({ index, path, key }) => ({ index, path, key })),
      };
      const worker = startWorker(WORKER_URL, job);
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

/**
 * The files cut, in their order, into `count` runs of about equal weight. Runs, not files dealt in turn:
 * listings are sorted by key, and a trail's keys group by account, region and day, so each partition's
 * files mostly fall to one thread, which then writes that partition's parts alone (dealt in turn, every
 * thread would write a part of every partition: more files to create and for Hive to open).
 */
function splitBySize(files: readonly ParseFile[], count: number): ParseFile[][] {
  const weight = (f: ParseFile) => f.size + FILE_OVERHEAD_BYTES;
  const total = files.reduce((sum, f) => sum + weight(f), 0);
  const shares: ParseFile[][] = [[]];
  let before = 0;
  for (const file of files) {
    // the next share starts once this one holds its part of the total (never past the last share)
    if (shares.length < count && before >= (total * shares.length) / count) shares.push([]);
    shares[shares.length - 1]!.push(file);
    before += weight(file);
  }
  return shares.filter((s) => s.length > 0);
}

/** What a file's fixed costs weigh in splitBySize, in stored bytes. */
const FILE_OVERHEAD_BYTES = 4096;
