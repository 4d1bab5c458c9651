import { homedir } from "node:os";
import { join, resolve } from "node:path";
import { defaultCacheDir } from "../../engine/default-cache-dir.js";
import { defaultWorkFolders, listKeptEngines, stopKeptEngine } from "../../engine/kept-engine.js";
import { ExitCode, TrailhiveError } from "../../errors.js";
import { inspectWorkFolder } from "../../local/inspect-work-folder.js";
import type { EngineCommandArgs } from "../commands/engine.js";
import type { Terminal } from "../io.js";

interface EngineArgs {
  action: "status" | "stop";
  work?: string[];
  "cache-dir"?: string;
}

/** `trailhive engine`'s work (commands/engine.ts declares its options). */
export async function runEngine(args: EngineCommandArgs, term: Terminal): Promise<ExitCode> {
  const a = args as typeof args & EngineArgs;
  const cacheDir = a["cache-dir"] !== undefined ? resolve(term.cwd, a["cache-dir"]) : defaultCacheDir(term.env, homedir());
  const given = a.work !== undefined && a.work.length > 0 ? a.work.map((w) => resolve(term.cwd, w)) : undefined;
  const folders = await workFoldersOf(given ?? (await defaultWorkFolders(cacheDir)), { cacheWorkRoot: join(cacheDir, "work"), refuse: given !== undefined });
  const { running, foreign } = await listKeptEngines(folders);
  // a descriptor naming some other process: never signalled, and said so whatever the action
  for (const f of foreign) term.stderr.write(`${f.message}\n`);
  const leftAlone = foreign.length > 0 ? { leftAlone: foreign } : {};
  switch (a.action) {
    case "status":
      if (a.json) term.stdout.write(JSON.stringify({ engines: running, ...leftAlone }, null, 2) + "\n");
      else if (running.length === 0) term.stderr.write(`no Hive engine running for ${given !== undefined ? given.join(", ") : `the work folders in ${cacheDir}`}\n`);
      else for (const e of running) term.stdout.write(`${e.pid}\t${e.workDir}\n`);
      return ExitCode.ok;
    case "stop": {
      for (const e of running) {
        await stopKeptEngine(e.workDir);
        if (!a.quiet) term.stderr.write(`stopped the Hive engine of ${e.workDir} (pid ${e.pid})\n`);
      }
      if (a.json) term.stdout.write(JSON.stringify({ stopped: running, ...leftAlone }, null, 2) + "\n");
      else if (running.length === 0 && !a.quiet) term.stderr.write("no Hive engine was running\n");
      return ExitCode.ok;
    }
    default: {
      const never: never = a.action;
      throw new TrailhiveError("USAGE_ENGINE_ACTION", { action: String(never) });
    }
  }
}

/**
 * The folders that are work folders (marked, or the earlier release's in the cache): only there may
 * status and stop read, remove or signal anything. A folder named with --work that is not one is a
 * usage error; the cache's other entries are passed over.
 */
async function workFoldersOf(candidates: readonly string[], options: { cacheWorkRoot: string; refuse: boolean }): Promise<string[]> {
  const out: string[] = [];
  for (const dir of candidates) {
    const state = await inspectWorkFolder(dir, { cacheWorkRoot: options.cacheWorkRoot });
    if (state.kind === "marked" || state.kind === "legacy") out.push(dir);
    else if (state.kind === "refused" && options.refuse) {
      throw new TrailhiveError("USAGE_WORK_NOT_OURS", { workDir: dir, reason: state.reason, for: "engine" });
    }
  }
  return out;
}
