// Log values and rule files must not run script in a report (issue 19): values holding markup, a
// closing </script>, event-handler attributes, entities and line separators, and a Sigma rule whose
// title, author and references hold them, reach the HTML reports of real `run` and `detect` runs on
// the embedded Hive. Opened in headless Chromium with the network cut, each shows as text: no element
// they spell exists, no handler ran, no console error (the CSP would log a blocked one), no request.
import assert from "node:assert/strict";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { after, test } from "node:test";
import { HTML_HOSTILE } from "./support/html-values.js";
import { assertHandled, assertTreeUnchanged, runTrailhive, snapshotTree, withTempDir } from "./support/hostile.js";
import { browserMissing, closeBrowser, shownRows, timelineMarks, waitForRowCount, withReportPage } from "../support/report-browser.js";

const missing = browserMissing();
after(closeBrowser);

const RULE_TITLE = `<script>window.__pwned="rule"</script> SG opened`;
const RULE_AUTHOR = `<img src=x onerror="window.__pwned=1">`;
const BAD_REFERENCE = `javascript:window.__pwned=2`;

function event(i: number, name: string, hostile: boolean): Record<string, unknown> {
  return {
    eventVersion: "1.08",
    userIdentity: { type: "IAMUser", arn: hostile ? HTML_HOSTILE.arn : "arn:aws:iam::111122223333:user/alice", accountId: "111122223333", userName: hostile ? HTML_HOSTILE.user : "alice" },
    eventTime: `2026-11-16T0${i}:05:40Z`,
    eventSource: "ec2.amazonaws.com",
    eventName: name,
    awsRegion: "us-east-1",
    sourceIPAddress: "203.0.113.10",
    userAgent: hostile ? HTML_HOSTILE.agent : "aws-cli/2",
    requestParameters: { groupId: hostile ? HTML_HOSTILE.group : "sg-2", ipPermissions: { items: [{ ipProtocol: "tcp", fromPort: 22, toPort: 22 }] } },
    ...(hostile ? { errorCode: HTML_HOSTILE.error } : {}),
    eventID: `0cbed294-9588-453f-a6d6-bb01eedb943${i}`,
    eventType: "AwsApiCall",
    recipientAccountId: "111122223333",
  };
}

const RULE = `title: '${RULE_TITLE}'
id: 5b0e7c1a-3d2f-4e6a-8b9c-0d1e2f3a4b5c
status: experimental
references:
    - "${BAD_REFERENCE}"
    - https://example.com/rules?a=1&b=<x>
author: '${RULE_AUTHOR}'
logsource:
    product: aws
    service: cloudtrail
detection:
    selection:
        eventSource: ec2.amazonaws.com
        eventName: AuthorizeSecurityGroupIngress
    condition: selection
level: high
`;

/** What a page looks like when nothing in it was read as markup. */
async function assertInert(page: import("playwright-core").Page): Promise<void> {
  assert.equal(await page.evaluate("window.__pwned"), undefined, "no hostile handler or script ran");
  assert.equal(await page.locator("img, svg[onload], b").count(), 0, "no element spelled by a log value exists");
  assert.equal(await page.locator("style", { hasText: "display:none" }).count(), 0, "no style spelled by a log value");
  assert.equal(await page.locator("script:not([id=report-data])").count(), 3, "only the page's own scripts");
  assert.equal(await page.locator("[onerror], [onload]").count(), 0);
}

