import { closeSync } from "node:fs";
import { TrailhiveError } from "../errors.js";
import { unread, type FileTally, type NamedFile } from "../pipeline/count-file.js";
import { tooLargeMessage } from "../records/inflate-bounded.js";
import type { SchemaBuilder } from "../schema/schema-builder.js";
import { openRegularFile, readWhole } from "./load-local-file.js";

/**
 * A local file's stored bytes, read synchronously (LocalStore.get's promises cost four thread-pool
 * hops per file, several times a small log's parse), with LocalStore's checks and infer's messages:
 * too large as listed, not a regular file (never opened blocking), or unreadable.
 */
export function readLocalSync(builder: SchemaBuilder, file: NamedFile & { path: string }, maxFileBytes: number): Buffer | FileTally {
  if (file.size > maxFileBytes) return unread(builder, file, "too-large", tooLargeMessage(file.shown, maxFileBytes, { inflated: false, size: file.size }));
  try {
    const opened = openRegularFile(file.path);
    if ("refused" in opened) return unread(builder, file, "not-a-file", `${file.shown}: ${opened.refused}`);
    try {
      if (opened.size > maxFileBytes) return unread(builder, file, "too-large", tooLargeMessage(file.shown, maxFileBytes, { inflated: false, size: opened.size }));
      return readWhole(opened.fd, opened.size);
    } finally {
      closeSync(opened.fd);
    }
  } catch (error) {
    const failed = new TrailhiveError("SOURCE_READ_FAILED", { problem: "local", path: file.path, key: file.key, reason: (error as Error).message });
    return unread(builder, file, "unreadable", `${file.shown}: could not be read (${failed.message})`);
  }
}
