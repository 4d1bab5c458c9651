// Records the URL of every module the process loads into the file named by TRAILHIVE_RECORD_MODULES,
// one a line: startup-imports.test.ts asserts from it what a command does not load. ES modules pass
// through the resolve hook (registered on the loader's thread); CommonJS modules that other CommonJS
// modules require() do not, so their paths are added from require's cache when the process exits.
import { appendFileSync } from "node:fs";
import { createRequire, register } from "node:module";
import { pathToFileURL } from "node:url";

const file = process.env.TRAILHIVE_RECORD_MODULES;
if (file !== undefined && file !== "") {
  register(new URL("./record-modules-hooks.mjs", import.meta.url), { data: { file } });
  const cache = createRequire(import.meta.url).cache;
  process.on("exit", () => {
    const urls = Object.keys(cache).map((path) => pathToFileURL(path).href);
    if (urls.length > 0) appendFileSync(file, urls.join("\n") + "\n");
  });
}
