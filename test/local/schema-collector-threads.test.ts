import { test } from "node:test";
import assert from "node:assert/strict";
import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { localDeps } from "../../src/local/local-deps.js";
import { defaultParseWorkers } from "../../src/local/parse-workers.js";
import { runLocalInvestigation, type SchemaCollector } from "../../src/local/run-local-investigation.js";
import type { HiveSession, StatementResult } from "../../src/local/hive-session.js";
import { SchemaBuilder } from "../../src/schema/schema-builder.js";
import { serializeSchema } from "../../src/schema/schema-io.js";
import { resolveSources } from "../../src/source/resolve-sources.js";
import { corpusDir, corpusSkip } from "./support/corpus.js";

const session: HiveSession = async ({ statements }) => ({ results: statements.map((): StatementResult => ({ ok: true, columns: ["n"], rows: [["1"]] })) });

/** Part files of a staged tree, by the thread that wrote them ("" for this thread). */
function partWriters(root: string): Set<string> {
  const out = new Set<string>();
  const walk = (dir: string) => {
    for (const e of readdirSync(dir, { withFileTypes: true })) {
      if (e.isDirectory()) walk(join(dir, e.name));
      else out.add(/^part-(w\d+-)?/.exec(e.name)?.[1] ?? "");
    }
  };
  walk(root);
  return out;
}

test("runLocalInvestigation: a schema collector with addState gets the parse threads' schema, the same bytes and manifest as addFile on one thread", { skip: corpusSkip() }, async () => {
  const dir = mkdtempSync(join(tmpdir(), "local-collector-"));
  try {
    const { files } = await resolveSources([corpusDir], {});
    const run = async (work: string, withState: boolean) => {
      const deps = localDeps({ sources: [corpusDir], session });
      const collectSchema = (): SchemaCollector => {
        const builder = new SchemaBuilder();
        return {
          addFile: (path, result) => builder.addFile(path, result),
          ...(withState ? { addState: (state) => builder.addState(state) } : {}),
          finish: () => serializeSchema(builder.finish([corpusDir])),
        };
      };
      const outcome = await runLocalInvestigation({ files, workDir: work, fresh: false, table: "t", scripts: [{ name: "q", statements: ["SELECT 1"] }] }, { ...deps, collectSchema });
      return { outcome, schema: readFileSync(join(work, "schema.json"), "utf8"), writers: partWriters(join(work, "staged")) };
    };
    const one = await run(join(dir, "add-file"), false);
    const threads = await run(join(dir, "add-state"), true);
    assert.deepEqual([...one.writers], [""], "addFile keeps the parse on this thread");
    // (a one-core machine parses on one thread either way)
    if (defaultParseWorkers() > 1) assert.ok(threads.writers.has("w1-"), `the parse threads wrote parts: ${[...threads.writers].join(", ")}`);
    assert.ok(one.schema.length > 100_000, "a real schema");
    assert.equal(threads.schema, one.schema);
    assert.deepEqual(threads.outcome.staging, one.outcome.staging);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
