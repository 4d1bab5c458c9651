import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative, resolve } from "node:path";
import { TrailhiveError } from "../errors.js";
import { parseSigmaRule, type ParsedRule } from "../sigma/sigma-rule.js";

/**
 * The Sigma rules under `--rules` folders or files (`*.yml`, `*.yaml`, recursively, in name order),
 * each parsed; a rule that cannot be read is a ParsedRule with its problem, reported by `detect`.
 * Paths are shown relative to the working folder.
 *
 * @example
 *   const rules = readRuleFiles(["../sigma/rules/cloud/aws/cloudtrail"], process.cwd());
 */
export function readRuleFiles(specs: readonly string[], cwd: string): ParsedRule[] {
  const out: ParsedRule[] = [];
  for (const spec of specs) {
    const path = resolve(cwd, spec);
    let isDir: boolean;
    try {
      isDir = statSync(path).isDirectory();
    } catch {
      throw new TrailhiveError("USAGE_NO_RULES", { spec });
    }
    for (const file of isDir ? ruleFilesUnder(path) : [path]) out.push(parseSigmaRule(readFileSync(file, "utf8"), relative(cwd, file) || file));
  }
  return out;
}

function ruleFilesUnder(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile() && /\.ya?ml$/i.test(e.name))
    .map((e) => join(e.parentPath, e.name))
    .sort();
}
