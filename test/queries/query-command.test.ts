import { test } from "node:test";
import assert from "node:assert/strict";
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { main } from "../../src/cli/main.js";
import { capture } from "../support/capture-terminal.js";

test("trailhive query list, show and render", async () => {
  const list = capture();
  assert.equal(await main(["query", "list"], list.term), 0);
  assert.match(list.stdout(), /^security-group-changes +Security group changes/m);
  const show = capture();
  assert.equal(await main(["query", "show", "iam-changes"], show.term), 0);
  assert.match(show.stdout(), /Global services log in us-east-1/);
  assert.match(show.stdout(), /from \(date, optional\)/);
  const render = capture();
  assert.equal(await main(["query", "render", "security-group-changes", "--param", "group_id=sg-0abc", "-p", "from=2026-01-19", "--table", "trail.ct"], render.term), 0);
  assert.match(render.stdout(), /\nWHERE group_id = 'sg-0abc'\nORDER BY event_time, event_id;\n$/);
  const file = join(mkdtempSync(join(tmpdir(), "trailhive-query-")), "q.hql");
  const written = capture();
  assert.equal(await main(["query", "render", "kms-key-deletion", "-o", file], written.term), 0);
  assert.equal(written.stdout(), "");
  assert.match(readFileSync(file, "utf8"), /^-- trailhive query kms-key-deletion\n[\s\S]*ORDER BY event_time, event_id;\n$/);
  const json = capture();
  assert.equal(await main(["query", "render", "security-group-changes", "-p", "from=2026-01-19", "-p", "to=2026-01-25", "--partitioned", "--json"], json.term), 0);
  assert.deepEqual(JSON.parse(json.stdout()).range, { from: "2026-01-19", to: "2026-01-26" });
});

test("unknown queries and parameters exit 2 with a message that says what to do", async () => {
  const unknown = capture();
  assert.equal(await main(["query", "render", "who-did-it"], unknown.term), 2);
  assert.match(unknown.stderr(), /no query named "who-did-it": choose one of .*security-group-changes/);
  const param = capture();
  assert.equal(await main(["query", "render", "security-group-changes", "--param", "group=sg-1"], param.term), 2);
  assert.match(param.stderr(), /has no parameter "group": its parameters are group_id, who, source_ip, from, to, region/);
  const shape = capture();
  assert.equal(await main(["query", "render", "security-group-changes", "--param", "group_id"], shape.term), 2);
  assert.match(shape.stderr(), /--param group_id: write it as NAME=VALUE/);
  const action = capture();
  assert.equal(await main(["query", "explode"], action.term), 2);
});
