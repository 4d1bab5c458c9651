import { readLogFile } from "../records/read-log-file.js";
import { SchemaBuilder } from "../schema/schema-builder.js";
import type { SchemaBuilderState } from "../schema/schema-state.js";
import type { SourceFile } from "../source/resolve-sources.js";
import { FileStager, type FileOutcome, type LogReader, type SkippedFile, type StagedFile, type StagedPartition, type StageReadResult, type StagerResult } from "./file-stager.js";
import { DEFAULT_MAX_FILE_BYTES, tooLargeMessage } from "../records/inflate-bounded.js";
import { inflated, loadLocalFile } from "./load-local-file.js";
import { LocalFileReader, type LoadedFile } from "./local-file-reader.js";
import { defaultParseWorkers, stageOnWorkers, type ParseFile, type ProgressDelta } from "./parse-workers.js";
import type { StagedPart } from "./staged-writer-pool.js";

/**
 * Stages CloudTrail logs the way EMR's CloudTrailInputFormat presents them to a SerDe: one record per
 * line, each record's JSON text exactly as the log holds it, gzipped (level 1), under
 * `<root>/account=<a>/region=<r>/year=<y>/month=<m>/day=<d>/part-NNNNN.json.gz` (values escaped as
 * Hive escapes partition folders: see partitionFolder), the folders the ADD PARTITION statements point
 * at. Records nested MAX_DEPTH deep are the one exception to "exactly as the log holds it": see `tooDeep`. Files are read through the same reader as `infer` (passed in as
 * `read`). Local files are parsed on a few worker threads, each staging a fixed share of them into its
 * own part files (`part-w<k>-NNNNN.json.gz`) with its own schema builder, merged at the end; other
 * sources (S3) are parsed here, a few read ahead. Shares are fixed by size up front, so the same files
 * and thread count stage the same bytes on every run; any thread count stages the same lines per
 * partition and the same schema. Memory holds only the files in flight plus bounded partition buffers.
 *
 * @example
 *   const summary = await stageLogs(resolved.files, { root: "/tmp/work/staged", inferSchema: true });
 *   summary.records   // events staged
 *   summary.skipped   // [{ path, reason, message }] for files that are not CloudTrail logs
 *   for (const state of summary.schemas ?? []) builder.addState(state)   // the schema counted on every thread
 */

export type { LogReader, SkippedFile, StagedFile, StagedPartition, StageReadResult } from "./file-stager.js";

export interface StageOptions {
  /** the staging folder (created as needed) */
  root: string;
  /**
   * A reader of your own instead of infer's `readLogFile` (the default). Threads run readLogFile
   * themselves (a function cannot cross threads), so a reader given here, like an `onFile`, parses on
   * this thread.
   */
  read?: LogReader;
  /**
   * Parse threads for local files (default `defaultParseWorkers()`: one per core, up to 4, and no more
   * than one per 16 files). 1 parses on this thread, with a thread reading ahead.
   */
  workers?: number;
  /** count the schema while staging: the summary's `schemas`, SchemaBuilder states (see SchemaBuilder.addState) */
  inferSchema?: boolean;
  /** files read and gunzipped ahead of the one being written (parsing on this thread) */
  readAhead?: number;
  /** read and gunzip local files on a worker thread when parsing on this thread (default true) */
  readerThread?: boolean;
  /** staged characters buffered across partitions (shared among the parse threads) before the largest are written out */
  maxBuffered?: number;
  /** a file holding more bytes than this (as stored, or once inflated) is skipped as `too-large`, unread (default 256 MiB) */
  maxFileBytes?: number;
  /** sees every file's read result, e.g. to build the schema in the same pass (parses on this thread) */
  onFile?: (path: string, result: StageReadResult) => void;
  onProgress?: (progress: StageProgress) => void;
}

export interface StageProgress {
  files: number;
  totalFiles: number;
  records: number;
  bytes: number;
}

export interface StageSummary {
  /** in the order of the files given */
  files: StagedFile[];
  /** in the order of the files given */
  skipped: SkippedFile[];
  records: number;
  /** records written re-serialised (JSON.stringify) because their text could not be located: 0 for valid logs */
  reserialized: number;
  /**
   * records nested MAX_DEPTH (64) levels deep or more, staged with every value that deep as its JSON
   * text (a string), as inference types it: Hive's JSON parser refuses the whole query on a record
   * nested past 1,000 levels, and a typed column that deep could not be read anyway
   */
  tooDeep: number;
  /** bytes read from the sources (compressed as stored) */
  bytesRead: number;
  parts: StagedPart[];
  /** sorted by folder */
  partitions: StagedPartition[];
  /**
   * with `inferSchema`: what each schema builder counted (one per parse thread, and this thread's when
   * it parsed any file), for SchemaBuilder.addState: merged there, once, by `finish`
   */
  schemas?: SchemaBuilderState[];
}

