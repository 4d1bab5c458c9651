/**
 * `npm run bench:local`: the local engine's costs, on this machine.
 *
 * 1. Staging throughput against the read limit. The corpus (../shared/corpus), every file gzipped as
 *    CloudTrail delivers them, is REPLICATED `BENCH_COPIES` times (default 30) into a temp folder for
 *    volume. The read limit is what the inference benchmark calls it: read + gunzip + JSON.parse of
 *    the same files, one after another. Staging is `stageLogs` with infer's reader, the schema
 *    inferred in the same pass as `run` does it, and gzip level 1 writes. MB/s counts uncompressed
 *    bytes for both. Peak RSS of this process is sampled during staging at 1 copy and at N copies,
 *    to show memory stays flat as the logs grow.
 * 2. Command to first row, through the built CLI (`node bin/trailhive.js run ...`, so `npm run build`
 *    first) on the corpus: cold (jars already in the cache, no work folder) and warm (a second query
 *    over the same logs, same work folder). Peak RSS is the largest process of the run (the JVM).
 *
 * Prints one JSON object; bench/README.md records the figures with the machine and date.
 */
import { spawn } from "node:child_process";
import { mkdtempSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { gunzipSync, gzipSync } from "node:zlib";
import { resolveSources } from "../src/source/resolve-sources.js";
import { stageLogs } from "../src/local/stage-logs.js";
import { readLogFile } from "../src/records/read-log-file.js";
import { SchemaBuilder } from "../src/schema/schema-builder.js";

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const corpus = resolve(repoRoot, "../shared/corpus");
const copies = Number(process.env["BENCH_COPIES"] ?? 30);
const query = process.env["BENCH_QUERY"] ?? "security-group-changes";

async function main(): Promise<void> {
  const tmp = mkdtempSync(join(tmpdir(), "bench-local-"));
  try {
    const one = join(tmp, "logs-1");
    const many = join(tmp, `logs-${copies}`);
    const inputBytes = replicate(one, 1);
    replicate(many, copies);
    const readLimit = await readLimitOf(many);
    const stage1 = await stagingOf(one, join(tmp, "staged-1"));
    const stageN = await stagingOf(many, join(tmp, `staged-${copies}`));
    const work = join(tmp, "work");
    const cold = await firstRow(["run", "--query", query, corpus, "--work", work, "--format", "tsv", "--quiet"]);
    const warm = await firstRow(["run", "--query", "iam-changes", corpus, "--work", work, "--format", "tsv", "--quiet"]);
    const warmSame = await firstRow(["run", "--query", query, corpus, "--work", work, "--format", "tsv", "--quiet"]);
    console.log(
      JSON.stringify(
        {
          date: new Date().toISOString(),
          node: process.version,
          corpus: { files: stage1.files, uncompressedMB: mb(inputBytes) },
          replicated: { copies, uncompressedMB: mb(readLimit.bytes), files: readLimit.files },
          readLimitMBps: round(readLimit.mbps),
          staging: { MBps: round(stageN.mbps), ratioToReadLimit: round(stageN.mbps / readLimit.mbps), records: stageN.records, peakRssMB: stageN.peakRssMB },
          stagingOneCopy: { MBps: round(stage1.mbps), records: stage1.records, peakRssMB: stage1.peakRssMB },
          coldFirstRowS: cold,
          warmFirstRowS: { otherQuery: warm, sameQuery: warmSame },
        },
        null,
        2,
      ),
    );
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
}

/** The corpus, every file gzipped, `n` times under copy-<i>/; returns the uncompressed bytes of one copy. */
function replicate(dest: string, n: number): number {
  const files = listFiles(corpus).filter((f) => f.endsWith(".json") || f.endsWith(".gz"));
  let bytes = 0;
  const gz = files.map((f) => {
    const raw = readFileSync(join(corpus, f));
    const plain = raw[0] === 0x1f && raw[1] === 0x8b ? gunzipSync(raw) : raw;
    bytes += plain.length;
    return { path: f.replace(/\.gz$/, "") + ".gz", data: gzipSync(plain) };
  });
  for (let i = 0; i < n; i++) {
    for (const f of gz) {
      const out = join(dest, `copy-${String(i).padStart(3, "0")}`, f.path);
      mkdirSync(dirname(out), { recursive: true });
      writeFileSync(out, f.data);
    }
  }
  return bytes;
}

function listFiles(dir: string, rel = ""): string[] {
  return readdirSync(join(dir, rel), { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? listFiles(dir, join(rel, e.name)) : e.isFile() ? [join(rel, e.name)] : [],
  );
}

async function readLimitOf(dir: string): Promise<{ mbps: number; bytes: number; files: number }> {
  const { files } = await resolveSources([dir], {});
  const start = process.hrtime.bigint();
  let bytes = 0;
  for (const f of files) {
    const plain = gunzipSync(await f.store.get(f.key));
    bytes += plain.length;
    JSON.parse(plain.toString("utf8"));
  }
  const s = Number(process.hrtime.bigint() - start) / 1e9;
  return { mbps: bytes / 1e6 / s, bytes, files: files.length };
}

async function stagingOf(dir: string, root: string): Promise<{ mbps: number; records: number; files: number; peakRssMB: number }> {
  const { files } = await resolveSources([dir], {});
  global.gc?.();
  let peak = process.memoryUsage().rss;
  const timer = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 20);
  const builder = new SchemaBuilder();
  let bytes = 0;
  const start = process.hrtime.bigint();
  const summary = await stageLogs(files, {
    root,
    read: (b, p) => {
      bytes += b.length;
      return readLogFile(b, p);
    },
    onFile: (p, r) => builder.addFile(p, r),
  });
  builder.finish([dir]);
  const s = Number(process.hrtime.bigint() - start) / 1e9;
  clearInterval(timer);
  peak = Math.max(peak, process.memoryUsage().rss);
  return { mbps: bytes / 1e6 / s, records: summary.records, files: files.length, peakRssMB: Math.round(peak / 1e6) };
}

/** Seconds from spawning the CLI to the first result row on stdout (after the header line), and its exit. */
function firstRow(argv: string[]): Promise<{ firstRowS: number; totalS: number; exit: number | null; rows: number; peakRssMB: number }> {
  const rssFile = join(tmpdir(), `bench-local-rss-${process.pid}`);
  return new Promise((done, fail) => {
    const start = process.hrtime.bigint();
    // GNU time's %M is the largest resident set of the process tree it waited for (the JVM, here)
    const child = spawn("/usr/bin/time", ["-f", "%M", "-o", rssFile, process.execPath, join(repoRoot, "bin/trailhive.js"), ...argv], { stdio: ["ignore", "pipe", "inherit"] });
    let out = "";
    let first: number | undefined;
    child.stdout.on("data", (chunk: Buffer) => {
      out += chunk.toString("utf8");
      if (first === undefined && out.split("\n").length > 2) first = Number(process.hrtime.bigint() - start) / 1e9;
    });
    child.on("error", fail);
    child.on("close", (exit) => {
      const end = Number(process.hrtime.bigint() - start) / 1e9;
      const peakRssMB = Math.round(Number(readFileSync(rssFile, "utf8").trim().split("\n").pop()) / 1024);
      rmSync(rssFile, { force: true });
      done({ firstRowS: round(first ?? end), totalS: round(end), exit, rows: Math.max(0, out.split("\n").length - 2), peakRssMB });
    });
  });
}

const mb = (bytes: number) => round(bytes / 1e6);
const round = (x: number) => Math.round(x * 100) / 100;

await main();
