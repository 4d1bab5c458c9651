import { spawn } from "node:child_process";
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createInterface } from "node:readline";
import { TrailhiveError } from "../errors.js";
import type { HiveEngine } from "./ensure-engine.js";
import { launchArgs } from "./launch-args.js";

/**
 * Starts one JVM for one request: writes the request as JSON, runs the entry class, streams the
 * JVM's stderr (Hive's logs and console) line by line to `onLog`, and reads the JSON report the entry
 * writes. Nothing but the report matters on success; on failure the error carries the last log lines.
 *
 * @example
 *   const { report } = await runEngine(engine, { types: [{ name: "a", type: "array<string>" }] });
 */
export interface RunEngineOptions {
  onLog?: (line: string) => void;
  /** extra JVM flags (e.g. -Xmx2g) */
  jvmArgs?: string[];
  signal?: AbortSignal;
  /** the JVM's working folder (a session's work folder: Session.java names Hadoop's local folders relative to it) */
  cwd?: string;
}

export interface EngineRun<T> {
  report: T;
  wallMs: number;
  /** the last lines the JVM wrote to stderr */
  logTail: string[];
}

const TAIL = 40;

export async function runEngine<T extends object>(engine: HiveEngine, request: object, options: RunEngineOptions = {}): Promise<EngineRun<T>> {
  const dir = await mkdtemp(join(tmpdir(), "trailhive-engine-"));
  const requestPath = join(dir, "request.json");
  const reportPath = join(dir, "report.json");
  await writeFile(requestPath, JSON.stringify(request));
  const started = Date.now();
  const tail: string[] = [];
  try {
    const cwd = options.cwd ?? dir;
    const launch = await launchArgs(engine, cwd);
    const code = await new Promise<number | null>((resolve, reject) => {
      const args = [...engine.jvmArgs, ...(options.jvmArgs ?? []), ...launch, requestPath, reportPath];
      const child = spawn(engine.java.path, args, { stdio: ["ignore", "pipe", "pipe"], cwd, ...(options.signal ? { signal: options.signal } : {}) });
      const take = (line: string) => {
        tail.push(line);
        if (tail.length > TAIL) tail.shift();
        options.onLog?.(line);
      };
      createInterface({ input: child.stderr }).on("line", take);
      createInterface({ input: child.stdout }).on("line", take);
      child.on("error", reject);
      child.on("close", resolve);
    });
    const text = await readFile(reportPath, "utf8").catch(() => undefined);
    if (text === undefined) {
      throw new TrailhiveError("LOCAL_ENGINE_FAILED", { problem: "exited", version: engine.version, code, log: tail });
    }
    const report = JSON.parse(text) as T & { crash?: string };
    if (report.crash) {
      throw new TrailhiveError("LOCAL_ENGINE_FAILED", { problem: "crashed", version: engine.version, crash: report.crash, log: tail });
    }
    return { report, wallMs: Date.now() - started, logTail: tail };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