/** Files read ahead: batches of 16 for the reader thread, a few MB of inflated logs in memory. */
const DEFAULT_READ_AHEAD = 32;
/** 32 MiB of staged JSON in all (StagedWriterPool's default), split among the parse threads. */
const DEFAULT_MAX_BUFFERED = 32 * 1024 * 1024;
/** Below this many local files per thread, a thread's start-up (~50 ms) costs more than it saves. */
const MIN_FILES_PER_WORKER = 16;

export async function stageLogs(files: readonly SourceFile[], options: StageOptions): Promise<StageSummary> {
  const outcomes: (FileOutcome | undefined)[] = new Array(files.length);
  let done = 0;
  let records = 0;
  let bytes = 0;
  const onProgress = (delta: ProgressDelta) => {
    done += delta.files;
    records += delta.records;
    bytes += delta.bytes;
    options.onProgress?.({ files: done, totalFiles: files.length, records, bytes });
  };
  const onOutcome = (index: number, outcome: FileOutcome) => {
    outcomes[index] = outcome;
  };
  const maxBuffered = Math.max(1, options.maxBuffered ?? DEFAULT_MAX_BUFFERED);
  const local: ParseFile[] = [];
  files.forEach((file, index) => {
    const path = file.store.localPath?.(file.key);
    if (path !== undefined) local.push({ index, path, key: file.key, size: file.size });
  });
  const workers = parseWorkers(options, local.length);

  const schemas: SchemaBuilderState[] = [];
  const results: StagerResult[] = [];
  if (workers <= 1) {
    const staged = await stageHere(files, [...files.keys()], { ...options, maxBuffered, onOutcome, onStaged: onProgress });
    results.push(staged.result);
    if (staged.schema !== undefined) schemas.push(staged.schema);
  } else {
    // Local files on the parse threads; anything else (S3) here, at the same time.
    const isLocal = new Set(local.map((f) => f.index));
    const elsewhere = [...files.keys()].filter((i) => !isLocal.has(i));
    // The buffer budget split among every stager, so memory stays what one thread would hold.
    const share = Math.max(1, Math.floor(maxBuffered / (workers + (elsewhere.length > 0 ? 1 : 0))));
    const [onThreads, here] = await Promise.all([
      stageOnWorkers(local, { root: options.root, workers, maxBuffered: share, maxFileBytes: options.maxFileBytes, inferSchema: options.inferSchema === true, onOutcome, onProgress }),
      elsewhere.length === 0 ? undefined : stageHere(files, elsewhere, { ...options, maxBuffered: share, onOutcome, onStaged: onProgress }),
    ]);
    if (here !== undefined) {
      results.push(here.result);
      if (here.schema !== undefined) schemas.push(here.schema);
    }
    results.push(...onThreads.results);
    schemas.push(...onThreads.schemas);
  }
  return summarize(files, outcomes, results, options.inferSchema === true ? schemas : undefined);
}

/** How many parse threads: see StageOptions.workers. */
function parseWorkers(options: StageOptions, localFiles: number): number {
  if (options.onFile !== undefined || options.read !== undefined || localFiles === 0) return 1;
  if (options.workers !== undefined) return Math.max(1, Math.floor(options.workers));
  return Math.max(1, Math.min(defaultParseWorkers(), Math.floor(localFiles / MIN_FILES_PER_WORKER)));
}

function summarize(files: readonly SourceFile[], outcomes: readonly (FileOutcome | undefined)[], results: readonly StagerResult[], schemas: SchemaBuilderState[] | undefined): StageSummary {
  const summary: StageSummary = { files: [], skipped: [], records: 0, reserialized: 0, tooDeep: 0, bytesRead: 0, parts: [], partitions: [] };
  outcomes.forEach((outcome, i) => {
    if (outcome === undefined) throw new Error(`staging lost track of ${files[i]?.key}`);
    summary.bytesRead += outcome.size;
    summary.records += outcome.records;
    if (outcome.staged !== undefined) summary.files.push(outcome.staged);
    if (outcome.skipped !== undefined) summary.skipped.push(outcome.skipped);
  });
  const partitions = new Map<string, StagedPartition>();
  for (const result of results) {
    summary.reserialized += result.reserialized;
    summary.tooDeep += result.tooDeep;
    summary.parts.push(...result.parts);
    for (const p of result.partitions) {
      const known = partitions.get(p.folder);
      if (known === undefined) partitions.set(p.folder, { ...p });
      else known.records += p.records;
    }
  }
  summary.partitions = [...partitions.values()].sort((a, b) => (a.folder < b.folder ? -1 : a.folder > b.folder ? 1 : 0));
  if (schemas !== undefined) summary.schemas = schemas;
  return summary;
}

