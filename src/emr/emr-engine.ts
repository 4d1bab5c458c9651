import { randomBytes } from "node:crypto";
import path from "node:path";
import { TrailhiveError } from "../errors.js";
import type { RenderWarning } from "../hive/render-warning.js";
import type { Engine, InvestigationOutcome } from "../investigation/engine.js";
import type { InvestigationPlan } from "../investigation/investigation-plan.js";
import type { PartitionRef } from "../partitions/render-partitions.js";
import type { DdlTemplates } from "../render/load-ddl-template.js";
import type { Clock } from "./clock.js";
import { describeFailure } from "./describe-failure.js";
import { executeEmrPlan, type EmrRunClients, type ExecuteOptions } from "./execute-emr-plan.js";
import { planEmrRun, stagingLayout, type EmrRunPlan, type EmrRunPlanInput } from "./plan-emr-run.js";
import { emrPartitionRange, emrTablePartitioned, renderEmrQuery } from "./render-emr-query.js";

export interface EmrEngineOptions {
  /** `s3://bucket/prefix` for the script, the answer and new clusters' logs */
  staging: string;
  runId: string;
  target: EmrRunPlanInput["target"];
  actionOnFailure?: EmrRunPlanInput["actionOnFailure"];
  /** the S3 folder holding `AWSLogs/` (a library query's table reads it; a script names its own) */
  location?: string;
  /** default emr-cloudtrail-serde */
  flavor?: string;
  /** the day folders of the query's range: `findDayFolders` for a run, `assumedPartitions` for a dry run */
  partitions(range: { from: string; to: string }): Promise<PartitionRef[] | undefined>;
  onWarning?: (warning: RenderWarning) => void;
  /** the templates of the table, partitions and script (a user's `--templates`; default the built-in ones) */
  templates?: DdlTemplates;
}

export interface EmrEngine extends Engine {
  readonly name: "emr";
  /** everything the run will send, decided before anything is sent (what --dry-run prints) */
  prepare(plan: InvestigationPlan): Promise<EmrRunPlan>;
}

/**
 * Amazon EMR as an {@link Engine}: the plan becomes one Hive script (the flavor's table over the trail,
 * the partitions of the question's days, INSERT OVERWRITE DIRECTORY into a fresh results folder),
 * uploaded to the staging prefix and run as a step; the answer is read back, a failure diagnosed
 * from the step's logs.
 *
 * @example
 *   const engine = emrEngine({ staging: "s3://st/th", runId: newRunId(systemClock()), target: { kind: "existing", clusterId: "j-1" },
 *     location: "s3://trail", partitions: (range) => findDayFolders("s3://trail", range, { s3In: () => s3 }).then((f) => f.partitions) },
 *     { clients: { emr, s3 }, execute: { clock: systemClock(), poll: DEFAULT_POLL, logs: DEFAULT_LOG_WAIT } });
 *   const outcome = await engine.run(plan);
 */
export function emrEngine(options: EmrEngineOptions, run?: { clients: EmrRunClients; execute: ExecuteOptions }): EmrEngine {
  const prepare = async (plan: InvestigationPlan): Promise<EmrRunPlan> => {
    const common = { runId: options.runId, staging: options.staging, target: options.target, actionOnFailure: options.actionOnFailure };
    const work = plan.work;
    if (work.kind === "script") {
      // A user's own script runs as written; --param values become hive -d variables (${KEY} in the script).
      return planEmrRun({ ...common, title: `script ${path.basename(work.name)}`, script: work.text, variables: work.variables });
    }
    const location = options.location?.replace(/\/+$/, "");
    if (location === undefined || !location.startsWith("s3://")) {
      throw new TrailhiveError("USAGE_NO_LOCATION", {});
    }
    if (plan.schema === undefined) throw new TrailhiveError("INTERNAL_NO_SCHEMA", {});
    if (plan.partitioned !== emrTablePartitioned(options.flavor)) {
      throw new TrailhiveError("INTERNAL_PLAN_FLAVOR", { partitioned: plan.partitioned });
    }
    const range = emrPartitionRange({ query: work, flavor: options.flavor });
    const partitions = range === undefined ? undefined : await options.partitions(range);
    const rendered = renderEmrQuery({
      schema: plan.schema,
      query: work,
      table: plan.table,
      location,
      ...(options.flavor !== undefined ? { flavor: options.flavor } : {}),
      ...(partitions !== undefined ? { partitions } : {}),
      resultsUri: stagingLayout(options.staging, options.runId).resultsUri,
      ...(options.templates !== undefined ? { templates: options.templates } : {}),
    });
    for (const w of rendered.warnings) options.onWarning?.(w);
    return planEmrRun({ ...common, title: rendered.title, script: rendered.script, columns: rendered.columns });
  };
  return {
    name: "emr",
    prepare,
    async run(plan: InvestigationPlan): Promise<InvestigationOutcome> {
      if (run === undefined) throw new TrailhiveError("INTERNAL_NO_CLIENTS", {});
      const emr = await executeEmrPlan(run.clients, await prepare(plan), run.execute);
      const detail = { engine: "emr" as const, emr };
      switch (emr.kind) {
        case "completed":
          return { ...detail, kind: "answered", results: emr.result !== undefined ? [emr.result] : [] };
        case "failed":
          return { ...detail, kind: "refused", reason: describeFailure(emr.clusterId, emr.stepId, emr.failure, emr.elapsedMs).trimEnd() };
        case "detached":
          return { ...detail, kind: "pending", clusterId: emr.clusterId, stepId: emr.stepId, state: "PENDING" };
        case "timeout":
          return { ...detail, kind: "pending", clusterId: emr.clusterId, stepId: emr.stepId, state: emr.state };
      }
    },
  };
}

/** `20261126T100102Z-3fa9`: sortable by start time, unique enough for one staging prefix. */
export function newRunId(clock: Clock): string {
  const iso = new Date(clock.now()).toISOString();
  return iso.replace(/[-:]/g, "").replace(/\.\d+Z$/, "Z") + "-" + randomBytes(2).toString("hex");
}
