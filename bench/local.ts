/**
 * `npm run bench:local`: the local engine's costs on this machine. Prints one JSON object; the figures
 * are recorded with machine and date in bench/README.md.
 *
 * Input: every corpus file (../shared/corpus) that reads as a CloudTrail log, gzipped (level 6) as
 * CloudTrail delivers them, REPLICATED `BENCH_COPIES` times (default 30) into copy-NNN/ folders of a
 * temp folder for volume: the copies are the same events again, so the staged partitions grow, not
 * multiply.
 *
 * 1. Staging throughput against the read limit, as the inference benchmark measures it: the limit is
 *    readFileSync + gunzipSync + JSON.parse of each file on one thread; staging is `stageLogs` (read,
 *    infer's readLogFile, partition, gzip level 1 writes) with the schema inferred in the same pass, as
 *    `run` does, from the built code in dist/ (what the CLI runs; its parse threads then load JavaScript,
 *    not TypeScript through tsx): with the default parse threads (`BENCH_WORKERS` to set them) and with
 *    one. Interleaved runs, median of `BENCH_RUNS` (default 3) after a warm-up. Throughput is MB/s of
 *    wall time (staging may use every core); CPU time of the process (all its threads) is reported
 *    beside it, as the cost. MB are uncompressed JSON.
 * 2. Memory: peak RSS of staging in a child process at 1 copy and at all copies (flat = streaming).
 * `BENCH_PART=staging` runs only 1 and 2, `BENCH_PART=first-row` only 3.
 * 3. Command to first row through the built CLI (`node bin/trailhive.js run ...`; `npm run build`
 *    first), on one copy and on all copies: cold (Hive's jars and class-data archive already in the
 *    cache, no work folder: stage, start the JVM, create the table and partitions, query) and warm (the
 *    same query again over the same logs; and another query). Peak RSS is GNU time's %M for the run
 *    (the largest process: the JVM); CPU is the run's user + system seconds.
 */
import { spawn, spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { cpus, loadavg, tmpdir, totalmem } from "node:os";
import { dirname, join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { gunzipSync, gzipSync } from "node:zlib";
import type { SourceFile } from "../src/source/resolve-sources.js";

const COPIES = Number(process.env["BENCH_COPIES"] ?? 30);
const RUNS = Number(process.env["BENCH_RUNS"] ?? 3);
const WORKERS = process.env["BENCH_WORKERS"] === undefined ? undefined : Number(process.env["BENCH_WORKERS"]);
/** `staging` or `first-row` to run only that part (default: both) */
const PART = process.env["BENCH_PART"] ?? "all";
const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), "..");

// The built modules (`npm run bench:local` builds first), as the CLI runs them; typed by their sources.
// All of them: a source file's LocalStore (from src/) is not the LocalStore class dist's stageLogs knows.
const dist = (path: string) => import(new URL(`../dist/${path}`, import.meta.url).href);
const { readLogFile } = (await dist("records/read-log-file.js")) as typeof import("../src/records/read-log-file.js");
const { SchemaBuilder } = (await dist("schema/schema-builder.js")) as typeof import("../src/schema/schema-builder.js");
const { serializeSchema } = (await dist("schema/schema-io.js")) as typeof import("../src/schema/schema-io.js");
const { stageLogs } = (await dist("local/stage-logs.js")) as typeof import("../src/local/stage-logs.js");
const { defaultParseWorkers } = (await dist("local/parse-workers.js")) as typeof import("../src/local/parse-workers.js");
// From dist/ too: stageLogs reads local files itself only when their store is dist's own LocalStore class.
const { resolveSources } = (await dist("source/resolve-sources.js")) as typeof import("../src/source/resolve-sources.js");
type SchemaBuilder = InstanceType<typeof SchemaBuilder>;
const corpus = resolve(repoRoot, "../shared/corpus");

interface Sample {
  wallMs: number;
  cpuMs: number;
}

function listFiles(root: string): string[] {
  return readdirSync(root)
    .sort()
    .flatMap((name) => {
      const p = join(root, name);
      return statSync(p).isDirectory() ? listFiles(p) : [p];
    });
}

