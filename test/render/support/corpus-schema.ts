import { existsSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { resolveSources } from "../../../src/source/resolve-sources.js";
import { inferSources } from "../../../src/pipeline/infer-sources.js";
import type { SchemaFile } from "../../../src/schema/schema-file.js";

export const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), "../../..");
export const corpusDir = resolve(repoRoot, "../shared/corpus");

/**
 * How a test treats the shared corpus: run when present; when absent, fail under CI and skip
 * otherwise (the common brief's rule).
 */
export function corpusSkip(): string | false {
  if (existsSync(corpusDir)) return false;
  if (process.env.CI === "true") throw new Error(`the corpus ${corpusDir} is missing, and CI=true needs it`);
  return `no corpus at ${corpusDir}`;
}

/** The schema inferred from the whole corpus, the way `trailhive infer ../shared/corpus` does it. */
export async function corpusSchema(): Promise<SchemaFile> {
  const { schema } = await inferSources(await resolveSources([corpusDir]), {});
  return schema;
}
