import type { Engine, InvestigationOutcome } from "../investigation/engine.js";
import type { InvestigationPlan } from "../investigation/investigation-plan.js";
import type { SourceFile } from "../source/resolve-sources.js";
import { runLocalInvestigation, type LocalRunDeps, type LocalScript } from "./run-local-investigation.js";

export interface LocalEngineOptions {
  /** the logs, as resolveSources lists them */
  files: readonly SourceFile[];
  /** the work folder: staged logs, schema, metastore (claimed: trailhive never empties a folder it did not make) */
  workDir: string;
  /** start the work folder over */
  fresh?: boolean;
  /** the cache's `work/` folder, where unmarked work folders of the earlier release may be adopted */
  cacheWorkRoot?: string;
  maxFileBytes?: number;
  /** reader, schema collector, renderers and the Hive session (`localDeps` puts the shipped ones together) */
  deps: LocalRunDeps;
}

/**
 * The embedded Hive as an {@link Engine}: stages the logs into the work folder (or reuses them),
 * creates the jsonl table and its partitions over them, runs the plan's query or script in one session.
 *
 * @example
 *   const engine = localEngine({ files, workDir, deps: localDeps({ sources: ["examples/logs"], session: embeddedHiveSession({ cacheDir, keepMinutes: 0 }) }) });
 *   const outcome = await engine.run(planInvestigation({ table: "cloudtrail", query, params }));
 *   if (outcome.kind === "answered") console.log(outcome.results[0]?.rows);
 */
export function localEngine(options: LocalEngineOptions): Engine {
  return {
    name: "local",
    async run(plan: InvestigationPlan): Promise<InvestigationOutcome> {
      const work = plan.work;
      const script: LocalScript = work.kind === "query" ? { name: work.name, statements: [work.sql], columns: work.columns } : { name: work.name, statements: work.statements };
      const local = await runLocalInvestigation(
        {
          files: options.files,
          workDir: options.workDir,
          fresh: options.fresh === true,
          table: plan.table,
          scripts: [script],
          ...(options.cacheWorkRoot !== undefined ? { cacheWorkRoot: options.cacheWorkRoot } : {}),
          ...(options.maxFileBytes !== undefined ? { maxFileBytes: options.maxFileBytes } : {}),
          ...(plan.schema !== undefined ? { schema: plan.schema } : {}),
          ...(work.kind === "script" && Object.keys(work.variables).length > 0 ? { hivevars: work.variables } : {}),
        },
        options.deps,
      );
      const detail = { engine: "local" as const, local };
      if (local.failure !== undefined) return { ...detail, kind: "refused", reason: local.failure.errorLine, statement: local.failure.statement };
      return { ...detail, kind: "answered", results: local.scripts.flatMap((s) => s.results) };
    },
  };
}
