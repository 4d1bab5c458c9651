import { spawn } from "node:child_process";
import { createHash, randomBytes } from "node:crypto";
import { closeSync, openSync, readFileSync } from "node:fs";
import { link, mkdir, readFile, readdir, rm, writeFile } from "node:fs/promises";
import { connect } from "node:net";
import { join } from "node:path";
import { TrailhiveError } from "../errors.js";
import type { HiveEngine } from "./ensure-engine.js";
import { launchArgs } from "./launch-args.js";

/**
 * A kept engine: one JVM per work folder that stays up between commands and answers their requests
 * until it has been idle for a while (hive-engine's Server.java). A warm query then pays neither the
 * JVM's start, nor Hive's session start, nor class loading again. The JVM writes
 * `<workDir>/engine.json` ({pid, port, token, key}, owner-only) once its loopback port is open, and
 * its logs go to `<workDir>/engine.log`. `key` names the build (Java, flags, jars, entry jar bytes): a
 * client with another key stops that engine and starts its own.
 *
 * @example
 *   const { report, started } = await requestKeptEngine(engine, { session }, { workDir, key: engineKey(engine, args), idleSeconds: 600, jvmArgs: args });
 *   await stopKeptEngine(workDir); // true when one was running
 */
export const ENGINE_DESCRIPTOR_FILE = "engine.json";
export const ENGINE_LOG_FILE = "engine.log";
const ENGINE_LOCK_FILE = "engine.lock";

export interface KeptEngineDescriptor {
  pid: number;
  port: number;
  token: string;
  key: string;
}

export interface KeptEngineOptions {
  workDir: string;
  /** engineKey(...) of the engine this client would start */
  key: string;
  /** the JVM stops after this long without a request */
  idleSeconds: number;
  /** JVM flags beyond the engine's own */
  jvmArgs?: readonly string[];
  /** how long a new JVM may take to open its port */
  startTimeoutMs?: number;
  signal?: AbortSignal;
}

export interface KeptEngineReply<T> {
  report: T;
  pid: number;
  /** true when this request started the JVM */
  started: boolean;
  /** requests this JVM has answered, this one included */
  served: number;
  wallMs: number;
}

const POLL_MS = 50;

/** What identifies a JVM build: a kept engine answers only clients that would have started the same one. */
export function engineKey(engine: HiveEngine, jvmArgs: readonly string[] = []): string {
  const h = createHash("sha256");
  for (const part of [engine.java.path, engine.java.version, engine.mainClass, engine.entryDigest, ...engine.jvmArgs, ...jvmArgs, ...engine.classpath]) h.update(part).update("\0");
  return h.digest("hex").slice(0, 32);
}

/** Sends one request to the work folder's kept engine, starting one when none is running (or the running one is another build). */
export async function requestKeptEngine<T extends object>(engine: HiveEngine, request: object, options: KeptEngineOptions): Promise<KeptEngineReply<T>> {
  const began = Date.now();
  let running = await liveDescriptor(options.workDir);
  if (running !== undefined && running.key !== options.key) {
    await stopKeptEngine(options.workDir);
    running = undefined;
  }
  if (running !== undefined) {
    try {
      return await ask<T>(running, request, { started: false, began, workDir: options.workDir, signal: options.signal });
    } catch (error) {
      // A descriptor left by a JVM that died (kill -9, reboot): forget it and start a new engine.
      if (!(error instanceof EngineUnreachable)) throw error;
      await forgetDescriptor(options.workDir, running);
    }
  }
  const { descriptor, started } = await startKeptEngine(engine, options);
  try {
    return await ask<T>(descriptor, request, { started, began, workDir: options.workDir, signal: options.signal });
  } catch (error) {
    if (error instanceof EngineUnreachable) throw engineFailed(options.workDir, `the kept Hive engine (pid ${descriptor.pid}) did not answer: ${error.message}`);
    throw error;
  }
}

/** Stops the work folder's kept engine, if one is running; true when there was one. */
export async function stopKeptEngine(workDir: string, options: { timeoutMs?: number } = {}): Promise<boolean> {
  const d = await readDescriptor(workDir);
  if (d === undefined) return false;
  if (!isAlive(d.pid)) {
    await forgetDescriptor(workDir, d);
    return false;
  }
  const timeoutMs = options.timeoutMs ?? 15_000;
  try {
    // bounded: an engine busy with a long query reads the stop only after it
    await exchange(d, { token: d.token, stop: true }, AbortSignal.timeout(timeoutMs));
  } catch {
    // not answering in time: signals below
  }
  const deadline = Date.now() + timeoutMs;
  while (isAlive(d.pid) && Date.now() < deadline) await sleep(POLL_MS);
  for (const signal of ["SIGTERM", "SIGKILL"] as const) {
    if (!isAlive(d.pid)) break;
    process.kill(d.pid, signal);
    const until = Date.now() + 5_000;
    while (isAlive(d.pid) && Date.now() < until) await sleep(POLL_MS);
  }
  await forgetDescriptor(workDir, d);
  return true;
}

