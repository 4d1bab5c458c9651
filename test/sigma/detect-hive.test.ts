import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { main } from "../../src/cli/main.js";
import { capture } from "../support/capture-terminal.js";
import { corpusDir, corpusSkip, repoRoot, sigmaDir, sigmaSkip } from "../reference/corpus.js";
import { loadRecords } from "../reference/load-records.js";
import { referenceRule } from "../reference/evaluate-sigma.js";
import { hiveSkip } from "../local/support/hive.js";

const SIGMA = sigmaDir;

type Rec = Record<string, unknown>;

/** Every rule's hits as the reference evaluator finds them: rule id -> sorted event ids. */
function referenceHits(rulesDir: string, records: readonly Rec[]): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const file of readdirSync(rulesDir)
    .filter((f) => f.endsWith(".yml"))
    .sort()) {
    const rule = referenceRule(readFileSync(join(rulesDir, file), "utf8"));
    if (rule.matches === undefined) continue;
    out.set(
      rule.id,
      records
        .filter(rule.matches)
        .map((r) => String(r.eventID))
        .sort(),
    );
  }
  return out;
}

/** `trailhive detect` on the embedded Hive: its hits, rule id -> sorted event ids, and what it left out. */
async function hiveHits(rulesDir: string, logs: string, work: string): Promise<{ hits: Map<string, string[]>; stderr: string }> {
  const out = capture();
  const code = await main(["detect", "--rules", rulesDir, logs, "--work", work, "--keep-engine", "0", "--format", "jsonl"], out.term);
  assert.equal(code, 0, out.stderr());
  const hits = new Map<string, string[]>();
  for (const line of out.stdout().split("\n").filter(Boolean)) {
    const hit = JSON.parse(line) as { rule_id: string; event_id: string; rule_author: string };
    assert.ok(hit.rule_author !== undefined, "every hit carries its rule's author (Detection Rule License)");
    hits.set(hit.rule_id, [...(hits.get(hit.rule_id) ?? []), hit.event_id]);
  }
  for (const [id, ids] of hits) hits.set(id, ids.sort());
  return { hits, stderr: out.stderr() };
}

function compare(reference: Map<string, string[]>, hive: Map<string, string[]>, skippedIds: Set<string>): number {
  let total = 0;
  for (const [id, expected] of reference) {
    if (skippedIds.has(id)) continue;
    assert.deepEqual(hive.get(id) ?? [], expected, `rule ${id}: the embedded Hive's hits equal the reference evaluator's`);
    total += expected.length;
  }
  for (const id of hive.keys()) assert.ok(reference.has(id), `rule ${id} hit in Hive is a rule the reference knows`);
  return total;
}

describe("Sigma rules on the embedded Hive equal the reference evaluator, rule by rule", { skip: sigmaSkip() || hiveSkip(), timeout: 600_000 }, () => {
  let dir: string;
  before(() => {
    dir = mkdtempSync(join(tmpdir(), "trailhive-sigma-"));
  });
  after(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  it("examples/logs: every translated rule's hits, the CloudTrail tampering ones found by the 'Important Change' rule", async () => {
    const logs = join(repoRoot, "examples", "logs");
    const { hits, stderr } = await hiveHits(SIGMA, logs, join(dir, "examples"));
    // the one rule left out is the upstream bug the sigma README names (a field CloudTrail does not have)
    assert.match(stderr, /aws_delete_saml_provider\.yml \(AWS SAML Provider Deletion Activity\) left out: status: the table has no such field/);
    assert.match(stderr, /56 rules translated, 1 left out/);
    const total = compare(referenceHits(SIGMA, loadRecords(logs)), hits, new Set(["ccd6a6c8-bb4e-4a91-9d2a-07e632819374"]));
    assert.ok(total > 10, `hits on the examples (${total})`);
    assert.equal(hits.get("4db60cc0-36fb-42b7-9b58-a5b53019fb74")?.length, 3, "StopLogging/UpdateTrail/DeleteTrail of the examples");
  });

  it("--fail-on: exit 1 when a hit at that level or above was found, 0 otherwise (the same work folder, warm)", async () => {
    const logs = join(repoRoot, "examples", "logs");
    const run = async (level: string) => {
      const out = capture();
      return main(["detect", "--rules", SIGMA, logs, "--work", join(dir, "examples"), "--keep-engine", "0", "--format", "jsonl", "--fail-on", level], out.term);
    };
    assert.equal(await run("medium"), 1, "the examples hold medium hits");
    assert.equal(await run("critical"), 0, "and no critical ones");
  });

  it("the examples project's own rule: the security group opened to the world, found on Hive as the reference finds it", async () => {
    const rules = join(repoRoot, "examples", "rules");
    const logs = join(repoRoot, "examples", "logs");
    const { hits } = await hiveHits(rules, logs, join(dir, "own"));
    const reference = referenceHits(rules, loadRecords(logs));
    compare(reference, hits, new Set());
    const found = hits.get("7a1f3c52-0b6e-4d8e-9c1a-5e2f4b6d8a10") ?? [];
    assert.ok(found.includes("136df9ac-0b95-4687-a525-05efb2a94c94"), "port 80 opened to 0.0.0.0/0");
    assert.ok(found.includes("59f3dc93-45b5-446d-a437-8802174ed81c"), "the refused attempt on 3389");
  });

  it("the corpus, Stratus Red Team's detonations included: the same hits as the reference, and the StopLogging detonation found", { skip: corpusSkip() }, async () => {
    const { hits } = await hiveHits(SIGMA, corpusDir, join(dir, "corpus"));
    const records = loadRecords(corpusDir);
    const total = compare(referenceHits(SIGMA, records), hits, new Set(["ccd6a6c8-bb4e-4a91-9d2a-07e632819374"]));
    assert.ok(total > 50, `hits on the corpus (${total})`);
    const stopLogging = records.filter((r) => r.eventName === "StopLogging").map((r) => String(r.eventID));
    assert.ok(stopLogging.length > 0, "the corpus holds a StopLogging detonation");
    for (const id of stopLogging) assert.ok(hits.get("4db60cc0-36fb-42b7-9b58-a5b53019fb74")?.includes(id), `StopLogging ${id} is found by CloudTrail Important Change`);
  });
});
