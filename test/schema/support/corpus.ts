import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import type { TestContext } from "node:test";

/** The repository root (three levels above this file) and the shared corpus beside it. */
export const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), "../../..");
export const corpusRoot = resolve(repoRoot, "../shared/corpus");
export const examplesRoot = resolve(repoRoot, "examples/logs");

/**
 * The corpus when present. Absent: fail under CI (CI has it beside the clone), skip otherwise.
 */
export function corpusOrSkip(t: TestContext): string | undefined {
  if (existsSync(corpusRoot)) return corpusRoot;
  if (process.env.CI === "true") throw new Error(`the corpus is missing at ${corpusRoot}; CI must provide ../shared/corpus`);
  t.skip(`no corpus at ${corpusRoot}`);
  return undefined;
}

/** Every file under a folder, as paths relative to it, sorted. */
export function listFiles(root: string): string[] {
  const out: string[] = [];
  const walk = (dir: string) => {
    for (const name of readdirSync(dir)) {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) walk(path);
      else out.push(relative(root, path).split("\\").join("/"));
    }
  };
  walk(root);
  return out.sort();
}

export function readBytes(root: string, path: string): Buffer {
  return readFileSync(join(root, path));
}
