// The schema, schema-diff and 100,000-row reports in a real headless Chromium with the network cut
// (issue 19): no console error and no request, the tree, conflicts and flavors as the schema file has
// them, and a table and timeline that stay usable at 100,000 rows (virtualised, binned, filterable).
// The run and detect reports, with hostile values from real Hive runs, are in test/hostile/html-report.test.ts.
import assert from "node:assert/strict";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { after, test } from "node:test";
import { reportAssets } from "../../src/cli/report-assets.js";
import { renderReport } from "../../src/report/render-report.js";
import { rowsReport } from "../../src/report/rows-report.js";
import type { SchemaFile } from "../../src/schema/schema-file.js";
import { assertHandled, runTrailhive, withTempDir } from "../hostile/support/hostile.js";
import { browserMissing, closeBrowser, shownRows, timelineMarks, waitForRowCount, withReportPage } from "../support/report-browser.js";

const missing = browserMissing();
const EXAMPLE_SCHEMA = join(import.meta.dirname, "..", "..", "examples", "trailhive.schema.json");
after(closeBrowser);

test("report schema: every top-level field in the tree, nested fields on opening, the filter, every conflict and each flavor's columns", { skip: missing }, () =>
  withTempDir("report-schema", async (dir) => {
    const schema = JSON.parse(readFileSync(EXAMPLE_SCHEMA, "utf8")) as SchemaFile;
    const out = join(dir, "schema page.html");
    const run = await runTrailhive(["report", "schema", EXAMPLE_SCHEMA, "-o", out], { cwd: dir });
    assertHandled(run, { exit: 0, names: "schema page.html" });
    await withReportPage(out, "schema", async (page) => {
      const top = await page.$$eval("#fields ul.tree > li", (lis) => lis.map((li) => li.querySelector("code.name")?.textContent));
      assert.deepEqual(
        top,
        schema.root.fields.map((f) => f.name),
      );
      const identity = page.locator('#fields li[data-path="$.userIdentity"] > details');
      assert.equal(await identity.locator(":scope > ul > li").first().isVisible(), false, "closed at first");
      await identity.locator(":scope > summary").press("Enter");
      const inner = await identity.evaluate((d) => [...d.querySelectorAll(":scope > ul > li")].map((li) => li.querySelector("code.name")?.textContent));
      const expected = schema.root.fields.find((f) => f.key === "useridentity");
      assert.ok(expected?.shape.kind === "object");
      assert.deepEqual(
        inner,
        expected.shape.fields.map((f) => f.name),
      );
      // the eventVersions that brought a field, where fewer than its parent's: as the schema file says
      const versioned = schema.root.fields.filter((f) => f.versions !== undefined);
      assert.ok(versioned.length > 0, "the examples have fields of some eventVersions only");
      for (const f of versioned) {
        assert.equal(await page.locator(`#fields li[data-path="$.${f.name}"] .versions`).first().textContent(), `; only in eventVersion ${f.versions!.join(", ")}`);
      }
      const everywhere = schema.root.fields.find((f) => f.versions === undefined)!;
      assert.equal(await page.locator(`#fields li[data-path="$.${everywhere.name}"] > * > .versions`).count(), 0);
      await page.fill("#field-filter", "sessioncontext");
      const visible = await page.$$eval("#fields ul.tree > li", (lis) => lis.filter((li) => !li.hidden).map((li) => li.dataset["path"]));
      assert.deepEqual(visible, ["$.userIdentity"], "only the field holding the match stays");
      assert.ok(schema.conflicts.length > 0);
      assert.equal(await page.locator("#conflicts tbody tr").count(), schema.conflicts.length);
      assert.deepEqual(
        await page.locator("#conflicts tbody tr td:first-child").allTextContents(),
        schema.conflicts.map((c) => c.path),
      );
      assert.equal(await page.locator("#flavors details").count(), 6);
      const jsonl = page.locator("#flavors details", { hasText: "jsonl:" }).first();
      await jsonl.locator("summary").click();
      assert.ok((await jsonl.locator("tbody tr td:first-child").allTextContents()).includes("eventname"));
    });
  }),
);

