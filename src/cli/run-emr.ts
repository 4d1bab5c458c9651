import { readFileSync } from "node:fs";
import path from "node:path";
import type { AwsClients } from "../aws/aws-clients.js";
import { DEFAULT_TABLE } from "../config/trailhive-config.js";
import { assumedPartitions } from "../emr/assumed-partitions.js";
import { formatElapsed, systemClock, type Clock } from "../emr/clock.js";
import { describeFailure } from "../emr/describe-failure.js";
import { emrEngine, newRunId } from "../emr/emr-engine.js";
import { explainAwsError } from "../emr/explain-aws-error.js";
import { DEFAULT_LOG_WAIT } from "../emr/fetch-step-logs.js";
import { findDayFolders } from "../emr/find-day-folders.js";
import type { EmrRunPlan } from "../emr/plan-emr-run.js";
import { emrTablePartitioned } from "../emr/render-emr-query.js";
import { DEFAULT_POLL } from "../emr/wait-for-step.js";
import { assertNever, ExitCode, TrailhiveError } from "../errors.js";
import type { InvestigationOutcome } from "../investigation/engine.js";
import { planInvestigation, type InvestigationPlan } from "../investigation/investigation-plan.js";
import { defaultFormat, formatResults } from "../output/format-results.js";
import type { PartitionRef } from "../partitions/render-partitions.js";
import { DEFAULT_RANGE_DAYS, withDefaultRange } from "../queries/default-range.js";
import { getQuery, loadLibrary } from "../queries/library.js";
import { validateSampleOptions } from "../source/sampler.js";
import { parseKeyValues } from "../values/key-values.js";
import { awsClientsFrom } from "./aws-options.js";
import { newClusterOptions, seconds, type EmrRunArgs, type RunArgs } from "./emr-run-options.js";
import { progressPrinter } from "./emr-progress.js";
import { templatesFrom } from "./template-options.js";
import { emrSchema, type EmrSchemaArgs } from "./emr-schema.js";
import type { Terminal } from "./io.js";
import { sampleOptionsFrom, type SourceArgs } from "./source-options.js";

export async function runOnEmr(rawArgs: EmrRunArgs, term: Terminal, clock: Clock = systemClock()): Promise<ExitCode> {
  const args = rawArgs as RunArgs;
  if (args.cluster !== undefined && args["new-cluster"]) throw new TrailhiveError("USAGE_CONFLICT", { conflict: "cluster-and-new-cluster" });
  if (args.staging === undefined) throw new TrailhiveError("USAGE_NO_STAGING", {});
  const runId = args["run-id"] ?? newRunId(clock);
  if (!/^[A-Za-z0-9][A-Za-z0-9._-]*$/.test(runId)) throw new TrailhiveError("USAGE_BAD_RUN_ID", { runId });
  // the sampling flags mean what they mean locally, checked before anything is called (a dry run too)
  // (run's builder gives both paths the source options: local-run's withSourceOptions)
  validateSampleOptions(sampleOptionsFrom(rawArgs as unknown as SourceArgs));
  const params = parseKeyValues(args.param ?? [], "--param");
  const clients = args["dry-run"] ? undefined : awsClientsFrom(args, term);
  const say = args.quiet ? () => {} : (line: string) => term.stderr.write(line + "\n");
  const location = (args.location ?? args.logs?.[0])?.replace(/\/+$/, "");
  const templates = templatesFrom(args, term);
  const cancel = new AbortController();
  const progress = progressPrinter(term, args.quiet);
  const engine = emrEngine(
    {
      staging: args.staging,
      runId,
      target: args.cluster !== undefined ? { kind: "existing", clusterId: args.cluster } : { kind: "new", cluster: newClusterOptions(args) },
      ...(args["action-on-failure"] !== undefined ? { actionOnFailure: args["action-on-failure"] } : {}),
      ...(location !== undefined ? { location } : {}),
      ...(args.flavor !== undefined ? { flavor: args.flavor } : {}),
      partitions: (range) => partitionsOf(location as string, range, args, say, clients),
      onWarning: (w) => say(`trailhive: warning: ${w.message}`),
      ...(templates !== undefined ? { templates } : {}),
    },
    clients === undefined
      ? undefined
      : {
          clients,
          execute: {
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
          },
        },
  );
  try {
    const plan = await planOf(args, params, location, term, clock).catch((error: unknown) => {
      throw explainAwsError(error, "reading the trail in S3");
    });
    if (args["dry-run"]) return printDryRun(await engine.prepare(plan), args, term);
    const onSigint = () => {
      say("trailhive: Ctrl-C: asking EMR to cancel the step (Ctrl-C again to stop waiting; the step may go on)");
      cancel.abort();
    };
    if (!args.detach) process.once("SIGINT", onSigint);
    try {
      // planning lists the trail's folders; running uploads, adds the step and waits: either error is explained
      return printOutcome(await engine.run(plan), args, term);
    } catch (error) {
      throw explainAwsError(error, "the EMR run");
    } finally {
      progress.done();
      process.removeListener("SIGINT", onSigint);
    }
  } finally {
    clients?.destroy();
  }
}

