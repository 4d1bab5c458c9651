import type { ReadResult } from "../records/read-log-file.js";
import type { SchemaBuilder } from "../schema/schema-builder.js";
import type { Container } from "../schema/schema-file.js";
import type { LoadedFile } from "./local-file-reader.js";
import { PartitionCache } from "./partition-cache.js";
import type { PartitionValues } from "./partition-of.js";
import { scanRecordBounds } from "./scan-record-spans.js";
import { StagedWriterPool, type StagedPart } from "./staged-writer-pool.js";

/**
 * Stages one log file at a time into partition buffers: parse (through the reader given), count into a
 * schema builder, find each record's own text, group the lines by partition, hand them to a
 * StagedWriterPool. The one loop both staging's main thread and its parse workers run, so a file
 * stages the same wherever it is parsed.
 *
 * @example
 *   const stager = new FileStager({ root: "/tmp/work/staged", read: readLogFile });
 *   const outcome = await stager.stage("AWSLogs/.../x.json.gz", { bytes, size: stored.length });
 *   const { parts, partitions } = await stager.close();
 */

/** What the reader says about one file: infer's `readLogFile` result. */
export type StageReadResult = ReadResult;

/** infer's `readLogFile`, or a reader with its contract. */
export type LogReader = (bytes: Buffer, path: string) => ReadResult;

export interface StagedFile {
  /** key relative to its source root */
  path: string;
  kind: "log" | "digest" | "insight";
  container?: Container;
  records: number;
  /** the reader's one-line message when parts of the file (bad lines or values) were left out */
  partial?: string;
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

/** One file's part of the summary: staged or skipped, its records, its size as stored. */
export interface FileOutcome {
  size: number;
  records: number;
  staged?: StagedFile;
  skipped?: SkippedFile;
}

export interface FileStagerOptions {
  root: string;
  read: LogReader;
  /** staged characters buffered across partitions before the largest are written out */
  maxBuffered?: number;
  /** in part file names, so stagers writing into one tree never pick the same name */
  partPrefix?: string;
  /** compress and write on this thread (see StagedWriterPool's `inline`) */
  inlineWrites?: boolean;
  /** counts every log's records, in the same pass */
  schema?: SchemaBuilder;
  /** sees every file's read result */
  onFile?: (path: string, result: StageReadResult) => void;
}

export interface StagerResult {
  parts: StagedPart[];
  /** in the order first seen */
  partitions: StagedPartition[];
  reserialized: number;
}

export class FileStager {
  private readonly options: FileStagerOptions;
  private readonly pool: StagedWriterPool;
  private readonly partitions = new Map<string, StagedPartition>();
  private readonly partitionCache = new PartitionCache();
  private reserialized = 0;

  constructor(options: FileStagerOptions) {
    this.options = options;
    this.pool = new StagedWriterPool({ root: options.root, maxBuffered: options.maxBuffered, partPrefix: options.partPrefix, inline: options.inlineWrites });
  }

  /** Stages one loaded file (`key` relative to its source root). */
  async stage(key: string, loaded: LoadedFile): Promise<FileOutcome> {
    if (loaded.bytes === undefined) {
      return { size: loaded.size, records: 0, skipped: { path: key, reason: "unreadable", message: `cannot read ${key}: ${loaded.error ?? "unknown error"}` } };
    }
    const result = this.options.read(loaded.bytes, key);
    this.options.onFile?.(key, result);
    this.options.schema?.addFile(key, result);
    switch (result.kind) {
      case "skipped":
        return { size: loaded.size, records: 0, skipped: { path: key, reason: result.reason, message: result.message } };
      case "digest":
        return { size: loaded.size, records: 0, staged: { path: key, kind: "digest", records: 0 } };
      case "insight":
        return { size: loaded.size, records: 0, staged: { path: key, kind: "insight", records: result.records } };
      case "log": {
        const { groups, reserialized } = recordLines(loaded.bytes, result, this.partitionCache);
        this.reserialized += reserialized;
        for (const [folder, group] of groups) {
          const known = this.partitions.get(folder);
          if (known === undefined) this.partitions.set(folder, { ...group.values, folder, records: group.count });
          else known.records += group.count;
          await this.pool.write(folder, group.lines, group.count);
        }
        const records = result.records.length;
        const staged: StagedFile = { path: key, kind: "log", container: result.container, records };
        if (result.partial !== undefined) staged.partial = result.partial.message;
        return { size: loaded.size, records, staged };
      }
      default: {
        const never: never = result;
        throw new Error(`unknown read result ${JSON.stringify(never)}`);
      }
    }
  }