/** The kept engines running for these work folders (see defaultWorkFolders for the cache's own). */
export async function listKeptEngines(folders: readonly string[]): Promise<{ workDir: string; pid: number }[]> {
  const out: { workDir: string; pid: number }[] = [];
  for (const workDir of folders) {
    const d = await liveDescriptor(workDir);
    if (d !== undefined) out.push({ workDir, pid: d.pid });
  }
  return out;
}

/** The work folders under a cache's `work/` folder. */
export async function defaultWorkFolders(cacheDir: string): Promise<string[]> {
  const root = join(cacheDir, "work");
  const names = await readdir(root).catch(() => [] as string[]);
  return names.sort().map((n) => join(root, n));
}

/** The descriptor of a running engine, or undefined (a descriptor whose process is gone is removed). */
export async function liveDescriptor(workDir: string): Promise<KeptEngineDescriptor | undefined> {
  const d = await readDescriptor(workDir);
  if (d === undefined) return undefined;
  if (isAlive(d.pid)) return d;
  await forgetDescriptor(workDir, d);
  return undefined;
}

class EngineUnreachable extends Error {}

async function ask<T extends object>(d: KeptEngineDescriptor, request: object, context: { started: boolean; began: number; workDir: string; signal?: AbortSignal | undefined }): Promise<KeptEngineReply<T>> {
  const reply = await exchange(d, { token: d.token, request }, context.signal, context.workDir);
  if (typeof reply["refused"] === "string") throw new TrailhiveError("LOCAL_ENGINE_FAILED", `the kept Hive engine (pid ${d.pid}) refused the request: ${reply["refused"]}`, { pid: d.pid }, { userError: false });
  const served = typeof reply["served"] === "number" ? reply["served"] : 0;
  return { report: reply as T, pid: d.pid, started: context.started, served, wallMs: Date.now() - context.began };
}

/**
 * One line of JSON out, one line back (after a newline the engine sends when it takes the request).
 * Broken before any byte came back, the request never ran: EngineUnreachable, and it may be sent
 * again. Broken after, the engine died on it: an error pointing at its log.
 */
function exchange(d: KeptEngineDescriptor, message: object, signal?: AbortSignal, workDir?: string): Promise<Record<string, unknown>> {
  return new Promise((resolve, reject) => {
    const socket = connect({ host: "127.0.0.1", port: d.port });
    const chunks: Buffer[] = [];
    let settled = false;
    const settle = (outcome: () => void) => {
      if (settled) return;
      settled = true;
      signal?.removeEventListener("abort", onAbort);
      outcome();
    };
    const onAbort = () => socket.destroy(new TrailhiveError("LOCAL_INTERRUPTED", "interrupted while Hive was answering", {}));
    signal?.addEventListener("abort", onAbort, { once: true });
    // Not end(): the engine takes the end of this side as "the client went away" and kills the query.
    socket.on("connect", () => socket.write(JSON.stringify(message) + "\n"));
    socket.on("data", (chunk: Buffer) => chunks.push(chunk));
    const broken = (why: string) => {
      if (chunks.length === 0) return new EngineUnreachable(why);
      const what = `the kept Hive engine (pid ${d.pid}) stopped while answering (${why})`;
      return workDir === undefined ? new TrailhiveError("LOCAL_ENGINE_FAILED", what, { pid: d.pid }, { userError: false }) : engineFailed(workDir, what);
    };
    socket.on("error", (error: NodeJS.ErrnoException) => settle(() => reject(error instanceof TrailhiveError ? error : broken(error.code ?? error.message))));
    socket.on("close", () =>
      settle(() => {
        const text = Buffer.concat(chunks).toString("utf8").trim();
        if (text === "") return reject(broken("the connection closed without a reply"));
        try {
          resolve(JSON.parse(text) as Record<string, unknown>);
        } catch (error) {
          reject(new TrailhiveError("LOCAL_ENGINE_FAILED", `the kept Hive engine (pid ${d.pid}) sent an unreadable reply: ${(error as Error).message}`, { pid: d.pid }, { userError: false }));
        }
      }),
    );
  });
}

/**
 * Starts a JVM serving the work folder and waits for its descriptor. A lock file makes concurrent
 * clients share one start: the others wait for the descriptor the first one's JVM writes (`started`
 * is false for them).
 */
