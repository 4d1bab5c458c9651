import { Worker } from "node:worker_threads";

/**
 * A worker thread running the module at `url` (a `.js` URL beside the caller in dist/; under tsx, the
 * `.ts` beside it, with tsx's loader registered in the thread first: Node 20's workers ignore `--import`).
 *
 * @example
 *   startWorker(new URL("./stage-worker.js", import.meta.url), job)
 */
export function startWorker(url: URL, workerData: unknown): Worker {
  // execArgv []: built JavaScript needs no loader, and one the parent runs under (tsx) would load in every worker
  if (!url.pathname.endsWith(".ts")) return new Worker(url, { workerData, execArgv: [] });
  const tsx = import.meta.resolve("tsx/esm/api");
  const source = `import(${JSON.stringify(tsx)}).then(({ register }) => { register(); return import(${JSON.stringify(url.href)}); });`;
  return new Worker(source, { eval: true, workerData, execArgv: [] });
}

/** A module beside `base` (an import.meta.url): its `.ts` when `base` is TypeScript (tests, benches), else its `.js`. */
export function besideModule(base: string, name: string): URL {
  return new URL(`./${name}${base.endsWith(".ts") ? ".ts" : ".js"}`, base);
}
