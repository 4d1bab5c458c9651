/**
 * `npm run bench:infer`: inference speed and memory on the real corpus (../shared/corpus).
 *
 * Input: every corpus file that reads as a CloudTrail log, gzipped (level 6) into a temporary folder,
 * the way CloudTrail delivers them; then replicated for volume: the workload reads the same files
 * REPLICAS times over (the copies are the same bytes, so they live in the page cache like a warm
 * local copy of a bucket). "1x" is that workload; "10x" reads it ten times over.
 *
 * Measured in one run, on one core (one thread, sequential reads):
 *  - limit:     readFileSync + gunzipSync + JSON.parse of each file (nothing can infer faster)
 *  - trailhive: readFileSync + readLogFile + SchemaBuilder.addFile, then finish + serializeSchema;
 *               also its streaming part alone (without finish + write, a cost per schema, not per
 *               record: ~500 per-event shapes make the corpus's schema file about 2.8 MB)
 *  - genson-js: readFileSync + gunzipSync + JSON.parse + createSchema per file + mergeSchemas
 *  - peak RSS of trailhive (inferSources over a LocalStore, the CLI's path) at 1x and 10x, each in a
 *    child process of its own (process.resourceUsage().maxRSS)
 * Timings: the contenders run interleaved, each the median of its runs after one warm-up; both CPU
 * time of this process (the figure compared: it is what "one core" means and what other load on a
 * shared machine barely moves) and wall time are reported. MiB are uncompressed JSON bytes.
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync, mkdirSync } from "node:fs";
import { cpus, loadavg, tmpdir, totalmem } from "node:os";
import { dirname, join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { gunzipSync, gzipSync } from "node:zlib";
import { createSchema, mergeSchemas, type Schema } from "genson-js";
import { readLogFile } from "../src/records/read-log-file.js";
import { SchemaBuilder } from "../src/schema/schema-builder.js";
import { serializeSchema } from "../src/schema/schema-io.js";
import { inferSources } from "../src/pipeline/infer-sources.js";
import { LocalStore } from "../src/source/local-store.js";
import type { ResolvedSources } from "../src/source/resolve-sources.js";

const REPLICAS = Number(process.env.BENCH_REPLICAS ?? 20);
const RUNS = Number(process.env.BENCH_RUNS ?? 5);
const here = dirname(fileURLToPath(import.meta.url));
const corpus = resolve(here, "../../shared/corpus");

function listFiles(root: string): string[] {
  const out: string[] = [];
  const walk = (dir: string) => {
    for (const name of readdirSync(dir).sort()) {
      const p = join(dir, name);
      if (statSync(p).isDirectory()) walk(p);
      else out.push(p);
    }
  };
  walk(root);
  return out;
}

/** Gzips every corpus log file into `dir`; returns their paths and sizes. */
function prepare(dir: string): { files: string[]; gzBytes: number; jsonBytes: number; records: number } {
  const files: string[] = [];
  let gzBytes = 0;
  let jsonBytes = 0;
  let records = 0;
  for (const path of listFiles(corpus)) {
    const bytes = readFileSync(path);
    const result = readLogFile(bytes, path);
    if (result.kind !== "log") continue;
    const plain = bytes[0] === 0x1f && bytes[1] === 0x8b ? gunzipSync(bytes) : bytes;
    const gz = gzipSync(plain, { level: 6 });
    const out = join(dir, relative(corpus, path) + ".bench.gz");
    mkdirSync(dirname(out), { recursive: true });
    writeFileSync(out, gz);
    files.push(out);
    gzBytes += gz.length;
    jsonBytes += plain.length;
    records += result.records.length;
  }
  return { files, gzBytes, jsonBytes, records };
}

function limit(files: string[], replicas: number): number {
  let n = 0;
  for (let r = 0; r < replicas; r++) {
    for (const f of files) {
      const parsed = JSON.parse(gunzipSync(readFileSync(f)).toString("utf8")) as unknown;
      if (parsed !== null) n++;
    }
  }
  return n;
}

function stream(files: string[], replicas: number): SchemaBuilder {
  const builder = new SchemaBuilder();
  for (let r = 0; r < replicas; r++) for (const f of files) builder.addFile(f, readLogFile(readFileSync(f), f));
  return builder;
}

function trailhive(files: string[], replicas: number): number {
  return serializeSchema(stream(files, replicas).finish(["bench"])).length;
}

function genson(files: string[], replicas: number): number {
  let schema: Schema | undefined;
  for (let r = 0; r < replicas; r++) {
    for (const f of files) {
      const value = JSON.parse(gunzipSync(readFileSync(f)).toString("utf8")) as unknown;
      const one = createSchema(value);
      schema = schema === undefined ? one : mergeSchemas([schema, one]);
    }
  }
  return JSON.stringify(schema).length;
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}

interface Timing {
  wallMs: number;
  cpuMs: number;
}

/** One run: wall time and this process's CPU time (user + system), which other load on the machine barely moves. */
function once(fn: () => unknown): Timing {
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  fn();
  const wallMs = performance.now() - t0;
  const c = process.cpuUsage(c0);
  return { wallMs, cpuMs: (c.user + c.system) / 1000 };
}

/**
 * Runs the contenders interleaved (A B C, A B C, ...) after one warm-up each, so a burst of load on the
 * shared machine hits all of them alike; the median of each.
 */
