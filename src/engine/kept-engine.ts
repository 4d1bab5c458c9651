import { spawn } from "node:child_process";
import { createHash, randomBytes } from "node:crypto";
import { closeSync, openSync, readFileSync } from "node:fs";
import { link, mkdir, readFile, readdir, rm, writeFile } from "node:fs/promises";
import { connect } from "node:net";
import { join } from "node:path";
import { TrailhiveError, type DetailsOf } from "../errors.js";
import { MAIN_CLASS, type HiveEngine } from "./ensure-engine.js";
import { launchArgs } from "./launch-args.js";
import { engineProcess } from "./process-identity.js";

/**
 * A kept engine: one JVM per work folder that stays up between commands and answers their requests
 * until it has been idle for a while (hive-engine's Server.java). A warm query then pays neither the
 * JVM's start, nor Hive's session start, nor class loading again. The JVM writes
 * `<workDir>/engine.json` ({pid, port, token, key, started}, owner-only) once its loopback port is
 * open, and its logs go to `<workDir>/engine.log`. `key` names the build (Java, flags, jars, entry jar
 * bytes): a client with another key stops that engine and starts its own. A descriptor is believed
 * only once the OS shows its pid is that engine (process-identity.ts): a stale or forged one never
 * gets a signal, a connection or the folder's requests.
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
  /** the JVM's start time as the OS gives it (absent in descriptors of older engines) */
  started?: string;
}

/** What a work folder's engine.json describes, once checked against the process it names. */
export type KeptEngineState =
  | { state: "none" }
  | { state: "running"; descriptor: KeptEngineDescriptor }
  /** a descriptor trailhive cannot vouch for: never signalled, never removed; `message` says so */
  | { state: "foreign"; pid?: number; message: string };

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
/** Loopback: a connection that takes longer is not an engine answering. */
const CONNECT_TIMEOUT_MS = 5_000;
/** The engine acknowledges (or answers stop and ping) once it has read the request: it allows itself 10 s for the token. */
const ACK_TIMEOUT_MS = 30_000;
/** A taken request gets a newline every 5 s while it waits or runs: this long without one is a hung engine. */
const SILENCE_TIMEOUT_MS = 60_000;

/** What identifies a JVM build: a kept engine answers only clients that would have started the same one. */
export function engineKey(engine: HiveEngine, jvmArgs: readonly string[] = []): string {
  const h = createHash("sha256");
  for (const part of [engine.java.path, engine.java.version, engine.mainClass, engine.entryDigest, ...engine.jvmArgs, ...jvmArgs, ...engine.classpath]) h.update(part).update("\0");
  return h.digest("hex").slice(0, 32);
}

/** Sends one request to the work folder's kept engine, starting one when none is running (or the running one is another build). */
export async function requestKeptEngine<T extends object>(engine: HiveEngine, request: object, options: KeptEngineOptions): Promise<KeptEngineReply<T>> {
  const began = Date.now();
  const now = await inspectKeptEngine(options.workDir);
  if (now.state === "foreign") throw foreignDescriptor(now);
  let running = now.state === "running" ? now.descriptor : undefined;
  if (running !== undefined && running.key !== options.key) {
    await stopKeptEngine(options.workDir);
    running = undefined;
  }
  if (running !== undefined) {
    const answered = await askRunning<T>(running, request, { began, workDir: options.workDir, signal: options.signal });
    if (answered !== undefined) return answered;
    // A descriptor left by a JVM that died (kill -9, reboot): forget it and start a new engine.
    await forgetDescriptor(options.workDir, running);
  }
  const { descriptor, started } = await startKeptEngine(engine, options);
  try {
    return await ask<T>(descriptor, request, { started, began, workDir: options.workDir, signal: options.signal });
  } catch (error) {
    if (error instanceof EngineUnreachable) throw engineFailed(options.workDir, { problem: "no-answer", pid: descriptor.pid, reason: error.message });
    throw error;
  }
}

/**
 * Hands work to the work folder's running engine without waiting for it (the engine runs it when it
 * would idle, and lets it go for any request a user waits on: Server.java, Background.java). True
 * once the engine took it; false when no engine of this build is running or it did not take it: a
 * hand-off never starts a JVM and never fails the caller's run.
 *
 * @example
 *   await handOffToKeptEngine({ session: { workDir, statements, doneFile } }, { workDir, key })  // true
 */
export async function handOffToKeptEngine(request: object, options: { workDir: string; key: string }): Promise<boolean> {
  const d = await liveDescriptor(options.workDir).catch(() => undefined);
  if (d === undefined || d.key !== options.key) return false;
  return new Promise((resolve) => {
    const socket = connect({ host: "127.0.0.1", port: d.port });
    const done = (taken: boolean) => {
      socket.destroy();
      resolve(taken);
    };
    socket.setTimeout(CONNECT_TIMEOUT_MS, () => done(false));
    socket.on("connect", () => socket.write(`${d.token}\n${JSON.stringify({ request, background: true })}\n`));
    // the newline that says the request was taken; a reply instead (refused) is not
    socket.on("data", (chunk: Buffer) => done(chunk[0] === 0x0a));
    socket.on("error", () => done(false));
    socket.on("close", () => done(false));
  });
}

