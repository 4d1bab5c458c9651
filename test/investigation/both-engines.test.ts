import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import { mkdtempSync, readFileSync, readdirSync, rmSync } from "node:fs";
import { homedir, tmpdir } from "node:os";
import { join, relative, sep } from "node:path";
import { CreateBucketCommand, GetObjectCommand, PutObjectCommand } from "@aws-sdk/client-s3";
import {
  DEFAULT_LOG_WAIT,
  defaultCacheDir,
  embeddedHiveSession,
  emrEngine,
  findDayFolders,
  insertDirectoryClause,
  localDeps,
  localEngine,
  parseSchema,
  planInvestigation,
  resolveSources,
  type InvestigationOutcome,
  type InvestigationPlan,
  type ResultSet,
} from "../../src/index.js";
import { getQuery, loadLibrary } from "../../src/queries/library.js";
import { systemClock } from "../../src/emr/clock.js";
import { EMRClient } from "@aws-sdk/client-emr";
import { startS3Server, TEST_CREDENTIALS, type S3TestServer } from "../support/s3-server.js";
import { startEmrServer, type EmrTestServer } from "../support/emr-server.js";
import { evaluateQuery } from "../reference/evaluate-query.js";
import { loadRecords } from "../reference/load-records.js";
import { repoRoot } from "../reference/corpus.js";
import { hiveSkip } from "../local/support/hive.js";

/**
 * The library's promise (docs/ARCHITECTURE.md, Engines): one planned investigation, run by either
 * engine through the same interface, gives the same outcome. The local engine is the embedded Hive
 * 4.1.0 over examples/logs; the EMR engine is the real SDK against the project's EMR and S3 test
 * servers, with the trail uploaded to S3. The EMR test server cannot run Hive, so its step answers
 * with the TypeScript reference's rows: what this shows of EMR is that the engine finds the day
 * folders in S3, uploads a script holding the planned query, and reads the answer back into the
 * same outcome; what it shows of Hive is that the local answer equals the reference.
 */
const LOGS = join(repoRoot, "examples", "logs");
const PARAMS = { group_id: "sg-0123456789abcdef0", from: "2026-11-16", to: "2026-11-22" };
const QUERY = "security-group-changes";

function answered(outcome: InvestigationOutcome): ResultSet[] {
  assert.equal(outcome.kind, "answered", JSON.stringify(outcome.kind === "refused" ? outcome.reason : outcome.kind));
  return outcome.kind === "answered" ? outcome.results : [];
}

function logFiles(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => join(e.parentPath, e.name));
}

describe("one plan, two engines", { skip: hiveSkip(), timeout: 300_000 }, () => {
  const expected = evaluateQuery(QUERY, PARAMS, loadRecords(LOGS));
  const schema = parseSchema(readFileSync(join(repoRoot, "examples", "trailhive.schema.json"), "utf8"), "examples/trailhive.schema.json");
  let plan: InvestigationPlan;
  let s3: S3TestServer;
  let emr: EmrTestServer;
  let dir: string;

  before(async () => {
    assert.ok(expected.rows.length >= 3, "the examples answer the seed's question (never empty against empty)");
    plan = planInvestigation({ table: "cloudtrail", schema, query: getQuery(loadLibrary(), QUERY), params: PARAMS });
    dir = mkdtempSync(join(tmpdir(), "trailhive-engines-"));
    process.env.AWS_ACCESS_KEY_ID = "test";
    process.env.AWS_SECRET_ACCESS_KEY = "test";
    s3 = await startS3Server();
    for (const Bucket of ["trail", "staging", "emr-logs"]) await s3.client.send(new CreateBucketCommand({ Bucket }));
    for (const file of logFiles(LOGS)) {
      const Key = relative(LOGS, file).split(sep).join("/");
      await s3.client.send(new PutObjectCommand({ Bucket: "trail", Key, Body: readFileSync(file) }));
    }
    emr = await startEmrServer({ s3: s3.client });
  });
  after(async () => {
    await emr?.stop();
    await s3?.stop();
    if (dir !== undefined) rmSync(dir, { recursive: true, force: true });
  });

  it("the local engine's answer is the reference's, and the EMR engine returns the same outcome from the same plan", async () => {
    const { files } = await resolveSources([LOGS], {});
    const local = localEngine({
      files,
      workDir: join(dir, "work"),
      deps: localDeps({ sources: [LOGS], session: embeddedHiveSession({ cacheDir: defaultCacheDir(process.env, homedir()), keepMinutes: 0 }) }),
    });
    assert.equal(local.name, "local");
    const localResults = answered(await local.run(plan));
    assert.equal(localResults.length, 1);
    const [localSet] = localResults as [ResultSet];
    assert.deepEqual(localSet.columns, expected.columns);
    assert.deepEqual(localSet.rows, expected.rows, "the embedded Hive's rows are the reference's, in its order");

    const clusterId = emr.addCluster({ logUri: "s3://emr-logs/" });
    emr.scriptNextStep({ outcome: "COMPLETED", rows: expected.rows });
    const location = "s3://trail";
    const onEmr = emrEngine(
      {
        staging: "s3://staging/th",
        runId: "both-engines",
        target: { kind: "existing", clusterId },
        location,
        partitions: async (range) => (await findDayFolders(location, range, { s3In: () => s3.client })).partitions,
      },
      {
        clients: { emr: new EMRClient({ endpoint: emr.endpoint, region: "us-east-1", credentials: TEST_CREDENTIALS }), s3: s3.client },
        execute: { clock: systemClock(), poll: { intervalMs: 1, maxIntervalMs: 4, timeoutMs: 30_000 }, logs: DEFAULT_LOG_WAIT },
      },
    );
    const emrResults = answered(await onEmr.run(plan));
    assert.deepEqual(emrResults, localResults, "the same outcome from either engine");

    // What the EMR engine sent: the planned query itself, over every day folder of the range in the trail.
    const obj = await s3.client.send(new GetObjectCommand({ Bucket: "staging", Key: "th/scripts/both-engines.q" }));
    const script = (await obj.Body?.transformToString()) ?? "";
    assert.ok(plan.work.kind === "query");
    // the query's SELECT as planned, right after the sink (its leading comment lines stay above the INSERT)
    const select = plan.work.sql.slice(plan.work.sql.search(/^SELECT\b/im));
    assert.ok(
      select.length > 100 && script.includes(`${insertDirectoryClause("s3://staging/th/results/both-engines/")}\n${select}`),
      "the uploaded script holds the planned SELECT verbatim, writing to the run's results folder",
    );
    // the range's days and the one after (late deliveries), from the file names, not from trailhive
    const days = new Set<string>();
    for (const f of logFiles(LOGS)) {
      const m = /AWSLogs\/(?:o-[^/]+\/)?(\d{12})\/CloudTrail\/([^/]+)\/(\d{4})\/(\d{2})\/(\d{2})\//.exec(relative(LOGS, f).split(sep).join("/"));
      if (m === null) continue;
      const [, account, region, year, month, day] = m as unknown as [string, string, string, string, string, string];
      const date = `${year}-${month}-${day}`;
      if (date >= "2026-11-16" && date <= "2026-11-23") days.add([account, region, year, month, day].join(" "));
    }
    const added = [...script.matchAll(/PARTITION \(account = '(\d+)', region = '([^']+)', `year` = '(\d+)', `month` = '(\d+)', `day` = '(\d+)'\)/g)].map((m) => m.slice(1).join(" "));
    assert.ok(days.size > 1);
    assert.deepEqual(new Set(added), days, "one partition per day folder of the range, found by listing S3");
  });
});
