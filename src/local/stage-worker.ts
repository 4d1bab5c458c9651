import { parentPort, workerData } from "node:worker_threads";
import { readLogFile } from "../records/read-log-file.js";
import { SchemaBuilder } from "../schema/schema-builder.js";
import { FileStager } from "./file-stager.js";
import { loadLocalFile } from "./load-local-file.js";
import type { ParseJob, WorkerMessage } from "./parse-workers.js";

/**
 * A parse worker's body (started by `stageOnWorkers`): reads, inflates, parses (infer's readLogFile,
 * imported here because a function cannot cross threads), counts the schema, partitions and writes its
 * share of the files as its own part files (compressed and written here too: the other workers keep
 * the cores busy), reporting progress per batch of files and, at the end, each file's outcome, its
 * parts, partitions and schema builder state.
 *
 * @example
 *   new Worker(new URL("./stage-worker.js", import.meta.url), { workerData: job });
 */
const job = workerData as ParseJob;
const port = parentPort!;
const post = (message: WorkerMessage) => port.postMessage(message);

/** Files per progress message: a message per file would cost more than its work on small logs. */
const BATCH = 64;

const schema = job.inferSchema ? new SchemaBuilder() : undefined;
const stager = new FileStager({ root: job.root, read: readLogFile, maxBuffered: job.maxBuffered, partPrefix: job.partPrefix, schema, inlineWrites: true });
const outcomes: Extract<WorkerMessage, { kind: "done" }>["outcomes"] = [];
let progress = { files: 0, records: 0, bytes: 0 };
for (const file of job.files) {
  const outcome = await stager.stage(file.key, loadLocalFile(file.path, { maxFileBytes: job.maxFileBytes }));
  outcomes.push({ index: file.index, outcome });
  progress.files++;
  progress.records += outcome.records;
  progress.bytes += outcome.size;
  if (progress.files >= BATCH) {
    post({ kind: "progress", progress });
    progress = { files: 0, records: 0, bytes: 0 };
  }
}
if (progress.files > 0) post({ kind: "progress", progress });
post({ kind: "done", outcomes, result: await stager.close(), schema: schema?.counted() });
