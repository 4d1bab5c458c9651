// The physical limit infer is measured against (bench/speed.bench.ts): every file read, gunzipped and
// JSON.parse'd, nothing else, as a whole process. `node bench/parse-limit.mjs DIR [THREADS]`: with
// THREADS > 1 the files are cut into that many runs, each parsed by a worker thread of its own.
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { Worker, isMainThread, parentPort, workerData } from "node:worker_threads";
import { gunzipSync } from "node:zlib";

const parse = (files) => files.reduce((n, f) => n + JSON.parse(gunzipSync(readFileSync(f))).Records.length, 0);

if (isMainThread) {
  const files = [];
  const walk = (d) => readdirSync(d, { withFileTypes: true }).forEach((e) => (e.isDirectory() ? walk(join(d, e.name)) : files.push(join(d, e.name))));
  walk(process.argv[2]);
  files.sort();
  const threads = Number(process.argv[3] ?? 1);
  if (threads <= 1) console.log(parse(files));
  else {
    const per = Math.ceil(files.length / threads);
    const counts = await Promise.all(
      Array.from(
        { length: threads },
        (_, k) => new Promise((resolve, reject) => new Worker(new URL(import.meta.url), { workerData: files.slice(k * per, (k + 1) * per) }).on("message", resolve).on("error", reject)),
      ),
    );
    console.log(counts.reduce((a, b) => a + b, 0));
  }
} else parentPort.postMessage(parse(workerData));
