import { relative } from "node:path";
import type { PlannedFile } from "./plan-outputs.js";
import { unifiedDiff } from "./unified-diff.js";

export interface FileCheck {
  path: string;
  source: string;
  status: "ok" | "drifted" | "missing";
  /** a unified diff from the committed file to what trailhive renders now */
  diff?: string;
}

export interface CheckResult {
  files: FileCheck[];
  /** true when every planned file holds exactly what trailhive renders */
  ok: boolean;
}

/**
 * Compares what trailhive renders now with what is committed, like `prettier --check`: a typed
 * result with a unified diff per drifted file (paths in diffs relative to `root`). The CLI turns it
 * into an exit code.
 *
 * @example
 *   const result = await checkOutputs(plan, (p) => readFile(p, "utf8").catch(() => undefined), { root: process.cwd() });
 *   result.ok // false when a committed file drifted
 */
export async function checkOutputs(plan: readonly PlannedFile[], read: (path: string) => Promise<string | undefined>, options: { root: string }): Promise<CheckResult> {
  const files: FileCheck[] = [];
  for (const p of plan) {
    const committed = await read(p.path);
    const name = relative(options.root, p.path) || p.path;
    if (committed === undefined) {
      files.push({ path: p.path, source: p.source, status: "missing", diff: unifiedDiff("", p.expected, { oldLabel: "/dev/null", newLabel: `${name} (rendered)` }) });
    } else if (committed === p.expected) {
      files.push({ path: p.path, source: p.source, status: "ok" });
    } else {
      files.push({ path: p.path, source: p.source, status: "drifted", diff: unifiedDiff(committed, p.expected, { oldLabel: `${name} (committed)`, newLabel: `${name} (rendered)` }) });
    }
  }
  return { files, ok: files.every((f) => f.status === "ok") };
}
