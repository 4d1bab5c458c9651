import { readLogFile } from "../records/read-log-file.js";
import type { FileShape } from "../records/file-shape.js";
import type { SchemaBuilder } from "../schema/schema-builder.js";

/**
 * What one file added to infer's summary, counted into a SchemaBuilder on whichever thread read it:
 * plain data, so a parse worker can send it back (infer-workers.ts) and the main thread tallies it
 * exactly as it tallies a file it read itself.
 */
export type FileTally =
  | { kind: "unread"; reason: "too-large" | "not-a-file" | "unreadable"; message: string }
  | { kind: "log"; bytes: number; records: number; insights: number; shape: FileShape; partial?: { parts: number; message: string } }
  | { kind: "digest"; bytes: number }
  | { kind: "insight"; bytes: number; records: number }
  | { kind: "skipped"; bytes: number; reason: string; message: string };

/** A file as infer names it: its key (provenance) and how messages show it (source spec + key). */
export interface NamedFile {
  key: string;
  shown: string;
  /** listed size, as stored */
  size: number;
}

/**
 * Decodes one file's stored bytes (readLogFile) and counts it into `builder`.
 *
 * @example
 *   countFile(builder, { key: "a.json.gz", shown: "logs/a.json.gz", size: 90 }, bytes, 256 << 20)
 *   // { kind: "log", bytes: 90, records: 3, insights: 0, shape: { container: "records" } }
 */
export function countFile(builder: SchemaBuilder, file: NamedFile, bytes: Buffer, maxFileBytes: number): FileTally {
  const result = readLogFile(bytes, file.shown, { maxFileBytes });
  builder.addFile(file.key, result);
  switch (result.kind) {
    case "log": {
      const shape: FileShape = result.framing === undefined ? { container: result.container } : { container: result.container, framing: result.framing };
      const tally: FileTally = { kind: "log", bytes: bytes.length, records: result.records.length, insights: result.insights ?? 0, shape };
      if (result.partial !== undefined) tally.partial = { parts: result.partial.parts, message: result.partial.message };
      return tally;
    }
    case "digest":
      return { kind: "digest", bytes: bytes.length };
    case "insight":
      return { kind: "insight", bytes: bytes.length, records: result.records };
    case "skipped":
      return { kind: "skipped", bytes: bytes.length, reason: result.reason, message: result.message };
  }
}

/** A file that was not read at all, counted as skipped. */
export function unread(builder: SchemaBuilder, file: NamedFile, reason: "too-large" | "not-a-file" | "unreadable", message: string): FileTally {
  builder.addSkipped(file.key, reason);
  return { kind: "unread", reason, message };
}
