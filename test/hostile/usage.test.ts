import { test } from "node:test";
import { assertHandled, assertTreeUnchanged, runTrailhive, snapshotTree, withTempDir } from "./support/hostile.js";

test("an unknown command or flag is a usage error (exit 2) that names it, and writes nothing", () =>
  withTempDir("usage", async (dir) => {
    const before = snapshotTree(dir);
    assertHandled(await runTrailhive(["infer", ".", "--bogus-flag"], { cwd: dir }), { exit: 2, names: "bogus-flag" });
    assertHandled(await runTrailhive(["frobnicate"], { cwd: dir }), { exit: 2, names: "frobnicate" });
    assertTreeUnchanged(before, snapshotTree(dir));
  }));
