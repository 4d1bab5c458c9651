import { readFileSync } from "node:fs";
import { join } from "node:path";
import { gunzipSync } from "node:zlib";
import { TrailhiveError } from "../errors.js";
import type { ReadResult } from "../records/read-log-file.js";
import type { Container } from "../schema/schema-file.js";
import { LocalStore } from "../source/local-store.js";
import { LocalFileReader, type LoadedFile } from "./local-file-reader.js";
import type { SourceFile } from "../source/resolve-sources.js";
import { scanRecordSpans } from "./scan-record-spans.js";
import { partitionFolder, partitionOf, type PartitionValues } from "./partition-of.js";
import { StagedWriterPool, type StagedPart } from "./staged-writer-pool.js";

/**
 * Stages CloudTrail logs the way EMR's CloudTrailInputFormat presents them to a SerDe: one record per
 * line, each record's JSON text exactly as the log holds it, gzipped (level 1), under
 * `<root>/account=<a>/region=<r>/year=<y>/month=<m>/day=<d>/part-NNNNN.json.gz`, the folders the
 * ADD PARTITION statements point at. Files are read through the same reader as `infer` (passed in as
 * `read`), a few at a time ahead of the writer, and processed in order, so the staged bytes are the
 * same on every run and memory holds only the files in flight plus bounded partition buffers.
 *
 * @example
 *   const summary = await stageLogs(resolved.files, { root: "/tmp/work/staged", read: readLogFile });
 *   summary.records   // events staged
 *   summary.skipped   // [{ path, reason, message }] for files that are not CloudTrail logs
 */

/** What the reader says about one file: infer's `readLogFile` result. */
export type StageReadResult = ReadResult;

/** infer's `readLogFile`, or a reader with its contract. */
export type LogReader = (bytes: Buffer, path: string) => ReadResult;

export interface StageOptions {
  /** the staging folder (created as needed) */
  root: string;
  read: LogReader;
  /** files read and gunzipped ahead of the one being written */
  readAhead?: number;
  /** read and gunzip local files on a worker thread (default true) */
  readerThread?: boolean;
  /** staged characters buffered across partitions before the largest are written out */
  maxBuffered?: number;
  /** sees every file's read result, e.g. to build the schema in the same pass */
  onFile?: (path: string, result: StageReadResult) => void;
  onProgress?: (progress: StageProgress) => void;
}

export interface StageProgress {
  files: number;
  totalFiles: number;
  records: number;
  bytes: number;
}

export interface StagedFile {
  /** key relative to its source root */
  path: string;
  kind: "log" | "digest" | "insight";
  container?: Container;
  records: number;
}

export interface SkippedFile {
  path: string;
  reason: string;
  message: string;
}

export interface StagedPartition extends PartitionValues {
  /** folder relative to the staging root */
  folder: string;
  records: number;
}

export interface StageSummary {
  files: StagedFile[];
  skipped: SkippedFile[];
  records: number;
  /** records written re-serialised (JSON.stringify) because their text could not be located: 0 for valid logs */
  reserialized: number;
  /** bytes read from the sources (compressed as stored) */
  bytesRead: number;
  parts: StagedPart[];
  /** sorted by folder */
  partitions: StagedPartition[];
}

/** Files read ahead: batches of 16 for the reader thread, a few MB of inflated logs in memory. */
const DEFAULT_READ_AHEAD = 32;
const GZIP_MAGIC = [0x1f, 0x8b] as const;

