import { existsSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";

export const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), "../../..");
export const corpusDir = resolve(repoRoot, "../shared/corpus");
export const examplesDir = resolve(repoRoot, "examples/logs");

/**
 * Whether a test that needs the shared corpus can run: it skips locally when the corpus is absent,
 * and fails in CI, where the corpus must be there (common brief).
 */
export function corpusSkip(): string | false {
  if (existsSync(corpusDir)) return false;
  if (process.env.CI === "true") throw new Error(`the corpus is missing at ${corpusDir}; CI must clone it beside the repo`);
  return `no corpus at ${corpusDir}`;
}
