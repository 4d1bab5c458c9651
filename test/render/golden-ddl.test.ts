import { test } from "node:test";
import assert from "node:assert/strict";
import { mkdirSync, readFileSync, writeFileSync, existsSync } from "node:fs";
import { join } from "node:path";
import { renderTable, type TableOptions } from "../../src/render/render-table.js";
import { ddlTemplates } from "../../src/render/load-ddl-template.js";
import { FLAVOR_NAMES, getFlavor, type FlavorName } from "../../src/flavors/index.js";
import { tablePartitionColumns } from "../../src/flavors/flavor.js";
import { DEFAULT_TYPE_LIMIT } from "../../src/hive/limit-type-size.js";
import { corpusSchema, corpusSkip, repoRoot } from "./support/corpus-schema.js";
import { hiveCliStatements } from "./support/hive-cli-split.js";

// Goldens: the DDL every flavor renders from the whole corpus, partitioned and not. Regenerate with
// UPDATE_GOLDEN=1 npm test -- golden-ddl, then review the diff (test/golden/ddl/README.md says what
// differs from AWS's published DDLs and why).
const GOLDEN_DIR = join(repoRoot, "test/golden/ddl");

type Golden = { plain: string; partitioned: string } | "not supported";

/** Every flavor states its goldens; a new flavor fails to compile until it is listed here. */
const GOLDENS: Record<FlavorName, Golden> = {
  "emr-cloudtrail-serde": { plain: "emr-cloudtrail-serde.hql", partitioned: "emr-cloudtrail-serde.partitioned.hql" },
  "emr-hcatalog": { plain: "emr-hcatalog.hql", partitioned: "emr-hcatalog.partitioned.hql" },
  "athena-projection": { plain: "athena-projection.hql", partitioned: "athena-projection.partitioned.hql" },
  portable: { plain: "portable.hql", partitioned: "portable.partitioned.hql" },
  jsonl: { plain: "jsonl.hql", partitioned: "jsonl.partitioned.hql" },
  "eventbridge-jsonl": { plain: "eventbridge-jsonl.hql", partitioned: "eventbridge-jsonl.partitioned.hql" },
};

function options(flavor: FlavorName, partitioned: boolean): TableOptions {
  // Firehose writes under its own prefix, in hour folders: a flat table reads one of them.
  const firehose = getFlavor(flavor).partitionLayout === "firehose";
  return {
    flavor,
    table: "cloudtrail_logs",
    location: firehose
      ? partitioned
        ? "s3://amzn-s3-demo-bucket/cloudtrail-events/"
        : "s3://amzn-s3-demo-bucket/cloudtrail-events/2026/01/19/13/"
      : partitioned
        ? "s3://amzn-s3-demo-bucket/AWSLogs/"
        : "s3://amzn-s3-demo-bucket/AWSLogs/111122223333/CloudTrail/",
    partitioned,
    comment: "CloudTrail events, typed from trailhive.schema.json",
  };
}

const skip = corpusSkip();

test("every flavor's DDL from the whole corpus matches its golden file, partitioned and not", { skip }, async () => {
  const schema = await corpusSchema();
  const templates = ddlTemplates(undefined);
  const update = process.env.UPDATE_GOLDEN === "1";
  mkdirSync(GOLDEN_DIR, { recursive: true });
  for (const flavor of FLAVOR_NAMES) {
    const golden = GOLDENS[flavor];
    if (golden === "not supported") continue;
    for (const partitioned of [false, true]) {
      const out = renderTable(schema, options(flavor, partitioned), templates);
      const file = join(GOLDEN_DIR, partitioned ? golden.partitioned : golden.plain);
      if (update) writeFileSync(file, out.text);
      assert.ok(existsSync(file), `${file} is missing: run UPDATE_GOLDEN=1 npm test -- golden-ddl and review it`);
      assert.equal(out.text, readFileSync(file, "utf8"), `${file} differs: rerun with UPDATE_GOLDEN=1 and review the diff`);
      // The committed script cuts into the statements it means to hold, and fits the metastore.
      assert.deepEqual(
        hiveCliStatements(out.text).map((s) => s.trim()),
        out.statements.map((s) => s.sql),
      );
      assert.ok(out.statements.length >= 1);
      for (const c of out.table.columns) assert.ok(c.type.length <= DEFAULT_TYPE_LIMIT, `${flavor} ${c.name}: ${c.type.length} characters`);
      assert.deepEqual(out.table.partitionColumns, partitioned ? tablePartitionColumns(getFlavor(flavor)) : []);
    }
  }
});
