import { stat } from "node:fs/promises";
import { basename, dirname, resolve } from "node:path";
import type { S3Client } from "@aws-sdk/client-s3";
import { TrailhiveError } from "../errors.js";
import { LocalStore } from "./local-store.js";
import type { ObjectStore } from "./object-store.js";
import type { S3Store } from "./s3-store.js";
import { specialFileKind } from "./special-file-kind.js";
import { sampleStore, type RootSampleSummary } from "./sampler.js";
import type { SkipCode } from "./skip-reasons.js";
import { createSourceStats, type SourceStats } from "./source-stats.js";

/**
 * Turns what the user named (files, folders, `s3://` URIs) into the list of objects to read.
 * Every file keeps the store it comes from and its key relative to that store's root, so provenance
 * paths are the same for a folder and for the bucket it was copied from.
 */
export interface SourceFile {
  store: ObjectStore;
  key: string;
  size: number;
  /** the listing's version of the object (S3's ETag), when it gave one */
  version?: string;
}

export interface SourceRoot {
  /** as the user gave it */
  spec: string;
  store: ObjectStore;
}

export interface SkippedObject {
  /** key (or folder prefix, ending with `/`) relative to the source root */
  path: string;
  reason: string;
  /** stable code of the reason, for counting (see skip-reasons.ts) */
  code?: SkipCode;
}

export interface ResolvedSources {
  roots: SourceRoot[];
  files: SourceFile[];
  /**
   * input that should have been read and was not (a prefix or object access was denied to), with
   * why: `--strict` exits 3 on these
   */
  skipped: SkippedObject[];
  /**
   * objects and folders left out on purpose before reading, with why: digest and Insight folders,
   * other services, stray objects, --accounts/--regions, sampling limits. Not a problem; counted
   * by reason in `sampling[].skipped`.
   */
  excluded?: SkippedObject[];
  /** live request counters (LIST, GET, retries, bytes) shared by every S3 store of this run */
  stats?: SourceStats;
  /** what sampling did per root (layout, strata, days, counts by skip reason) */
  sampling?: RootSampleSummary[];
  /** things the user should know that are not errors (an AccessDenied prefix skipped, options ignored) */
  warnings?: string[];
}

/** What the sampler may be told (CLI flags of the same names, see src/cli/source-options.ts). */
export interface SampleOptions {
  /** the most recent N days that hold logs (up to --to, or today) */
  days?: number;
  /** YYYY-MM-DD, inclusive */
  from?: string;
  /** YYYY-MM-DD, inclusive */
  to?: string;
  accounts?: string[];
  regions?: string[];
  maxFiles?: number;
  maxBytes?: number;
  /** at most N files from each account x region */
  perStratum?: number;
  seed?: string;
  includeInsights?: boolean;
  /** today's date (YYYY-MM-DD), the newest day --days looks at when --to is not given; the CLI passes the clock's */
  today?: string;
}

/** Where S3 clients and counters come from; the CLI builds the client from flags and env. */
export interface ResolveContext {
  /**
   * the S3 client, or a factory called only if an `s3://` source is given: with a region when a
   * bucket lives elsewhere than the first client's region (found by HeadBucket), so that every
   * request goes to the bucket's region instead of being redirected
   */
  s3Client?: S3Client | ((region?: string) => S3Client | Promise<S3Client>);
  /** counters to add to (a fresh set otherwise, returned in `stats`) */
  stats?: SourceStats;
  /** LIST calls in flight while sampling */
  concurrency?: number;
  /** the folder relative local paths are read against (the CLI's working folder; default the process's); specs stay as given in the result */
  cwd?: string;
}

/**
 * A bucket can hold years of logs: without any date option an `s3://` source reads the most recent
 * week that holds logs, so a bare `trailhive infer s3://bucket` stays bounded. A local folder given
 * without any sampling option is read whole (every file, digest and Insight files classified by the
 * reader); with one, it is sampled exactly as the same tree in S3 would be.
 */
export const DEFAULT_S3_DAYS = 7;

/**
 * @example
 *   const { files } = await resolveSources(["./examples/logs"], {});
 *   const sample = await resolveSources(["s3://trail-logs/org"], { days: 7, maxFiles: 500 }, { s3Client: client });
 */
