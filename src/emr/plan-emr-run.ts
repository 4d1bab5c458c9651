import type { AddJobFlowStepsCommandInput, RunJobFlowCommandInput, StepConfig } from "@aws-sdk/client-emr";
import { hiveStep, type actionsOnFailure } from "./hive-step.js";
import { joinKey, parseS3Uri, s3Uri } from "../values/s3-uri.js";

/** Default release: a concrete label (docs/ARCHITECTURE.md, Decisions), the newest emr-7 at the time of writing. */
export const DEFAULT_RELEASE_LABEL = "emr-7.12.0";

export interface NewClusterOptions {
  releaseLabel: string;
  instanceType: string;
  /** 1 = a single master node that also runs the step */
  instanceCount: number;
  subnetId?: string;
  serviceRole: string;
  jobFlowRole: string;
  /** where EMR pushes cluster and step logs; default `<staging>/logs/` */
  logUri?: string;
  tags: Record<string, string>;
}

export const DEFAULT_NEW_CLUSTER: NewClusterOptions = {
  releaseLabel: DEFAULT_RELEASE_LABEL,
  instanceType: "m5.xlarge",
  instanceCount: 1,
  serviceRole: "EMR_DefaultRole",
  jobFlowRole: "EMR_EC2_DefaultRole",
  tags: {},
};

/**
 * Where one run's files go under `--staging s3://bucket/prefix`: the script at
 * `<prefix>/scripts/<run-id>.q`, the answer in `<prefix>/results/<run-id>/` (fresh per run, so
 * INSERT OVERWRITE never replaces an earlier answer), new clusters' logs under `<prefix>/logs/`.
 *
 * @example
 *   stagingLayout("s3://st/th", "r1").resultsUri  // "s3://st/th/results/r1/"
 */
export function stagingLayout(staging: string, runId: string): { scriptUri: string; resultsUri: string; logUri: string } {
  const at = parseS3Uri(staging, "--staging");
  return {
    scriptUri: s3Uri({ bucket: at.bucket, key: joinKey(at.key, "scripts", `${runId}.q`) }),
    resultsUri: s3Uri({ bucket: at.bucket, key: joinKey(at.key, "results", runId) + "/" }),
    logUri: s3Uri({ bucket: at.bucket, key: joinKey(at.key, "logs") + "/" }),
  };
}

export interface EmrRunPlanInput {
  runId: string;
  /** what runs, for the step name: `query security-group-changes` or `script audit.hql` */
  title: string;
  script: string;
  staging: string;
  target: { kind: "existing"; clusterId: string } | { kind: "new"; cluster: NewClusterOptions };
  actionOnFailure?: (typeof actionsOnFailure)[number];
  /** `-d KEY=VALUE` for the step */
  variables?: Record<string, string>;
  /** the query's column names; absent for `-f` scripts, whose output is not read back */
  columns?: string[];
}

export type EmrRequest =
  | { operation: "AddJobFlowSteps"; input: AddJobFlowStepsCommandInput & { JobFlowId: string; Steps: StepConfig[] } }
  | { operation: "RunJobFlow"; input: RunJobFlowCommandInput & { Steps: StepConfig[] } };

export interface EmrRunPlan {
  runId: string;
  script: string;
  scriptUri: string;
  /** the PutObject that uploads the script (its Body is the script's UTF-8 bytes) */
  upload: { Bucket: string; Key: string; ContentType: string };
  resultsUri?: string;
  columns?: string[];
  request: EmrRequest;
}

/**
 * Everything a run will send, decided before anything is sent: `--dry-run` prints it, the real run
 * executes it. Pure and deterministic for a given run id.
 *
 * @example
 *   planEmrRun({ runId: "r1", title: "query q", script, staging: "s3://st/th", target: { kind: "existing", clusterId: "j-1" } })
 *     .request  // { operation: "AddJobFlowSteps", input: { JobFlowId: "j-1", Steps: [ ...command-runner.jar... ] } }
 */
export function planEmrRun(input: EmrRunPlanInput): EmrRunPlan {
  const layout = stagingLayout(input.staging, input.runId);
  const script = parseS3Uri(layout.scriptUri);
  const step = hiveStep({
    name: `trailhive ${input.title} (run ${input.runId})`,
    scriptUri: layout.scriptUri,
    variables: input.variables,
    actionOnFailure: input.actionOnFailure,
  });
  let request: EmrRequest;
  if (input.target.kind === "existing") {
    request = { operation: "AddJobFlowSteps", input: { JobFlowId: input.target.clusterId, Steps: [step] } };
  } else {
    const c = input.target.cluster;
    const tags: Record<string, string> = { "trailhive:run-id": input.runId, ...c.tags };
    request = {
      operation: "RunJobFlow",
      input: {
        Name: `trailhive ${input.runId}`,
        ReleaseLabel: c.releaseLabel,
        Applications: [{ Name: "Hive" }],
        LogUri: c.logUri ?? layout.logUri,
        ServiceRole: c.serviceRole,
        JobFlowRole: c.jobFlowRole,
        VisibleToAllUsers: true,
        Instances: {
          MasterInstanceType: c.instanceType,
          ...(c.instanceCount > 1 ? { SlaveInstanceType: c.instanceType } : {}),
          InstanceCount: c.instanceCount,
          ...(c.subnetId !== undefined ? { Ec2SubnetId: c.subnetId } : {}),
          KeepJobFlowAliveWhenNoSteps: false,
          TerminationProtected: false,
        },
        Steps: [step],
        Tags: Object.keys(tags)
          .sort()
          .map((Key) => ({ Key, Value: tags[Key] as string })),
      },
    };
  }
  return {
    runId: input.runId,
    script: input.script,
    scriptUri: layout.scriptUri,
    upload: { Bucket: script.bucket, Key: script.key, ContentType: "text/plain; charset=utf-8" },
    ...(input.columns !== undefined ? { resultsUri: layout.resultsUri, columns: input.columns } : {}),
    request,
  };
}
