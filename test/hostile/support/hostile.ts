import { spawn } from "node:child_process";
import assert from "node:assert/strict";
import { lstatSync, mkdtempSync, readdirSync, readlinkSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { ENGINE_DESCRIPTOR_FILE, stopKeptEngine } from "../../../src/engine/kept-engine.js";

/**
 * What every hostile-input test asserts, in one place (issue 14): the command ends by itself within a
 * bound, with the exit code the README documents, a message naming the file or value, no stack trace
 * and no "internal error"; and nothing outside the folders it may write changes.
 *
 * @example
 *   const before = snapshotTree(dir);
 *   const r = await runTrailhive(["infer", logs, "-o", "-"], { cwd: dir });
 *   assertHandled(r, { exit: 2, names: "bomb.json.gz" });
 *   assertTreeUnchanged(before, snapshotTree(dir), { except: ["trailhive.schema.json"] });
 */
export interface CliRun {
  /** null when the process died of a signal or was killed for running too long */
  code: number | null;
  signal: NodeJS.Signals | null;
  timedOut: boolean;
  stdout: string;
  stderr: string;
  ms: number;
}

/**
 * The CLI as the package starts it. test/run.mjs builds dist/ from src/ before any test runs, so this
 * is today's code; through tsx instead, each child spent ~1 s more CPU compiling (hostile tests start
 * many).
 */
const ENTRY = join(dirname(fileURLToPath(import.meta.url)), "..", "..", "..", "bin", "trailhive.js");

/**
 * Runs `trailhive ARGS` in a child process, killed after `timeoutMs`. `runner` starts node through
 * another command (e.g. `setpriv ... node`, to run as another user).
 */
export function runTrailhive(
  args: readonly string[],
  options: { cwd: string; env?: NodeJS.ProcessEnv; timeoutMs?: number; stdin?: string; runner?: { command: string; prefix: readonly string[] } },
): Promise<CliRun> {
  const began = Date.now();
  const runner = options.runner ?? { command: process.execPath, prefix: [] };
  return new Promise((resolve, reject) => {
    const child = spawn(runner.command, [...runner.prefix, ENTRY, ...args], {
      cwd: options.cwd,
      env: { ...process.env, AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: "true", ...options.env },
      stdio: ["pipe", "pipe", "pipe"],
    });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on("data", (c: Buffer) => out.push(c));
    child.stderr.on("data", (c: Buffer) => err.push(c));
    child.stdin.end(options.stdin ?? "");
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill("SIGKILL");
    }, options.timeoutMs ?? 60_000);
    child.on("error", reject);
    child.on("close", (code, signal) => {
      clearTimeout(timer);
      resolve({ code, signal, timedOut, stdout: Buffer.concat(out).toString("utf8"), stderr: Buffer.concat(err).toString("utf8"), ms: Date.now() - began });
    });
  });
}

/** A stack frame as Node prints one: what a user must never see without --debug. */
const STACK_FRAME = /^\s+at .+(\(|:\d+:\d+)/m;

/**
 * The run ended by itself with `exit`, printed no stack and no internal error, and (when given) its
 * stderr (or stdout with --json) names `names`.
 */
export function assertHandled(run: CliRun, expected: { exit: number; names?: string | RegExp | readonly (string | RegExp)[] }): void {
  const context = `exit ${run.code} signal ${run.signal} after ${run.ms} ms\n--- stderr\n${run.stderr.slice(0, 4000)}\n--- stdout\n${run.stdout.slice(0, 2000)}`;
  assert.equal(run.timedOut, false, `the command did not end in time: ${context}`);
  assert.equal(run.signal, null, `the command died of a signal: ${context}`);
  assert.doesNotMatch(run.stderr, STACK_FRAME, `a stack trace reached the user: ${context}`);
  assert.doesNotMatch(run.stderr, /internal error/i, `an internal error: ${context}`);
  assert.equal(run.code, expected.exit, `exit code: ${context}`);
  const names = expected.names === undefined ? [] : Array.isArray(expected.names) ? expected.names : [expected.names];
  for (const n of names as (string | RegExp)[]) {
    const said = run.stderr + run.stdout;
    if (typeof n === "string") assert.ok(said.includes(n), `the message should name ${JSON.stringify(n)}: ${context}`);
    else assert.match(said, n, `the message should match ${n}: ${context}`);
  }
}

export interface TreeEntry {
  kind: "file" | "dir" | "symlink" | "other";
  size: number;
  mtimeMs: number;
  mode: number;
  target?: string;
}

/** Every entry below `root` (not following links), by path relative to it. */
export function snapshotTree(root: string): Map<string, TreeEntry> {
  const out = new Map<string, TreeEntry>();
  const visit = (dir: string) => {
    let names: string[];
    try {
      names = readdirSync(dir);
    } catch {
      return;
    }
    for (const name of names) {
      const path = join(dir, name);
      const s = lstatSync(path);
      const kind = s.isSymbolicLink() ? "symlink" : s.isDirectory() ? "dir" : s.isFile() ? "file" : "other";
      out.set(relative(root, path), { kind, size: kind === "dir" ? 0 : s.size, mtimeMs: kind === "dir" ? 0 : s.mtimeMs, mode: s.mode, ...(kind === "symlink" ? { target: readlinkSync(path) } : {}) });
      if (kind === "dir") visit(path);
    }
  };
  visit(root);
  return out;
}

/**
 * Nothing below the snapshot's root was deleted or changed, and nothing new appeared except below
 * the `except` paths (relative to the root: the outputs and work folders the command may write).
 */
export function assertTreeUnchanged(before: Map<string, TreeEntry>, after: Map<string, TreeEntry>, options: { except?: readonly string[] } = {}): void {
  const allowed = (p: string) => (options.except ?? []).some((e) => p === e || p.startsWith(e.endsWith("/") ? e : e + "/"));
  for (const [path, entry] of before) {
    if (allowed(path)) continue;
    const now = after.get(path);
    assert.ok(now !== undefined, `${path} was deleted`);
    assert.deepEqual(now, entry, `${path} was changed`);
  }
  for (const path of after.keys()) if (!before.has(path) && !allowed(path)) assert.fail(`${path} was written outside the allowed folders`);
}

/**
 * A fresh temporary folder for `run`, removed afterwards (its name carries `label` for debugging). A
 * kept engine still up in a work folder below it (a test that failed before stopping it) is stopped
 * first: it would outlive the test and write into the folder while it is removed (ENOTEMPTY).
 */
export async function withTempDir<T>(label: string, run: (dir: string) => Promise<T>): Promise<T> {
  const dir = mkdtempSync(join(tmpdir(), `trailhive-hostile-${label}-`));
  try {
    return await run(dir);
  } finally {
    for (const work of foldersHolding(dir, ENGINE_DESCRIPTOR_FILE, 3)) await stopKeptEngine(work);
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The folders at most `depth` levels below `dir` (links not followed) that hold a file named `name`. */
function foldersHolding(dir: string, name: string, depth: number): string[] {
  let entries;
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch {
    return [];
  }
  const here = entries.some((e) => e.name === name && e.isFile()) ? [dir] : [];
  if (depth === 0) return here;
  return [...here, ...entries.filter((e) => e.isDirectory()).flatMap((e) => foldersHolding(join(dir, e.name), name, depth - 1))];
}