interface HereOptions extends StageOptions {
  maxBuffered: number;
  onOutcome: (index: number, outcome: FileOutcome) => void;
  onStaged: (delta: ProgressDelta) => void;
}

/**
 * The files at `indices` parsed on this thread, in order, a few read ahead: local ones read and inflated
 * on a reader thread, a batch at a time (a message per file would cost more than it saves), so that
 * work overlaps the parsing here; anything else, or every file when that thread fails, through `load`.
 */
async function stageHere(files: readonly SourceFile[], indices: readonly number[], options: HereOptions): Promise<{ result: StagerResult; schema?: SchemaBuilderState }> {
  const schema = options.inferSchema === true ? new SchemaBuilder() : undefined;
  const stager = new FileStager({ root: options.root, read: options.read ?? readLogFile, maxBuffered: options.maxBuffered, schema, onFile: options.onFile });
  const readAhead = Math.max(1, options.readAhead ?? DEFAULT_READ_AHEAD);
  const bound = { maxFileBytes: options.maxFileBytes };
  const reader = options.readerThread !== false && indices.some((i) => files[i]?.store.localPath !== undefined) ? startReader() : undefined;
  const inFlight: Promise<LoadedFile>[] = [];
  let next = 0;
  const fill = () => {
    const batch: { file: SourceFile; resolve: (loaded: LoadedFile | Promise<LoadedFile>) => void }[] = [];
    while (inFlight.length < readAhead && next < indices.length) {
      const file = files[indices[next++] as number] as SourceFile;
      if (reader === undefined || file.store.localPath === undefined) inFlight.push(load(file, bound));
      else inFlight.push(new Promise<LoadedFile>((resolve) => batch.push({ file, resolve })));
    }
    if (reader === undefined || batch.length === 0) return;
    reader
      .read(
        batch.map(({ file }) => file.store.localPath?.(file.key) ?? file.key),
        bound,
      )
      .then(
        (loaded) => batch.forEach(({ file, resolve }, j) => resolve(loaded[j] ?? load(file, bound))),
        () => batch.forEach(({ file, resolve }) => resolve(load(file, bound))),
      );
  };

  try {
    fill();
    for (const index of indices) {
      const file = files[index] as SourceFile;
      const loaded = await (inFlight.shift() as Promise<LoadedFile>);
      // Refilled at half: batches of half the read-ahead, not of one file.
      if (inFlight.length <= readAhead / 2) fill();
      const outcome = await stager.stage(file.key, loaded);
      options.onOutcome(index, outcome);
      options.onStaged({ files: 1, records: outcome.records, bytes: outcome.size });
    }
  } finally {
    await reader?.close();
  }
  return { result: await stager.close(), schema: schema?.counted() };
}

/**
 * A local file read and inflated here (synchronously, see loadLocalFile), else through its store: an
 * object listed bigger than the bound is not fetched at all, and inflating stops at the bound.
 */
async function load(file: SourceFile, bound: { maxFileBytes?: number }): Promise<LoadedFile> {
  const path = file.store.localPath?.(file.key);
  if (path !== undefined) return loadLocalFile(path, bound);
  const maxBytes = bound.maxFileBytes ?? DEFAULT_MAX_FILE_BYTES;
  const name = `${file.store.root}${file.key}`;
  if (file.size > maxBytes) return { size: file.size, skipped: { reason: "too-large", message: tooLargeMessage(name, maxBytes, { inflated: false, size: file.size }) } };
  try {
    const stored = await file.store.get(file.key);
    const bytes = inflated(stored, maxBytes);
    if (bytes === undefined) return { size: stored.length, skipped: { reason: "too-large", message: tooLargeMessage(name, maxBytes, { inflated: true }) } };
    return { bytes, size: stored.length };
  } catch (error) {
    return { size: 0, error: (error as Error).message };
  }
}

/** A reader thread, or none where threads cannot start (staging then reads on this thread). */
function startReader(): LocalFileReader | undefined {
  try {
    return LocalFileReader.start();
  } catch {
    return undefined;
  }
}