  /** Writes every buffered line out; the stager is done. */
  async close(): Promise<StagerResult> {
    const parts = await this.pool.close();
    return { parts, partitions: [...this.partitions.values()], reserialized: this.reserialized };
  }
}

/** One partition's records of a file: runs of records that sit one separator byte apart, as [start, end) pairs. */
interface LineGroup {
  values: PartitionValues;
  runs: number[];
  /** the last record added, to extend its run with the next one */
  last: number;
  count: number;
  length: number;
}

const CR = 0x0d;
const LF = 0x0a;
const SPACE = 0x20;

type Groups = Map<string, { values: PartitionValues; lines: Buffer; count: number }>;

/**
 * One file's records as staged lines, grouped by partition folder (first-seen order), each group one
 * fresh buffer (so a partition's buffer never keeps a whole file alive). Records are copied from the
 * file's bytes, not re-encoded: neighbours in one partition one byte apart (the comma of a compact
 * CloudTrail file, the line break of JSON lines) are copied as one run with that byte made a line
 * break, so a compact file of one partition is one copy, not one per record.
 */
function recordLines(bytes: Buffer, result: { container: Container; records: Record<string, unknown>[]; lines?: string[] }, partitions: PartitionCache): { groups: Groups; reserialized: number } {
  // Records held as strings or inside envelopes: the reader has their lines already.
  if (result.lines !== undefined) return { groups: givenLines(result.records, result.lines, partitions), reserialized: 0 };
  const bounds = safeBounds(bytes, result.container);
  const records = result.records;
  // The spans must be the reader's records one for one; if not, fall back to the parsed values.
  if (bounds === undefined || bounds.length !== 2 * records.length) return { groups: reserializedLines(records, partitions), reserialized: records.length };
  if (records.length > 0) breaksToSpaces(bytes, bounds[0]!, bounds[bounds.length - 1]!);
  const groups = new Map<string, LineGroup>();
  for (let i = 0; i < records.length; i++) {
    const { folder, values } = partitions.of(records[i]!);
    const start = bounds[2 * i]!;
    const end = bounds[2 * i + 1]!;
    let group = groups.get(folder);
    if (group === undefined) {
      group = { values, runs: [], last: -2, count: 0, length: 0 };
      groups.set(folder, group);
    }
    const runs = group.runs;
    if (group.last === i - 1 && start - runs[runs.length - 1]! === 1) {
      // the separator is not part of any record: it becomes the line break between the two
      bytes[start - 1] = LF;
      runs[runs.length - 1] = end;
    } else runs.push(start, end);
    group.last = i;
    group.count++;
    group.length += end - start + 1;
  }
  const out: Groups = new Map();
  for (const [folder, g] of groups) {
    const lines = Buffer.allocUnsafe(g.length);
    let at = 0;
    for (let r = 0; r < g.runs.length; r += 2) {
      at += bytes.copy(lines, at, g.runs[r]!, g.runs[r + 1]!);
      lines[at++] = LF;
    }
    out.set(folder, { values: g.values, lines, count: g.count });
  }
  return { groups: out, reserialized: 0 };
}

/** Records whose text could not be located, re-serialised one a line (never for valid logs). */
function reserializedLines(records: readonly Record<string, unknown>[], partitions: PartitionCache): Groups {
  return givenLines(records, records.map((r) => JSON.stringify(r)), partitions);
}

/** Records with their one-line texts, grouped by partition. */
function givenLines(records: readonly Record<string, unknown>[], lines: readonly string[], partitions: PartitionCache): Groups {
  const groups = new Map<string, { values: PartitionValues; texts: string[] }>();
  records.forEach((record, i) => {
    const { folder, values } = partitions.of(record);
    let group = groups.get(folder);
    if (group === undefined) groups.set(folder, (group = { values, texts: [] }));
    group.texts.push(lines[i]! + "\n");
  });
  const out: Groups = new Map();
  for (const [folder, g] of groups) out.set(folder, { values: g.values, lines: Buffer.from(g.texts.join("")), count: g.texts.length });
  return out;
}

/**
 * Every CR and LF between `start` and `end` made a space, in place (the file's bytes are staging's own
 * copy, and the reader is done with them): inside valid JSON only whitespace can hold a raw line break,
 * so every record's value stays as it is and each sits on one line. Compact logs have none (one search).
 */
function breaksToSpaces(bytes: Buffer, start: number, end: number): void {
  for (const mark of [LF, CR]) {
    for (let i = bytes.indexOf(mark, start); i >= 0 && i < end; i = bytes.indexOf(mark, i + 1)) bytes[i] = SPACE;
  }
}

function safeBounds(bytes: Buffer, container: Container): number[] | undefined {
  try {
    return scanRecordBounds(bytes, container);
  } catch {
    return undefined;
  }
}
