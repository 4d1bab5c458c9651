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
 *  - limit vs trailhive again at 10x input (BENCH_RUNS_10X runs each)
 *  - pipeline:  inferSources over a LocalStore (the CLI's path: async reads, 8 at once), once at 1x
 *               and once at 10x, for peak RSS (process.resourceUsage().maxRSS of its process)
 *  - cold:      limit and trailhive again at 1x in a fresh process with no warm-up pass: what one
 *               `trailhive infer` pays once per process (first JIT of every path, the first finish
 *               and write of the schema) on top of the per-record cost
 * Timings: every run is a fresh child process (so no contender pays for another's heap) that warms
 * up on one copy, then is timed; contenders alternate (A B A B ...) and the median is kept. Both the
 * child's CPU time (the figure compared: it is what "one core" means, and other load on a shared
 * machine barely moves it) and wall time are reported. MiB are uncompressed JSON bytes.
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
const RUNS_10X = Number(process.env.BENCH_RUNS_10X ?? 2);
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

/** finish and serializeSchema timed alone (CPU ms, median of RUNS): a cost per schema, not per record. */
function perSchema(files: string[]): { finishCpuMs: number; serializeCpuMs: number } {
  const builder = stream(files, 1);
  const schema = builder.finish(["bench"]);
  serializeSchema(schema);
  const finish: number[] = [];
  const write: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    finish.push(once(() => builder.finish(["bench"])).cpuMs);
    write.push(once(() => serializeSchema(schema)).cpuMs);
  }
  return { finishCpuMs: Math.round(median(finish)), serializeCpuMs: Math.round(median(write)) };
}

type Contender = "limit" | "trailhive" | "streaming" | "genson" | "pipeline";

/**
 * Child mode: one contender over `replicas` copies in a fresh process (so no contender pays for
 * another's heap), after a warm-up pass over one copy. Prints CPU ms, wall ms and peak RSS.
 */
async function child(contender: Contender, dir: string, replicas: number, cold: boolean): Promise<void> {
  const files = listFiles(dir);
  const work = async (n: number): Promise<unknown> => {
    switch (contender) {
      case "limit":
        return limit(files, n);
      case "trailhive":
        return trailhive(files, n);
      case "streaming":
        return stream(files, n);
      case "genson":
        return genson(files, n);
      case "pipeline":
        return pipeline(dir, n);
    }
  };
  if (!cold) await work(1);
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  await work(replicas);
  const wallMs = performance.now() - t0;
  const c = process.cpuUsage(c0);
  process.stdout.write(JSON.stringify({ cpuMs: (c.user + c.system) / 1000, wallMs, maxRssKiB: process.resourceUsage().maxRSS }) + "\n");
}

/** inferSources over a LocalStore: the CLI's path (async reads, 8 at once). */
async function pipeline(dir: string, replicas: number): Promise<number> {
  const store = new LocalStore(dir);
  const sized = listFiles(dir).map((p) => ({ store, key: relative(dir, p), size: statSync(p).size }));
  const resolved: ResolvedSources = { roots: [{ spec: dir, store }], files: Array.from({ length: replicas }, () => sized).flat(), skipped: [] };
  const { summary } = await inferSources(resolved, { concurrency: 8 });
  return summary.records;
}

interface Sample {
  cpuMs: number;
  wallMs: number;
  maxRssKiB: number;
}

function runChild(contender: Contender, dir: string, replicas: number, cold: boolean): Sample {
  const r = spawnSync(process.execPath, [...process.execArgv, fileURLToPath(import.meta.url), "--child", contender, dir, String(replicas), cold ? "cold" : "warm"], {
    encoding: "utf8",
    maxBuffer: 1 << 20,
  });
  if (r.status !== 0) throw new Error(`${contender}: ${r.stderr}`);
  return JSON.parse(r.stdout.trim().split("\n").pop()!) as Sample;
}

/** Contenders alternate (A B A B ...), each run in its own process; the median of each. */
function compare(contenders: Contender[], dir: string, replicas: number, runs: number, cold = false): Record<string, Sample> {
  const samples: Record<string, Sample[]> = {};
  for (let i = 0; i < runs; i++) for (const c of contenders) (samples[c] ??= []).push(runChild(c, dir, replicas, cold));
  const out: Record<string, Sample> = {};
  for (const [c, xs] of Object.entries(samples)) {
    out[c] = { cpuMs: median(xs.map((x) => x.cpuMs)), wallMs: median(xs.map((x) => x.wallMs)), maxRssKiB: Math.max(...xs.map((x) => x.maxRssKiB)) };
  }
  return out;
}

