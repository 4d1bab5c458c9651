import { test } from "node:test";
import assert from "node:assert/strict";
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync, mkdirSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { gunzipSync, gzipSync } from "node:zlib";
import { stageLogs } from "../../src/local/stage-logs.js";
import { resolveSources } from "../../src/source/resolve-sources.js";
import { readLogFile } from "../../src/records/read-log-file.js";
import { corpusDir, corpusSkip } from "./support/corpus.js";

function stagedLines(root: string): Map<string, string[]> {
  const out = new Map<string, string[]>();
  const walk = (dir: string, rel: string) => {
    for (const e of readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
      if (e.isDirectory()) walk(join(dir, e.name), rel === "" ? e.name : `${rel}/${e.name}`);
      else {
        const lines = gunzipSync(readFileSync(join(dir, e.name)))
          .toString("utf8")
          .split("\n");
        assert.equal(lines.pop(), "", "every staged line ends with a newline");
        out.set(rel, [...(out.get(rel) ?? []), ...lines]);
      }
    }
  };
  walk(root, "");
  return out;
}

test("records are staged verbatim, one a line, under the partition of their own account, region and day", async () => {
  const dir = mkdtempSync(join(tmpdir(), "stage-"));
  try {
    const logs = join(dir, "logs");
    mkdirSync(logs);
    // pretty-printed, gzipped, with a number spelling JSON.stringify would change and an event from the day before
    const records = {
      Records: [
        { eventTime: "2024-03-05T10:00:00Z", awsRegion: "eu-west-1", recipientAccountId: "111122223333", eventName: "A", n: 1.5 },
        { eventTime: "2024-03-04T23:59:59Z", awsRegion: "eu-west-1", recipientAccountId: "111122223333", eventName: "B" },
        { eventTime: "2024-03-05T11:00:00Z", awsRegion: "../../etc", userIdentity: { accountId: "444455556666" }, eventName: "C" },
        { eventName: "D" },
      ],
    };
    writeFileSync(join(logs, "a.json.gz"), gzipSync(JSON.stringify(records, null, 2).replace('"n": 1.5', '"n": 1.50')));
    writeFileSync(join(logs, "b.json"), '{"eventVersion":"1.08","eventTime":"2024-03-05T12:00:00Z","awsRegion":"eu-west-1","recipientAccountId":"111122223333","eventName":"E"}\n');
    writeFileSync(join(logs, "bad.json"), "{ not json");
    const resolved = await resolveSources([logs], {});
    const root = join(dir, "staged");
    const summary = await stageLogs(resolved.files, { root, read: readLogFile, maxBuffered: 1 });

    assert.equal(summary.records, 5);
    assert.equal(summary.reserialized, 0);
    assert.deepEqual(
      summary.skipped.map((s) => [s.path, s.reason]),
      [["bad.json", "invalid-json"]],
    );
    const lines = stagedLines(root);
    const folder = "account=111122223333/region=eu-west-1/year=2024/month=03/day=05";
    assert.deepEqual(
      lines.get(folder)?.map((l) => JSON.parse(l).eventName),
      ["A", "E"],
    );
    assert.match(lines.get(folder)?.[0] ?? "", /"n": 1\.50/, "the log's own text, not a re-serialisation");
    assert.deepEqual(
      lines.get("account=111122223333/region=eu-west-1/year=2024/month=03/day=04")?.map((l) => JSON.parse(l).eventName),
      ["B"],
    );
    const escaped = "account=444455556666/region=..%2F..%2Fetc/year=2024/month=03/day=05";
    assert.deepEqual(
      lines.get(escaped)?.map((l) => JSON.parse(l).eventName),
      ["C"],
    );
    assert.deepEqual(
      lines.get("account=unknown/region=unknown/year=unknown/month=unknown/day=unknown")?.map((l) => JSON.parse(l).eventName),
      ["D"],
    );
    // with no room to buffer, each file's records are written at once: A and E land in two parts of one partition
    assert.deepEqual(
      summary.parts.filter((p) => p.folder === folder).map((p) => [p.file, p.records]),
      [
        ["part-00000.json.gz", 1],
        ["part-00001.json.gz", 1],
      ],
    );
    assert.deepEqual(
      summary.partitions.map((p) => [p.region, p.day, p.records]),
      [
        ["eu-west-1", "04", 1],
        ["eu-west-1", "05", 2],
        ["../../etc", "05", 1],
        ["unknown", "unknown", 1],
      ],
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test("the corpus stages every record it holds, each line equal to the record the reader parsed", { skip: corpusSkip() }, async () => {
  const dir = mkdtempSync(join(tmpdir(), "stage-corpus-"));
  try {
    const resolved = await resolveSources([corpusDir], {});
    const parsed: unknown[] = [];
    const summary = await stageLogs(resolved.files, {
      root: dir,
      read: readLogFile,
      onFile: (_path, result) => {
        if (result.kind === "log") parsed.push(...result.records);
      },
    });
    assert.ok(summary.records > 3000, `${summary.records} records`);
    assert.equal(summary.reserialized, 0, "every record's own text was found");
    const staged = [...stagedLines(dir).values()].flat().map((l) => JSON.parse(l) as unknown);
    assert.equal(staged.length, parsed.length);
    const key = (v: unknown) => JSON.stringify(v);
    assert.deepEqual(staged.map(key).sort(), parsed.map(key).sort());
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test("reading on the worker thread stages the same bytes and skips the same files as reading on the main thread", async () => {
  const dir = mkdtempSync(join(tmpdir(), "stage-thread-"));
  try {
    const logs = join(dir, "logs");
    mkdirSync(logs);
    const event = (n: number) => ({ eventTime: `2024-03-0${1 + (n % 3)}T10:00:00Z`, awsRegion: "eu-west-1", recipientAccountId: "111122223333", eventName: `E${n}`, n });
    // more files than one batch of the read-ahead, so several batches cross the thread
    for (let f = 0; f < 40; f++) writeFileSync(join(logs, `f${String(f).padStart(2, "0")}.json.gz`), gzipSync(JSON.stringify({ Records: [event(f), event(f + 100)] }, null, f % 2)));
    const whole = gzipSync(JSON.stringify({ Records: [event(7)] }));
    writeFileSync(join(logs, "truncated.json.gz"), whole.subarray(0, whole.length - 12));
    writeFileSync(join(logs, "corrupt.json.gz"), Buffer.concat([whole.subarray(0, 10), Buffer.alloc(40, 0xff)]));
    writeFileSync(join(logs, "plain.json"), JSON.stringify({ eventVersion: "1.08", ...event(200) }));
    const resolved = await resolveSources([logs], {});
    const run = async (readerThread: boolean) => {
      const root = join(dir, `staged-${readerThread}`);
      const summary = await stageLogs(resolved.files, { root, read: readLogFile, readerThread });
      return { summary, lines: stagedLines(root) };
    };
    const threaded = await run(true);
    const inline = await run(false);
    assert.equal(threaded.summary.records, 81);
    assert.deepEqual(
      threaded.summary.skipped.map((s) => [s.path, s.reason]),
      [
        ["corrupt.json.gz", "corrupt-gzip"],
        ["truncated.json.gz", "truncated-gzip"],
      ],
    );
    assert.deepEqual(threaded.summary.skipped, inline.summary.skipped);
    assert.deepEqual(threaded.summary.parts, inline.summary.parts);
    assert.equal(threaded.summary.bytesRead, inline.summary.bytesRead);
    assert.deepEqual([...threaded.lines], [...inline.lines]);
    assert.equal([...threaded.lines.values()].flat().length, 81);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
