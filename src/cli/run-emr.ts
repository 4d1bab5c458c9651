import { randomBytes } from "node:crypto";
import { readFileSync } from "node:fs";
import path from "node:path";
import type { Argv } from "yargs";
import type { AwsClients } from "../aws/aws-clients.js";
import { describeFailure } from "../emr/describe-failure.js";
import { discoverPartitions } from "../partitions/discover-partitions.js";
import { sortPartitions, type PartitionRef } from "../partitions/render-partitions.js";
import { openStore } from "../source/resolve-sources.js";
import { validateSampleOptions } from "../source/sampler.js";
import { sampleOptionsFrom, type SourceArgs } from "./source-options.js";
import { createSourceStats } from "../source/source-stats.js";
import { assertNever, ExitCode, TrailhiveError } from "../errors.js";
import { defaultFormat, formatResults, type ResultFormat } from "../output/format-results.js";
import { DEFAULT_RANGE_DAYS, withDefaultRange } from "../queries/default-range.js";
import { emrSchema, type EmrSchemaArgs } from "./emr-schema.js";
import { getQuery, loadLibrary } from "../queries/library.js";
import { emrPartitionRange, renderEmrQuery } from "../emr/render-emr-query.js";
import { formatElapsed, systemClock, type Clock } from "../emr/clock.js";
import type { EmrEvent } from "../emr/emr-event.js";
import { explainAwsError } from "../emr/explain-aws-error.js";
import { executeEmrPlan, type EmrRunOutcome } from "../emr/execute-emr-plan.js";
import { DEFAULT_LOG_WAIT } from "../emr/fetch-step-logs.js";
import { actionsOnFailure } from "../emr/hive-step.js";
import { DEFAULT_NEW_CLUSTER, planEmrRun, stagingLayout, type EmrRunPlan } from "../emr/plan-emr-run.js";
import { assumedPartitions } from "../emr/assumed-partitions.js";
import { DEFAULT_POLL } from "../emr/wait-for-step.js";
import type { GlobalArgs, Terminal } from "./io.js";

