/**
 * `npm run bench:speed` (issue 18): trailhive next to the physical limits and DuckDB, on the same files,
 * in one run. Input: the invictus set of `../shared/corpus` gzipped (level 6) and copied `BENCH_COPIES`
 * times (default 30: 1,650 files, 110 MB of JSON, 87,000 events). Every figure is the wall time of a
 * whole process (start-up included, as a user waits for it), `BENCH_RUNS` rounds (default 3), the
 * contenders interleaved in each round; min and median are printed, the ratios from the minimums.
 *
 * - start-up: `node -e 0` against `trailhive --version`, `--help` and `ddl` of the example schema
 * - infer: bench/parse-limit.mjs (read + gunzip + JSON.parse of every file, one thread, then two
 *   worker threads) against `trailhive infer`, and `trailhive infer` held to one core (`taskset -c 0`,
 *   where there is taskset and more than one core) for how it scales: the same schema bytes either way
 * - the seed's question: DuckDB 2.0.1 (pinned; installed by this bench into a scratch virtualenv under
 *   bench/out) with a hand-written schema, against `trailhive run --query security-group-changes`:
 *   cold (a new work folder: staging, metastore, table; Hive's jars and class-data archive already in
 *   the cache), at once after it (its columnar copy not made yet: the staged JSON lines answer), and
 *   warm (after the kept engine made the columnar copy). Both answers must hold the same event ids.
 *
 * `BENCH_PARTS` (default `startup,infer,run`) picks the parts to run: `BENCH_PARTS=infer` re-measures
 * inference alone in a minute, without DuckDB or Hive.
 *
 * Prints one JSON object; the figures go to bench/README.md with the machine, date and load.
 */
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { cpus, loadavg, tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { gzipSync } from "node:zlib";

const COPIES = Number(process.env["BENCH_COPIES"] ?? 30);
const RUNS = Number(process.env["BENCH_RUNS"] ?? 3);
const PARTS = new Set((process.env["BENCH_PARTS"] ?? "startup,infer,run").split(","));
for (const part of PARTS) if (!["startup", "infer", "run"].includes(part)) throw new Error(`BENCH_PARTS: no part ${part} (startup, infer, run)`);
const DUCKDB_VERSION = "2.0.1";
const repoRoot = resolve(fileURLToPath(new URL("..", import.meta.url)));
const invictus = resolve(repoRoot, "../shared/corpus/invictus-aws_dataset");
const bin = join(repoRoot, "bin", "trailhive.js");
const out = join(repoRoot, "bench", "out");

function timed(cmd: string, args: string[], options: { ok?: (status: number | null) => boolean } = {}): { ms: number; stdout: string } {
  const began = process.hrtime.bigint();
  const r = spawnSync(cmd, args, { encoding: "utf8", maxBuffer: 1 << 30, env: { ...process.env, AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: "true" } });
  const ms = Number(process.hrtime.bigint() - began) / 1e6;
  if (!(options.ok ?? ((s) => s === 0))(r.status)) throw new Error(`${cmd} ${args.join(" ")} exited ${r.status}: ${r.stderr}`);
  return { ms, stdout: r.stdout };
}
const trailhive = (args: string[]) => timed(process.execPath, [bin, ...args]);

/** DuckDB in a virtualenv of its own, made once (pip's pinned version). */
function duckdbPython(): string {
  const venv = join(out, `duckdb-${DUCKDB_VERSION}`);
  const python = join(venv, "bin", "python");
  if (!existsSync(python)) {
    mkdirSync(out, { recursive: true });
    timed("python3", ["-m", "venv", venv]);
    timed(python, ["-m", "pip", "install", "--quiet", `duckdb==${DUCKDB_VERSION}`]);
  }
  const version = timed(python, ["-c", "import duckdb; print(duckdb.__version__)"]).stdout.trim();
  if (version !== DUCKDB_VERSION) throw new Error(`DuckDB ${version} in ${venv}, not ${DUCKDB_VERSION}`);
  return python;
}

const stats = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return { min: Math.round(s[0]!), median: Math.round(s[Math.floor(s.length / 2)]!), runs: xs.map(Math.round) };
};
const ratio = (a: number, b: number) => Math.round((a / b) * 100) / 100;

