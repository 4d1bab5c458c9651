import { TrailhiveError } from "../errors.js";
import type { ObjectEntry, ObjectStore } from "./object-store.js";
import type { SkipCode } from "./skip-reasons.js";

/** Where discovery and sampling record what they leave out (one per sampling run). */
export interface SkipLog {
  skip(path: string, code: SkipCode, reason?: string): void;
  warn(message: string): void;
}

/**
 * One folder's direct children (delimiter `/`, every page). A prefix the credentials may not list
 * is skipped and reported instead of failing the run: one account or region closed to the reader
 * should not stop the others. Anything else (bucket missing, network) still throws.
 *
 * @example
 *   const folder = await listFolder(store, "AWSLogs/", log);
 *   folder?.prefixes; // ["AWSLogs/123456789012/", "AWSLogs/o-1234abcdef/"]
 */
export async function listFolder(store: ObjectStore, prefix: string, log: SkipLog): Promise<{ prefixes: string[]; objects: ObjectEntry[] } | undefined> {
  const prefixes: string[] = [];
  const objects: ObjectEntry[] = [];
  let token: string | undefined;
  try {
    do {
      const page = await store.list({ prefix, delimiter: "/", continuationToken: token });
      for (const s of page.skipped ?? []) log.skip(s.path, s.code, s.reason);
      prefixes.push(...page.prefixes);
      objects.push(...page.objects);
      token = page.continuationToken;
    } while (token !== undefined);
  } catch (error) {
    if (error instanceof TrailhiveError && error.code === "SOURCE_ACCESS_DENIED") {
      log.skip(prefix, "access-denied", error.message);
      log.warn(`skipped ${prefix}: ${error.message}`);
      return undefined;
    }
    throw error;
  }
  return { prefixes, objects };
}
