/**
 * `npm run bench:render`: what `trailhive ddl` costs on the real corpus (../shared/corpus).
 *
 * Input: the schema inferred from the whole corpus, serialized as `trailhive infer` writes it.
 * Measured, each the median CPU time of RUNS runs after one warm-up, in this process:
 *  - parse:   parseSchema of the schema file text (ajv validation included): what `ddl` does first
 *  - render:  renderTable for each flavor, partitioned, with templates compiled once (ddlTemplates)
 *  - fresh:   the same with a new template environment per call (what a one-off renderTable does)
 *  - oversized: jsonl with requestParameters/responseElements typed as EC2 RunInstances logged them
 *    and a 2,000-character limit, so the type-size limit has to demote
 */
import { cpus, loadavg, totalmem } from "node:os";
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { inferSources } from "../src/pipeline/infer-sources.js";
import { resolveSources } from "../src/source/resolve-sources.js";
import { parseSchema, serializeSchema } from "../src/schema/schema-io.js";
import { renderTable } from "../src/render/render-table.js";
import { ddlTemplates } from "../src/render/load-ddl-template.js";
import { FLAVOR_NAMES } from "../src/flavors/index.js";
import type { SchemaFile } from "../src/schema/schema-file.js";

const RUNS = Number(process.env.BENCH_RUNS ?? 20);
const corpus = resolve(dirname(fileURLToPath(import.meta.url)), "../../shared/corpus");

function cpuMs(fn: () => void): number {
  const start = process.cpuUsage();
  fn();
  const used = process.cpuUsage(start);
  return (used.user + used.system) / 1000;
}

function median(fn: () => void): number {
  fn();
  const times = Array.from({ length: RUNS }, () => cpuMs(fn)).sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)] as number;
}

const { schema } = await inferSources(await resolveSources([corpus]), {});
const text = serializeSchema(schema);
const options = (flavor: (typeof FLAVOR_NAMES)[number]) => ({ flavor, table: "cloudtrail_logs", location: "s3://bucket/AWSLogs/", partitioned: true });
const templates = ddlTemplates(undefined);
const event = schema.events["ec2.amazonaws.com:RunInstances"];
const oversized: SchemaFile = {
  ...schema,
  root: {
    kind: "object",
    fields: schema.root.fields.map((f) =>
      f.key === "requestparameters" && event?.requestParameters
        ? { ...f, shape: event.requestParameters }
        : f.key === "responseelements" && event?.responseElements
          ? { ...f, shape: event.responseElements }
          : f,
    ),
  },
};

const rows: [string, number][] = [[`parse schema file (${(text.length / 1e6).toFixed(1)} MB)`, median(() => parseSchema(text, "bench"))]];
for (const flavor of FLAVOR_NAMES) rows.push([`render ${flavor}`, median(() => renderTable(schema, options(flavor), templates))]);
rows.push(["render jsonl, fresh templates", median(() => renderTable(schema, options("jsonl")))]);
rows.push(["render jsonl, oversized at 2,000", median(() => renderTable(oversized, { ...options("jsonl"), expand: ["requestParameters", "responseElements"], typeLimit: 2000 }, templates))]);

console.log(
  `# bench:render  ${new Date().toISOString().slice(0, 10)}  node ${process.version}  ${cpus()[0]?.model ?? "?"} x${cpus().length}  ${(totalmem() / 2 ** 30).toFixed(1)} GiB  load ${loadavg()[0]?.toFixed(2)}`,
);
console.log(`schema: ${schema.records} records, ${schema.root.fields.length} top-level fields, ${Object.keys(schema.events).length} per-event shapes; median CPU ms of ${RUNS} runs`);
for (const [what, ms] of rows) console.log(`| ${what} | ${ms.toFixed(2)} ms |`);