/** How long a live engine that turns connections away (another local process holding them all) is tried again. */
const BUSY_RETRY_MS = 25_000;

/**
 * Asks the running engine; undefined when it is gone. An engine that does not take the connection
 * but is still this folder's live engine (local processes may hold all its waiting slots) is asked
 * again, then reported: never forgotten, since a second JVM on its metastore would corrupt it.
 */
async function askRunning<T extends object>(
  d: KeptEngineDescriptor,
  request: object,
  context: { began: number; workDir: string; signal?: AbortSignal | undefined },
): Promise<KeptEngineReply<T> | undefined> {
  const until = Date.now() + BUSY_RETRY_MS;
  for (let wait = POLL_MS; ; wait = Math.min(wait * 2, 2_000)) {
    try {
      return await ask<T>(d, request, { ...context, started: false });
    } catch (error) {
      if (!(error instanceof EngineUnreachable)) throw error;
      if ((await proveEngine(context.workDir, d)) !== "engine") return undefined;
      if (Date.now() > until || context.signal?.aborted === true) {
        throw new TrailhiveError("LOCAL_ENGINE_BUSY", { pid: d.pid, workDir: context.workDir, seconds: Math.round(BUSY_RETRY_MS / 1000), reason: error.message });
      }
      await sleep(wait);
    }
  }
}

/**
 * Stops the work folder's kept engine, if one is running; true when there was one. A descriptor that
 * does not name this folder's engine is left alone (inspectKeptEngine says why).
 */
export async function stopKeptEngine(workDir: string, options: { timeoutMs?: number } = {}): Promise<boolean> {
  const now = await inspectKeptEngine(workDir);
  if (now.state !== "running") return false;
  const d = now.descriptor;
  const timeoutMs = options.timeoutMs ?? 15_000;
  // answered at once, even mid-query; not answered (hung, or an older engine that reads the token
  // line as JSON and hangs up): the process is proven, so it gets signals without a wait
  const reply = await exchange(d, { stop: true }, AbortSignal.timeout(timeoutMs)).catch(() => undefined);
  const deadline = Date.now() + (reply?.["stopped"] === true ? timeoutMs : 0);
  while (isAlive(d.pid) && Date.now() < deadline) await sleep(POLL_MS);
  for (const signal of ["SIGTERM", "SIGKILL"] as const) {
    // proven again right before each signal: the engine may have exited and its pid been reused meanwhile
    if (!isAlive(d.pid) || (await proveEngine(workDir, d)) !== "engine") break;
    process.kill(d.pid, signal);
    const until = Date.now() + 5_000;
    while (isAlive(d.pid) && Date.now() < until) await sleep(POLL_MS);
  }
  await forgetDescriptor(workDir, d);
  return true;
}

/** The kept engines running for these work folders (see defaultWorkFolders for the cache's own), and the descriptors left alone. */
export async function listKeptEngines(folders: readonly string[]): Promise<{ running: { workDir: string; pid: number }[]; foreign: { workDir: string; pid?: number; message: string }[] }> {
  const running: { workDir: string; pid: number }[] = [];
  const foreign: { workDir: string; pid?: number; message: string }[] = [];
  for (const workDir of folders) {
    const s = await inspectKeptEngine(workDir);
    if (s.state === "running") running.push({ workDir, pid: s.descriptor.pid });
    if (s.state === "foreign") foreign.push({ workDir, ...(s.pid !== undefined ? { pid: s.pid } : {}), message: s.message });
  }
  return { running, foreign };
}

/** The work folders under a cache's `work/` folder. */
export async function defaultWorkFolders(cacheDir: string): Promise<string[]> {
  const root = join(cacheDir, "work");
  const names = await readdir(root).catch(() => [] as string[]);
  return names.sort().map((n) => join(root, n));
}

/**
 * What the work folder's engine.json describes: no engine, this folder's running engine (proven from
 * the process its pid names, or by the engine answering with that pid where the OS does not say), or
 * a descriptor trailhive cannot vouch for. One trailhive wrote whose engine is gone (the pid dead, or
 * now a process that started at another time) is removed; one it cannot vouch for is left as it is.
 */
