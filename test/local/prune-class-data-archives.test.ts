import { test } from "node:test";
import assert from "node:assert/strict";
import { mkdirSync, mkdtempSync, readdirSync, rmSync, utimesSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { classDataArchive } from "../../src/local/class-data-archive.js";
import { pruneClassDataArchives } from "../../src/local/prune-class-data-archives.js";

test("pruning keeps the newest class-data archives and removes only files named as trailhive names them", async () => {
  const cache = mkdtempSync(join(tmpdir(), "cds-prune-"));
  try {
    const archives = ["17.0.1", "17.0.2", "17.0.3", "17.0.4"].map((javaVersion) => classDataArchive(cache, { classpath: ["a.jar"], javaVersion, entryDigest: "d" }));
    const dir = join(cache, "cds");
    const theirs = ["my-app.jsa", "hive-notes.jsa", "hive-0123.jsa"].map((n) => join(dir, n));
    // the user's files are the oldest: an mtime-only rule would take them first
    mkdirSync(dir);
    [...theirs, ...archives].forEach((path, i) => {
      writeFileSync(path, "x");
      utimesSync(path, new Date(1000 * (i + 1)), new Date(1000 * (i + 1)));
    });
    await pruneClassDataArchives(dir, 3);
    assert.deepEqual(readdirSync(dir).sort(), [...theirs, ...archives.slice(1)].map((p) => p.slice(dir.length + 1)).sort());
  } finally {
    rmSync(cache, { recursive: true, force: true });
  }
});
