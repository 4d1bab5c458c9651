// The library's queries and a typed view run unchanged on EventBridge events at rest in S3 as Firehose
import { hiveLocation } from "../../src/local/hive-location.js";
// writes them (one event per line under <prefix>/YYYY/MM/DD/HH/): the eventbridge-jsonl flavor's table
// and view, with ADD PARTITION for the hour folders, answer as the jsonl table over the same records
// does, on embedded Hive 4.1.0 (one JVM for the file), and as the reference evaluator does.
import assert from "node:assert/strict";
import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { homedir, tmpdir } from "node:os";
import { join } from "node:path";
import { before, test } from "node:test";
import { defaultCacheDir } from "../../src/engine/default-cache-dir.js";
import { runHiveSession, type StatementResult } from "../../src/engine/run-hive-session.js";
import { renderHourPartitions } from "../../src/partitions/render-partitions.js";
import { inferSources } from "../../src/pipeline/infer-sources.js";
import { getQuery, loadLibrary, renderQuery } from "../../src/queries/library.js";
import { renderTable } from "../../src/render/render-table.js";
import { resolveSources } from "../../src/source/resolve-sources.js";
import { renderView } from "../../src/views/render-view.js";
import { evaluateQuery } from "../reference/evaluate-query.js";
import { loadRecords } from "../reference/load-records.js";
import { repoRoot } from "../reference/corpus.js";
import { writeFirehoseDelivery } from "../support/eventbridge-envelopes.js";
import { ensureEngine } from "../../src/engine/ensure-engine.js";
import { withQuickJvm } from "../local/support/hive.js";

/** The seed's question with a day range and a region (partition filters on the view), and a global service's. */
const QUESTIONS: { name: string; params: Record<string, string> }[] = [
  { name: "security-group-changes", params: { group_id: "sg-0123456789abcdef0", from: "2026-11-16", to: "2026-11-22", region: "us-east-1" } },
  { name: "iam-changes", params: { region: "eu-west-1", from: "2026-11-01", to: "2026-11-30" } },
];
const VIEW_SELECT = "SELECT event_id, item_index, item_ip_protocol, item_from_port, item_to_port, item_ip_ranges_items, items_truncated, `year`, `month`, `day`, region FROM";

const work = mkdtempSync(join(tmpdir(), "trailhive-eventbridge-answers-"));
const records = loadRecords(join(repoRoot, "examples", "logs"));
let results: StatementResult[] = [];
const asked: { name: string; params: Record<string, string>; native: number; envelope: number }[] = [];
let views = { native: -1, envelope: -1 };
let hourFolders = 0;

before(async () => {
  const native = join(work, "native");
  mkdirSync(native, { recursive: true });
  writeFileSync(join(native, "events.jsonl"), records.map((r) => JSON.stringify(r) + "\n").join(""));
  const schema = (await inferSources(await resolveSources([native]), {})).schema;
  const { hours } = writeFirehoseDelivery(records, join(work, "firehose"));
  hourFolders = hours.length;

  const statements: string[] = [];
  const plain = renderTable(schema, { flavor: "jsonl", table: "ct_native", location: hiveLocation(native), partitioned: false });
  const envelope = renderTable(schema, { flavor: "eventbridge-jsonl", table: "ct_events", location: hiveLocation(join(work, "firehose")), partitioned: true });
  statements.push(...plain.statements.map((s) => s.sql), ...envelope.statements.map((s) => s.sql));
  statements.push(...renderHourPartitions(envelope.table.name, hours));
  for (const q of QUESTIONS) {
    const def = getQuery(loadLibrary(), q.name);
    const nativeAt = statements.push(renderQuery(def, q.params, { table: "ct_native" }).sql) - 1;
    const envelopeAt = statements.push(renderQuery(def, q.params, { table: "ct_events", partitioned: true }).sql) - 1;
    asked.push({ ...q, native: nativeAt, envelope: envelopeAt });
  }
  // The seed's typed view over each table; the envelope's keeps the partition columns.
  const spec = "ec2:AuthorizeSecurityGroupIngress";
  const v1 = renderView(schema, spec, { table: "ct_native", explode: "ipPermissions.items", name: "sg_native" });
  const v2 = renderView(schema, spec, { table: "ct_events", explode: "ipPermissions.items", name: "sg_events", partitioned: true });
  statements.push(...v1.statements.map((s) => s.sql), ...v2.statements.map((s) => s.sql));
  views = {
    native: statements.push(`${VIEW_SELECT.replace(", `year`, `month`, `day`, region", "")} sg_native ORDER BY event_id, item_index`) - 1,
    envelope: statements.push(`${VIEW_SELECT} sg_events WHERE \`year\` = '2026' ORDER BY event_id, item_index`) - 1,
  };
  const cacheDir = defaultCacheDir(process.env, homedir());
  const engine = await ensureEngine("4.1.0", { cacheDir });
  results = (await withQuickJvm(engine, cacheDir, (jvmArgs) => runHiveSession({ workDir: join(work, "hive"), statements, engine, jvmArgs }))).results;
});

const sorted = (rows: (string | null)[][] | undefined) => (rows ?? []).map((r) => JSON.stringify(r)).sort();

test("the envelope table, its view and the hour partitions are accepted, and every statement runs", () => {
  assert.ok(hourFolders > 1, "the examples span several hours");
  const failed = results.find((r) => !r.ok);
  assert.equal(failed, undefined, failed && !failed.ok ? failed.errorLine : "");
});

test("library queries answer on the envelope view as on the jsonl table over the native records, and as the reference does", () => {
  for (const q of asked) {
    const native = results[q.native];
    const envelope = results[q.envelope];
    assert.ok(native?.ok && envelope?.ok, q.name);
    const want = evaluateQuery(q.name, q.params, records);
    assert.ok(want.rows.length > 0, `${q.name}: the examples hold matching events`);
    assert.deepEqual(envelope.columns, native.columns, q.name);
    assert.deepEqual(sorted(envelope.rows), sorted(native.rows), `${q.name} ${JSON.stringify(q.params)}`);
    assert.deepEqual(sorted(envelope.rows), sorted(want.rows), `${q.name}: the reference's answer`);
  }
});

test("the typed view over the envelope view gives the same rows, with the partition columns from the hour folders and the envelope", () => {
  const native = results[views.native];
  const envelope = results[views.envelope];
  assert.ok(native?.ok && envelope?.ok);
  assert.ok((native.rows ?? []).length > 0);
  assert.deepEqual(
    envelope.rows?.map((r) => r.slice(0, 7)),
    native.rows,
  );
  const byEvent = new Map(records.map((r) => [String(r.eventID), r]));
  for (const row of envelope.rows ?? []) {
    const r = byEvent.get(String(row[0]))!;
    assert.deepEqual(row.slice(7), [...String(r.eventTime).slice(0, 10).split("-"), String(r.awsRegion)], String(row[0]));
  }
});
