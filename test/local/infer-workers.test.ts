import assert from "node:assert/strict";
import { execFileSync, spawnSync } from "node:child_process";
import { cpSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, test } from "node:test";
import { gzipSync } from "node:zlib";
import { countLocalFiles, startInferWorkers } from "../../src/local/infer-workers.js";
import { inferSources } from "../../src/pipeline/infer-sources.js";
import { serializeSchema } from "../../src/schema/schema-io.js";
import { resolveSources } from "../../src/source/resolve-sources.js";
import { corpusDir, corpusSkip, examplesDir } from "./support/corpus.js";

/**
 * infer on every core: local files counted by this thread and worker threads taking files from one
 * shared counter give the same schema file bytes and the same summary as reading every file through
 * its store, one at a time, whatever the thread count; bad files included (the corpus holds invalid
 * ones; here also a FIFO, a file past --max-file-size and a truncated gzip).
 */
async function inferBoth(dir: string, threads: number, maxFileBytes?: number): Promise<{ store: string; counted: string; records: number }> {
  const options = maxFileBytes !== undefined ? { maxFileBytes } : {};
  const viaStore = await inferSources(await resolveSources([dir], {}), options);
  const viaThreads = await inferSources(await resolveSources([dir], {}), { ...options, countLocal: countLocalFiles, threads });
  return {
    store: serializeSchema(viaStore.schema) + JSON.stringify(viaStore.summary),
    counted: serializeSchema(viaThreads.schema) + JSON.stringify(viaThreads.summary),
    records: viaThreads.summary.records,
  };
}

describe("infer's local files on every core", () => {
  let dir: string;
  before(() => {
    dir = mkdtempSync(join(tmpdir(), "infer-workers-"));
    // enough files for several threads (64 per thread at least), copies of the examples, gzipped and not
    for (let i = 0; i < 3; i++) cpSync(examplesDir, join(dir, `copy-${i}`), { recursive: true });
    writeFileSync(join(dir, "big.json"), JSON.stringify({ Records: [{ eventVersion: "1.08", eventName: "X", padding: "x".repeat(3 << 20) }] }));
    writeFileSync(join(dir, "cut.json.gz"), gzipSync(JSON.stringify({ Records: [{ eventVersion: "1.08" }] })).subarray(0, 20));
    execFileSync("mkfifo", [join(dir, "pipe.json")]);
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  for (const threads of [1, 2, 3]) {
    test(`${threads} thread(s): the same schema bytes and summary as one file at a time through the store`, async () => {
      const { store, counted, records } = await inferBoth(dir, threads, 2 << 20);
      assert.ok(records > 0);
      assert.match(counted, /too-large/, "the big file is skipped past the bound");
      assert.match(counted, /not-a-file/, "the FIFO is never opened blocking");
      assert.match(counted, /truncated-gzip/);
      assert.equal(counted, store);
    });
  }

  test("workers started before the listing count the files it finds; those not needed are stopped", async () => {
    const workers = startInferWorkers(2);
    try {
      const options = { maxFileBytes: 2 << 20 };
      const viaStore = await inferSources(await resolveSources([dir], {}), options);
      let states = -1;
      const countLocal: typeof workers.countLocal = async (files, builder, o) => {
        const out = await workers.countLocal(files, builder, o);
        states = out.length;
        return out;
      };
      const viaWorkers = await inferSources(await resolveSources([dir], {}), { ...options, countLocal, threads: 2 });
      assert.equal(states, 1, "one started worker was used (two threads: this one and it)");
      assert.ok(viaWorkers.summary.records > 0);
      assert.equal(serializeSchema(viaWorkers.schema) + JSON.stringify(viaWorkers.summary), serializeSchema(viaStore.schema) + JSON.stringify(viaStore.summary));
    } finally {
      await workers.close();
    }
  });

  test("workers started and never given files do not keep the process running", () => {
    const module = new URL("../../src/local/infer-workers.ts", import.meta.url).href;
    const r = spawnSync(process.execPath, ["--import", "tsx", "--input-type=module", "-e", `const m = await import(${JSON.stringify(module)}); m.startInferWorkers(2); console.log("started");`], {
      encoding: "utf8",
      timeout: 60_000,
    });
    assert.equal(r.signal, null, "the process ended by itself, not by the timeout");
    assert.equal(r.status, 0, r.stderr);
    assert.equal(r.stdout.trim(), "started");
  });

  test("the corpus, on two threads: the same bytes", { skip: corpusSkip() }, async () => {
    const { store, counted, records } = await inferBoth(corpusDir, 2);
    assert.ok(records > 3000, `${records} records`);
    assert.equal(counted, store);
  });
});
