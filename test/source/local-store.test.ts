import { test } from "node:test";
import assert from "node:assert/strict";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { LocalStore } from "../../src/source/local-store.js";
import type { ListOptions } from "../../src/source/object-store.js";

/** Every page of a listing, followed by continuation token, as [objects..., prefixes...] keys. */
async function paged(store: LocalStore, options: ListOptions): Promise<{ keys: string[]; pages: number }> {
  const keys: string[] = [];
  let pages = 0;
  let token: string | undefined;
  do {
    const page = await store.list({ ...options, ...(token !== undefined ? { continuationToken: token } : {}) });
    pages++;
    // S3 interleaves objects and prefixes in key order within a page
    keys.push(...[...page.objects.map((o) => o.key), ...page.prefixes].sort());
    token = page.continuationToken;
  } while (token !== undefined);
  return { keys, pages };
}

test("pages of a local listing add up to the whole listing, with and without a delimiter or a start key", async () => {
  const root = mkdtempSync(join(tmpdir(), "local-store-"));
  try {
    const files = ["a/1.json", "a/2.json", "a/b/3.json", "a/b/4.json", "a/c/5.json", "a/d.json", "a/e/f/6.json", "b/7.json", "ab.json"];
    for (const f of files) {
      mkdirSync(dirname(join(root, f)), { recursive: true });
      writeFileSync(join(root, f), f);
    }
    const store = new LocalStore(root);
    for (const options of [{ prefix: "" }, { prefix: "a/" }, { prefix: "a/", delimiter: "/" }, { prefix: "", delimiter: "/" }, { prefix: "a/", startAfter: "a/b/3.json" }] as ListOptions[]) {
      const whole = await paged(store, { ...options, maxKeys: 1000 });
      assert.equal(whole.pages, 1);
      assert.ok(whole.keys.length >= 3, JSON.stringify(options));
      for (const maxKeys of [1, 2, 3]) {
        const small = await paged(store, { ...options, maxKeys });
        assert.deepEqual(small.keys, whole.keys, `${JSON.stringify(options)} in pages of ${maxKeys}`);
        assert.equal(small.pages, Math.ceil(whole.keys.length / maxKeys), "full pages until the last");
      }
    }
    assert.deepEqual((await paged(store, { prefix: "a/", delimiter: "/", maxKeys: 2 })).keys, ["a/1.json", "a/2.json", "a/b/", "a/c/", "a/d.json", "a/e/"]);
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
});
