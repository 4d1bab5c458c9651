import { resolve as resolvePath } from "node:path";
import { dayOf } from "../source/cloudtrail-layout.js";
import type { ObjectStore } from "../source/object-store.js";
import { openStore, resolveSources, type ResolvedSources } from "../source/resolve-sources.js";
import type { RootSampleSummary } from "../source/sampler.js";
import { createSourceStats, type SourceStats } from "../source/source-stats.js";
import type { Terminal } from "./io.js";
import { createProgress } from "./progress.js";
import { sampleOptionsFrom, type SourceArgs } from "./source-options.js";

export interface OpenSourcesContext {
  /** defaults to process.env (the CLI edge) */
  env?: Record<string, string | undefined>;
  /** the clock, for "today" in --days; defaults to now */
  now?: Date;
  /** counters to watch while sampling (e.g. for a progress line); also returned in `stats` */
  stats?: SourceStats;
  /** where to draw a progress line while listing (only on a TTY, never with `quiet`) */
  term?: Terminal;
  quiet?: boolean;
}

/** How often the listing progress line is refreshed (createProgress redraws at most this often anyway). */
const PROGRESS_TICK_MS = 100;

/**
 * Resolves the sources a command was given with the shared flags: builds the S3 client (only if an
 * `s3://` source is given) from --profile/--region/--endpoint-url and the environment.
 *
 * @example
 *   const resolved = await openSources(args.sources, args, { env: term.env, term, quiet: args.quiet });
 */
export async function openSources(specs: string[], args: SourceArgs, context: OpenSourcesContext = {}): Promise<ResolvedSources> {
  const env = context.env ?? process.env;
  const options = { ...sampleOptionsFrom(args), today: dayOf(context.now ?? new Date()) };
  const stats = context.stats ?? createSourceStats();
  const progress = context.term === undefined || context.quiet === true ? undefined : createProgress(context.term, "listing");
  const timer = progress === undefined ? undefined : setInterval(() => progress.update({ LIST: stats.listRequests, retries: stats.retries, denied: stats.accessDenied }), PROGRESS_TICK_MS);
  try {
    return await resolveSources(specs, options, {
      stats,
      s3Client: s3ClientFactory(args, env),
      ...(context.term !== undefined ? { cwd: context.term.cwd } : {}),
    });
  } finally {
    if (timer !== undefined) clearInterval(timer);
    progress?.done();
  }
}

/** Clients from the AWS flags and env: the user's region first, then (if asked) a bucket's own region. */
function s3ClientFactory(args: SourceArgs, env: Record<string, string | undefined>) {
  // the SDK is loaded only when a source is in S3
  return async (bucketRegion?: string) =>
    (await import("../aws/create-s3-client.js")).createS3Client({ profile: args.profile, region: bucketRegion ?? args.region, endpointUrl: args["endpoint-url"], env });
}

/**
 * The store behind one source with the same AWS flags, listing nothing: for commands that walk the
 * layout themselves (`partitions`).
 *
 * @example
 *   const store = await openSourceStore(args.source, args, { env: term.env });
 */
export async function openSourceStore(spec: string, args: SourceArgs, context: Pick<OpenSourcesContext, "env" | "stats"> & { cwd?: string } = {}): Promise<ObjectStore> {
  const env = context.env ?? process.env;
  return openStore(spec.startsWith("s3://") ? spec : resolvePath(context.cwd ?? ".", spec), {
    stats: context.stats,
    s3Client: s3ClientFactory(args, env),
  });
}

/**
 * The sampling summary for stderr (and the object `--json` prints): what was sampled, skipped by
 * reason, and what S3 cost (LIST, GET, retries). Commands print it after reading.
 *
 * @example
 *   term.stderr.write(formatSourceSummary(resolved) + "\n");
 */
export function formatSourceSummary(resolved: ResolvedSources): string {
  const lines: string[] = [];
  for (const s of resolved.sampling ?? []) lines.push(describeRoot(s));
  const stats = resolved.stats;
  if (stats !== undefined && stats.listRequests + stats.getRequests > 0) {
    lines.push(`  S3: ${stats.listRequests} LIST, ${stats.getRequests} GET, ${stats.retries} retries, ${stats.bytesRead.toLocaleString("en-US")} bytes`);
  }
  for (const w of resolved.warnings ?? []) lines.push(`  note: ${w}`);
  return lines.join("\n");
}

/** The `--json` form of the same summary. */
export function sourceSummaryJson(resolved: ResolvedSources): { roots: RootSampleSummary[]; stats?: SourceStats; warnings: string[]; files: number; skipped: number } {
  return {
    roots: resolved.sampling ?? [],
    ...(resolved.stats === undefined ? {} : { stats: { ...resolved.stats } }),
    warnings: resolved.warnings ?? [],
    files: resolved.files.length,
    skipped: resolved.skipped.length,
  };
}

function describeRoot(s: RootSampleSummary): string {
  const days = s.days.length === 0 ? "" : `, ${s.days.length} day${s.days.length === 1 ? "" : "s"} (${s.days[0]}..${s.days[s.days.length - 1]})`;
  const where = s.layout === "cloudtrail" ? `${s.strata} account x region${days}` : "plain folder";
  const skipped = Object.entries(s.skipped)
    .map(([code, n]) => `${n} ${code}`)
    .join(", ");
  return `${s.root}: ${s.selected} of ${s.candidates} files, ${s.selectedBytes.toLocaleString("en-US")} bytes; ${where}${skipped === "" ? "" : `; skipped ${skipped}`}`;
}
