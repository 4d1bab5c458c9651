import type { ActionOnFailure, StepConfig } from "@aws-sdk/client-emr";

/** What ActionOnFailure accepts, for the CLI's choices. */
export const actionsOnFailure = ["CONTINUE", "CANCEL_AND_WAIT", "TERMINATE_CLUSTER", "TERMINATE_JOB_FLOW"] as const satisfies readonly ActionOnFailure[];

export interface HiveStepOptions {
  /** readable name shown in the console and `aws emr list-steps` */
  name: string;
  /** the uploaded script */
  scriptUri: string;
  /** `-d KEY=VALUE` variables, passed in key order so the request is stable */
  variables?: Record<string, string>;
  /** default CONTINUE, as `aws emr add-steps Type=HIVE` */
  actionOnFailure?: (typeof actionsOnFailure)[number];
}

/**
 * The step `aws emr add-steps --steps Type=HIVE,Args=[-f,s3://...,-d,K=V]` sends for a release-label
 * cluster: `command-runner.jar` running `hive-script --run-hive-script --args` followed by the Hive
 * arguments (the AWS CLI's steputils.build_hive_step).
 *
 * @example
 *   hiveStep({ name: "trailhive: q", scriptUri: "s3://b/s.q" }).HadoopJarStep.Args
 *   // ["hive-script", "--run-hive-script", "--args", "-f", "s3://b/s.q"]
 */
export function hiveStep(options: HiveStepOptions): StepConfig & { HadoopJarStep: { Jar: string; Args: string[] } } {
  const variables = Object.entries(options.variables ?? {}).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return {
    Name: options.name,
    ActionOnFailure: options.actionOnFailure ?? "CONTINUE",
    HadoopJarStep: {
      Jar: "command-runner.jar",
      Args: ["hive-script", "--run-hive-script", "--args", "-f", options.scriptUri, ...variables.flatMap(([k, v]) => ["-d", `${k}=${v}`])],
    },
  };
}