export async function stageLogs(files: readonly SourceFile[], options: StageOptions): Promise<StageSummary> {
  const pool = new StagedWriterPool({ root: options.root, maxBuffered: options.maxBuffered });
  const readAhead = Math.max(1, options.readAhead ?? DEFAULT_READ_AHEAD);
  const summary: StageSummary = { files: [], skipped: [], records: 0, reserialized: 0, bytesRead: 0, parts: [], partitions: [] };
  const partitions = new Map<string, StagedPartition>();

  const load = async (file: SourceFile): Promise<LoadedFile> => {
    try {
      const stored = file.store instanceof LocalStore ? readLocal(file.store, file.key) : await file.store.get(file.key);
      const isGzip = stored[0] === GZIP_MAGIC[0] && stored[1] === GZIP_MAGIC[1];
      // Synchronous on purpose: zlib's async gunzip costs a handle and a thread hop per call, four times
      // the CPU of the inflate itself on small CloudTrail files.
      return { bytes: isGzip ? gunzipOrAsIs(stored) : stored, size: stored.length };
    } catch (error) {
      return { size: 0, error: (error as Error).message };
    }
  };

  // Local files are read and inflated on a worker thread, a batch at a time (a message per file would
  // cost more than it saves), so that work overlaps the parsing here; anything else, or every file when
  // the worker fails, goes through `load`.
  const reader = options.readerThread !== false && files.some((f) => f.store instanceof LocalStore) ? startReader() : undefined;
  const inFlight: Promise<LoadedFile>[] = [];
  let next = 0;
  const fill = () => {
    const batch: { file: SourceFile; resolve: (loaded: LoadedFile | Promise<LoadedFile>) => void }[] = [];
    while (inFlight.length < readAhead && next < files.length) {
      const file = files[next++] as SourceFile;
      if (reader === undefined || !(file.store instanceof LocalStore)) inFlight.push(load(file));
      else inFlight.push(new Promise<LoadedFile>((resolve) => batch.push({ file, resolve })));
    }
    if (reader === undefined || batch.length === 0) return;
    reader.read(batch.map(({ file }) => join((file.store as LocalStore).root, ...file.key.split("/")))).then(
      (loaded) => batch.forEach(({ file, resolve }, j) => resolve(loaded[j] ?? load(file))),
      () => batch.forEach(({ file, resolve }) => resolve(load(file))),
    );
  };

  try {
    fill();
    for (let i = 0; i < files.length; i++) {
      const file = files[i] as SourceFile;
      const loaded = await (inFlight.shift() as Promise<LoadedFile>);
      // Refilled at half: batches of half the read-ahead, not of one file.
      if (inFlight.length <= readAhead / 2) fill();
      summary.bytesRead += loaded.size;
      if (loaded.bytes === undefined) {
        summary.skipped.push({ path: file.key, reason: "unreadable", message: `cannot read ${file.key}: ${loaded.error ?? "unknown error"}` });
        continue;
      }
      const result = options.read(loaded.bytes, file.key);
      options.onFile?.(file.key, result);
      switch (result.kind) {
        case "skipped":
          summary.skipped.push({ path: file.key, reason: result.reason, message: result.message });
          break;
        case "digest":
          summary.files.push({ path: file.key, kind: "digest", records: 0 });
          break;
        case "insight":
          summary.files.push({ path: file.key, kind: "insight", records: result.records });
          break;
        case "log": {
          summary.files.push({ path: file.key, kind: "log", container: result.container, records: result.records.length });
          const { groups, reserialized } = recordLines(loaded.bytes, result);
          summary.reserialized += reserialized;
          for (const [folder, group] of groups) {
            const known = partitions.get(folder);
            if (known === undefined) partitions.set(folder, { ...group.values, folder, records: group.count });
            else known.records += group.count;
            await pool.write(folder, group.lines, group.count);
          }
          summary.records += result.records.length;
          break;
        }
        default: {
          const never: never = result;
          throw new Error(`unknown read result ${JSON.stringify(never)}`);
        }
      }
      options.onProgress?.({ files: i + 1, totalFiles: files.length, records: summary.records, bytes: summary.bytesRead });
    }
  } finally {
    await reader?.close();
  }
  summary.parts = await pool.close();
  summary.partitions = [...partitions.values()].sort((a, b) => (a.folder < b.folder ? -1 : a.folder > b.folder ? 1 : 0));
  return summary;
}

