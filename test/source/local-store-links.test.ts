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
    // linked.json is out/c.json, already listed as linked-dir/c.json (the first key in S3 order).
    assert.deepEqual(
      page.objects.map((o) => o.key),
      ["a.json", "linked-dir/c.json", "sub/b.json"],
    );
    assert.deepEqual(page.objects.find((o) => o.key === "linked-dir/c.json")?.size, 2);
    assert.deepEqual(
      page.skipped?.map((s) => [s.path, s.code]),
      [
        ["dangling.json", "dangling-link"],
        ["linked.json", "link-duplicate"],
        ["pipe.json", "not-a-file"],
        ["self/", "link-loop"],
        ["sub/up/", "link-loop"],
      ],
    );
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
    assert.deepEqual(
      sub.objects.map((o) => o.key),
      ["sub/b.json"],
    );
    assert.deepEqual(
      sub.skipped?.map((s) => [s.path, s.code]),
      [["sub/up/", "link-loop"]],
    );
  } finally {
    rmSync(base, { recursive: true, force: true });
  }
});

/** root/{real/{x.json, y.json}, alias -> real}: one folder under two names, side by side. */
function aliased(): string {
  const root = mkdtempSync(join(tmpdir(), "trailhive-alias-"));
  mkdirSync(join(root, "real"));
  writeFileSync(join(root, "real", "x.json"), "{}");
  writeFileSync(join(root, "real", "y.json"), "{}");
  symlinkSync("real", join(root, "alias"));
  return root;
}

/** root/lvl/0 .. lvl/`depth`-1 each holding links a and b to the next, lvl/`depth` holding f.json: 2^depth paths to f.json. */
function fanOut(depth: number): string {
  const root = mkdtempSync(join(tmpdir(), "trailhive-fan-"));
  for (let i = 0; i <= depth; i++) mkdirSync(join(root, "lvl", String(i)), { recursive: true });
  for (let i = 0; i < depth; i++) for (const name of ["a", "b"]) symlinkSync(join("..", String(i + 1)), join(root, "lvl", String(i), name));
  writeFileSync(join(root, "lvl", String(depth), "f.json"), "{}");
  return root;
}

/** Every key and skip of a listing, page by page. */
async function pages(store: LocalStore, options: { prefix: string; delimiter?: string; maxKeys?: number }): Promise<{ items: string[]; skipped: string[] }> {
  const items: string[] = [];
  const skipped: string[] = [];
  let token: string | undefined;
  do {
    const page = await store.list({ ...options, continuationToken: token });
    items.push(...page.objects.map((o) => o.key), ...page.prefixes);
    skipped.push(...(page.skipped ?? []).map((s) => `${s.path} ${s.code}`));
    token = page.continuationToken;
  } while (token !== undefined);
  return { items, skipped };
}

test("a folder linked beside itself is listed once, by its first name in key order; the other is a note", async () => {
  const root = aliased();
  try {
    const store = new LocalStore(root);
    const whole = await pages(store, { prefix: "" });
    assert.deepEqual(whole, { items: ["alias/x.json", "alias/y.json"], skipped: ["real/ link-duplicate"] });
    assert.deepEqual(await pages(new LocalStore(root), { prefix: "", maxKeys: 1 }), whole);
    assert.deepEqual(await pages(new LocalStore(root), { prefix: "", delimiter: "/" }), { items: ["alias/"], skipped: ["real/ link-duplicate"] });
    assert.match((await store.list({ prefix: "" })).skipped?.[0]?.reason ?? "", /same folder as alias\//);
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
});

test("folders each linking twice to the next are each entered once (not 2^depth times), paged or not", async () => {
  const depth = 20;
  const root = fanOut(depth);
  try {
    const whole = await pages(new LocalStore(root), { prefix: "" });
    const key = "lvl/0/" + "a/".repeat(depth) + "f.json";
    assert.deepEqual(whole.items, [key]);
    // Each level's second link, and each folder lvl/1.. again under its own name.
    assert.equal(whole.skipped.length, 2 * depth);
    assert.ok(whole.skipped.every((s) => s.endsWith(" link-duplicate")));
    assert.deepEqual(await pages(new LocalStore(root), { prefix: "", maxKeys: 1 }), whole);
    assert.deepEqual((await pages(new LocalStore(root), { prefix: "lvl/", delimiter: "/" })).items, ["lvl/0/"]);
  } finally {
    rmSync(root, { recursive: true, force: true });
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