/** The corpus's log files gzipped, `copies` times; returns the uncompressed bytes of all copies and the file list. */
function prepare(dest: string, copies: number): { files: string[]; jsonBytes: number; records: number } {
  const logs: { rel: string; gz: Buffer; json: number; records: number }[] = [];
  for (const path of listFiles(corpus)) {
    const bytes = readFileSync(path);
    const result = readLogFile(bytes, path);
    if (result.kind !== "log") continue;
    const plain = bytes[0] === 0x1f && bytes[1] === 0x8b ? gunzipSync(bytes) : bytes;
    logs.push({ rel: relative(corpus, path) + ".bench.gz", gz: gzipSync(plain, { level: 6 }), json: plain.length, records: result.records.length });
  }
  const files: string[] = [];
  for (let i = 0; i < copies; i++) {
    for (const log of logs) {
      const out = join(dest, `copy-${String(i).padStart(3, "0")}`, log.rel);
      mkdirSync(dirname(out), { recursive: true });
      writeFileSync(out, log.gz);
      files.push(out);
    }
  }
  const per = logs.reduce((a, l) => ({ json: a.json + l.json, records: a.records + l.records }), { json: 0, records: 0 });
  return { files, jsonBytes: per.json * copies, records: per.records * copies };
}

function limit(files: readonly string[]): void {
  for (const f of files) JSON.parse(gunzipSync(readFileSync(f)).toString("utf8"));
}

/** Staging's streaming part (what grows with the logs): read, parse, infer per record, write. The listing before and the schema's finish after are timed apart. */
async function staging(files: SourceFile[], root: string, builder: SchemaBuilder, workers = WORKERS): Promise<number> {
  const summary = await stageLogs(files, { root, inferSchema: true, workers });
  for (const state of summary.schemas ?? []) builder.addState(state);
  // The threads that wrote parts: a figure for N threads that ran on one would be a silent lie.
  const writers = new Set(summary.parts.map((p) => /^part-(w\d+)-/.exec(p.file)?.[1] ?? "this thread")).size;
  const expected = workers ?? defaultParseWorkers();
  if (writers !== expected) throw new Error(`staging wrote parts from ${writers} thread(s), not ${expected}`);
  return summary.records;
}

async function measure(run: () => unknown): Promise<Sample> {
  const w0 = process.hrtime.bigint();
  const c0 = process.cpuUsage();
  await run();
  const c = process.cpuUsage(c0);
  return { wallMs: Number(process.hrtime.bigint() - w0) / 1e6, cpuMs: (c.user + c.system) / 1000 };
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 === 1 ? (s[m] as number) : ((s[m - 1] as number) + (s[m] as number)) / 2;
}

/** Child mode: stage a folder once and report this process's peak RSS. */
async function child(dir: string, root: string): Promise<void> {
  const { files } = await resolveSources([dir], {});
  const builder = new SchemaBuilder();
  const records = await staging(files, root, builder);
  serializeSchema(builder.finish([dir]));
  process.stdout.write(JSON.stringify({ maxRssKiB: process.resourceUsage().maxRSS, records }) + "\n");
}

function stagingRss(dir: string, root: string): { peakRssMB: number; records: number } {
  const r = spawnSync(process.execPath, [...process.execArgv, fileURLToPath(import.meta.url), "--child", dir, root], { encoding: "utf8" });
  if (r.status !== 0) throw new Error(`child failed: ${r.stderr}`);
  const out = JSON.parse(r.stdout.trim().split("\n").pop() ?? "{}") as { maxRssKiB: number; records: number };
  return { peakRssMB: Math.round(out.maxRssKiB / 1024), records: out.records };
}

/** user+system CPU seconds a process has used so far (Linux /proc), 0 when it is gone. */
function processCpuS(pid: number | undefined): number {
  if (pid === undefined) return 0;
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, "utf8")
      .replace(/^.*\) /, "")
      .split(" ");
    return (Number(fields[11]) + Number(fields[12])) / 100; // utime, stime in clock ticks (USER_HZ 100)
  } catch {
    return 0;
  }
}

/** The pid of the work folder's kept engine, if one is running. */
function enginePid(work: string): number | undefined {
  try {
    return (JSON.parse(readFileSync(join(work, "engine.json"), "utf8")) as { pid: number }).pid;
  } catch {
    return undefined;
  }
}

