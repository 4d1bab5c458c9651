import { test } from "node:test";
import assert from "node:assert/strict";
import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { main } from "../../src/cli/main.js";
import { capture } from "../support/capture-terminal.js";
import { sigmaDir, sigmaSkip } from "../reference/corpus.js";

const SIGMA = sigmaDir;

const rendered = (text: string) => [...text.matchAll(/^-- sigma ([0-9a-f-]+): /gm)].map((m) => m[1]);

test("detect --render: one query per rule, deterministic; --level, --rule and --tags choose rules; --strict exits 3 when one is left out", { skip: sigmaSkip() }, async () => {
  const all = capture();
  assert.equal(await main(["detect", "--rules", SIGMA, "--render"], all.term), 0, all.stderr());
  assert.equal(rendered(all.stdout()).length, 56);
  const again = capture();
  await main(["detect", "--rules", SIGMA, "--render"], again.term);
  assert.equal(again.stdout(), all.stdout(), "the same rules give the same bytes");

  const high = capture();
  await main(["detect", "--rules", SIGMA, "--render", "--level", "high"], high.term);
  const highIds = rendered(high.stdout());
  assert.ok(highIds.length > 0 && highIds.length < 56);
  assert.ok(!high.stdout().includes("\n-- medium;") && !high.stdout().includes("\n-- low;"), "only high and critical rules");

  const one = capture();
  await main(["detect", "--rules", SIGMA, "--render", "--rule", "4db60cc0-36fb-42b7-9b58-a5b53019fb74"], one.term);
  assert.deepEqual(rendered(one.stdout()), ["4db60cc0-36fb-42b7-9b58-a5b53019fb74"]);

  const tagged = capture();
  await main(["detect", "--rules", SIGMA, "--render", "--tags", "attack.t1685"], tagged.term);
  assert.ok(rendered(tagged.stdout()).includes("4db60cc0-36fb-42b7-9b58-a5b53019fb74"), "a sub-tag (attack.t1685.002) is taken by its parent");

  const strict = capture();
  assert.equal(await main(["detect", "--rules", SIGMA, "--render", "--strict"], strict.term), 3);
  assert.match(strict.stderr(), /aws_delete_saml_provider\.yml .* left out/);

  const dir = mkdtempSync(join(tmpdir(), "trailhive-detect-render-"));
  try {
    const out = capture({ cwd: dir });
    assert.equal(await main(["detect", "--rules", SIGMA, "--render", "-o", "rules.hql"], out.term), 0);
    assert.equal(readFileSync(join(dir, "rules.hql"), "utf8"), all.stdout());
    const folder = capture({ cwd: dir });
    assert.equal(await main(["detect", "--rules", SIGMA, "--render", "-o", "per-rule/"], folder.term), 0, folder.stderr());
    const files = readdirSync(join(dir, "per-rule")).sort();
    assert.equal(files.length, 56);
    assert.match(readFileSync(join(dir, "per-rule", "aws_cloudtrail_disable_logging.hql"), "utf8"), /^-- sigma 4db60cc0-36fb-42b7-9b58-a5b53019fb74: AWS CloudTrail Important Change\n[\s\S]*;\n$/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }

  const bad = capture();
  assert.equal(await main(["detect", "--rules", SIGMA, "--render", "--level", "severe"], bad.term), 2);
  assert.match(bad.stderr(), /--level "severe" is not a Sigma level: use one of informational, low, medium, high, critical/);
  const missing = capture();
  assert.equal(await main(["detect", "--rules", "/no/such/rules", "--render"], missing.term), 2);
  assert.match(missing.stderr(), /--rules \/no\/such\/rules does not exist/);
});