async function startKeptEngine(engine: HiveEngine, options: KeptEngineOptions): Promise<{ descriptor: KeptEngineDescriptor; started: boolean }> {
  await mkdir(options.workDir, { recursive: true });
  const lockPath = join(options.workDir, ENGINE_LOCK_FILE);
  const deadline = Date.now() + (options.startTimeoutMs ?? 180_000);
  for (;;) {
    // The lock appears with the holder's pid already in it (a hard link is made atomically or not at
    // all), so a reader never sees an empty lock and takes it for a stale one.
    const mine = `${lockPath}.${process.pid}.${randomBytes(4).toString("hex")}`;
    await writeFile(mine, String(process.pid), { mode: 0o600 });
    try {
      await link(mine, lockPath);
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
      const holder = Number(await readFile(lockPath, "utf8").catch(() => ""));
      if (!(holder > 0 && isAlive(holder))) {
        await rm(lockPath, { force: true });
        continue;
      }
      const d = await liveDescriptor(options.workDir);
      if (d !== undefined && d.key === options.key) return { descriptor: d, started: false };
      if (Date.now() > deadline) throw engineFailed(options.workDir, `another trailhive (pid ${holder}) has been starting the engine for too long`);
      await sleep(POLL_MS);
    } finally {
      await rm(mine, { force: true });
    }
  }
  try {
    // Another client may have started one between our look and the lock: use it.
    const running = await liveDescriptor(options.workDir);
    if (running !== undefined && running.key === options.key) return { descriptor: running, started: false };
    if (running !== undefined) await stopKeptEngine(options.workDir);
    const descriptorPath = join(options.workDir, ENGINE_DESCRIPTOR_FILE);
    await rm(descriptorPath, { force: true });
    const log = openSync(join(options.workDir, ENGINE_LOG_FILE), "w", 0o600);
    const args = [...engine.jvmArgs, ...(options.jvmArgs ?? []), ...(await launchArgs(engine, options.workDir)), "--serve", descriptorPath, options.key, String(Math.max(1, Math.round(options.idleSeconds)))];
    // Detached, its output in a file: the JVM outlives this command and holds none of its pipes.
    const child = spawn(engine.java.path, args, { cwd: options.workDir, detached: true, stdio: ["ignore", log, log] });
    closeSync(log);
    let exit: string | undefined;
    child.on("exit", (code, signal) => (exit = signal ?? String(code)));
    child.on("error", (error) => (exit = error.message));
    child.unref();
    for (;;) {
      const d = await readDescriptor(options.workDir);
      if (d !== undefined && d.pid === child.pid) return { descriptor: d, started: true };
      if (exit !== undefined) throw engineFailed(options.workDir, `the Hive engine exited (${exit}) before it was ready`);
      if (options.signal?.aborted === true || Date.now() > deadline) {
        child.kill("SIGKILL");
        throw options.signal?.aborted === true ? new TrailhiveError("LOCAL_INTERRUPTED", "interrupted while Hive was starting", {}) : engineFailed(options.workDir, "the Hive engine did not start in time");
      }
      await sleep(POLL_MS);
    }
  } finally {
    await rm(lockPath, { force: true });
  }
}

function engineFailed(workDir: string, what: string): TrailhiveError {
  const logPath = join(workDir, ENGINE_LOG_FILE);
  let tail = "";
  try {
    tail = readFileSync(logPath, "utf8").split("\n").slice(-20).join("\n");
  } catch {
    // no log yet
  }
  return new TrailhiveError("LOCAL_ENGINE_FAILED", `${what}; its log is ${logPath}${tail === "" ? "" : `, ending:\n${tail}`}`, { log: logPath }, { userError: false });
}

async function readDescriptor(workDir: string): Promise<KeptEngineDescriptor | undefined> {
  try {
    const d = JSON.parse(await readFile(join(workDir, ENGINE_DESCRIPTOR_FILE), "utf8")) as Partial<KeptEngineDescriptor>;
    if (typeof d.pid === "number" && typeof d.port === "number" && typeof d.token === "string" && typeof d.key === "string") return d as KeptEngineDescriptor;
  } catch {
    // none, or half-written by hand: not an engine
  }
  return undefined;
}

/** Removes the descriptor when it still describes `d` (a newer engine may have written its own). */
async function forgetDescriptor(workDir: string, d: KeptEngineDescriptor): Promise<void> {
  const now = await readDescriptor(workDir);
  if (now !== undefined && now.token === d.token) await rm(join(workDir, ENGINE_DESCRIPTOR_FILE), { force: true });
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
