import { test } from "node:test";
import assert from "node:assert/strict";
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { gunzipSync, gzipSync } from "node:zlib";
import { stageLogs, type StageOptions, type StageProgress, type StageSummary } from "../../src/local/stage-logs.js";
import { SchemaBuilder } from "../../src/schema/schema-builder.js";
import { serializeSchema } from "../../src/schema/schema-io.js";
import { LocalStore } from "../../src/source/local-store.js";
import type { ObjectStore } from "../../src/source/object-store.js";
import { resolveSources, type SourceFile } from "../../src/source/resolve-sources.js";
import { corpusDir, corpusSkip, examplesDir } from "./support/corpus.js";

/** Every staged file under `root`: relative path -> its lines (gunzipped). */
function stagedFiles(root: string): Map<string, string[]> {
  const out = new Map<string, string[]>();
  const walk = (dir: string, rel: string) => {
    for (const e of readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
      const path = rel === "" ? e.name : `${rel}/${e.name}`;
      if (e.isDirectory()) walk(join(dir, e.name), path);
      else {
        const lines = gunzipSync(readFileSync(join(dir, e.name)))
          .toString("utf8")
          .split("\n");
        assert.equal(lines.pop(), "", `${path} ends with a newline`);
        out.set(path, lines);
      }
    }
  };
  walk(root, "");
  return out;
}

/** Partition folder -> its staged lines, sorted: what Hive sees, whichever part file holds a line. */
function linesByPartition(root: string): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const [path, lines] of stagedFiles(root)) {
    const folder = path.slice(0, path.lastIndexOf("/"));
    out.set(folder, [...(out.get(folder) ?? []), ...lines]);
  }
  for (const lines of out.values()) lines.sort();
  return out;
}

interface Staged {
  summary: StageSummary;
  schema: string;
  lines: Map<string, string[]>;
  root: string;
}

async function stage(files: readonly SourceFile[], root: string, sourceRoot: string, options: Partial<StageOptions>): Promise<Staged> {
  const builder = new SchemaBuilder();
  const summary = await stageLogs(files, {
    root,
    ...(options.onFile === undefined ? { inferSchema: true } : {}),
    ...options,
  });
  for (const state of summary.schemas ?? []) builder.addState(state);
  return { summary, schema: serializeSchema(builder.finish([sourceRoot])), lines: linesByPartition(root), root };
}

function assertSameStaging(actual: Staged, expected: Staged, what: string): void {
  assert.equal(actual.schema, expected.schema, `${what}: the schema file's bytes`);
  assert.deepEqual([...actual.lines], [...expected.lines], `${what}: the lines of every partition`);
  assert.deepEqual(actual.summary.skipped, expected.summary.skipped, `${what}: the skipped files, with their reasons and messages`);
  assert.deepEqual(actual.summary.files, expected.summary.files, `${what}: the files staged`);
  assert.deepEqual(actual.summary.partitions, expected.summary.partitions, `${what}: the partitions and their record counts`);
  assert.equal(actual.summary.records, expected.summary.records);
  assert.equal(actual.summary.bytesRead, expected.summary.bytesRead);
  assert.equal(actual.summary.reserialized, 0);
}