export async function inspectKeptEngine(workDir: string): Promise<KeptEngineState> {
  const path = join(workDir, ENGINE_DESCRIPTOR_FILE);
  let text: string;
  try {
    text = await readFile(path, "utf8");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return { state: "none" };
    return { state: "foreign", message: `${path} cannot be read (${(error as NodeJS.ErrnoException).code}): left alone` };
  }
  const d = parseDescriptor(text);
  if (d === undefined) return { state: "foreign", message: `${path} is not a descriptor trailhive wrote: left alone` };
  if (!isAlive(d.pid)) {
    await forgetDescriptor(workDir, d);
    return { state: "none" };
  }
  switch (await proveEngine(workDir, d)) {
    case "engine":
      return { state: "running", descriptor: d };
    case "gone":
    case "reused":
      await forgetDescriptor(workDir, d);
      return { state: "none" };
    case "other":
      return { state: "foreign", pid: d.pid, message: `${ENGINE_DESCRIPTOR_FILE} in ${workDir} names pid ${d.pid}, which is not this folder's engine: left alone` };
  }
}

/** The descriptor of a running engine, or undefined (see inspectKeptEngine). */
export async function liveDescriptor(workDir: string): Promise<KeptEngineDescriptor | undefined> {
  const s = await inspectKeptEngine(workDir);
  return s.state === "running" ? s.descriptor : undefined;
}

/** From the OS where it says; elsewhere the engine must answer a ping with its token and that pid. */
async function proveEngine(workDir: string, d: KeptEngineDescriptor): Promise<"engine" | "gone" | "reused" | "other"> {
  const seen = engineProcess(d.pid, { descriptorPath: join(workDir, ENGINE_DESCRIPTOR_FILE), key: d.key, mainClass: MAIN_CLASS, started: d.started });
  if (seen !== "unknown") return seen;
  const reply = await exchange(d, { ping: true }, AbortSignal.timeout(CONNECT_TIMEOUT_MS)).catch(() => undefined);
  if (reply?.["pid"] === d.pid && reply["key"] === d.key) return "engine";
  // a process that died between the liveness check and the look at it (kill -9 under load) is gone, not someone else's
  return isAlive(d.pid) ? "other" : "gone";
}

function foreignDescriptor(s: { pid?: number; message: string }): TrailhiveError {
  return new TrailhiveError("LOCAL_ENGINE_DESCRIPTOR", { ...(s.pid !== undefined ? { pid: s.pid } : {}), reason: s.message });
}

class EngineUnreachable extends Error {}

async function ask<T extends object>(
  d: KeptEngineDescriptor,
  request: object,
  context: { started: boolean; began: number; workDir: string; signal?: AbortSignal | undefined },
): Promise<KeptEngineReply<T>> {
  const reply = await exchange(d, { request }, context.signal, context.workDir);
  if (typeof reply["refused"] === "string") throw new TrailhiveError("LOCAL_ENGINE_FAILED", { problem: "refused", pid: d.pid, refusal: reply["refused"] });
  const served = typeof reply["served"] === "number" ? reply["served"] : 0;
  return { report: reply as T, pid: d.pid, started: context.started, served, wallMs: Date.now() - context.began };
}

/**
 * The token on a line of its own, then one line of JSON out; one line back, after a newline the engine
 * sends when it takes the request (and more while it works). Every wait is bounded: the connection,
 * the acknowledgement, and the silence between heartbeats. Broken before any byte came back, the
 * request never ran: EngineUnreachable, and it may be sent again. Broken after, the engine died on
 * it: an error pointing at its log.
 */