export async function resolveSources(specs: string[], options: SampleOptions = {}, context: ResolveContext = {}): Promise<ResolvedSources> {
  const stats = context.stats ?? createSourceStats();
  const roots: SourceRoot[] = [];
  const files: SourceFile[] = [];
  const skipped: SkippedObject[] = [];
  const excluded: SkippedObject[] = [];
  const sampling: RootSampleSummary[] = [];
  const warnings: string[] = [];
  const clients: ClientCache = { regional: new Map() };
  for (const spec of specs) {
    let store: ObjectStore;
    let sampleOptions = options;
    if (spec.startsWith("s3://")) {
      store = await s3StoreFor(spec, { ...context, stats }, clients);
      if (options.days === undefined && options.from === undefined && options.to === undefined) {
        sampleOptions = { ...options, days: DEFAULT_S3_DAYS };
        warnings.push(`${spec}: reading the most recent ${DEFAULT_S3_DAYS} days that hold logs (give --days, --from or --to to choose)`);
      }
    } else {
      const path = resolve(context.cwd ?? ".", spec);
      let info;
      try {
        info = await stat(path);
      } catch {
        throw new TrailhiveError("SOURCE_NOT_FOUND", { problem: "no-log-path", spec });
      }
      if (!info.isDirectory() && !info.isFile()) {
        // A FIFO would block the first read forever, a device never end: refused, never opened.
        skipped.push({ path: spec, reason: `${specialFileKind(info)}, not a regular file: not read (give a log file or a folder)`, code: "not-a-file" });
        continue;
      }
      if (!info.isDirectory()) {
        const single = new LocalStore(dirname(path));
        roots.push({ spec, store: single });
        files.push({ store: single, key: basename(spec), size: info.size });
        continue;
      }
      store = new LocalStore(path);
    }
    roots.push({ spec, store });
    // A local folder named without any sampling option is read whole, as before sampling existed.
    const whole = !spec.startsWith("s3://") && !limitsSample(options);
    const result = await sampleStore(store, sampleOptions, { concurrency: context.concurrency, whole });
    if (result.files.length === 0) throw noLogs(spec, result.summary, result.warnings);
    for (const f of result.files) files.push({ store, key: f.key, size: f.size, ...(f.version !== undefined ? { version: f.version } : {}) });
    skipped.push(...result.skipped);
    excluded.push(...result.excluded);
    sampling.push(result.summary);
    warnings.push(...result.warnings);
  }
  return { roots, files, skipped, excluded, stats, sampling, warnings };
}

/** S3 clients made for one resolution: the first one, and one per bucket region that differs from it. */
interface ClientCache {
  first?: S3Client;
  regional: Map<string, S3Client>;
}

/**
 * The S3 side (the SDK, ~0.2 s to load) is imported only when a source is in S3, so reading a local
 * folder never loads it (docs/ARCHITECTURE.md, Start-up).
 */
async function s3StoreFor(spec: string, context: ResolveContext & { stats: SourceStats }, clients: ClientCache): Promise<S3Store> {
  const [{ createS3Client }, { findBucketRegion }, { parseS3Url, S3Store }] = await Promise.all([
    import("../aws/create-s3-client.js"),
    import("../aws/find-bucket-region.js"),
    import("./s3-store.js"),
  ]);
  const factory = context.s3Client;
  const client = (clients.first ??= await (typeof factory === "function" ? factory() : (factory ?? createS3Client())));
  const location = parseS3Url(spec);
  let bucketClient = client;
  const region = await findBucketRegion(client, location.bucket, { stats: context.stats });
  if (region !== undefined && typeof factory === "function" && region !== (await client.config.region())) {
    bucketClient = clients.regional.get(region) ?? (await factory(region));
    clients.regional.set(region, bucketClient);
  }
  return new S3Store(bucketClient, { ...location, stats: context.stats });
}

/**
 * The store behind one source, without listing anything in it: for commands that walk the layout
 * themselves (`partitions`). `s3://` gets an S3Store in the bucket's region (a missing bucket is an
 * error), a folder a LocalStore.
 *
 * @example
 *   const store = await openStore("s3://trail-logs/org", { s3Client: client });
 */
export async function openStore(spec: string, context: ResolveContext = {}): Promise<ObjectStore> {
  if (spec.startsWith("s3://")) return s3StoreFor(spec, { ...context, stats: context.stats ?? createSourceStats() }, { regional: new Map() });
  let info;
  try {
    info = await stat(spec);
  } catch {
    throw new TrailhiveError("SOURCE_NOT_FOUND", { problem: "no-logs-folder", spec });
  }
  if (!info.isDirectory()) throw new TrailhiveError("SOURCE_NOT_A_FOLDER", { spec });
  return new LocalStore(resolve(spec));
}

/** Whether any option narrows what is read (the seed and today alone do not). */
function limitsSample(options: SampleOptions): boolean {
  const { days, from, to, accounts, regions, maxFiles, maxBytes, perStratum, includeInsights } = options;
  return [days, from, to, accounts, regions, maxFiles, maxBytes, perStratum, includeInsights].some((v) => v !== undefined);
}

/** "No logs" is an error (exit 2), never an empty schema; the message says what was seen instead. */
function noLogs(spec: string, summary: RootSampleSummary, warnings: string[]): TrailhiveError {
  return new TrailhiveError("SOURCE_NO_LOGS", { problem: "none-sampled", spec, summary, warnings });
}