/** A reader thread, or none where threads cannot start (staging then reads on this thread). */
function startReader(): LocalFileReader | undefined {
  try {
    return LocalFileReader.start();
  } catch {
    return undefined;
  }
}

/**
 * A local file read synchronously: LocalStore's promise-based read costs four thread-pool hops per file
 * (open, stat, read, close), four times the CPU of readFileSync on small CloudTrail files. Same message as
 * LocalStore's on failure.
 */
function readLocal(store: LocalStore, key: string): Buffer {
  try {
    return readFileSync(join(store.root, ...key.split("/")));
  } catch (error) {
    throw new TrailhiveError("SOURCE_READ_FAILED", `cannot read ${join(store.root, key)}: ${(error as Error).message}`, { key }, { cause: error });
  }
}

/** Inflated bytes, or the stored ones when they do not inflate: the reader then says why (truncated, corrupt). */
function gunzipOrAsIs(stored: Buffer): Buffer {
  try {
    return gunzipSync(stored);
  } catch {
    return stored;
  }
}

interface LineGroup {
  values: PartitionValues;
  chunks: Uint8Array[];
  count: number;
}

const NEWLINE = Buffer.from("\n");
const CR = 0x0d;
const LF = 0x0a;
const SPACE = 0x20;

/**
 * One file's records as staged lines, grouped by partition folder (first-seen order), each group one
 * fresh buffer (so a partition's buffer never keeps a whole file alive). Records are sliced from the
 * file's bytes, not re-encoded.
 */
function recordLines(bytes: Buffer, result: { container: Container; records: Record<string, unknown>[] }): { groups: Map<string, { values: PartitionValues; lines: Buffer; count: number }>; reserialized: number } {
  const spans = safeSpans(bytes, result.container);
  // The spans must be the reader's records one for one; if not, fall back to the parsed values.
  const raw = spans !== undefined && spans.length === result.records.length ? spans : undefined;
  // One search per file instead of two per record: compact logs hold a line break, if any, only after the last record.
  const lastEnd = raw?.[raw.length - 1]?.[1] ?? 0;
  const breaks = breakBefore(bytes, lastEnd);
  const groups = new Map<string, LineGroup>();
  result.records.forEach((record, i) => {
    const values = partitionOf(record);
    const folder = partitionFolder(values);
    const span = raw?.[i];
    const line = span === undefined ? Buffer.from(JSON.stringify(record)) : breaks ? oneLine(bytes.subarray(span[0], span[1])) : bytes.subarray(span[0], span[1]);
    let group = groups.get(folder);
    if (group === undefined) {
      group = { values, chunks: [], count: 0 };
      groups.set(folder, group);
    }
    group.chunks.push(line, NEWLINE);
    group.count++;
  });
  const out = new Map<string, { values: PartitionValues; lines: Buffer; count: number }>();
  for (const [folder, g] of groups) out.set(folder, { values: g.values, lines: Buffer.concat(g.chunks), count: g.count });
  return { groups: out, reserialized: raw === undefined ? result.records.length : 0 };
}

/** Whether a CR or LF occurs before `end`. */
function breakBefore(bytes: Buffer, end: number): boolean {
  const lf = bytes.indexOf(LF);
  const cr = bytes.indexOf(CR);
  return (lf >= 0 && lf < end) || (cr >= 0 && cr < end);
}

/** A record's bytes on one line: only JSON whitespace can hold a raw line break, so a space keeps every value as it is. */
function oneLine(record: Buffer): Buffer {
  if (record.indexOf(LF) < 0 && record.indexOf(CR) < 0) return record;
  const copy = Buffer.from(record);
  for (let i = 0; i < copy.length; i++) if (copy[i] === LF || copy[i] === CR) copy[i] = SPACE;
  return copy;
}

function safeSpans(bytes: Buffer, container: Container): ReturnType<typeof scanRecordSpans> | undefined {
  try {
    return scanRecordSpans(bytes, container);
  } catch {
    return undefined;
  }
}
