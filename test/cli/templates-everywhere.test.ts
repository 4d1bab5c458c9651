import { test } from "node:test";
import assert from "node:assert/strict";
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { main } from "../../src/cli/main.js";
import { BUILTIN_DDL_TEMPLATES } from "../../src/render/builtin-templates.generated.js";
import { capture } from "../support/capture-terminal.js";
import { repoRoot } from "../reference/corpus.js";

/** The built-in partial with a marker line in front, as a user's override of it. */
function marked(dir: string, partial: string, marker: string): void {
  const text = BUILTIN_DDL_TEMPLATES[`partials/${partial}.hbs`];
  assert.ok(text !== undefined, partial);
  writeFileSync(join(dir, "partials", `${partial}.hbs`), `-- ${marker}\n${text}`);
}

test("--templates reaches every statement trailhive writes: views, partitions, migrations and the EMR script's result sink", async () => {
  const dir = mkdtempSync(join(tmpdir(), "trailhive-templates-"));
  try {
    const templates = join(dir, "mine");
    mkdirSync(join(templates, "partials"), { recursive: true });
    marked(templates, "event-view", "my event view");
    marked(templates, "add-partition", "my partitions");
    marked(templates, "alter-table", "my migration");
    marked(templates, "result-sink", "my sink");
    copyFileSync(join(repoRoot, "examples", "trailhive.schema.json"), join(dir, "s.json"));

    const view = capture({ cwd: dir });
    assert.equal(await main(["view", "ec2:AuthorizeSecurityGroupIngress", "--schema", "s.json", "--templates", "mine"], view.term), 0, view.stderr());
    assert.match(view.stdout(), /^-- my event view\nCREATE VIEW /m);

    const partitions = capture({ cwd: dir });
    assert.equal(await main(["partitions", join(repoRoot, "examples", "logs"), "--templates", "mine"], partitions.term), 0, partitions.stderr());
    assert.match(partitions.stdout(), /^-- my partitions\nALTER TABLE cloudtrail ADD IF NOT EXISTS$/m);

    // the new schema has a field the old one lacks: the migration replaces the columns
    const schema = JSON.parse(readFileSync(join(dir, "s.json"), "utf8")) as { root: { fields: object[] } };
    schema.root.fields.push({ key: "zzznewfield", name: "zzzNewField", spellings: ["zzzNewField"], stats: { present: 1, nulls: 0, kinds: { string: 1 } }, shape: { kind: "string" } });
    writeFileSync(join(dir, "new.json"), JSON.stringify(schema));
    const diff = capture({ cwd: dir });
    assert.equal(await main(["diff", "s.json", "new.json", "--flavor", "jsonl", "--templates", "mine", "-o", "migrate.hql"], diff.term), 0, diff.stderr());
    assert.match(readFileSync(join(dir, "migrate.hql"), "utf8"), /^-- my migration\nALTER TABLE cloudtrail REPLACE COLUMNS \(/m);

    const emr = capture({ cwd: dir });
    const argv = [
      "run",
      "--cluster",
      "j-1",
      "--staging",
      "s3://st/th",
      "--query",
      "security-group-changes",
      "--accounts",
      "111122223333",
      "--regions",
      "us-east-1",
      "--run-id",
      "r1",
      "--dry-run",
      "s3://trail",
      "--templates",
      "mine",
    ];
    assert.equal(await main(argv, emr.term), 0, emr.stderr());
    assert.match(emr.stdout(), /^-- my sink\nINSERT OVERWRITE DIRECTORY 's3:\/\/st\/th\/results\/r1\/'$/m);
    assert.match(emr.stdout(), /^-- my partitions\nALTER TABLE cloudtrail ADD IF NOT EXISTS$/m, "the EMR script's partitions too");
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
