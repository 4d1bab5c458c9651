import { test } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import { inflateBounded, maxFileBytesFrom } from "../../src/records/inflate-bounded.js";
import { readLogFile } from "../../src/records/read-log-file.js";
import { loadLocalFile } from "../../src/local/load-local-file.js";
import { LocalFileReader } from "../../src/local/local-file-reader.js";
import { stageLogs } from "../../src/local/stage-logs.js";
import { resolveSources } from "../../src/source/resolve-sources.js";

const KIB = 1024;
const log = (n: number) =>
  Buffer.from(
    JSON.stringify({
      Records: Array.from({ length: n }, (_, i) => ({
        eventVersion: "1.08",
        eventName: "X",
        eventID: `e${i}`,
        awsRegion: "us-east-1",
        recipientAccountId: "111122223333",
        eventTime: "2026-11-16T00:00:00Z",
      })),
    }),
  );

function withDir<T>(run: (dir: string) => Promise<T> | T): Promise<T> {
  const dir = mkdtempSync(join(tmpdir(), "trailhive-bounded-"));
  return Promise.resolve(run(dir)).finally(() => rmSync(dir, { recursive: true, force: true }));
}

test("inflateBounded returns the bytes up to the bound, exactly at it too, and stops past it", () => {
  const text = Buffer.alloc(64 * KIB, 0x20);
  assert.deepEqual(inflateBounded(gzipSync(text), 64 * KIB), { bytes: text });
  assert.deepEqual(inflateBounded(gzipSync(text), 64 * KIB - 1), { tooLarge: true });
  assert.ok("error" in inflateBounded(Buffer.from([0x1f, 0x8b, 1, 2, 3]), KIB));
});

test("readLogFile skips a gzip that inflates past maxFileBytes, and a plain file past it, as too-large", () => {
  const plain = log(50);
  const gz = gzipSync(plain);
  assert.equal(readLogFile(gz, "a.json.gz", { maxFileBytes: plain.length }).kind, "log");
  const over = readLogFile(gz, "a.json.gz", { maxFileBytes: plain.length - 1 });
  assert.equal(over.kind, "skipped");
  assert.ok(over.kind === "skipped" && over.reason === "too-large" && /^a\.json\.gz: .*--max-file-size/.test(over.message), JSON.stringify(over));
  const flat = readLogFile(plain, "b.json", { maxFileBytes: KIB });
  assert.ok(flat.kind === "skipped" && flat.reason === "too-large" && flat.message.includes("b.json"), JSON.stringify(flat));
  // the default bound (256 MiB) reads ordinary files
  assert.equal(readLogFile(gz, "a.json.gz").kind, "log");
});

test("--max-file-size is checked: more than 0, at most what a string can hold", () => {
  assert.equal(maxFileBytesFrom(1), 1024 * 1024);
  assert.equal(maxFileBytesFrom(undefined), undefined);
  for (const bad of [0, -1, Number.NaN, 1e6]) assert.throws(() => maxFileBytesFrom(bad), /--max-file-size/);
});

test("loadLocalFile and the reader thread refuse a FIFO unopened and skip past the bound, stored or inflated", () =>
  withDir(async (dir) => {
    const fifo = join(dir, "pipe.json");
    execFileSync("mkfifo", [fifo]);
    writeFileSync(join(dir, "big.json"), Buffer.alloc(8 * KIB, 0x20));
    writeFileSync(join(dir, "bomb.json.gz"), gzipSync(Buffer.alloc(64 * KIB, 0x20)));
    writeFileSync(join(dir, "ok.json.gz"), gzipSync(log(3)));
    const paths = ["pipe.json", "big.json", "bomb.json.gz", "ok.json.gz"].map((n) => join(dir, n));
    const expectOutcomes = (loaded: { skipped?: { reason: string; message: string }; bytes?: Buffer }[]) => {
      assert.deepEqual(
        loaded.map((l) => l.skipped?.reason),
        ["not-a-file", "too-large", "too-large", undefined],
      );
      assert.match(loaded[0]!.skipped!.message, /pipe\.json: a FIFO/);
      assert.match(loaded[2]!.skipped!.message, /bomb\.json\.gz: inflates to more than .*--max-file-size/);
      assert.deepEqual(loaded[3]!.bytes, log(3));
    };
    expectOutcomes(paths.map((p) => loadLocalFile(p, { maxFileBytes: 4 * KIB })));
    const reader = LocalFileReader.start();
    try {
      expectOutcomes(await reader.read(paths, { maxFileBytes: 4 * KIB }));
    } finally {
      await reader.close();
    }
  }));

test("staging skips too-large files on parse threads and on this thread alike", () =>
  withDir(async (dir) => {
    const logs = join(dir, "logs");
    mkdirSync(logs);
    for (let i = 0; i < 40; i++) writeFileSync(join(logs, `f${String(i).padStart(2, "0")}.json.gz`), gzipSync(log(2)));
    writeFileSync(join(logs, "bomb.json.gz"), gzipSync(Buffer.alloc(256 * KIB, 0x20)));
    const { files } = await resolveSources([logs]);
    for (const workers of [1, 2]) {
      const summary = await stageLogs(files, { root: join(dir, `staged-${workers}`), workers, maxFileBytes: 64 * KIB });
      assert.deepEqual(
        summary.skipped.map((s) => [s.path, s.reason]),
        [["bomb.json.gz", "too-large"]],
        `workers ${workers}`,
      );
      assert.equal(summary.records, 80);
    }
  }));
