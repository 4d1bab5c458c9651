import { test } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { LocalStore } from "../../src/source/local-store.js";
import { TrailhiveError } from "../../src/errors.js";

/** root/{a.json, sub/b.json, sub/up -> .., self -> ., linked.json -> ../out/c.json, linked-dir -> ../out, dangling.json -> gone, pipe.json (FIFO)} */
function tree(): { base: string; root: string } {
  const base = mkdtempSync(join(tmpdir(), "trailhive-links-"));
  const root = join(base, "root");
  mkdirSync(join(root, "sub"), { recursive: true });
  mkdirSync(join(base, "out"));
  writeFileSync(join(root, "a.json"), "{}");
  writeFileSync(join(root, "sub", "b.json"), "{}");
  writeFileSync(join(base, "out", "c.json"), "{}");
  symlinkSync("..", join(root, "sub", "up"));
  symlinkSync(".", join(root, "self"));
  symlinkSync("../out/c.json", join(root, "linked.json"));
  symlinkSync("../out", join(root, "linked-dir"));
  symlinkSync("gone.json", join(root, "dangling.json"));
  execFileSync("mkfifo", [join(root, "pipe.json")]);
  return { base, root };
}

test("a walk follows links (keys through the link), reports loops once, dangling links and FIFOs", async () => {
  const { base, root } = tree();
  try {
    const page = await new LocalStore(root).list({ prefix: "" });
    assert.deepEqual(page.objects.map((o) => o.key), ["a.json", "linked-dir/c.json", "linked.json", "sub/b.json"]);
    assert.deepEqual(page.objects.find((o) => o.key === "linked.json")?.size, 2);
    assert.deepEqual(page.skipped?.map((s) => [s.path, s.code]), [
      ["dangling.json", "dangling-link"],
      ["pipe.json", "not-a-file"],
      ["self/", "link-loop"],
      ["sub/up/", "link-loop"],
    ]);
    assert.match(page.skipped?.find((s) => s.path === "dangling.json")?.reason ?? "", /gone\.json.*dangling/);
  } finally {
    rmSync(base, { recursive: true, force: true });
  }
});

test("a delimiter listing shows a linked folder as a prefix; a walk below the root still sees a link back to it", async () => {
  const { base, root } = tree();
  try {
    const store = new LocalStore(root);
    const top = await store.list({ prefix: "", delimiter: "/" });
    assert.deepEqual(top.prefixes, ["linked-dir/", "sub/"]);
    const sub = await store.list({ prefix: "sub/" });
    assert.deepEqual(sub.objects.map((o) => o.key), ["sub/b.json"]);
    assert.deepEqual(sub.skipped?.map((s) => [s.path, s.code]), [["sub/up/", "link-loop"]]);
  } finally {
    rmSync(base, { recursive: true, force: true });
  }
});

test("get() refuses a FIFO without blocking on it", async () => {
  const { base, root } = tree();
  try {
    await assert.rejects(new LocalStore(root).get("pipe.json"), (e: unknown) => e instanceof TrailhiveError && e.code === "SOURCE_NOT_A_FILE" && /FIFO/.test(e.message));
  } finally {
    rmSync(base, { recursive: true, force: true });
  }
});
