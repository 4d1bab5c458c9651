import { readFileSync } from "node:fs";
import path from "node:path";
import type { AwsClients } from "../aws/aws-clients.js";
import { DEFAULT_TABLE } from "../config/trailhive-config.js";
import { assumedPartitions } from "../emr/assumed-partitions.js";
import { systemClock, type Clock } from "../emr/clock.js";
import { emrEngine, newRunId } from "../emr/emr-engine.js";
import { explainAwsError } from "../emr/explain-aws-error.js";
import { DEFAULT_LOG_WAIT, DEFAULT_POLL } from "../emr/emr-defaults.js";
import { findDayFolders } from "../emr/find-day-folders.js";
import { emrTablePartitioned } from "../emr/render-emr-query.js";
import { ExitCode, TrailhiveError } from "../errors.js";
import type { InvestigationOutcome } from "../investigation/engine.js";
import { planInvestigation, type InvestigationPlan } from "../investigation/investigation-plan.js";
import type { PartitionRef } from "../partitions/render-partitions.js";
import { DEFAULT_RANGE_DAYS, withDefaultRange } from "../queries/default-range.js";
import { getQuery, loadLibrary } from "../queries/library.js";
import { validateSampleOptions } from "../source/sampler.js";
import { parseKeyValues } from "../values/key-values.js";
import { awsClientsFrom } from "./aws-clients-from.js";
import { newClusterOptions, seconds, type EmrRunArgs, type RunArgs } from "./emr-run-options.js";
import { printDryRun, printOutcome, progressPrinter } from "./emr-progress.js";
import { templatesFrom } from "./templates-from.js";
import type { ReportArgs } from "./report-options.js";
import { checkReportPath, reportRun } from "./write-report.js";
import { emrSchema, type EmrSchemaArgs } from "./emr-schema.js";
import type { Terminal } from "./io.js";
import { sampleOptionsFrom, type SourceArgs } from "./source-options.js";

export async function runOnEmr(rawArgs: EmrRunArgs, term: Terminal, clock: Clock = systemClock()): Promise<ExitCode> {
  const args = rawArgs as RunArgs;
  const params = parseKeyValues(args.param ?? [], "--param");
  const report = args as RunArgs & ReportArgs;
  if (report.report !== undefined && args.detach) throw new TrailhiveError("USAGE_CONFLICT", { conflict: "report-detach" });
  checkReportPath(report, term);
  let plan: InvestigationPlan | undefined;
  return investigateOnEmr(
    args,
    term,
    clock,
    async (location) => (plan = await planOf(args, params, location, term, clock)),
    async (outcome) => {
      const code = printOutcome(outcome, args, term);
      // the rows came back from S3: the report is written here, like the local engine's
      if (report.report !== undefined && plan !== undefined && outcome.engine === "emr" && outcome.emr.kind === "completed") {
        const elapsed = outcome.emr.elapsedMs / 1000;
        await reportRun(report, term, plan, outcome.emr.result !== undefined ? { ...outcome, kind: "answered", results: [outcome.emr.result] } : outcome, elapsed);
      }
      return code;
    },
  );
}

/**
 * One plan on EMR with the EMR flags (`run` and `detect`): checks them, makes the engine (no clients
 * for --dry-run, which prints what would be sent), plans with the trail's location, runs and hands
 * the outcome to `print`.
 */
export async function investigateOnEmr(
  rawArgs: EmrRunArgs,
  term: Terminal,
  clock: Clock,
  planFor: (location: string | undefined) => Promise<InvestigationPlan>,
  print: (outcome: InvestigationOutcome) => ExitCode | Promise<ExitCode>,
): Promise<ExitCode> {
  const args = rawArgs as RunArgs;
  if (args.cluster !== undefined && args["new-cluster"]) throw new TrailhiveError("USAGE_CONFLICT", { conflict: "cluster-and-new-cluster" });
  if (args.staging === undefined) throw new TrailhiveError("USAGE_NO_STAGING", {});
  const runId = args["run-id"] ?? newRunId(clock);
  if (!/^[A-Za-z0-9][A-Za-z0-9._-]*$/.test(runId)) throw new TrailhiveError("USAGE_BAD_RUN_ID", { runId });
  // the sampling flags mean what they mean locally, checked before anything is called (a dry run too)
  // (run's builder gives both paths the source options: local-run's withSourceOptions)
  validateSampleOptions(sampleOptionsFrom(rawArgs as unknown as SourceArgs));
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
    const plan = await planFor(location).catch((error: unknown) => {
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
      return await print(await engine.run(plan));
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
