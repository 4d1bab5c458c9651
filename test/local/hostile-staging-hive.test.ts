import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { cpSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { embeddedHiveSession } from "../../src/local/embedded-hive.js";
import { localDeps } from "../../src/local/local-deps.js";
import { runLocalInvestigation } from "../../src/local/run-local-investigation.js";
import { resolveSources } from "../../src/source/resolve-sources.js";
import { getQuery, loadLibrary, renderQuery } from "../../src/queries/library.js";
import { evaluateQuery } from "../reference/evaluate-query.js";
import { loadRecords } from "../reference/load-records.js";
import { INVALID, writeHostilePartitionLogs, type ExpectedEvent } from "../hostile/support/hostile-partitions.js";
import { examplesDir } from "./support/corpus.js";
import { hiveSkip } from "./support/hive.js";

/**
 * Hostile events staged beside the example logs and read by real Hive 4.1.0, in one session: every
 * event is in the table with its own id, awsRegion and partition values (regions that are no folder
 * names, Hive's own escape spellings, account ids beyond 2^53, eventTime twice, Records twice, events
 * nested past Hive's JSON parser's 1,000 levels), and the normal events' answer is the reference's.
 */
const TABLE = "cloudtrail_logs";
const COLUMNS = ["eventid", "awsregion", "account", "region", "year", "month", "day"] as const;

describe("hostile events on the embedded Hive", { skip: hiveSkip() }, () => {
  let dir: string;
  before(() => {
    dir = mkdtempSync(join(tmpdir(), "hostile-hive-"));
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  test("every event reads back with its real values, and the example logs' answer is unchanged", async () => {
    const logs = join(dir, "logs");
    cpSync(examplesDir, logs, { recursive: true });
    const { expected } = writeHostilePartitionLogs(join(logs, "hostile"));
    const session = embeddedHiveSession({ cacheDir: defaultCache(), keepMinutes: 0 });
    const deps = localDeps({ sources: [logs], session });
    const sg = renderQuery(getQuery(loadLibrary(), "security-group-changes"), {}, { table: TABLE, partitioned: true });
    const probe = `SELECT ${COLUMNS.map((c) => "`" + c + "`").join(", ")} FROM ${TABLE} WHERE eventname = 'HostileProbe'`;
    // every partition value is what its event's own columns say (or the invalid partition), as Hive reads both
    const disagree = `SELECT count(*) AS n FROM ${TABLE} WHERE concat(\`year\`, '-', \`month\`, '-', \`day\`) <> substr(eventtime, 1, 10) OR (region <> awsregion AND region <> '${INVALID}')`;
    const { files } = await resolveSources([logs], {});
    const outcome = await runLocalInvestigation(
      {
        files,
        workDir: join(dir, "work"),
        fresh: false,
        table: TABLE,
        scripts: [
          { name: "probe", statements: [probe, disagree] },
          { name: "security-group-changes", statements: [sg.sql], columns: sg.columns },
        ],
      },
      deps,
    );
    assert.equal(outcome.failure, undefined, JSON.stringify(outcome.failure));
    const rows = outcome.scripts[0]!.results[0]!.rows;
    const got = rows.map((r) => Object.fromEntries(COLUMNS.map((c, i) => [c, r[i] ?? null])) as unknown as ExpectedEvent);
    const byId = (a: ExpectedEvent, b: ExpectedEvent) => (a.eventid < b.eventid ? -1 : 1);
    assert.equal(got.length, expected.length, "no event lost, none twice");
    assert.deepEqual(got.sort(byId), [...expected].sort(byId));

    assert.deepEqual(outcome.scripts[0]!.results[1]!.rows, [["0"]]);
    const reference = evaluateQuery("security-group-changes", {}, loadRecords(examplesDir));
    assert.ok(reference.rows.length > 0);
    assert.deepEqual(outcome.scripts[1]!.results[0]!.rows, reference.rows);
  });
});

function defaultCache(): string {
  const xdg = process.env["XDG_CACHE_HOME"];
  return join(xdg !== undefined && xdg !== "" ? xdg : join(process.env["HOME"] ?? tmpdir(), ".cache"), "trailhive");
}
