import type { EmrRunOutcome } from "../emr/execute-emr-plan.js";
import type { LocalRunOutcome } from "../local/run-local-investigation.js";
import type { ResultSet } from "../output/format-results.js";
import type { InvestigationPlan } from "./investigation-plan.js";

/**
 * Where an investigation runs. Both engines take the same plan and return the same outcome; what
 * only one of them knows (staging and the metastore, or the cluster, step and logs) is in `detail`.
 * Implementations: `localEngine` (src/local/local-engine.ts), `emrEngine` (src/emr/emr-engine.ts).
 */
export interface Engine {
  readonly name: "local" | "emr";
  run(plan: InvestigationPlan): Promise<InvestigationOutcome>;
}

export type EngineDetail = { engine: "local"; local: LocalRunOutcome } | { engine: "emr"; emr: EmrRunOutcome };

/**
 * - `answered`: every statement ran; `results` holds the row sets of the ones that return rows
 *   (a script on EMR writes its own output, so it has none)
 * - `refused`: Hive (or the step) failed; `reason` is Hive's error line or EMR's failure, `statement` where known
 * - `pending`: the EMR step was left running (detached, or the wait timed out); follow it with `status`
 */
export type InvestigationOutcome = EngineDetail &
  ({ kind: "answered"; results: ResultSet[] } | { kind: "refused"; reason: string; statement?: string } | { kind: "pending"; clusterId: string; stepId: string; state: string });
