/**
 * `npm run bench:startup`: how long the CLI takes to start, next to a bare `node -e 0`: `--version`,
 * `--help`, and `ddl` rendering the examples' schema file (no logs, so nothing is inferred). Each is a
 * fresh process, run `BENCH_RUNS` times (default 10; or the first argument) after one warm-up round
 * (so every file is in the page cache); the cases take turns (A B C D A B C D ...), so a change in the
 * machine's load falls on all of them. Wall time of each spawn, min and median, and each one's ratio
 * to bare node's (the goal: 3x). Through the built CLI (`npm run build` first, as the script does).
 * Prints one JSON object; the figures go to bench/README.md with the machine and date.
 */
import { spawnSync } from "node:child_process";
import { cpus, loadavg } from "node:os";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const RUNS = Number(process.argv[2] ?? process.env["BENCH_RUNS"] ?? 10);
if (!Number.isInteger(RUNS) || RUNS < 1) throw new Error(`bench:startup: runs must be a whole number above 0, not ${process.argv[2] ?? process.env["BENCH_RUNS"]}`);
const repoRoot = resolve(fileURLToPath(new URL("..", import.meta.url)));
const bin = join(repoRoot, "bin", "trailhive.js");
const schema = join(repoRoot, "examples", "trailhive.schema.json");

const cases: { name: string; args: string[] }[] = [
  { name: "node -e 0", args: ["-e", "0"] },
  { name: "--version", args: [bin, "--version"] },
  { name: "--help", args: [bin, "--help"] },
  { name: "ddl --schema examples/trailhive.schema.json", args: [bin, "ddl", "--schema", schema, "--table", "cloudtrail", "--location", "s3://bucket/AWSLogs/"] },
];

function spawnMs(args: string[]): number {
  const began = process.hrtime.bigint();
  const r = spawnSync(process.execPath, args, { cwd: repoRoot, encoding: "utf8" });
  const ms = Number(process.hrtime.bigint() - began) / 1e6;
  if (r.status !== 0 || (args.length > 2 && r.stdout === "")) throw new Error(`node ${args.join(" ")} exited ${r.status}: ${r.stderr}`);
  return ms;
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 === 1 ? (s[mid] as number) : ((s[mid - 1] as number) + (s[mid] as number)) / 2;
}

const round = (x: number, digits = 0) => Math.round(x * 10 ** digits) / 10 ** digits;

for (const c of cases) spawnMs(c.args); // warm-up: files into the page cache
const samples = cases.map(() => [] as number[]);
for (let i = 0; i < RUNS; i++) cases.forEach((c, j) => samples[j]!.push(spawnMs(c.args)));

const bare = { min: Math.min(...samples[0]!), median: median(samples[0]!) };
const result = {
  machine: { cpus: cpus().length, model: cpus()[0]?.model, node: process.version, load: loadavg().map((l) => round(l, 2)) },
  runs: RUNS,
  cases: cases.map((c, j) => {
    const xs = samples[j]!;
    const min = Math.min(...xs);
    const med = median(xs);
    return { name: c.name, minMs: round(min), medianMs: round(med), minRatio: round(min / bare.min, 2), medianRatio: round(med / bare.median, 2) };
  }),
};
process.stdout.write(JSON.stringify(result, null, 2) + "\n");
