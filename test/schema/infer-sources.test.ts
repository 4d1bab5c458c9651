import { test } from "node:test";
import assert from "node:assert/strict";
import { cpSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { inferSources, type InferProgress } from "../../src/pipeline/infer-sources.js";
import { resolveSources } from "../../src/source/resolve-sources.js";
import { examplesRoot } from "./support/corpus.js";

test("a file that vanishes between listing and reading is skipped as unreadable; progress reaches the total", async () => {
  const dir = mkdtempSync(join(tmpdir(), "trailhive-infer-sources-"));
  try {
    cpSync(examplesRoot, dir, { recursive: true });
    const resolved = await resolveSources([dir]);
    const gone = resolved.files.find((f) => f.key.includes("/eu-west-1/2026/11/17/"))!;
    rmSync(join(dir, gone.key));
    const seen: InferProgress[] = [];
    const { schema, summary } = await inferSources(resolved, { concurrency: 3, onProgress: (p) => seen.push(p) });
    assert.deepEqual(schema.provenance.skipped, [{ path: gone.key, reason: "unreadable" }]);
    assert.equal(summary.skipped.length, 1);
    assert.match(summary.skipped[0]!.message, new RegExp(`^${dir}/${gone.key}: could not be read`));
    assert.equal(summary.files.log, 10);
    assert.equal(summary.records, 39, "the two eu-west-1 records of 2026-11-17 are missing, the rest is read");
    assert.equal(seen.length, resolved.files.length);
    assert.deepEqual(seen.at(-1), { done: resolved.files.length, total: resolved.files.length, records: 39, bytes: summary.bytes, skipped: 1 });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
