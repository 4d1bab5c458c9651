import type { SkipCode } from "./skip-reasons.js";

/**
 * The one interface sampling and reading see, whether logs live in S3 or in a local folder.
 * Keys are `/`-separated and relative to the store's root, so provenance paths are the same for S3
 * and for a local copy of the same files.
 */
export interface ObjectEntry {
  key: string;
  size: number;
  /** what changes when the object does, as the listing gives it (S3's ETag); a work folder's staging is reused only while it holds */
  version?: string;
}

export interface ListPage {
  objects: ObjectEntry[];
  /** "folders" below the prefix when a delimiter was given, each ending with the delimiter */
  prefixes: string[];
  /** present when more results follow */
  continuationToken?: string;
  /**
   * what lies under the prefix and cannot be listed or read (a folder denied to the reader, a dangling
   * link, a FIFO, a link back to a folder above it), with why; on the first page only
   */
  skipped?: ListSkip[];
}

export interface ListSkip {
  /** key, or folder ending with `/`, relative to the store's root */
  path: string;
  code: SkipCode;
  reason: string;
}

export interface ListOptions {
  prefix: string;
  delimiter?: string;
  continuationToken?: string;
  /** start listing after this key (S3's StartAfter; used on the first page, the token wins after) */
  startAfter?: string;
  maxKeys?: number;
}

export interface ObjectStore {
  /** Human name of the root, e.g. `s3://bucket/prefix` or `/home/me/logs`, for messages. */
  readonly root: string;
  /** One page of a listing, as S3's ListObjectsV2 returns it (lexicographic key order). */
  list(options: ListOptions): Promise<ListPage>;
  /** The whole object's bytes. */
  get(key: string): Promise<Buffer>;
  /**
   * Where the object is as a file on this machine, for a store that is a local folder: staging reads
   * such files on its own threads, and a work folder tells a changed one by its modification time.
   */
  localPath?(key: string): string;
}

/** Lists every object under a prefix, following continuation tokens; what could not be listed goes to `onSkipped`. */
export async function* listAll(store: ObjectStore, prefix: string, onSkipped?: (skip: ListSkip) => void): AsyncGenerator<ObjectEntry> {
  let token: string | undefined;
  do {
    const page = await store.list({ prefix, continuationToken: token });
    for (const s of page.skipped ?? []) onSkipped?.(s);
    yield* page.objects;
    token = page.continuationToken;
  } while (token !== undefined);
}
