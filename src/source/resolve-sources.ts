import { stat } from "node:fs/promises";
import { basename, dirname, resolve } from "node:path";
import { TrailhiveError } from "../errors.js";
import { LocalStore } from "./local-store.js";
import { listAll, type ObjectStore } from "./object-store.js";

/**
 * Turns what the user named (files, folders, later `s3://` URIs) into the list of objects to read.
 * Every file keeps the store it comes from and its key relative to that store's root, so provenance
 * paths are the same for a folder and for the bucket it was copied from.
 */
export interface SourceFile {
  store: ObjectStore;
  key: string;
  size: number;
}

export interface SourceRoot {
  /** as the user gave it */
  spec: string;
  store: ObjectStore;
}

export interface SkippedObject {
  /** key relative to the source root */
  path: string;
  reason: string;
}

export interface ResolvedSources {
  roots: SourceRoot[];
  files: SourceFile[];
  /** objects left out before reading (digest folders, other services, sampling limits) with why */
  skipped: SkippedObject[];
}

/** What the sampler may be told; the S3 sampler fills this in, local folders read everything today. */
export interface SampleOptions {
  days?: number;
  from?: string;
  to?: string;
  accounts?: string[];
  regions?: string[];
  maxFiles?: number;
  maxBytes?: number;
  seed?: string;
  includeInsights?: boolean;
}

/**
 * @example
 *   const { files } = await resolveSources(["./examples/logs"], {});
 */
export async function resolveSources(specs: string[], _options: SampleOptions = {}): Promise<ResolvedSources> {
  const roots: SourceRoot[] = [];
  const files: SourceFile[] = [];
  for (const spec of specs) {
    if (spec.startsWith("s3://")) {
      throw new TrailhiveError("USAGE_S3_UNSUPPORTED", `reading ${spec} needs the S3 source, which is not built yet: copy the logs to a folder`, { spec });
    }
    let info;
    try {
      info = await stat(spec);
    } catch {
      throw new TrailhiveError("SOURCE_NOT_FOUND", `${spec} does not exist: give a CloudTrail log file or a folder of them`, { spec });
    }
    if (info.isDirectory()) {
      const store = new LocalStore(resolve(spec));
      roots.push({ spec, store });
      for await (const entry of listAll(store, "")) files.push({ store, key: entry.key, size: entry.size });
    } else {
      const store = new LocalStore(resolve(dirname(spec)));
      roots.push({ spec, store });
      files.push({ store, key: basename(spec), size: info.size });
    }
  }
  return { roots, files, skipped: [] };
}
