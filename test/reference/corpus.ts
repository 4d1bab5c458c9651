import { existsSync } from "node:fs";
import { resolve } from "node:path";
import { fileURLToPath } from "node:url";

/** The repository's root folder, from this file's place in test/reference/. */
export const repoRoot = resolve(fileURLToPath(new URL("../..", import.meta.url)));

/** `../shared/corpus` beside the repository (CI clones it there). */
export const corpusDir = resolve(repoRoot, "../shared/corpus");

/**
 * The test's `skip` option for corpus tests: run when the corpus is there, fail (not skip) when it is
 * missing on CI.
 */
export function corpusSkip(): string | false {
  if (existsSync(corpusDir)) return false;
  if (process.env.CI === "true") throw new Error(`the corpus is missing at ${corpusDir}: CI must clone ../shared beside the repository`);
  return `no corpus at ${corpusDir}`;
}

/** SigmaHQ's CloudTrail rules beside the repository (`../shared/sigma/cloudtrail`, DRL 1.1, as CI clones it). */
export const sigmaDir = resolve(repoRoot, "../shared/sigma/cloudtrail");

/** The test's `skip` option for tests that need those rules: as corpusSkip, fail (not skip) on CI. */
export function sigmaSkip(): string | false {
  if (existsSync(sigmaDir)) return false;
  if (process.env.CI === "true") throw new Error(`SigmaHQ's rules are missing at ${sigmaDir}: CI must clone ../shared beside the repository`);
  return `no Sigma rules at ${sigmaDir}`;
}