function exchange(d: KeptEngineDescriptor, message: object, signal?: AbortSignal, workDir?: string): Promise<Record<string, unknown>> {
  return new Promise((resolve, reject) => {
    const socket = connect({ host: "127.0.0.1", port: d.port });
    const chunks: Buffer[] = [];
    let settled = false;
    const connectTimer = setTimeout(() => socket.destroy(new EngineUnreachable(`no connection to port ${d.port} in ${CONNECT_TIMEOUT_MS / 1000} s`)), CONNECT_TIMEOUT_MS);
    const settle = (outcome: () => void) => {
      if (settled) return;
      settled = true;
      clearTimeout(connectTimer);
      signal?.removeEventListener("abort", onAbort);
      outcome();
    };
    const onAbort = () => socket.destroy(new TrailhiveError("LOCAL_INTERRUPTED", { during: "answering" }));
    if (signal?.aborted === true) onAbort();
    signal?.addEventListener("abort", onAbort, { once: true });
    // Not end(): the engine takes the end of this side as "the client went away" and kills the query.
    socket.on("connect", () => {
      clearTimeout(connectTimer);
      socket.setTimeout(ACK_TIMEOUT_MS);
      socket.write(`${d.token}\n${JSON.stringify(message)}\n`);
    });
    socket.on("timeout", () => socket.destroy(chunks.length === 0 ? new EngineUnreachable(`no acknowledgement in ${ACK_TIMEOUT_MS / 1000} s`) : broken(`silent for ${SILENCE_TIMEOUT_MS / 1000} s`)));
    socket.on("data", (chunk: Buffer) => {
      if (chunks.length === 0) socket.setTimeout(SILENCE_TIMEOUT_MS);
      chunks.push(chunk);
    });
    const broken = (why: string) => {
      if (chunks.length === 0) return new EngineUnreachable(why);
      const what = { problem: "stopped-answering", pid: d.pid, why } as const;
      return workDir === undefined ? new TrailhiveError("LOCAL_ENGINE_FAILED", what) : engineFailed(workDir, what);
    };
    socket.on("error", (error: NodeJS.ErrnoException) => settle(() => reject(error instanceof TrailhiveError || error instanceof EngineUnreachable ? error : broken(error.code ?? error.message))));
    socket.on("close", () =>
      settle(() => {
        const text = Buffer.concat(chunks).toString("utf8").trim();
        if (text === "") return reject(broken("the connection closed without a reply"));
        try {
          resolve(JSON.parse(text) as Record<string, unknown>);
        } catch (error) {
          reject(new TrailhiveError("LOCAL_ENGINE_FAILED", { problem: "unreadable-reply", pid: d.pid, reason: (error as Error).message }));
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
      // a probe only (kill 0): a stale lock is removed, its holder never signalled
      if (!(holder > 0 && isAlive(holder))) {
        await rm(lockPath, { force: true });
        continue;
      }
      const d = await liveDescriptor(options.workDir);
      if (d !== undefined && d.key === options.key) return { descriptor: d, started: false };
      if (Date.now() > deadline) throw engineFailed(options.workDir, { problem: "start-held", holder });
      await sleep(POLL_MS);
    } finally {
      await rm(mine, { force: true });
    }
  }
  try {
    // Another client may have started one between our look and the lock: use it.
    const now = await inspectKeptEngine(options.workDir);
    if (now.state === "foreign") throw foreignDescriptor(now);
    if (now.state === "running" && now.descriptor.key === options.key) return { descriptor: now.descriptor, started: false };
    if (now.state === "running") await stopKeptEngine(options.workDir);
    const descriptorPath = join(options.workDir, ENGINE_DESCRIPTOR_FILE);
    await rm(descriptorPath, { force: true });
    const log = openSync(join(options.workDir, ENGINE_LOG_FILE), "w", 0o600);
    const args = [
      ...engine.jvmArgs,
      ...(options.jvmArgs ?? []),
      ...(await launchArgs(engine, options.workDir)),
      "--serve",
      descriptorPath,
      options.key,
      String(Math.max(1, Math.round(options.idleSeconds))),
    ];
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
      if (exit !== undefined) throw engineFailed(options.workDir, { problem: "exited-before-ready", exit });
      if (options.signal?.aborted === true || Date.now() > deadline) {
        child.kill("SIGKILL");
        throw options.signal?.aborted === true ? new TrailhiveError("LOCAL_INTERRUPTED", { during: "starting" }) : engineFailed(options.workDir, { problem: "start-timeout" });
      }
      await sleep(POLL_MS);
    }
  } finally {
    await rm(lockPath, { force: true });
  }
}

/** What went wrong with a kept engine whose log says more (the details of LOCAL_ENGINE_FAILED, less the log). */
type LoggedFailure = Extract<DetailsOf<"LOCAL_ENGINE_FAILED">, { problem: "stopped-answering" | "no-answer" | "start-held" | "exited-before-ready" | "start-timeout" }>;

type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;

function engineFailed(workDir: string, what: DistributiveOmit<LoggedFailure, "log" | "logTail">): TrailhiveError {
  const logPath = join(workDir, ENGINE_LOG_FILE);
  let tail = "";
  try {
    tail = readFileSync(logPath, "utf8").split("\n").slice(-20).join("\n");
  } catch {
    // no log yet
  }
  return new TrailhiveError("LOCAL_ENGINE_FAILED", { ...what, log: logPath, logTail: tail });
}

/** A descriptor in the shape trailhive writes, or undefined. */
function parseDescriptor(text: string): KeptEngineDescriptor | undefined {
  try {
    const d = JSON.parse(text) as Partial<KeptEngineDescriptor>;
    const ok =
      Number.isSafeInteger(d.pid) &&
      d.pid! > 0 &&
      Number.isSafeInteger(d.port) &&
      typeof d.token === "string" &&
      /^[0-9a-f]{64}$/.test(d.token) &&
      typeof d.key === "string" &&
      (d.started === undefined || typeof d.started === "string");
    return ok ? (d as KeptEngineDescriptor) : undefined;
  } catch {
    return undefined;
  }
}

async function readDescriptor(workDir: string): Promise<KeptEngineDescriptor | undefined> {
  return parseDescriptor(await readFile(join(workDir, ENGINE_DESCRIPTOR_FILE), "utf8").catch(() => ""));
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