/**
 * Seconds from spawning the CLI to its first result row on stdout (after the header), its exit, and
 * CPU: the CLI's (with a one-shot JVM, GNU time's %U+%S cover it) plus what the work folder's kept
 * engine spent meanwhile (that JVM is detached, so GNU time does not see it). Peak RSS is the largest
 * process GNU time waited for, or the kept engine's VmHWM when one answered.
 */
function firstRow(
  argv: string[],
  rssFile: string,
  work: string,
): Promise<{ firstRowS: number; totalS: number; cpuS: number; exit: number | null; rows: number; peakRssMB: number; engine: "one-shot" | "kept, started" | "kept, reused" }> {
  const before = enginePid(work);
  const engineCpu0 = processCpuS(before);
  return new Promise((done, fail) => {
    const start = process.hrtime.bigint();
    const cli = spawn("/usr/bin/time", ["-f", "%U %S %M", "-o", rssFile, process.execPath, join(repoRoot, "bin/trailhive.js"), ...argv], { stdio: ["ignore", "pipe", "pipe"] });
    let out = "";
    let err = "";
    let first: number | undefined;
    cli.stdout.on("data", (chunk: Buffer) => {
      out += chunk.toString("utf8");
      if (first === undefined && out.split("\n").length > 2) first = Number(process.hrtime.bigint() - start) / 1e9;
    });
    cli.stderr.on("data", (chunk: Buffer) => (err += chunk.toString("utf8")));
    cli.on("error", fail);
    cli.on("close", (exit) => {
      const total = Number(process.hrtime.bigint() - start) / 1e9;
      if (exit !== 0 && exit !== 3) return fail(new Error(`trailhive ${argv.join(" ")} exited ${exit}: ${err}`));
      const [user, sys, kib] = (readFileSync(rssFile, "utf8").trim().split("\n").pop() ?? "").split(" ").map(Number);
      const after = enginePid(work);
      const engineCpu = after === undefined ? 0 : processCpuS(after) - (after === before ? engineCpu0 : 0);
      let engineRssKiB = 0;
      if (after !== undefined) engineRssKiB = Number(/VmHWM:\s+(\d+)/.exec(readFileSync(`/proc/${after}/status`, "utf8"))?.[1] ?? 0);
      const engine = after === undefined ? "one-shot" : after === before ? "kept, reused" : "kept, started";
      done({
        firstRowS: round(first ?? total),
        totalS: round(total),
        cpuS: round((user ?? 0) + (sys ?? 0) + engineCpu),
        exit,
        rows: Math.max(0, out.split("\n").length - 2),
        peakRssMB: Math.round(Math.max(kib ?? 0, engineRssKiB) / 1024),
        engine,
      });
    });
  });
}

const round = (x: number) => Math.round(x * 100) / 100;

