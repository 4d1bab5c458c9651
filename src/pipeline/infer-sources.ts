import { TrailhiveError } from "../errors.js";
import type { ResolvedSources, SourceFile } from "../source/resolve-sources.js";
import { DEFAULT_MAX_FILE_BYTES, tooLargeMessage } from "../records/inflate-bounded.js";
import type { SkipReason } from "../records/read-log-file.js";
import { countFileShapes, type FileShape, type FileShapeCount } from "../records/file-shape.js";
import type { InferenceOptions } from "../schema/infer-shape.js";
import { SchemaBuilder } from "../schema/schema-builder.js";
import type { SchemaBuilderState } from "../schema/schema-state.js";
import { countFile, unread, type FileTally, type NamedFile } from "./count-file.js";
import type { Conflict, FileKind, SchemaFile } from "../schema/schema-file.js";

/** Files read at once by default: enough to overlap S3 latency, few enough to keep memory flat. */
export const DEFAULT_CONCURRENCY = 8;

export interface InferProgress {
  /** files finished (read or skipped) out of `total` */
  done: number;
  total: number;
  records: number;
  bytes: number;
  skipped: number;
}

export interface InferSummary {
  /** files by what they turned out to be; `skipped` counts those not used, by any reason */
  files: Record<FileKind | "skipped", number>;
  records: number;
  /** CloudTrail Insights events met (Insights files, and Insights events inside other shapes), never records */
  insightEvents: number;
  /** bytes read (as stored, before gunzip) */
  bytes: number;
  /** log files by shape (container and framing: records, eventbridge (concatenated), ...), in name order */
  shapes: FileShapeCount[];
  /** every file not used, with its reason and a one-line message naming it */
  skipped: { path: string; reason: SkipReason | string; message: string }[];
  /** files read with parts left out (bad lines or values), each with a one-line message naming it */
  partial: { path: string; parts: number; message: string }[];
  conflicts: Conflict[];
}

/** A local file for `CountLocalFiles`: its path on disk, with how infer names it. */
export interface LocalFileJob extends NamedFile {
  path: string;
}

/**
 * Counts local files into `builder` and on threads of its own (src/local/infer-workers.ts): each file's
 * tally comes back through `onTally` (its index in `files`), and the threads' builder states are
 * returned for the caller's `finish`. Given by the edge; without it, local files are read like any store's.
 */
export type CountLocalFiles = (
  files: readonly LocalFileJob[],
  builder: SchemaBuilder,
  options: { maxFileBytes: number; inference?: InferenceOptions; threads?: number; onTally(index: number, tally: FileTally): void; onProgress(files: number): void },
) => Promise<SchemaBuilderState[]>;

export interface InferSourcesOptions {
  concurrency?: number;
  /** counts the files of local folders (on every core); see CountLocalFiles */
  countLocal?: CountLocalFiles;
  /** with countLocal: the threads it may use, this one included (default: one per core, up to four) */
  threads?: number;
  onProgress?: (progress: InferProgress) => void;
  inference?: InferenceOptions;
  /**
   * the most bytes one file may hold, as stored or once inflated (`--max-file-size`; default 256 MiB):
   * a bigger one is skipped as `too-large`, not fetched when its listed size already passes it
   */
  maxFileBytes?: number;
}

/**
 * The IO edge of inference: reads every resolved file through its ObjectStore (bounded concurrency),
 * decodes it with readLogFile, pours it into a SchemaBuilder, and returns the schema file and a
 * summary for people. Records are dropped as soon as they are counted, so memory stays flat.
 * A file that cannot be read at all (a store error) is skipped with reason `unreadable`, one that is
 * no regular file (a FIFO, a socket) with `not-a-file`, one past `maxFileBytes` with `too-large`.
 *
 * @example
 *   const { schema, summary } = await inferSources(await resolveSources(["examples/logs"]), { concurrency: 4 });
 */