test("report schema --diff: the fields, conflicts and per-event shapes that came and went", { skip: missing }, () =>
  withTempDir("report-diff", async (dir) => {
    const schema = JSON.parse(readFileSync(EXAMPLE_SCHEMA, "utf8")) as SchemaFile;
    const old: SchemaFile = {
      ...schema,
      root: { kind: "object", fields: schema.root.fields.filter((f) => f.key !== "tlsdetails") },
      conflicts: schema.conflicts.slice(1),
      events: Object.fromEntries(Object.entries(schema.events).filter(([k]) => k !== "kms.amazonaws.com:Decrypt")),
    };
    writeFileSync(join(dir, "old.schema.json"), JSON.stringify(old));
    const run = await runTrailhive(["report", "schema", EXAMPLE_SCHEMA, "--diff", "old.schema.json", "-o", "diff.html"], { cwd: dir });
    assertHandled(run, { exit: 0 });
    await withReportPage(join(dir, "diff.html"), "schema-diff", async (page) => {
      assert.deepEqual(await page.locator("#changes tbody tr").first().locator("td").allTextContents(), ["added", "$.tlsDetails", "", ""]);
      assert.equal(await page.locator("#changes tbody tr").count(), 1);
      assert.deepEqual(await page.locator("#conflicts tbody tr td:nth-child(2)").allTextContents(), [schema.conflicts[0]?.path]);
      assert.deepEqual(await page.locator("#events tbody tr td").allTextContents(), ["new", "kms.amazonaws.com:Decrypt"]);
    });
  }),
);

/** 100,000 rows over 30 days: 500 principals, 40 event names, one row in 50 an error. */
function manyRows(): (string | null)[][] {
  const rows: (string | null)[][] = [];
  const start = Date.parse("2026-11-01T00:00:00Z");
  for (let i = 0; i < 100_000; i++) {
    const t = new Date(start + Math.floor((i * 2_592_000_000) / 100_000)).toISOString().replace(".000Z", "Z");
    rows.push([t, `Event${i % 40}`, `arn:aws:iam::111122223333:user/p-${String(i % 500).padStart(5, "0")}`, "203.0.113.7", i % 50 === 0 ? "AccessDenied" : null, `id-${i}`]);
  }
  return rows;
}

test("100,000 rows: the table draws a window of them, the timeline bins them, and filtering and sorting work on all of them", { skip: missing, timeout: 240_000 }, () =>
  withTempDir("report-100k", async (dir) => {
    const rows = manyRows();
    const columns = ["event_time", "event_name", "principal_arn", "source_ip", "error_code", "event_id"];
    const file = join(dir, "many.html");
    const source = { kind: "query" as const, name: "principal-activity", hiveql: "SELECT ...", parameters: [], engine: "embedded Apache Hive 4.1.0", partitions: "every partition" };
    writeFileSync(file, renderReport(rowsReport({ columns, rows }, source), reportAssets()));
    await withReportPage(file, "rows-100k", async (page) => {
      const drawn = await shownRows(page);
      assert.ok(drawn.length > 10 && drawn.length < 100, `a window of rows is in the DOM, not 100,000 (${drawn.length})`);
      assert.deepEqual(
        drawn[0],
        rows[0]?.map((v) => v ?? "NULL"),
      );
      const binned = await timelineMarks(page);
      assert.ok(binned > 0 && binned < 20_000, `marks are binned (${binned})`);
      assert.match((await page.textContent("#timeline-summary")) ?? "", /100,000 rows on the timeline.*per time bin/);

      // one principal's 200 rows: few enough for a mark each
      const who = "user/p-00042";
      const expected = rows.filter((r) => r[2]?.endsWith(who));
      await page.fill("#row-filter", who);
      await waitForRowCount(page, `${expected.length} rows of 100,000 match.`);
      assert.equal(await timelineMarks(page), expected.length, "one mark per matching row");
      assert.ok((await shownRows(page)).every((r) => r[2]?.endsWith(who)));

      await page.click('#rows th button:text-is("event_time")');
      await page.click('#rows th button:text-is("event_time")');
      assert.equal(await page.getAttribute('#rows th:has(button:text-is("event_time"))', "aria-sort"), "descending");
      const latest = expected
        .map((r) => r[0] ?? "")
        .sort()
        .at(-1);
      assert.equal((await shownRows(page))[0]?.[0], latest);

      await page.fill("#row-filter", "");
      await waitForRowCount(page, "100,000 rows.");
      // scrolled to the end, the last row (in the sort order) is drawn
      await page.locator("#rows .scroller").evaluate((el) => (el.scrollTop = el.scrollHeight));
      await page.locator('#rows tbody tr[aria-rowindex="100001"]').waitFor();
      const tail = await shownRows(page);
      assert.equal(tail.at(-1)?.[0], rows.map((r) => r[0] ?? "").sort()[0], "the earliest row is last in descending order");
    });
  }),
);