async function main(): Promise<void> {
  const tmp = mkdtempSync(join(tmpdir(), "bench-local-"));
  try {
    const one = join(tmp, "logs-1");
    const many = join(tmp, `logs-${COPIES}`);
    const small = prepare(one, 1);
    const big = prepare(many, COPIES);

    const loadAtStart = round(loadavg()[0] ?? 0);
    // 1. throughput, interleaved, median after a warm-up
    const samples: Record<"limit" | "staging" | "oneThread" | "listing" | "finish", Sample[]> = { limit: [], staging: [], oneThread: [], listing: [], finish: [] };
    let staged = 0;
    for (let i = 0; i <= (PART === "first-row" ? -1 : RUNS); i++) {
      // A new folder each run, kept until the end: creating files where thousands were just deleted costs
      // this machine's ext4 ~0.5 s of kernel CPU per 10 copies (inode allocation, `recently_deleted`),
      // which a first run into a new work folder does not pay.
      const root = join(tmp, `staged-${i}`);
      const l = await measure(() => limit(big.files));
      let files: SourceFile[] = [];
      const ls = await measure(async () => (files = (await resolveSources([many], {})).files));
      const builder = new SchemaBuilder();
      const s = await measure(async () => (staged = await staging(files, root, builder)));
      const f = await measure(() => serializeSchema(builder.finish([many])));
      const one = await measure(() => staging(files, `${root}-one`, new SchemaBuilder(), 1));
      if (i > 0) {
        samples.limit.push(l);
        samples.staging.push(s);
        samples.oneThread.push(one);
        samples.listing.push(ls);
        samples.finish.push(f);
      }
    }
    const mbps = (bytes: number, ms: number) => round(bytes / 1e6 / (ms / 1000));
    const med = (xs: Sample[]) => ({ cpuMs: round(median(xs.map((x) => x.cpuMs))), wallMs: round(median(xs.map((x) => x.wallMs))) });
    const lim = med(samples.limit);
    const stg = med(samples.staging);
    const oneThread = med(samples.oneThread);
    const loadAtEnd = round(loadavg()[0] ?? 0);

    // 2. memory
    const rss1 = PART === "first-row" ? { peakRssMB: NaN } : stagingRss(one, join(tmp, "staged-rss-1"));
    const rssN = PART === "first-row" ? { peakRssMB: NaN } : stagingRss(many, join(tmp, "staged-rss-n"));

    const result = {
      date: new Date().toISOString(),
      machine: { cpus: cpus().length, memGiB: Math.round(totalmem() / 2 ** 30), loadavg1: round(loadavg()[0] ?? 0), node: process.version },
      input: { copies: COPIES, files: big.files.length, uncompressedMB: round(big.jsonBytes / 1e6), records: big.records, staged },
      throughput: {
        loadavg1: { atStart: loadAtStart, atEnd: loadAtEnd },
        readLimit: { ...lim, cpuMBps: mbps(big.jsonBytes, lim.cpuMs), wallMBps: mbps(big.jsonBytes, lim.wallMs) },
        staging: { workers: WORKERS ?? defaultParseWorkers(), ...stg, cpuMBps: mbps(big.jsonBytes, stg.cpuMs), wallMBps: mbps(big.jsonBytes, stg.wallMs) },
        ratioWall: round(lim.wallMs / stg.wallMs),
        ratioCpu: round(lim.cpuMs / stg.cpuMs),
        stagingOneThread: { workers: 1, ...oneThread, cpuMBps: mbps(big.jsonBytes, oneThread.cpuMs), wallMBps: mbps(big.jsonBytes, oneThread.wallMs) },
        ratioWallOneThread: round(lim.wallMs / oneThread.wallMs),
        ratioCpuOneThread: round(lim.cpuMs / oneThread.cpuMs),
        listing: med(samples.listing),
        schemaFinish: med(samples.finish),
      },
      stagingPeakRss: { oneCopyMB: rss1.peakRssMB, allCopiesMB: rssN.peakRssMB, oneCopyUncompressedMB: round(small.jsonBytes / 1e6) },
    };
    // 3. command to first row, on one copy and on all copies
    const rssFile = join(tmp, "rss");
    // `run` keeps its engine (the default, --keep-engine 10), and with --keep-engine 0 a JVM per run
    const coldWarm = async (logs: string, work: string, keep: string) => {
      const run = (query: string) => firstRow(["run", "--query", query, logs, "--work", work, "--format", "tsv", "--quiet", "--keep-engine", keep], rssFile, work);
      try {
        const cold = await run("security-group-changes");
        const warm = await run("security-group-changes");
        const warmOther = await run("iam-changes");
        return { cold, warm, warmOtherQuery: warmOther, warmOverCold: round(warm.firstRowS / cold.firstRowS), warmOverColdCpu: round(warm.cpuS / cold.cpuS) };
      } finally {
        spawnSync(process.execPath, [join(repoRoot, "bin/trailhive.js"), "engine", "stop", "--work", work, "--quiet"]);
      }
    };
    const firstRows =
      PART === "staging"
        ? undefined
        : {
            firstRowOne: await coldWarm(one, join(tmp, "work-1"), "10"),
            firstRowAll: await coldWarm(many, join(tmp, "work-n"), "10"),
            oneShotOne: await coldWarm(one, join(tmp, "work-1-oneshot"), "0"),
            oneShotAll: await coldWarm(many, join(tmp, "work-n-oneshot"), "0"),
          };

    const full = {
      ...result,
      firstRowOneCopy: firstRows?.firstRowOne,
      firstRowAllCopies: firstRows?.firstRowAll,
      firstRowOneCopyNoKeptEngine: firstRows?.oneShotOne,
      firstRowAllCopiesNoKeptEngine: firstRows?.oneShotAll,
    };
    process.stdout.write(JSON.stringify(full, null, 2) + "\n");
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
}

if (process.argv[2] === "--child") await child(process.argv[3] ?? "", process.argv[4] ?? "");
else await main();