export async function inferSources(resolved: ResolvedSources, options: InferSourcesOptions = {}): Promise<{ schema: SchemaFile; summary: InferSummary }> {
  const builder = new SchemaBuilder(options.inference);
  const summary: InferSummary = {
    files: { log: 0, digest: 0, insight: 0, "not-cloudtrail": 0, skipped: 0 },
    records: 0,
    insightEvents: 0,
    bytes: 0,
    shapes: [],
    skipped: [],
    partial: [],
    conflicts: [],
  };
  for (const s of resolved.skipped) {
    // The stable code goes into provenance (same bytes whatever the wording); the sentence into the message.
    const reason = s.code ?? s.reason;
    builder.addSkipped(s.path, reason);
    summary.skipped.push({ path: s.path, reason, message: `${s.path}: ${s.reason}` });
    summary.files.skipped++;
  }
  const total = resolved.files.length;
  // Messages name a file as the user would find it (source spec + key); provenance keeps the key.
  const specOf = new Map(resolved.roots.map((r) => [r.store, r.spec]));
  const shown = (file: SourceFile): string => {
    const spec = specOf.get(file.store);
    if (spec === undefined) return file.key;
    if (spec === file.key || spec.endsWith("/" + file.key)) return spec;
    return `${spec.replace(/\/+$/, "")}/${file.key}`;
  };
  const shapes: FileShape[] = [];
  let done = 0;
  const report = () => options.onProgress?.({ done, total, records: summary.records, bytes: summary.bytes, skipped: summary.files.skipped });

  const maxFileBytes = options.maxFileBytes ?? DEFAULT_MAX_FILE_BYTES;
  const tally = (key: string, t: FileTally): void => {
    switch (t.kind) {
      case "unread":
        summary.skipped.push({ path: key, reason: t.reason, message: t.message });
        summary.files.skipped++;
        return;
      case "log":
        summary.bytes += t.bytes;
        summary.files.log++;
        summary.records += t.records;
        summary.insightEvents += t.insights;
        shapes.push(t.shape);
        if (t.partial !== undefined) summary.partial.push({ path: key, parts: t.partial.parts, message: t.partial.message });
        return;
      case "digest":
        summary.bytes += t.bytes;
        summary.files.digest++;
        return;
      case "insight":
        summary.bytes += t.bytes;
        summary.files.insight++;
        summary.insightEvents += t.records;
        return;
      case "skipped":
        summary.bytes += t.bytes;
        if (t.reason === "not-cloudtrail") summary.files["not-cloudtrail"]++;
        summary.files.skipped++;
        summary.skipped.push({ path: key, reason: t.reason, message: t.message });
        return;
    }
  };
  const readOne = async (file: SourceFile): Promise<FileTally> => {
    const named = { key: file.key, shown: shown(file), size: file.size };
    if (file.size > maxFileBytes) return unread(builder, named, "too-large", tooLargeMessage(named.shown, maxFileBytes, { inflated: false, size: file.size }));
    let bytes: Buffer;
    try {
      bytes = await file.store.get(file.key);
    } catch (error) {
      if (error instanceof TrailhiveError && error.code === "SOURCE_NOT_A_FILE") return unread(builder, named, "not-a-file", `${named.shown}: ${error.message}`);
      return unread(builder, named, "unreadable", `${named.shown}: could not be read (${(error as Error).message})`);
    }
    return countFile(builder, named, bytes, maxFileBytes);
  };

  // Local folders' files go to countLocal (every core) when the edge gives it; the rest are fetched here.
  const local: LocalFileJob[] = [];
  const fetched: SourceFile[] = [];
  for (const file of resolved.files) {
    const path = options.countLocal !== undefined ? file.store.localPath?.(file.key) : undefined;
    if (path === undefined) fetched.push(file);
    else local.push({ key: file.key, shown: shown(file), size: file.size, path });
  }
  let next = 0;
  const worker = async () => {
    while (next < fetched.length) {
      const file = fetched[next++]!;
      tally(file.key, await readOne(file));
      done++;
      report();
    }
  };
  const width = Math.max(1, Math.min(options.concurrency ?? DEFAULT_CONCURRENCY, fetched.length));
  const counted =
    local.length === 0 || options.countLocal === undefined
      ? Promise.resolve([])
      : options.countLocal(local, builder, {
          maxFileBytes,
          ...(options.inference !== undefined ? { inference: options.inference } : {}),
          ...(options.threads !== undefined ? { threads: options.threads } : {}),
          onTally: (index, t) => tally(local[index]!.key, t),
          onProgress: (files) => {
            done += files;
            report();
          },
        });
  const [states] = await Promise.all([counted, ...Array.from({ length: width }, worker)]);
  for (const state of states) builder.addState(state);

  const schema = builder.finish(resolved.roots.map((r) => r.spec));
  summary.conflicts = schema.conflicts;
  summary.skipped.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  summary.partial.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  summary.shapes = countFileShapes(shapes);
  return { schema, summary };
}
