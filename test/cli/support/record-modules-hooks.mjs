// The hooks of record-modules.mjs, run on the module loader's thread: each resolved URL is appended
// (synchronously, so nothing is lost when the process exits) before the module loads.
import { appendFileSync } from "node:fs";

let file;

export function initialize(data) {
  file = data.file;
}

export async function resolve(specifier, context, nextResolve) {
  const resolved = await nextResolve(specifier, context);
  appendFileSync(file, resolved.url + "\n");
  return resolved;
}
