import { CancelStepsCommand, DescribeClusterCommand, DescribeStepCommand, type Cluster, type EMRClient, type Step, type StepState } from "@aws-sdk/client-emr";
import type { Clock } from "./clock.js";
import type { EmrEvent } from "./emr-event.js";

/** Step states after which nothing more happens. */
export const FINAL_STEP_STATES: readonly StepState[] = ["COMPLETED", "FAILED", "CANCELLED", "INTERRUPTED"];
const TERMINATED = ["TERMINATED", "TERMINATED_WITH_ERRORS"];

export interface PollOptions {
  /** first wait between polls, ms */
  intervalMs: number;
  /** the wait doubles after each poll up to this, ms */
  maxIntervalMs: number;
  /** give up waiting (the step keeps running) after this, ms */
  timeoutMs: number;
}

export interface WaitOptions {
  poll: PollOptions;
  clock: Clock;
  /** aborted when the user asks to cancel (Ctrl-C): the loop sends CancelSteps once and keeps waiting */
  cancel?: AbortSignal;
  onEvent?: (event: EmrEvent) => void;
}

export type WaitOutcome = { kind: "final"; step: Step; cluster?: Cluster; cancelRequested: boolean } | { kind: "timeout"; step: Step; cluster?: Cluster };

/**
 * Polls DescribeStep (and DescribeCluster, to see a cluster that dies under the step) with exponential
 * backoff until the step is final or the timeout passes, reporting every state change and every poll.
 *
 * @example
 *   const out = await waitForStep(emr, { clusterId: "j-1", stepId: "s-1" }, { poll: DEFAULT_POLL, clock: systemClock() });
 *   if (out.kind === "final") console.log(out.step.Status?.State);
 */
export async function waitForStep(emr: EMRClient, ids: { clusterId: string; stepId: string }, options: WaitOptions): Promise<WaitOutcome> {
  const { clock, poll } = options;
  const emit = options.onEvent ?? (() => {});
  const started = clock.now();
  let interval = poll.intervalMs;
  let lastStep: string | undefined;
  let lastCluster: string | undefined;
  let cancelRequested = false;
  let pollsAfterTermination = 0;
  for (;;) {
    if (options.cancel?.aborted && !cancelRequested) {
      cancelRequested = true;
      const res = await emr.send(new CancelStepsCommand({ ClusterId: ids.clusterId, StepIds: [ids.stepId], StepCancellationOption: "SEND_INTERRUPT" }));
      const info = res.CancelStepsInfoList?.[0];
      emit({ kind: "cancel-requested", stepId: ids.stepId, status: info?.Status ?? "UNKNOWN", reason: info?.Reason });
    }
    const { Step: step } = await emr.send(new DescribeStepCommand({ ClusterId: ids.clusterId, StepId: ids.stepId }));
    const { Cluster: cluster } = await emr.send(new DescribeClusterCommand({ ClusterId: ids.clusterId }));
    const elapsedMs = clock.now() - started;
    const stepState = step?.Status?.State ?? "PENDING";
    const clusterState = cluster?.Status?.State;
    if (clusterState !== undefined && clusterState !== lastCluster) {
      lastCluster = clusterState;
      const reason = cluster?.Status?.StateChangeReason;
      emit({ kind: "cluster-state", clusterId: ids.clusterId, state: clusterState, reasonCode: reason?.Code, reason: reason?.Message, elapsedMs });
    }
    if (stepState !== lastStep) {
      lastStep = stepState;
      emit({ kind: "step-state", stepId: ids.stepId, state: stepState, elapsedMs });
    }
    emit({ kind: "poll", stepId: ids.stepId, state: stepState, elapsedMs });
    if (step && FINAL_STEP_STATES.includes(stepState)) return { kind: "final", step, cluster, cancelRequested };
    // A terminated cluster runs nothing more; EMR marks the step a moment later, so allow two polls.
    if (clusterState !== undefined && TERMINATED.includes(clusterState) && ++pollsAfterTermination > 2) {
      return { kind: "final", step: { ...step, Status: { ...step?.Status, State: "INTERRUPTED" } }, cluster, cancelRequested };
    }
    if (elapsedMs >= poll.timeoutMs) return { kind: "timeout", step: step ?? {}, cluster };
    // Ctrl-C wakes the sleep so CancelSteps goes out at once; after that, plain waits.
    await clock.sleep(Math.min(interval, Math.max(0, poll.timeoutMs - elapsedMs)), cancelRequested ? undefined : options.cancel);
    interval = Math.min(interval * 2, poll.maxIntervalMs);
  }
}

/**
 * After the last step of a transient cluster: polls DescribeCluster (same backoff) until the cluster
 * has terminated, so the user sees it end and why (`ALL_STEPS_COMPLETED`, or an error), or the timeout.
 *
 * @example
 *   const cluster = await waitForClusterEnd(emr, "j-1", { poll: DEFAULT_POLL, clock: systemClock() });
 */
export async function waitForClusterEnd(
  emr: EMRClient,
  clusterId: string,
  options: Omit<WaitOptions, "cancel"> & { /** the state already reported, not repeated */ knownState?: string },
): Promise<Cluster | undefined> {
  const { clock, poll } = options;
  const started = clock.now();
  let interval = poll.intervalMs;
  let last = options.knownState;
  for (;;) {
    const { Cluster: cluster } = await emr.send(new DescribeClusterCommand({ ClusterId: clusterId }));
    const state = cluster?.Status?.State;
    const elapsedMs = clock.now() - started;
    if (state !== undefined && state !== last) {
      last = state;
      const reason = cluster?.Status?.StateChangeReason;
      options.onEvent?.({ kind: "cluster-state", clusterId, state, reasonCode: reason?.Code, reason: reason?.Message, elapsedMs });
    }
    if (state === undefined || TERMINATED.includes(state) || elapsedMs >= poll.timeoutMs) return cluster;
    await clock.sleep(Math.min(interval, poll.timeoutMs - elapsedMs));
    interval = Math.min(interval * 2, poll.maxIntervalMs);
  }
}