/** The plan: the user's script, or the library query with its days (the last 7 unless given) over the schema emrSchema chooses. */
async function planOf(args: RunArgs, params: Record<string, string>, location: string | undefined, term: Terminal, clock: Clock): Promise<InvestigationPlan> {
  const table = args.table ?? DEFAULT_TABLE;
  if (args.file !== undefined) {
    const file = path.resolve(term.cwd, args.file);
    return planInvestigation({ table, script: { name: file, text: readText(file) }, variables: params });
  }
  if (location === undefined || !location.startsWith("s3://")) {
    throw new TrailhiveError("USAGE_NO_LOCATION", {});
  }
  // The query and its parameters first: a bad day is named as such, before any file is read.
  const query = getQuery(loadLibrary(), args.query ?? "");
  // No days given: the last 7, as --days does when sampling (said, so the answer's scope is plain).
  const ranged = withDefaultRange(query, params, new Date(clock.now()).toISOString().slice(0, 10));
  if (ranged.filled && !args.quiet) term.stderr.write(`trailhive: no --param from/to: the last ${DEFAULT_RANGE_DAYS} days, ${ranged.params.from} to ${ranged.params.to}\n`);
  const partitioned = emrTablePartitioned(args.flavor);
  planInvestigation({ table, query, params: ranged.params, partitioned }); // the values are checked before the schema is sampled
  const schema = await emrSchema(args as unknown as EmrSchemaArgs, location, term);
  return planInvestigation({ table, schema, query, params: ranged.params, partitioned });
}

/**
 * The partitions the script adds: the day folders that exist in the range (findDayFolders). `--dry-run`
 * lists nothing: it shows every day of the named --accounts x --regions instead, and says so.
 */
async function partitionsOf(location: string, range: { from: string; to: string }, args: RunArgs, say: (line: string) => void, clients: AwsClients | undefined): Promise<PartitionRef[] | undefined> {
  if (clients === undefined) {
    if (args.accounts === undefined || args.regions === undefined) return undefined;
    say(`trailhive: --dry-run lists nothing: the script adds every day from ${range.from} to ${range.to} of the named accounts and regions; a run adds only the day folders that exist`);
    return assumedPartitions(location, { accounts: args.accounts, regions: args.regions, ...range });
  }
  const found = await findDayFolders(location, range, { s3In: (region) => clients.s3In(region), accounts: args.accounts, regions: args.regions }).catch((error: unknown) => {
    throw explainAwsError(error, "listing the trail's folders in S3");
  });
  for (const d of found.duplicates) {
    say(`trailhive: ${d.account} ${d.region} ${d.year}-${d.month}-${d.day} is also at ${d.location}: a partition has one location, the first one is kept`);
  }
  const n = found.partitions.length;
  say(`trailhive: ${n} day folder${n === 1 ? "" : "s"} from ${range.from} to ${range.to} under ${location} (${found.listRequests} LIST, ${found.headRequests} HEAD)`);
  return found.partitions;
}

function readText(file: string): string {
  try {
    return readFileSync(file, "utf8");
  } catch (error) {
    throw new TrailhiveError("USAGE_NO_FILE", { file, reason: (error as Error).message });
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

function printOutcome(outcome: InvestigationOutcome, args: RunArgs, term: Terminal): ExitCode {
  if (outcome.engine !== "emr") throw new TrailhiveError("INTERNAL_ENGINE", {});
  const emr = outcome.emr;
  switch (emr.kind) {
    case "completed": {
      if (emr.result !== undefined) term.stdout.write(formatResults(emr.result, args.format ?? defaultFormat(term.stdout.isTTY)));
      else if (!args.quiet) term.stderr.write(`step ${emr.stepId} COMPLETED; a -f script's output stays where the script wrote it\n`);
      return ExitCode.ok;
    }
    case "detached":
      if (args.json) term.stdout.write(JSON.stringify({ clusterId: emr.clusterId, stepId: emr.stepId }) + "\n");
      else term.stdout.write(`${emr.clusterId} ${emr.stepId}\n`);
      if (!args.quiet) term.stderr.write(`follow it with: trailhive status ${emr.clusterId} ${emr.stepId}   (logs: trailhive logs ${emr.clusterId} ${emr.stepId})\n`);
      return ExitCode.ok;
    case "timeout":
      term.stderr.write(`trailhive: gave up waiting after ${formatElapsed(emr.elapsedMs)}; step ${emr.stepId} is ${emr.state} and goes on: trailhive status ${emr.clusterId} ${emr.stepId}\n`);
      return ExitCode.no;
    case "failed":
      if (args.json) term.stdout.write(JSON.stringify({ clusterId: emr.clusterId, stepId: emr.stepId, ...emr.failure }, null, 2) + "\n");
      term.stderr.write(outcome.kind === "refused" ? outcome.reason + "\n" : describeFailure(emr.clusterId, emr.stepId, emr.failure, emr.elapsedMs));
      return ExitCode.no;
    default:
      return assertNever(emr, "EMR run outcome");
  }
}
