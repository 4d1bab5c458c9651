import { test } from "node:test";
import assert from "node:assert/strict";
import { readLogFile } from "../../src/records/read-log-file.js";
import { corpusOrSkip, listFiles, readBytes } from "../schema/support/corpus.js";

/** What each corpus dataset is (its README): container and record count. */
const DATASETS: Record<string, { containers: string[]; records: number; files: number }> = {
  "invictus-aws_dataset": { containers: ["records"], records: 2900, files: 55 },
  "stratus-red-team": { containers: ["array"], records: 310, files: 35 },
  "cloud-snitch": { containers: ["records"], records: 21, files: 2 },
  trailscraper: { containers: ["records"], records: 7, files: 3 },
  "aws-cloudtrail-processing-library": { containers: ["records"], records: 41, files: 12 },
  traildiscover: { containers: ["array", "event"], records: 158, files: 158 },
  "cloudtrail-watcher": { containers: ["event"], records: 37, files: 37 },
  fullstop: { containers: ["records"], records: 26, files: 25 },
  "aws-spotlight": { containers: ["event"], records: 137, files: 137 },
};

/**
 * Files that must be skipped, and why; everything else must be read. Dataset folders keep their
 * source's LICENSE beside the data (the corpus README), more of them over time: each is not JSON.
 */
const SKIPPED: Record<string, string> = {
  "MANIFEST.tsv": "not-json",
  "README.md": "not-json",
  "aws-cloudtrail-processing-library/SerializerTestFileBadJsonFormat.json": "invalid-json",
};
const isLicense = (path: string) => /^[^/]+\/LICENSE$/.test(path);

test("every corpus file is read, or skipped with the right reason, and the run goes on", (t) => {
  const root = corpusOrSkip(t);
  if (root === undefined) return;
  const seen = new Map<string, { containers: Set<string>; records: number; files: number }>();
  const skipped: Record<string, string> = {};
  for (const path of listFiles(root)) {
    const result = readLogFile(readBytes(root, path), path);
    if (result.kind === "skipped") {
      skipped[path] = result.reason;
      assert.ok(result.message.startsWith(`${path}: `), result.message);
      continue;
    }
    assert.equal(result.kind, "log", `${path} is ${result.kind}`);
    const dataset = path.split("/")[0]!;
    const entry = seen.get(dataset) ?? { containers: new Set(), records: 0, files: 0 };
    entry.containers.add(result.container);
    entry.records += result.records.length;
    entry.files++;
    seen.set(dataset, entry);
  }
  const licenses = Object.keys(skipped).filter(isLicense);
  assert.ok(licenses.length >= 4, `the datasets' LICENSE files were listed: ${licenses.join(", ")}`);
  assert.deepEqual(skipped, { ...SKIPPED, ...Object.fromEntries(licenses.map((l) => [l, "not-json"])) });
  for (const [dataset, want] of Object.entries(DATASETS)) {
    const got = seen.get(dataset);
    assert.ok(got, `${dataset} read`);
    assert.deepEqual([...got.containers].sort(), want.containers, dataset);
    assert.equal(got.records, want.records, `${dataset} records`);
    assert.equal(got.files, want.files, `${dataset} files`);
  }
  assert.deepEqual([...seen.keys()].sort(), Object.keys(DATASETS).sort());
});
