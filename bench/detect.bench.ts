/**
 * `npm run bench:detect`: what SigmaHQ's CloudTrail rules cost next to one library query, on the same
 * table: the corpus's log files copied `BENCH_COPIES` times (default 30) into a temp folder, staged
 * once by `trailhive run`, then, warm (the kept engine up, the table in the metastore), the median of
 * `BENCH_RUNS` (default 3) runs of `run --query security-group-changes` and of `detect` with every rule
 * (one scan of the table testing all of them), interleaved. detect is given the work folder's schema
 * file so both use the same table. Through the built CLI (`npm run build` first, as the script does).
 * Prints one JSON object; the figures go to bench/README.md with the machine and date.
 */
import { spawnSync } from "node:child_process";
import { cpSync, existsSync, mkdtempSync, rmSync } from "node:fs";
import { cpus, loadavg, tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const COPIES = Number(process.env["BENCH_COPIES"] ?? 30);
const RUNS = Number(process.env["BENCH_RUNS"] ?? 3);
const repoRoot = resolve(fileURLToPath(new URL("..", import.meta.url)));
const corpus = resolve(repoRoot, "../shared/corpus");
const rules = resolve(repoRoot, "../shared/sigma/cloudtrail");
const bin = join(repoRoot, "bin", "trailhive.js");

function cli(args: string[]): { ms: number; stdout: string } {
  const began = process.hrtime.bigint();
  const r = spawnSync(process.execPath, [bin, ...args], { encoding: "utf8", maxBuffer: 1 << 30 });
  const ms = Number(process.hrtime.bigint() - began) / 1e6;
  if (r.status !== 0) throw new Error(`trailhive ${args.join(" ")} exited ${r.status}: ${r.stderr}`);
  return { ms, stdout: r.stdout };
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)] as number;
}

if (!existsSync(corpus) || !existsSync(rules)) throw new Error(`bench:detect needs ../shared/corpus and ../shared/sigma beside the repository`);
const dir = mkdtempSync(join(tmpdir(), "trailhive-bench-detect-"));
try {
  const logs = join(dir, "logs");
  for (let i = 0; i < COPIES; i++) cpSync(corpus, join(logs, `copy-${String(i).padStart(3, "0")}`), { recursive: true });
  const work = join(dir, "work");
  const common = ["--work", work, "--keep-engine", "10", "--quiet", "--format", "tsv"];
  cli(["run", "--query", "security-group-changes", logs, ...common]); // stage, start the kept engine, create the table
  const schema = join(work, "schema.json");
  const query = () => cli(["run", "--query", "security-group-changes", logs, ...common]);
  const detect = () => cli(["detect", "--rules", rules, "--schema", schema, logs, ...common]);
  detect(); // the first detect over this table (its DDL is the same, so the table stays)
  const q: number[] = [];
  const d: number[] = [];
  let hits = 0;
  for (let i = 0; i < RUNS; i++) {
    q.push(query().ms);
    const run = detect();
    d.push(run.ms);
    hits = run.stdout.trim().split("\n").length - 1;
  }
  cli(["engine", "stop", "--work", work]);
  const result = {
    machine: { cpus: cpus().length, model: cpus()[0]?.model, load: loadavg().map((l) => Math.round(l * 100) / 100) },
    copies: COPIES,
    runs: RUNS,
    queryMs: Math.round(median(q)),
    detectMs: Math.round(median(d)),
    ratio: Math.round((median(d) / median(q)) * 100) / 100,
    hits,
    samples: { queryMs: q.map(Math.round), detectMs: d.map(Math.round) },
  };
  process.stdout.write(JSON.stringify(result, null, 2) + "\n");
} finally {
  rmSync(dir, { recursive: true, force: true });
}
