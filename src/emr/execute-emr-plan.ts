import { AddJobFlowStepsCommand, DescribeClusterCommand, ListStepsCommand, RunJobFlowCommand, type Cluster, type EMRClient, type Step } from "@aws-sdk/client-emr";
import { PutObjectCommand, type S3Client } from "@aws-sdk/client-s3";
import { TrailhiveError } from "../errors.js";
import type { ResultSet } from "../output/format-results.js";
import type { Clock } from "./clock.js";
import { probableCause, type LogFile, type ProbableCause } from "./diagnose-step-logs.js";
import type { EmrEvent } from "./emr-event.js";
import { fetchStepLogs } from "./fetch-step-logs.js";
import type { EmrRunPlan } from "./plan-emr-run.js";
import { readStepResults } from "./read-step-results.js";
import { waitForClusterEnd, waitForStep, type PollOptions } from "./wait-for-step.js";

/** The SDK clients a run talks to (built by `createEmrClient` and `createS3Client`). */
export interface EmrRunClients {
  emr: EMRClient;
  s3: S3Client;
}

export interface ExecuteOptions {
  clock: Clock;
  poll: PollOptions;
  logs: { waitMs: number; intervalMs: number };
  /** return right after the step is added; the user follows it with `trailhive status` */
  detach?: boolean;
  /** aborted on Ctrl-C: CancelSteps is sent and the run waits for the step's final state */
  cancel?: AbortSignal;
  onEvent?: (event: EmrEvent) => void;
}

/** Why a step that did not complete ended, with what its logs say. */
export interface StepFailure {
  state: string;
  failureDetails?: { reason?: string; message?: string; logFile?: string };
  cluster?: { state?: string; reasonCode?: string; reason?: string };
  /** the folder the step's logs go to, when the cluster has a LogUri */
  logFolder?: string;
  logs: LogFile[];
  cause?: ProbableCause;
  cancelRequested: boolean;
}

export type EmrRunOutcome =
  | { kind: "completed"; clusterId: string; stepId: string; result?: ResultSet; resultFiles: string[]; elapsedMs: number }
  | { kind: "failed"; clusterId: string; stepId: string; failure: StepFailure; elapsedMs: number }
  | { kind: "detached"; clusterId: string; stepId: string }
  | { kind: "timeout"; clusterId: string; stepId: string; state: string; elapsedMs: number };

/**
 * Carries out a plan: uploads the script (a Buffer body, so no chunked upload), adds the step (or
 * starts the cluster with it), waits, then reads the answer or diagnoses the failure from the logs.
 *
 * @example
 *   const plan = planEmrRun({ runId: "r1", title: "query q", script, staging: "s3://st/th", target: { kind: "existing", clusterId: "j-1" } });
 *   const outcome = await executeEmrPlan(clients, plan, { clock: systemClock(), poll: DEFAULT_POLL, logs: DEFAULT_LOG_WAIT });
 */
export async function executeEmrPlan(clients: EmrRunClients, plan: EmrRunPlan, options: ExecuteOptions): Promise<EmrRunOutcome> {
  const emit = options.onEvent ?? (() => {});
  const body = Buffer.from(plan.script, "utf8");
  await clients.s3.send(new PutObjectCommand({ ...plan.upload, Body: body, ContentLength: body.length }));
  emit({ kind: "uploaded", uri: plan.scriptUri, bytes: body.length });

  const { clusterId, stepId } = await submit(clients, plan, emit);
  emit({ kind: "step-added", clusterId, stepId, name: plan.request.input.Steps[0]?.Name ?? "" });
  if (options.detach) return { kind: "detached", clusterId, stepId };

  const started = options.clock.now();
  const waited = await waitForStep(clients.emr, { clusterId, stepId }, { poll: options.poll, clock: options.clock, cancel: options.cancel, onEvent: emit });
  let cluster = waited.cluster;
  // A cluster started for this run ends with its step: show it ending (and why), it is what costs money.
  if (plan.request.operation === "RunJobFlow" && waited.kind === "final") {
    cluster = (await waitForClusterEnd(clients.emr, clusterId, { poll: options.poll, clock: options.clock, onEvent: emit, knownState: cluster?.Status?.State })) ?? cluster;
  }
  const elapsedMs = options.clock.now() - started;
  if (waited.kind === "timeout") return { kind: "timeout", clusterId, stepId, state: waited.step.Status?.State ?? "UNKNOWN", elapsedMs };
  if (waited.step.Status?.State === "COMPLETED") {
    if (plan.resultsUri === undefined || plan.columns === undefined) return { kind: "completed", clusterId, stepId, resultFiles: [], elapsedMs };
    const { result, files } = await readStepResults(clients.s3, plan.resultsUri, plan.columns);
    emit({ kind: "results-read", uri: plan.resultsUri, files: files.length, rows: result.rows.length });
    return { kind: "completed", clusterId, stepId, result, resultFiles: files, elapsedMs };
  }
  // Only a FAILED step is worth waiting minutes for: a cancelled or interrupted one is explained by
  // the request or the cluster's state, so its logs get one look.
  const logs = waited.step.Status?.State === "FAILED" ? options.logs : { ...options.logs, waitMs: 0 };
  const failure = await diagnoseStep(clients, { clusterId, step: waited.step, cluster }, { ...options, logs });
  return { kind: "failed", clusterId, stepId, failure: { ...failure, cancelRequested: waited.cancelRequested }, elapsedMs };
}