function timeInterleaved(fns: Record<string, { fn: () => unknown; runs: number }>): Record<string, Timing> {
  const samples: Record<string, Timing[]> = {};
  for (const [name, { fn }] of Object.entries(fns)) {
    fn();
    samples[name] = [];
  }
  const most = Math.max(...Object.values(fns).map((f) => f.runs));
  for (let i = 0; i < most; i++) {
    for (const [name, { fn, runs }] of Object.entries(fns)) if (i < runs) samples[name]!.push(once(fn));
  }
  const out: Record<string, Timing> = {};
  for (const [name, xs] of Object.entries(samples)) out[name] = { wallMs: median(xs.map((x) => x.wallMs)), cpuMs: median(xs.map((x) => x.cpuMs)) };
  return out;
}

/** Child mode: run inferSources (the CLI's path) over `replicas` copies of the files, print maxRSS. */
async function child(dir: string, replicas: number): Promise<void> {
  const store = new LocalStore(dir);
  const keys = listFiles(dir).map((p) => relative(dir, p));
  const sized = keys.map((key) => ({ store, key, size: statSync(join(dir, key)).size }));
  const files = Array.from({ length: replicas }, () => sized).flat();
  const resolved: ResolvedSources = { roots: [{ spec: dir, store }], files, skipped: [] };
  const t0 = performance.now();
  const { summary } = await inferSources(resolved, { concurrency: 8 });
  const ms = performance.now() - t0;
  process.stdout.write(JSON.stringify({ maxRssKiB: process.resourceUsage().maxRSS, records: summary.records, ms }) + "\n");
}

async function main(): Promise<void> {
  if (process.argv[2] === "--child") return child(process.argv[3]!, Number(process.argv[4]));
  const dir = mkdtempSync(join(tmpdir(), "trailhive-bench-"));
  try {
    const set = prepare(dir);
    const MiB = 1024 * 1024;
    const volume = { files: set.files.length * REPLICAS, records: set.records * REPLICAS, jsonMiB: (set.jsonBytes * REPLICAS) / MiB, gzMiB: (set.gzBytes * REPLICAS) / MiB };
    const t = timeInterleaved({
      limit: { fn: () => limit(set.files, REPLICAS), runs: RUNS },
      trailhive: { fn: () => trailhive(set.files, REPLICAS), runs: RUNS },
      streaming: { fn: () => stream(set.files, REPLICAS), runs: RUNS },
      genson: { fn: () => genson(set.files, REPLICAS), runs: Math.max(1, Math.ceil(RUNS / 3)) },
    });
    const rate = (x: Timing) => ({
      recordsPerCpuS: Math.round(volume.records / (x.cpuMs / 1000)),
      jsonMiBPerCpuS: +(volume.jsonMiB / (x.cpuMs / 1000)).toFixed(1),
      cpuMs: Math.round(x.cpuMs),
      wallMs: Math.round(x.wallMs),
    });
    const rss = (replicas: number) => {
      const r = spawnSync(process.execPath, [...process.execArgv, fileURLToPath(import.meta.url), "--child", dir, String(replicas)], { encoding: "utf8" });
      if (r.status !== 0) throw new Error(r.stderr);
      return JSON.parse(r.stdout.trim().split("\n").pop()!) as { maxRssKiB: number; records: number; ms: number };
    };
    const rss1 = rss(REPLICAS);
    const rss10 = rss(REPLICAS * 10);
    const report = {
      date: new Date().toISOString().slice(0, 10),
      machine: `${cpus().length} cores (${cpus()[0]?.model ?? "?"}), ${Math.round(totalmem() / 1024 ** 3)} GiB, Node ${process.version}`,
      input: { corpusLogFiles: set.files.length, replicas: REPLICAS, ...volume, jsonMiB: +volume.jsonMiB.toFixed(1), gzMiB: +volume.gzMiB.toFixed(1) },
      loadAverage: loadavg().map((x) => +x.toFixed(1)),
      limit: rate(t.limit!),
      trailhive: rate(t.trailhive!),
      trailhiveStreamingOnly: rate(t.streaming!),
      finishAndWriteCpuMs: Math.round(t.trailhive!.cpuMs - t.streaming!.cpuMs),
      schemaBytes: trailhive(set.files, 1),
      gensonJs: rate(t.genson!),
      trailhiveVsLimit: { cpu: +(t.limit!.cpuMs / t.trailhive!.cpuMs).toFixed(2), wall: +(t.limit!.wallMs / t.trailhive!.wallMs).toFixed(2) },
      streamingVsLimit: { cpu: +(t.limit!.cpuMs / t.streaming!.cpuMs).toFixed(2), wall: +(t.limit!.wallMs / t.streaming!.wallMs).toFixed(2) },
      trailhiveVsGenson: { cpu: +(t.genson!.cpuMs / t.trailhive!.cpuMs).toFixed(1), wall: +(t.genson!.wallMs / t.trailhive!.wallMs).toFixed(1) },
      peakRss: {
        "1x": { MiB: Math.round(rss1.maxRssKiB / 1024), records: rss1.records, recordsPerS: Math.round(rss1.records / (rss1.ms / 1000)) },
        "10x": { MiB: Math.round(rss10.maxRssKiB / 1024), records: rss10.records, recordsPerS: Math.round(rss10.records / (rss10.ms / 1000)) },
      },
    };
    console.log(JSON.stringify(report, null, 2));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

await main();