for (const [name, source, skip] of [
  ["the corpus", corpusDir, corpusSkip()],
  ["the examples", examplesDir, false],
] as const) {
  test(`parse threads stage ${name} as one thread does: same schema bytes, same lines per partition, same skipped files`, { skip }, async () => {
    const dir = mkdtempSync(join(tmpdir(), "stage-workers-"));
    try {
      const { files } = await resolveSources([source], {});
      // the old contract: the caller builds the schema from onFile, which keeps the parse on this thread
      const builder = new SchemaBuilder();
      const viaOnFile = await stageLogs(files, { root: join(dir, "on-file"), workers: 4, onFile: (p, r) => builder.addFile(p, r) });
      const one = await stage(files, join(dir, "one"), source, { workers: 1 });
      assert.equal(serializeSchema(builder.finish([source])), one.schema, "inferSchema counts what onFile sees");
      assert.ok(
        viaOnFile.parts.every((p) => /^part-\d{5}\.json\.gz$/.test(p.file)),
        "onFile parses on this thread",
      );
      assert.ok(one.summary.records > 0 && one.lines.size > 0 && one.schema.length > 1000, "something was staged");
      assert.ok(
        one.summary.parts.every((p) => /^part-\d{5}\.json\.gz$/.test(p.file)),
        "one thread writes part-NNNNN files",
      );

      for (const workers of [2, 3]) {
        const many = await stage(files, join(dir, `threads-${workers}`), source, { workers });
        assertSameStaging(many, one, `${workers} threads`);
        const writers = new Set(many.summary.parts.map((p) => /^part-(w\d+)-\d{5}\.json\.gz$/.exec(p.file)?.[1]));
        assert.equal(writers.size, workers, `every thread wrote its own parts: ${[...writers].join(", ")}`);
      }
      // a small buffer makes every thread flush many parts; the lines stay the same
      assertSameStaging(await stage(files, join(dir, "small-buffers"), source, { workers: 3, maxBuffered: 64 * 1024 }), one, "3 threads, small buffers");
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
}

test("the same files and thread count stage the same part files, byte for byte, on every run", async () => {
  const dir = mkdtempSync(join(tmpdir(), "stage-workers-again-"));
  try {
    const { files } = await resolveSources([examplesDir], {});
    const runs = await Promise.all(["a", "b"].map((run) => stageLogs(files, { root: join(dir, run), workers: 3, maxBuffered: 4096 }).then(() => stagedFiles(join(dir, run)))));
    assert.ok(runs[0]!.size > 3, `several part files: ${[...runs[0]!.keys()].join(", ")}`);
    assert.deepEqual([...runs[0]!], [...runs[1]!]);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

/** A store that is not a LocalStore (as S3 is not), over a local folder. */
class ElsewhereStore implements ObjectStore {
  private readonly local: LocalStore;
  constructor(readonly root: string) {
    this.local = new LocalStore(root);
  }
  list(options: Parameters<ObjectStore["list"]>[0]) {
    return this.local.list(options);
  }
  get(key: string) {
    return this.local.get(key);
  }
}

test("files from another store (S3) are parsed on this thread beside the parse threads, and unreadable files are reported the same", async () => {
  const dir = mkdtempSync(join(tmpdir(), "stage-workers-mixed-"));
  try {
    const logs = join(dir, "logs");
    mkdirSync(logs);
    const event = (n: number) => ({ eventTime: `2024-03-0${1 + (n % 3)}T10:00:00Z`, awsRegion: "eu-west-1", recipientAccountId: "111122223333", eventName: `E${n}`, n });
    for (let f = 0; f < 30; f++) writeFileSync(join(logs, `f${String(f).padStart(2, "0")}.json.gz`), gzipSync(JSON.stringify({ Records: [event(f), event(f + 100)] }, null, f % 2)));
    writeFileSync(join(logs, "bad.json"), "{ not json");
    const { files } = await resolveSources([logs], {});
    const elsewhere = new ElsewhereStore(logs);
    // every third file through the other store, and one local file that has gone missing
    const mixed: SourceFile[] = [...files.map((f, i) => (i % 3 === 0 ? { ...f, store: elsewhere } : f)), { store: new LocalStore(logs), key: "gone.json.gz", size: 10 }];
    const progress: StageProgress[] = [];
    const threaded = await stage(mixed, join(dir, "threads"), logs, { workers: 2, onProgress: (p) => progress.push(p) });
    assert.deepEqual(progress.at(-1), { files: mixed.length, totalFiles: mixed.length, records: 60, bytes: threaded.summary.bytesRead }, "progress ends at every file");
    assert.ok(
      progress.every((p, i) => i === 0 || p.files > progress[i - 1]!.files),
      "progress only grows",
    );
    const one = await stage(mixed, join(dir, "one"), logs, { workers: 1 });
    assertSameStaging(threaded, one, "mixed stores");
    assert.equal(one.summary.records, 60);
    assert.deepEqual(
      one.summary.skipped.map((s) => [s.path, s.reason]),
      [
        ["bad.json", "invalid-json"],
        ["gone.json.gz", "unreadable"],
      ],
    );
    assert.match(one.summary.skipped[1]!.message, /^cannot read gone\.json\.gz: cannot read .*gone\.json\.gz: ENOENT/);
    const prefixes = new Set(threaded.summary.parts.map((p) => /^part-(w\d+-)?/.exec(p.file)?.[0]));
    assert.deepEqual([...prefixes].sort(), ["part-", "part-w0-", "part-w1-"], "this thread's parts beside each parse thread's");
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test("a staging folder that cannot be written fails the run with the file system's error, with threads as without", async () => {
  const dir = mkdtempSync(join(tmpdir(), "stage-workers-fail-"));
  try {
    const blocker = join(dir, "a-file");
    writeFileSync(blocker, "not a folder");
    const { files } = await resolveSources([examplesDir], {});
    for (const workers of [1, 3]) {
      await assert.rejects(stageLogs(files, { root: join(blocker, "staged"), workers, inferSchema: true }), /ENOTDIR: not a directory, mkdir/, `${workers} thread(s)`);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
