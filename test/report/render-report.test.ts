// The report's pure parts (issue 19): text and JSON escaping, the page's CSP naming exactly the scripts
// it holds, the same bytes for the same rows, and which columns the timeline reads for each library query.
import assert from "node:assert/strict";
import { createHash } from "node:crypto";
import { test } from "node:test";
import { reportAssets } from "../../src/cli/report-assets.js";
import { HIT_COLUMNS } from "../../src/sigma/select-rules.js";
import { loadLibrary } from "../../src/queries/library.js";
import { escapeHtml, inlineScriptText, jsonForScript } from "../../src/report/html-text.js";
import { renderReport } from "../../src/report/render-report.js";
import { rowsReport, timelineColumns } from "../../src/report/rows-report.js";
import { HTML_HOSTILE } from "../hostile/support/html-values.js";

const HOSTILE = [...Object.values(HTML_HOSTILE), "\u2028\u2029", "\ud800 lone", "&amp;", "<!--", "]]>"];

test("escapeHtml leaves no markup character; jsonForScript reads back the same and holds no <, >, & or line separator", () => {
  for (const value of HOSTILE) {
    assert.doesNotMatch(escapeHtml(value), /[<>"']/);
    const json = jsonForScript({ value, list: [value] });
    assert.doesNotMatch(json, /[<>&\u2028\u2029]/);
    assert.deepEqual(JSON.parse(json), { value, list: [value] });
  }
});

test("inlineScriptText: a library spelling </script or <!-- cannot end its element, and means the same to JavaScript", () => {
  const text = `var a = "</script><!-- x"; var b = /<\\/script>/;`;
  const inlined = inlineScriptText(text);
  assert.doesNotMatch(inlined, /<\/script|<!--/i);
  const read = (src: string) => new Function(`${src}; return [a, b.source];`)() as [string, string];
  assert.deepEqual(read(inlined), read(text));
});

const SOURCE = {
  kind: "query" as const,
  name: "security-group-changes",
  hiveql: "SELECT 1",
  parameters: [["from", HTML_HOSTILE.user]] as [string, string][],
  engine: "embedded Apache Hive 4.1.0",
  partitions: "every partition",
};
const ROWS = {
  columns: ["event_time", "event_name", "group_id", "principal_arn", "error_code"],
  rows: [["2026-11-16T08:05:40Z", "AuthorizeSecurityGroupIngress", HTML_HOSTILE.group, HTML_HOSTILE.arn, null]],
};

test("a page's CSP names by hash exactly the scripts it holds, and the same rows give the same bytes", () => {
  const html = renderReport(rowsReport(ROWS, SOURCE), reportAssets());
  assert.equal(renderReport(rowsReport(structuredClone(ROWS), structuredClone(SOURCE)), reportAssets()), html);
  const csp = /<meta http-equiv="Content-Security-Policy" content="([^"]+)">/.exec(html)?.[1]?.replace(/&#39;/g, "'") ?? "";
  assert.match(csp, /^default-src 'none'; script-src /);
  const allowed = [...csp.matchAll(/'sha256-([^']+)'/g)].map((m) => m[1]);
  const scripts = [...html.matchAll(/<script data-name="[^"]+">([\s\S]*?)<\/script>/g)].map((m) =>
    createHash("sha256")
      .update(m[1] ?? "", "utf8")
      .digest("base64"),
  );
  assert.equal(scripts.length, 3);
  assert.deepEqual(allowed, scripts);
  assert.equal(html.match(/<script/g)?.length, 4, "three scripts and the data block, whatever the rows hold");
  assert.ok(!html.includes(HTML_HOSTILE.group) && !html.includes("<img"), "no hostile value as written");
});

test("the timeline's columns: a lane per group or resource where the query has one, else per principal; the event name for colour", () => {
  const byQuery = Object.fromEntries(
    loadLibrary().map((q) => {
      const t = timelineColumns({ columns: q.columns, rows: [q.columns.map(() => "x")] });
      return [q.name, t === undefined ? undefined : { time: q.columns[t.time], lane: q.columns[t.lane], color: t.color === undefined ? undefined : q.columns[t.color] }];
    }),
  );
  assert.deepEqual(byQuery["security-group-changes"], { time: "event_time", lane: "group_id", color: "event_name" });
  assert.deepEqual(byQuery["s3-bucket-policy-changes"], { time: "event_time", lane: "bucket", color: "event_name" });
  assert.deepEqual(byQuery["principal-activity"], { time: "event_time", lane: "principal_arn", color: "event_name" });
  assert.deepEqual(byQuery["access-denied-by-principal"], { time: "first_seen", lane: "principal", color: undefined });
  const hit = timelineColumns({ columns: HIT_COLUMNS, rows: [HIT_COLUMNS.map(() => "x")] });
  assert.deepEqual(hit && [HIT_COLUMNS[hit.time], HIT_COLUMNS[hit.lane]], ["event_time", "principal"]);
  // a resource column with no values gives way to the principal
  const empty = timelineColumns({ columns: ["event_time", "group_id", "principal_arn"], rows: [["2026-11-16T08:05:40Z", null, "arn:x"]] });
  assert.equal(empty?.lane, 2);
  // no known time column: the first whose values are ISO times; none: no timeline
  assert.equal(timelineColumns({ columns: ["who", "when"], rows: [["a", "2026-11-16 08:05:40"]] })?.time, 1);
  assert.equal(timelineColumns({ columns: ["who", "n"], rows: [["a", "3"]] }), undefined);
});
