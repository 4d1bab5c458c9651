// npm run bench:engine: what the embedded Hive costs. Cold: jars already in the cache, a new work
// folder (Derby metastore created, table created, query run). Warm: the same work folder again, only
// the query. Each reports JVM start to first row and peak RSS (from the JVM's own /proc VmHWM), and
// the jar sizes of both Hive versions. The table is the jsonl flavor over examples/logs staged one
// record per line; the query is the library's security-group-changes (RLIKE, get_json_object, ORDER BY).
import { mkdtempSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { cpus, homedir, loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { defaultCacheDir } from "../src/engine/default-cache-dir.js";
import { ensureEngine } from "../src/engine/ensure-engine.js";
import { engineFiles, hiveVersions } from "../src/engine/hive-version.js";
import { parseJarLock } from "../src/engine/jar-lock.js";
import { runHiveSession } from "../src/engine/run-hive-session.js";
import { getQuery, loadLibrary } from "../src/queries/library.js";
import { renderQuery } from "../src/queries/render-query.js";
import { readLogFile } from "../src/records/read-log-file.js";
import { renderTable } from "../src/render/render-table.js";
import { inferSources } from "../src/pipeline/infer-sources.js";
import { resolveSources } from "../src/source/resolve-sources.js";

const examples = new URL("../examples/logs", import.meta.url).pathname;
const cacheDir = defaultCacheDir(process.env, homedir());

for (const v of hiveVersions) {
  const refs = parseJarLock(readFileSync(engineFiles(v).jarLock, "utf8"), engineFiles(v).jarLock);
  const entry = readFileSync(engineFiles(v).entryJar).length;
  console.log(`Hive ${v}: ${refs.length} jars, ${(refs.reduce((n, r) => n + r.size, 0) / 1e6).toFixed(1)} MB from Maven Central; entry jar ${(entry / 1024).toFixed(1)} KiB`);
}

const resolved = await resolveSources([examples]);
const { schema } = await inferSources(resolved);
const work = mkdtempSync(join(tmpdir(), "trailhive-bench-engine-"));
const staged = join(work, "staged");
mkdirSync(staged);
const lines: string[] = [];
for (const f of resolved.files) {
  const r = readLogFile(await f.store.get(f.key), f.key);
  if (r.kind === "log") for (const rec of r.records) lines.push(JSON.stringify(rec));
}
writeFileSync(join(staged, "records.json"), lines.join("\n") + "\n");
const table = renderTable(schema, { flavor: "jsonl", table: "ct", location: `file://${staged}`, partitioned: false, ifNotExists: true });
const query = renderQuery(getQuery(loadLibrary(), "security-group-changes"), {}, { table: "ct", partitioned: false });
const engine = await ensureEngine("4.1.0", { cacheDir, javaHome: process.env.JAVA_HOME });
const hive = join(work, "hive");

console.log(`${new Date().toISOString().slice(0, 10)}, Node ${process.version}, ${cpus()[0]?.model ?? "?"} x${cpus().length}, load average ${loadavg()[0]!.toFixed(1)}; ${lines.length} records`);
for (const run of ["cold", "warm"] as const) {
  const statements = run === "cold" ? [...table.statements.map((s) => s.sql), query.sql] : [query.sql];
  const r = await runHiveSession({ workDir: hive, statements, engine });
  const last = r.results.at(-1);
  const rows = last?.ok ? (last.rows?.length ?? 0) : `failed: ${last?.ok === false ? last.errorLine : "?"}`;
  console.log(
    `${run}: JVM start to session ready ${(r.sessionReadyMs ?? NaN) / 1000} s, to first row ${(r.firstRowMs ?? NaN) / 1000} s (statements ${r.results.map((x) => (x.ms / 1000).toFixed(1)).join(" + ")} s), wall ${(r.wallMs / 1000).toFixed(1)} s, peak RSS ${Math.round((r.peakRssKb ?? 0) / 1024)} MB, ${rows} rows`,
  );
}