test("run --report and detect --report: hostile log values and rule fields show as text in real Chromium, and the page makes no request", { skip: missing, timeout: 600_000 }, () =>
  withTempDir("html-report", async (dir) => {
    const logs = join(dir, "logs");
    mkdirSync(logs);
    const events = [event(1, "AuthorizeSecurityGroupIngress", true), event(2, "RevokeSecurityGroupIngress", false), event(3, "AuthorizeSecurityGroupIngress", false)];
    writeFileSync(join(logs, "ec2.json"), JSON.stringify({ Records: events }));
    const rules = join(dir, "rules");
    mkdirSync(rules);
    writeFileSync(join(rules, "hostile.yml"), RULE);
    const before = snapshotTree(dir);
    const work = join(dir, "work");

    const run = await runTrailhive(["run", "--query", "security-group-changes", "--work", work, "--format", "jsonl", "--keep-engine", "1", "--report", "sg report.html", logs], {
      cwd: dir,
      timeoutMs: 300_000,
    });
    assertHandled(run, { exit: 0, names: "sg report.html" });
    const rows = run.stdout
      .trim()
      .split("\n")
      .map((l) => JSON.parse(l) as Record<string, string | null>);
    assert.equal(rows.length, 3);
    const html = readFileSync(join(dir, "sg report.html"), "utf8");
    assert.ok(!html.includes("</script><script>window"), "the closing tag never reaches the file as written");
    await withReportPage(join(dir, "sg report.html"), "run-hostile", async (page) => {
      await assertInert(page);
      assert.equal(await timelineMarks(page), rows.length, "one mark per row");
      const shown = (await shownRows(page)).map((r) => r.join("\u0001"));
      for (const value of [HTML_HOSTILE.group, HTML_HOSTILE.user, HTML_HOSTILE.arn, HTML_HOSTILE.error]) {
        assert.ok(
          shown.some((r) => r.includes(value)),
          `${JSON.stringify(value)} is shown as text`,
        );
      }
      assert.equal(await page.title(), "trailhive: security-group-changes");
      // the filter finds the hostile row by its text, the sort orders by time both ways
      await page.fill("#row-filter", "<img");
      await waitForRowCount(page, "1 row of 3 match.");
      assert.equal(await timelineMarks(page), 1);
      await page.fill("#row-filter", "");
      await waitForRowCount(page, "3 rows.");
      await page.click('#rows th button:text-is("event_time")');
      assert.deepEqual(
        (await shownRows(page)).map((r) => r[0]),
        rows.map((r) => r["event_time"]).sort(),
      );
      await page.click('#rows th button:text-is("event_time")');
      assert.deepEqual(
        (await shownRows(page)).map((r) => r[0]),
        rows
          .map((r) => r["event_time"])
          .sort()
          .reverse(),
      );
      assert.match((await page.locator("#source pre code").textContent()) ?? "", /SELECT/);
    });

    const detect = await runTrailhive(["detect", "--rules", rules, "--work", work, "--format", "jsonl", "--keep-engine", "0", "--report", "hits.html", logs], { cwd: dir, timeoutMs: 300_000 });
    assertHandled(detect, { exit: 0, names: "hits.html" });
    const hits = detect.stdout
      .trim()
      .split("\n")
      .map((l) => JSON.parse(l) as Record<string, string | null>);
    assert.equal(hits.length, 2, "the rule hits both AuthorizeSecurityGroupIngress events");
    await withReportPage(join(dir, "hits.html"), "detect-hostile", async (page) => {
      await assertInert(page);
      assert.equal(await timelineMarks(page), hits.length);
      const rule = page.locator("#rules tbody tr").first();
      assert.deepEqual((await rule.locator("td").allTextContents()).slice(0, 4), ["high", RULE_TITLE, "5b0e7c1a-3d2f-4e6a-8b9c-0d1e2f3a4b5c", RULE_AUTHOR]);
      assert.deepEqual(await rule.locator("a").evaluateAll((as) => as.map((a) => a.getAttribute("href"))), ["https://example.com/rules?a=1&b=<x>"], "only the http(s) reference is a link");
      assert.ok((await rule.textContent())?.includes(BAD_REFERENCE), "the javascript: reference is shown as text");
      await rule.locator("button").click();
      assert.match((await page.textContent("#rule-filter")) ?? "", /Showing the hits of /);
      assert.equal((await shownRows(page)).length, 2);
    });
    assertTreeUnchanged(before, snapshotTree(dir), { except: ["work", "sg report.html", "hits.html"] });
  }),
);
