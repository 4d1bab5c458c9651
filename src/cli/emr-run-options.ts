import type { TemplateArgs } from "./template-options.js";
import type { Argv } from "yargs";
import { DEFAULT_LOG_WAIT, DEFAULT_POLL } from "../emr/emr-defaults.js";
import { actionsOnFailure } from "../emr/hive-step.js";
import { DEFAULT_NEW_CLUSTER, type NewClusterOptions } from "../emr/plan-emr-run.js";
import { TrailhiveError } from "../errors.js";
import type { ResultFormat } from "../output/format-results.js";
import { parseKeyValues } from "../values/key-values.js";
import { withAwsOptions, type AwsArgs } from "./aws-options.js";
import type { GlobalArgs } from "./io.js";

/** EMR options of `trailhive run`. */
export interface EmrRunArgs extends AwsArgs {
  cluster?: string;
  "new-cluster"?: boolean;
  staging?: string;
  location?: string;
  accounts?: string[];
  regions?: string[];
  "action-on-failure"?: (typeof actionsOnFailure)[number];
  detach?: boolean;
  "dry-run"?: boolean;
  "run-id"?: string;
  "release-label"?: string;
  "instance-type"?: string;
  "instance-count"?: number;
  subnet?: string;
  "service-role"?: string;
  "job-flow-role"?: string;
  "log-uri"?: string;
  tag?: string[];
  "poll-interval"?: number;
  "max-poll-interval"?: number;
  timeout?: number;
  "log-wait"?: number;
  "log-poll-interval"?: number;
}

export function withEmrRunOptions<T>(y: Argv<T>): Argv<T & EmrRunArgs> {
  return withAwsOptions(y)
    .option("cluster", { type: "string", describe: "run on this EMR cluster (j-...)" })
    .option("new-cluster", { type: "boolean", describe: "run on a new transient EMR cluster that ends with the step" })
    .option("staging", { type: "string", describe: "EMR: s3://bucket/prefix for the script, the answer and new clusters' logs" })
    .option("location", { type: "string", describe: "EMR: s3:// folder holding AWSLogs/ (default: the first logs argument)" })
    .option("accounts", { type: "array", string: true, describe: "only these account ids (EMR: default, every account found)" })
    .option("regions", { type: "array", string: true, describe: "only these regions (EMR: default, every region found)" })
    .option("action-on-failure", { choices: actionsOnFailure, describe: "EMR: what the cluster does when the step fails (default CONTINUE)" })
    .option("detach", { type: "boolean", describe: "EMR: return once the step is added; follow it with trailhive status/logs" })
    .option("dry-run", { type: "boolean", describe: "EMR: print the script and the API requests as JSON; call nothing" })
    .option("run-id", { type: "string", describe: "EMR: name of this run's script and results folder (default: time + random)" })
    .option("release-label", { type: "string", describe: `new cluster: EMR release (default ${DEFAULT_NEW_CLUSTER.releaseLabel})` })
    .option("instance-type", { type: "string", describe: `new cluster: instance type (default ${DEFAULT_NEW_CLUSTER.instanceType})` })
    .option("instance-count", { type: "number", describe: "new cluster: instances, master included (default 1)" })
    .option("subnet", { type: "string", describe: "new cluster: EC2 subnet id" })
    .option("service-role", { type: "string", describe: `new cluster: service role (default ${DEFAULT_NEW_CLUSTER.serviceRole})` })
    .option("job-flow-role", { type: "string", describe: `new cluster: instance profile (default ${DEFAULT_NEW_CLUSTER.jobFlowRole})` })
    .option("log-uri", { type: "string", describe: "new cluster: LogUri (default <staging>/logs/)" })
    .option("tag", { type: "array", string: true, describe: "new cluster: tag KEY=VALUE" })
    .option("poll-interval", { type: "number", describe: `EMR: seconds before the first status poll, doubling (default ${DEFAULT_POLL.intervalMs / 1000})` })
    .option("max-poll-interval", { type: "number", describe: `EMR: longest wait between polls, seconds (default ${DEFAULT_POLL.maxIntervalMs / 1000})` })
    .option("timeout", { type: "number", describe: `EMR: stop waiting after this many seconds (default ${DEFAULT_POLL.timeoutMs / 1000}); the step goes on` })
    .option("log-wait", { type: "number", describe: `EMR: seconds to wait for a failed step's logs (default ${DEFAULT_LOG_WAIT.waitMs / 1000})` })
    .option("log-poll-interval", { type: "number", describe: `EMR: seconds between looks for the logs (default ${DEFAULT_LOG_WAIT.intervalMs / 1000})` }) as Argv<T & EmrRunArgs>;
}

/** What `run` parsed, as far as the EMR path needs it. */
export interface RunArgs extends EmrRunArgs, GlobalArgs, TemplateArgs {
  logs?: string[];
  query?: string;
  param: string[];
  file?: string;
  format?: ResultFormat;
  flavor?: string;
  table?: string;
  schema?: string;
}

/** Seconds from a flag as ms; a flag given twice counts once, the last one winning (yargs makes an array). */
export function seconds(value: number | number[] | undefined, fallbackMs: number): number {
  const v = Array.isArray(value) ? value.at(-1) : value;
  if (v === undefined) return fallbackMs;
  if (!Number.isFinite(v) || v < 0) throw new TrailhiveError("USAGE_BAD_SECONDS", { value: Array.isArray(value) ? value : v });
  return v * 1000;
}

/** The new cluster's settings from its flags, with the defaults of DEFAULT_NEW_CLUSTER. */
export function newClusterOptions(args: RunArgs): NewClusterOptions {
  const tags = parseKeyValues(args.tag ?? [], "--tag", "KEY=VALUE");
  const count = args["instance-count"] ?? DEFAULT_NEW_CLUSTER.instanceCount;
  if (!Number.isInteger(count) || count < 1) throw new TrailhiveError("USAGE_BAD_COUNT", { count });
  return {
    releaseLabel: args["release-label"] ?? DEFAULT_NEW_CLUSTER.releaseLabel,
    instanceType: args["instance-type"] ?? DEFAULT_NEW_CLUSTER.instanceType,
    instanceCount: count,
    subnetId: args.subnet,
    serviceRole: args["service-role"] ?? DEFAULT_NEW_CLUSTER.serviceRole,
    jobFlowRole: args["job-flow-role"] ?? DEFAULT_NEW_CLUSTER.jobFlowRole,
    logUri: args["log-uri"],
    tags,
  };
}