async function main(): Promise<void> {
  if (process.argv[2] === "--child") return child(process.argv[3] as Contender, process.argv[4]!, Number(process.argv[5]), process.argv[6] === "cold");
  const dir = mkdtempSync(join(tmpdir(), "trailhive-bench-"));
  try {
    const set = prepare(dir);
    const MiB = 1024 * 1024;
    const volume = { files: set.files.length * REPLICAS, records: set.records * REPLICAS, jsonMiB: (set.jsonBytes * REPLICAS) / MiB, gzMiB: (set.gzBytes * REPLICAS) / MiB };
    const t = compare(["limit", "trailhive", "streaming"], dir, REPLICAS, RUNS);
    const cold = compare(["limit", "trailhive"], dir, REPLICAS, RUNS, true);
    const g = compare(["genson"], dir, REPLICAS, Math.max(1, Math.ceil(RUNS / 3)));
    const t10 = compare(["limit", "trailhive"], dir, REPLICAS * 10, RUNS_10X);
    const p1 = compare(["pipeline"], dir, REPLICAS, 1).pipeline!;
    const p10 = compare(["pipeline"], dir, REPLICAS * 10, 1).pipeline!;
    const rate = (x: Sample, scale = 1) => ({
      recordsPerCpuS: Math.round((volume.records * scale) / (x.cpuMs / 1000)),
      jsonMiBPerCpuS: +((volume.jsonMiB * scale) / (x.cpuMs / 1000)).toFixed(1),
      cpuMs: Math.round(x.cpuMs),
      wallMs: Math.round(x.wallMs),
    });
    const ratio = (a: Sample, b: Sample) => ({ cpu: +(a.cpuMs / b.cpuMs).toFixed(2), wall: +(a.wallMs / b.wallMs).toFixed(2) });
    const report = {
      date: new Date().toISOString().slice(0, 10),
      machine: `${cpus().length} cores (${cpus()[0]?.model ?? "?"}), ${Math.round(totalmem() / 1024 ** 3)} GiB, Node ${process.version}`,
      loadAverage: loadavg().map((x) => +x.toFixed(1)),
      input: { corpusLogFiles: set.files.length, replicas: REPLICAS, ...volume, jsonMiB: +volume.jsonMiB.toFixed(1), gzMiB: +volume.gzMiB.toFixed(1) },
      at1x: {
        limit: rate(t.limit!),
        trailhive: rate(t.trailhive!),
        trailhiveStreamingOnly: rate(t.streaming!),
        gensonJs: rate(g.genson!),
        trailhiveVsLimit: ratio(t.limit!, t.trailhive!),
        streamingVsLimit: ratio(t.limit!, t.streaming!),
        trailhiveVsGenson: ratio(g.genson!, t.trailhive!),
      },
      at1xColdProcess: { limit: rate(cold.limit!), trailhive: rate(cold.trailhive!), trailhiveVsLimit: ratio(cold.limit!, cold.trailhive!) },
      at10x: { limit: rate(t10.limit!, 10), trailhive: rate(t10.trailhive!, 10), trailhiveVsLimit: ratio(t10.limit!, t10.trailhive!) },
      perSchemaCost: perSchema(set.files),
      schemaBytes: trailhive(set.files, 1),
      peakRssMiB: {
        "pipeline 1x": Math.round(p1.maxRssKiB / 1024),
        "pipeline 10x": Math.round(p10.maxRssKiB / 1024),
        "trailhive 1x": Math.round(t.trailhive!.maxRssKiB / 1024),
        "trailhive 10x": Math.round(t10.trailhive!.maxRssKiB / 1024),
        "limit 1x": Math.round(t.limit!.maxRssKiB / 1024),
        "limit 10x": Math.round(t10.limit!.maxRssKiB / 1024),
      },
      pipelineRecordsPerWallS: { "1x": Math.round(volume.records / (p1.wallMs / 1000)), "10x": Math.round((volume.records * 10) / (p10.wallMs / 1000)) },
    };
    console.log(JSON.stringify(report, null, 2));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

await main();