if (!existsSync(invictus)) throw new Error(`bench:speed needs ${invictus}`);
const python = PARTS.has("run") ? duckdbPython() : "";
const dir = mkdtempSync(join(tmpdir(), "trailhive-bench-speed-"));
const times: Record<string, number[]> = {};
const add = (name: string, ms: number) => (times[name] ??= []).push(ms);
try {
  const logs = join(dir, "logs");
  let jsonBytes = 0;
  for (const name of readdirSync(invictus)
    .filter((n) => n.endsWith(".json"))
    .sort()) {
    const json = readFileSync(join(invictus, name));
    const gz = gzipSync(json, { level: 6 });
    for (let i = 0; i < COPIES; i++) {
      mkdirSync(join(logs, `copy-${String(i).padStart(3, "0")}`), { recursive: true });
      writeFileSync(join(logs, `copy-${String(i).padStart(3, "0")}`, `${name}.gz`), gz);
      jsonBytes += json.length;
    }
  }
  const schemaOut = join(dir, "schema.json");
  const schemaOneCore = join(dir, "schema-one-core.json");
  const oneCore = cpus().length > 1 && spawnSync("taskset", ["-c", "0", "true"]).status === 0;
  let events = 0;
  for (let round = 0; round < RUNS; round++) {
    add("node -e 0", timed(process.execPath, ["-e", "0"]).ms);
    if (PARTS.has("startup")) {
      add("trailhive --version", trailhive(["--version"]).ms);
      add("trailhive --help", trailhive(["--help"]).ms);
      add("trailhive ddl", trailhive(["ddl", "--schema", join(repoRoot, "examples", "trailhive.schema.json"), "--table", "cloudtrail", "--location", "s3://bucket/AWSLogs/"]).ms);
    }
    if (PARTS.has("infer")) {
      const one = timed(process.execPath, [join(repoRoot, "bench", "parse-limit.mjs"), logs, "1"]);
      events = Number(one.stdout.trim());
      add("limit, one thread", one.ms);
      add("limit, two worker threads", timed(process.execPath, [join(repoRoot, "bench", "parse-limit.mjs"), logs, "2"]).ms);
      add("trailhive infer", trailhive(["infer", logs, "-o", schemaOut, "--quiet"]).ms);
      if (oneCore) {
        add("trailhive infer, one core (taskset -c 0)", timed("taskset", ["-c", "0", process.execPath, bin, "infer", logs, "-o", schemaOneCore, "--quiet"]).ms);
        if (!readFileSync(schemaOneCore).equals(readFileSync(schemaOut))) throw new Error("infer on one core wrote other schema bytes than on every core");
      }
    }
    if (!PARTS.has("run")) continue;

    const duckOut = join(dir, "duck.tsv");
    add("duckdb", timed(python, [join(repoRoot, "bench", "duckdb-seed-question.py"), logs, duckOut]).ms);
    const work = join(dir, `work-${round}`);
    const run = () => trailhive(["run", "--query", "security-group-changes", logs, "--work", work, "--format", "tsv", "--quiet"]);
    const cold = run();
    add("trailhive run, cold", cold.ms);
    add("trailhive run, at once after cold (staged JSON)", run().ms);
    // the kept engine makes the columnar copy once no query waits: wait until it is done
    const deadline = Date.now() + 300_000;
    while (!readdirSync(work).some((n) => n.endsWith(".done"))) {
      if (Date.now() > deadline) throw new Error(`no columnar copy in ${work} after 300 s`);
      spawnSync("sleep", ["0.2"]);
    }
    const warm = [run(), run(), run()];
    for (const w of warm) add("trailhive run, warm (columnar copy)", w.ms);
    trailhive(["engine", "stop", "--work", work]);
    // the same answer: the event ids of both, in order
    const ids = (tsv: string, column: number) =>
      tsv
        .trim()
        .split("\n")
        .map((l) => l.split("\t")[column]);
    const fromHive = ids(warm[0]!.stdout, 15).slice(1);
    const fromDuck = readFileSync(duckOut, "utf8").trim().split("\n");
    if (fromHive.length === 0 || fromHive.join() !== fromDuck.join()) throw new Error(`trailhive's ${fromHive.length} rows are not DuckDB's ${fromDuck.length}`);
    if (ids(cold.stdout, 15).slice(1).join() !== fromDuck.join()) throw new Error("the cold answer differs");
  }
  const s = Object.fromEntries(Object.entries(times).map(([k, v]) => [k, stats(v)]));
  const min = (k: string) => s[k]?.min ?? Number.NaN;
  console.log(
    JSON.stringify(
      {
        machine: { cpus: cpus().length, model: cpus()[0]?.model, load: loadavg().map((l) => Math.round(l * 100) / 100), node: process.version },
        input: { copies: COPIES, files: readdirSync(invictus).filter((n) => n.endsWith(".json")).length * COPIES, jsonMB: Math.round(jsonBytes / 1e5) / 10, events },
        ms: s,
        // a part not run gives no ratio
        ratios: Object.fromEntries(
          Object.entries({
            "--version / node": ratio(min("trailhive --version"), min("node -e 0")),
            "--help / node": ratio(min("trailhive --help"), min("node -e 0")),
            "ddl / node": ratio(min("trailhive ddl"), min("node -e 0")),
            "infer vs one-thread limit (limit / infer)": ratio(min("limit, one thread"), min("trailhive infer")),
            "infer vs two-thread limit (limit / infer)": ratio(min("limit, two worker threads"), min("trailhive infer")),
            "infer on every core vs on one (one / every)": ratio(min("trailhive infer, one core (taskset -c 0)"), min("trailhive infer")),
            "cold / duckdb": ratio(min("trailhive run, cold"), min("duckdb")),
            "at once after cold / duckdb": ratio(min("trailhive run, at once after cold (staged JSON)"), min("duckdb")),
            "warm / duckdb": ratio(min("trailhive run, warm (columnar copy)"), min("duckdb")),
          }).filter(([, r]) => !Number.isNaN(r)),
        ),
      },
      null,
      2,
    ),
  );
} finally {
  rmSync(dir, { recursive: true, force: true });
}
