import { parentPort } from "node:worker_threads";
import type { FileTally } from "../pipeline/count-file.js";
import { SchemaBuilder } from "../schema/schema-builder.js";
import { countBatch, type InferJob, type InferWorkerMessage } from "./infer-workers.js";

/**
 * An infer worker's body (started by `startInferWorkers`, before the files are known): waits for its
 * job, then takes files from the shared counter until none is left, counting each into its own
 * SchemaBuilder, and sends back every file's tally and the builder's state once, at the end, with a
 * progress count per batch meanwhile.
 *
 * @example
 *   startWorker(besideModule(import.meta.url, "infer-worker"), undefined).postMessage(job);
 */
const post = (message: InferWorkerMessage) => parentPort!.postMessage(message);
parentPort!.once("message", (job: InferJob) => {
  const builder = new SchemaBuilder(job.inference);
  const counter = new Int32Array(job.next);
  const tallies: [number, FileTally][] = [];
  for (;;) {
    const taken = countBatch(job.files, counter, builder, job.maxFileBytes, (index, tally) => tallies.push([index, tally]));
    if (taken === 0) break;
    post({ kind: "progress", files: taken });
  }
  post({ kind: "done", tallies, state: builder.counted() });
});