async function submit(clients: EmrRunClients, plan: EmrRunPlan, emit: (e: EmrEvent) => void): Promise<{ clusterId: string; stepId: string }> {
  const request = plan.request;
  switch (request.operation) {
    case "AddJobFlowSteps": {
      const res = await clients.emr.send(new AddJobFlowStepsCommand(request.input));
      const stepId = res.StepIds?.[0];
      if (stepId === undefined) throw new TrailhiveError("EMR_NO_STEP_ID", { problem: "add-steps", clusterId: request.input.JobFlowId });
      return { clusterId: request.input.JobFlowId, stepId };
    }
    case "RunJobFlow": {
      const res = await clients.emr.send(new RunJobFlowCommand(request.input));
      const clusterId = res.JobFlowId;
      if (clusterId === undefined) throw new TrailhiveError("EMR_NO_CLUSTER_ID", {});
      emit({ kind: "cluster-started", clusterId });
      // RunJobFlow does not return step ids; the cluster has exactly the step we gave it.
      const steps = await clients.emr.send(new ListStepsCommand({ ClusterId: clusterId }));
      const stepId = steps.Steps?.find((s) => s.Name === request.input.Steps[0]?.Name)?.Id;
      if (stepId === undefined) throw new TrailhiveError("EMR_NO_STEP_ID", { problem: "not-listed", clusterId, stepName: request.input.Steps[0]?.Name });
      return { clusterId, stepId };
    }
  }
}

/**
 * FailureDetails, the cluster's state, and the probable cause from the step's logs (waited for, since
 * EMR pushes them minutes after the step ends). Also used by `trailhive logs`.
 *
 * @example
 *   const failure = await diagnoseStep(clients, { clusterId: "j-1", step }, { clock, logs: DEFAULT_LOG_WAIT });
 */
export async function diagnoseStep(
  clients: EmrRunClients,
  target: { clusterId: string; step: Step; cluster?: Cluster },
  options: { clock: Clock; logs: { waitMs: number; intervalMs: number }; onEvent?: (e: EmrEvent) => void },
): Promise<Omit<StepFailure, "cancelRequested">> {
  const cluster = target.cluster ?? (await clients.emr.send(new DescribeClusterCommand({ ClusterId: target.clusterId }))).Cluster;
  const details = target.step.Status?.FailureDetails;
  const reason = cluster?.Status?.StateChangeReason;
  const base = {
    state: target.step.Status?.State ?? "UNKNOWN",
    ...(details ? { failureDetails: { reason: details.Reason, message: details.Message, logFile: details.LogFile } } : {}),
    cluster: { state: cluster?.Status?.State, reasonCode: reason?.Code, reason: reason?.Message },
  };
  if (cluster?.LogUri === undefined || target.step.Id === undefined) return { ...base, logs: [] };
  const { folder, logs } = await fetchStepLogs(clients.s3, cluster.LogUri, target.clusterId, target.step.Id, { clock: options.clock, ...options.logs, onEvent: options.onEvent });
  return { ...base, logFolder: folder, logs, cause: probableCause(logs) };
}
