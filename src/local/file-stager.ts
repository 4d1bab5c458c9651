import { assertNever } from "../errors.js";
import type { ExactIntegers } from "../records/exact-integers.js";
import type { ReadResult } from "../records/read-log-file.js";
import { MAX_DEPTH } from "../schema/accumulator.js";
import type { SchemaBuilder } from "../schema/schema-builder.js";
import type { Container } from "../schema/schema-file.js";
import type { LoadedFile } from "./local-file-reader.js";
import { PartitionCache } from "./partition-cache.js";
import { memberText } from "./member-text.js";
import type { NumberText, PartitionValues } from "./partition-of.js";
import { scanRecordBounds, type DeepRecords } from "./scan-record-spans.js";
import { StagedWriterPool, type StagedPart } from "./staged-writer-pool.js";
import { stringifyTooDeep } from "./stringify-too-deep.js";

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
  /** records nested MAX_DEPTH deep or more, staged with their values that deep as JSON text */
  tooDeep: number;
}

export class FileStager {
  private readonly options: FileStagerOptions;
  private readonly pool: StagedWriterPool;
  private readonly partitions = new Map<string, StagedPartition>();
  private readonly partitionCache = new PartitionCache();
  private reserialized = 0;
  private tooDeep = 0;

  constructor(options: FileStagerOptions) {
    this.options = options;
    this.pool = new StagedWriterPool({ root: options.root, maxBuffered: options.maxBuffered, partPrefix: options.partPrefix, inline: options.inlineWrites });
  }

  /** Stages one loaded file (`key` relative to its source root). */
  async stage(key: string, loaded: LoadedFile): Promise<FileOutcome> {
    if (loaded.skipped !== undefined) return { size: loaded.size, records: 0, skipped: { path: key, ...loaded.skipped } };
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
        const { groups, reserialized, tooDeep } = recordLines(loaded.bytes, result, this.partitionCache);
        this.reserialized += reserialized;
        this.tooDeep += tooDeep;
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
      default:
        assertNever(result, "read result");
    }
  }

  /** Writes every buffered line out; the stager is done. */
  async close(): Promise<StagerResult> {
    const parts = await this.pool.close();
    return { parts, partitions: [...this.partitions.values()], reserialized: this.reserialized, tooDeep: this.tooDeep };
  }
}

/**
 * One partition's records of a file: runs of records that sit one separator byte apart, as [start, end)
 * pairs; a record staged from other text than the file's (too deep) is a pair [-1 - k, 0], k its index in `texts`.
 */
interface LineGroup {
  values: PartitionValues;
  runs: number[];
  texts: Buffer[];
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
 * break, so a compact file of one partition is one copy, not one per record. Only records nested
 * MAX_DEPTH deep get a text of their own, cut there as inference types them (see stringifyTooDeep).
 */
function recordLines(
  fileBytes: Buffer,
  result: { container: Container; records: Record<string, unknown>[]; exactIntegers?: ExactIntegers; lines?: string[] },
  partitions: PartitionCache,
): { groups: Groups; reserialized: number; tooDeep: number } {
  // Records held as strings or inside envelopes: the reader has their lines already, and they stage as
  // a JSON-lines file of them would (digits of partition values from the text, deep records cut).
  const given = result.lines;
  const bytes = given === undefined ? fileBytes : Buffer.from(given.join("\n"));
  const deep: DeepRecords = { level: MAX_DEPTH, records: [] };
  const bounds = safeBounds(bytes, given === undefined ? result.container : "lines", deep);
  const records = result.records;
  // The spans must be the reader's records one for one; if not, fall back to the parsed values.
  if (bounds === undefined || bounds.length !== 2 * records.length) return { groups: reserializedLines(records, partitions, result.exactIntegers), reserialized: records.length, tooDeep: 0 };
  if (records.length > 0) breaksToSpaces(bytes, bounds[0]!, bounds[bounds.length - 1]!);
  // Numbers a double cannot hold are read from the record's own text (one closure per file, not per record).
  let recordStart = 0;
  const numberText: NumberText = (path) => memberText(bytes, recordStart, path);
  let nextDeep = 0;
  const groups = new Map<string, LineGroup>();
  for (let i = 0; i < records.length; i++) {
    const start = bounds[2 * i]!;
    const end = bounds[2 * i + 1]!;
    recordStart = start;
    const { folder, values } = partitions.of(records[i]!, numberText);
    let group = groups.get(folder);
    if (group === undefined) {
      group = { values, runs: [], texts: [], last: -2, count: 0, length: 0 };
      groups.set(folder, group);
    }
    group.count++;
    const runs = group.runs;
    if (deep.records[nextDeep] === i) {
      nextDeep++;
      const text = stringifyTooDeep(bytes, start, end, MAX_DEPTH);
      runs.push(-1 - group.texts.length, 0);
      group.texts.push(text);
      group.last = -2;
      group.length += text.length + 1;
      continue;
    }
    if (group.last === i - 1 && start - runs[runs.length - 1]! === 1) {
      // the separator is not part of any record: it becomes the line break between the two
      bytes[start - 1] = LF;
      runs[runs.length - 1] = end;
    } else runs.push(start, end);
    group.last = i;
    group.length += end - start + 1;
  }
  const out: Groups = new Map();
  for (const [folder, g] of groups) {
    const lines = Buffer.allocUnsafe(g.length);
    let at = 0;
    for (let r = 0; r < g.runs.length; r += 2) {
      const start = g.runs[r]!;
      at += start < 0 ? g.texts[-1 - start]!.copy(lines, at) : bytes.copy(lines, at, start, g.runs[r + 1]!);
      lines[at++] = LF;
    }
    out.set(folder, { values: g.values, lines, count: g.count });
  }
  return { groups: out, reserialized: 0, tooDeep: deep.records.length };
}

/** Records whose text could not be located, re-serialised one a line (never for valid logs). */
function reserializedLines(records: readonly Record<string, unknown>[], partitions: PartitionCache, exact: ExactIntegers | undefined): Groups {
  const groups = new Map<string, { values: PartitionValues; texts: string[] }>();
  for (const record of records) {
    const { folder, values } = partitions.of(record, (path) => exactText(record, path, exact));
    let group = groups.get(folder);
    if (group === undefined) groups.set(folder, (group = { values, texts: [] }));
    group.texts.push(JSON.stringify(record) + "\n");
  }
  const out: Groups = new Map();
  for (const [folder, g] of groups) out.set(folder, { values: g.values, lines: Buffer.from(g.texts.join("")), count: g.texts.length });
  return out;
}

/** The digits of a rounded integer at `path` when the file holds only one literal that rounds to it. */
function exactText(record: Record<string, unknown>, path: readonly string[], exact: ExactIntegers | undefined): string | undefined {
  let value: unknown = record;
  for (const key of path) value = typeof value === "object" && value !== null ? (value as Record<string, unknown>)[key] : undefined;
  const found = typeof value === "number" ? exact?.get(value) : undefined;
  return found !== undefined && found.min === found.max ? String(found.min) : undefined;
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

function safeBounds(bytes: Buffer, container: Container, deep: DeepRecords): number[] | undefined {
  try {
    return scanRecordBounds(bytes, container, deep);
  } catch {
    return undefined;
  }
}