/** AWS options shared by `run` on EMR, `status` and `logs` (the AWS CLI's names and meanings). */
import { withAwsOptions, awsClientsFrom, type AwsArgs } from "./aws-options.js";
import { parseKeyValues } from "../values/key-values.js";
import { DEFAULT_TABLE } from "../config/trailhive-config.js";

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
export interface RunArgs extends EmrRunArgs, GlobalArgs {
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
function seconds(value: number | number[] | undefined, fallbackMs: number): number {
  const v = Array.isArray(value) ? value.at(-1) : value;
  if (v === undefined) return fallbackMs;
  if (!Number.isFinite(v) || v < 0) throw new TrailhiveError("USAGE_BAD_SECONDS", `a time in seconds must be a number from 0, not ${JSON.stringify(value)}`);
  return v * 1000;
}

export async function runOnEmr(rawArgs: EmrRunArgs, term: Terminal, clock: Clock = systemClock()): Promise<ExitCode> {
  const args = rawArgs as RunArgs;
  if (args.cluster !== undefined && args["new-cluster"]) throw new TrailhiveError("USAGE_CONFLICT", "give either --cluster ID or --new-cluster, not both");
  if (args.staging === undefined) throw new TrailhiveError("USAGE_NO_STAGING", "running on EMR needs --staging s3://bucket/prefix for the script and the answer");
  const runId = args["run-id"] ?? newRunId(clock);
  if (!/^[A-Za-z0-9][A-Za-z0-9._-]*$/.test(runId)) throw new TrailhiveError("USAGE_BAD_RUN_ID", `--run-id ${JSON.stringify(runId)} may hold only letters, digits, '.', '_' and '-'`);
  // the sampling flags mean what they mean locally, checked before anything is called (a dry run too)
  // (run's builder gives both paths the source options: local-run's withSourceOptions)
  validateSampleOptions(sampleOptionsFrom(rawArgs as unknown as SourceArgs));
  const params = parseKeyValues(args.param ?? [], "--param");
  const clients = args["dry-run"] ? undefined : awsClientsFrom(args, term);
  try {
    const plan = await buildPlan(args, params, runId, term, clients, clock).catch((error: unknown) => {
      throw explainAwsError(error, "listing the trail's folders in S3");
    });
    if (args["dry-run"]) return printDryRun(plan, args, term);
    const say = args.quiet ? () => {} : (line: string) => term.stderr.write(line + "\n");
    const cancel = new AbortController();
    const onSigint = () => {
      say("trailhive: Ctrl-C: asking EMR to cancel the step (Ctrl-C again to stop waiting; the step may go on)");
      cancel.abort();
    };
    if (!args.detach) process.once("SIGINT", onSigint);
    const progress = progressPrinter(term, args.quiet);
    let outcome: EmrRunOutcome;
    try {
      outcome = await executeEmrPlan(clients as AwsClients, plan, {
        clock,
        detach: args.detach,
        cancel: cancel.signal,
        poll: {
          intervalMs: seconds(args["poll-interval"], DEFAULT_POLL.intervalMs),
          maxIntervalMs: seconds(args["max-poll-interval"], DEFAULT_POLL.maxIntervalMs),
          timeoutMs: seconds(args.timeout, DEFAULT_POLL.timeoutMs),
        },
        logs: { waitMs: seconds(args["log-wait"], DEFAULT_LOG_WAIT.waitMs), intervalMs: seconds(args["log-poll-interval"], DEFAULT_LOG_WAIT.intervalMs) },
        onEvent: progress.onEvent,
      });
    } catch (error) {
      throw explainAwsError(error, "the EMR run");
    } finally {
      progress.done();
      process.removeListener("SIGINT", onSigint);
    }
    return printOutcome(outcome, args, term);
  } finally {
    clients?.destroy();
  }
}

/** `20261126T100102Z-3fa9`: sortable by start time, unique enough for one staging prefix. */
function newRunId(clock: Clock): string {
  const iso = new Date(clock.now()).toISOString();
  return iso.replace(/[-:]/g, "").replace(/\.\d+Z$/, "Z") + "-" + randomBytes(2).toString("hex");
}

async function buildPlan(args: RunArgs, params: Record<string, string>, runId: string, term: Terminal, clients: AwsClients | undefined, clock: Clock): Promise<EmrRunPlan> {
  const staging = args.staging as string;
  const target = args.cluster !== undefined ? { kind: "existing" as const, clusterId: args.cluster } : { kind: "new" as const, cluster: newClusterOptions(args) };
  const common = { runId, staging, target, actionOnFailure: args["action-on-failure"] };
  if (args.file !== undefined) {
    // A user's own script runs as written; --param values become hive -d variables (${KEY} in the script).
    const file = path.resolve(term.cwd, args.file);
    const script = readText(file, "-f");
    return planEmrRun({ ...common, title: `script ${path.basename(file)}`, script, variables: params });
  }
  const table = args.table ?? DEFAULT_TABLE;
  const location = (args.location ?? args.logs?.[0])?.replace(/\/+$/, "");
  if (location === undefined || !location.startsWith("s3://")) {
    throw new TrailhiveError("USAGE_NO_LOCATION", "on EMR the table reads the logs from S3: give --location s3://bucket/prefix (the folder holding AWSLogs/)");
  }
  // The query and its parameters first: a bad day is named as such, before any file is read.
  const query = getQuery(loadLibrary(), args.query ?? "");
  // No days given: the last 7, as --days does when sampling (said, so the answer's scope is plain).
  const ranged = withDefaultRange(query, params, new Date(clock.now()).toISOString().slice(0, 10));
  params = ranged.params;
  if (ranged.filled && !args.quiet) term.stderr.write(`trailhive: no --param from/to: the last ${DEFAULT_RANGE_DAYS} days, ${params.from} to ${params.to}\n`);
  const range = emrPartitionRange({ query, params, flavor: args.flavor });
  const schema = await emrSchema(args as unknown as EmrSchemaArgs, location, term);
  const partitions = range === undefined ? undefined : await partitionsOf(location, range, args, term, clients);
  const resultsUri = stagingLayout(staging, runId).resultsUri;
  const { title, script, columns, warnings } = renderEmrQuery({
    schema,
    query,
    params,
    table,
    location,
    flavor: args.flavor,
    partitions,
    resultsUri,
  });
  if (!args.quiet) for (const w of warnings) term.stderr.write(`trailhive: warning: ${w.message}\n`);
  return planEmrRun({ ...common, title, script, columns });
}

/**
 * The partitions the script adds: the day folders that exist in the range, found by
 * `discoverPartitions` (one delimiter listing per level, only the range's years and months, in the
 * trail bucket's own region so no listing is redirected). `--dry-run` lists nothing: it shows every
 * day of the named --accounts x --regions instead, and says so.
 */
async function partitionsOf(location: string, range: { from: string; to: string }, args: RunArgs, term: Terminal, clients: AwsClients | undefined): Promise<PartitionRef[] | undefined> {
  const say = (line: string) => {
    if (!args.quiet) term.stderr.write(`trailhive: ${line}\n`);
  };
  if (clients === undefined) {
    if (args.accounts === undefined || args.regions === undefined) return undefined;
    say(`--dry-run lists nothing: the script adds every day from ${range.from} to ${range.to} of the named accounts and regions; a run adds only the day folders that exist`);
    return assumedPartitions(location, { accounts: args.accounts, regions: args.regions, ...range });
  }
  const stats = createSourceStats();
  const store = await openStore(location, { stats, s3Client: (region) => clients.s3In(region) });
  const found = await discoverPartitions(store, { ...range, accounts: args.accounts, regions: args.regions });
  const { unique, duplicates } = sortPartitions(found.partitions);
  for (const d of duplicates) {
    say(`${d.account} ${d.region} ${d.year}-${d.month}-${d.day} is also at ${d.location}: a partition has one location, the first one is kept`);
  }
  say(`${unique.length} day folder${unique.length === 1 ? "" : "s"} from ${range.from} to ${range.to} under ${location} (${stats.listRequests} LIST, ${stats.headRequests ?? 0} HEAD)`);
  return unique;
}

function newClusterOptions(args: RunArgs) {
  const tags = parseKeyValues(args.tag ?? [], "--tag", "KEY=VALUE");
  const count = args["instance-count"] ?? DEFAULT_NEW_CLUSTER.instanceCount;
  if (!Number.isInteger(count) || count < 1) throw new TrailhiveError("USAGE_BAD_COUNT", `--instance-count must be a whole number from 1, not ${count}`);
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

function readText(file: string, what: string): string {
  try {
    return readFileSync(file, "utf8");
  } catch (error) {
    throw new TrailhiveError("USAGE_NO_FILE", `cannot read ${what} ${file}: ${(error as Error).message}`, { file });
  }
}

function printDryRun(plan: EmrRunPlan, args: RunArgs, term: Terminal): ExitCode {
  const requests = [
    { operation: "PutObject", input: { ...plan.upload, Body: plan.script } },
    { operation: plan.request.operation, input: plan.request.input },
  ];
  if (args.json) {
    term.stdout.write(JSON.stringify({ runId: plan.runId, scriptUri: plan.scriptUri, resultsUri: plan.resultsUri ?? null, script: plan.script, requests }, null, 2) + "\n");
    return ExitCode.ok;
  }
  // In text the script is printed once, above; --json carries it in the PutObject Body as sent.
  const shown = requests.map((r) => (r.operation === "PutObject" ? { ...r, input: { ...r.input, Body: `<the script above: ${Buffer.byteLength(plan.script)} bytes of UTF-8>` } } : r));
  term.stdout.write(`-- ${plan.scriptUri}\n${plan.script}\n-- API requests (nothing was sent):\n${JSON.stringify(shown, null, 2)}\n`);
  return ExitCode.ok;
}

/** Progress on stderr: every state change as a line; on a terminal, a redrawn "still RUNNING" line. */
function progressPrinter(term: Terminal, quiet: boolean): { onEvent: (event: EmrEvent) => void; done: () => void } {
  if (quiet) return { onEvent: () => {}, done: () => {} };
  const tty = term.stderr.isTTY === true;
  let redrawn = false;
  const line = (text: string) => {
    if (redrawn) term.stderr.write("\r\x1b[2K");
    redrawn = false;
    term.stderr.write(text + "\n");
  };
  const done = () => {
    if (redrawn) term.stderr.write("\r\x1b[2K");
    redrawn = false;
  };
  const onEvent = (e: EmrEvent): void => {
    switch (e.kind) {
      case "uploaded":
        return line(`uploaded ${e.uri} (${e.bytes} bytes)`);
      case "cluster-started":
        return line(`started cluster ${e.clusterId}`);
      case "step-added":
        return line(`added step ${e.stepId} to ${e.clusterId}: ${e.name}`);
      case "cluster-state":
        return line(`cluster ${e.clusterId} ${e.state}${e.reasonCode || e.reason ? ` (${[e.reasonCode, e.reason].filter(Boolean).join(": ")})` : ""} [${formatElapsed(e.elapsedMs)}]`);
      case "step-state":
        return line(`step ${e.stepId} ${e.state} [${formatElapsed(e.elapsedMs)}]`);
      case "poll":
        if (tty) {
          term.stderr.write(`\r\x1b[2Kstep ${e.stepId} ${e.state} ${formatElapsed(e.elapsedMs)}`);
          redrawn = true;
        }
        return;
      case "cancel-requested":
        return line(`cancel of ${e.stepId}: ${e.status}${e.reason ? ` (${e.reason})` : ""}`);
      case "logs-waiting":
        return line(`waiting for the step's logs at ${e.uri} (look ${e.attempt}, ${formatElapsed(e.elapsedMs)}): EMR uploads them minutes after the step ends`);
      case "results-read":
        return line(`read ${e.rows} row${e.rows === 1 ? "" : "s"} from ${e.files} file${e.files === 1 ? "" : "s"} in ${e.uri}`);
      default:
        return assertNever(e, "EMR event");
    }
  };
  return { onEvent, done };
}

function printOutcome(outcome: EmrRunOutcome, args: RunArgs, term: Terminal): ExitCode {
  switch (outcome.kind) {
    case "completed": {
      if (outcome.result !== undefined) term.stdout.write(formatResults(outcome.result, args.format ?? defaultFormat(term.stdout.isTTY)));
      else if (!args.quiet) term.stderr.write(`step ${outcome.stepId} COMPLETED; a -f script's output stays where the script wrote it\n`);
      return ExitCode.ok;
    }
    case "detached":
      if (args.json) term.stdout.write(JSON.stringify({ clusterId: outcome.clusterId, stepId: outcome.stepId }) + "\n");
      else term.stdout.write(`${outcome.clusterId} ${outcome.stepId}\n`);
      if (!args.quiet) term.stderr.write(`follow it with: trailhive status ${outcome.clusterId} ${outcome.stepId}   (logs: trailhive logs ${outcome.clusterId} ${outcome.stepId})\n`);
      return ExitCode.ok;
    case "timeout":
      term.stderr.write(
        `trailhive: gave up waiting after ${formatElapsed(outcome.elapsedMs)}; step ${outcome.stepId} is ${outcome.state} and goes on: trailhive status ${outcome.clusterId} ${outcome.stepId}\n`,
      );
      return ExitCode.no;
    case "failed":
      if (args.json) term.stdout.write(JSON.stringify({ clusterId: outcome.clusterId, stepId: outcome.stepId, ...outcome.failure }, null, 2) + "\n");
      term.stderr.write(describeFailure(outcome.clusterId, outcome.stepId, outcome.failure, outcome.elapsedMs));
      return ExitCode.no;
    default:
      return assertNever(outcome, "EMR run outcome");
  }
}
