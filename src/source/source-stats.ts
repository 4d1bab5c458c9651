/**
 * Live counters of what reading a source cost: requests by kind, retries the SDK made, bytes
 * fetched, prefixes refused. Stores add to them as they work, so a progress line or a summary (and
 * the `--json` summary) can show them; the bench reads them to count LIST and GET requests.
 *
 * @example
 *   const stats = createSourceStats();
 *   const store = new S3Store(client, { bucket: "logs", stats });
 *   // ... after sampling: stats.listRequests, stats.retries
 */
export interface SourceStats {
  /** LIST calls answered (a call the SDK retried counts once; its extra attempts are in `retries`) */
  listRequests: number;
  /** GET calls answered */
  getRequests: number;
  /** HeadBucket calls answered (one per bucket, to find its region) */
  headRequests?: number;
  /** extra attempts after throttling, 5xx or connection resets */
  retries: number;
  /** bytes of object bodies fetched */
  bytesRead: number;
  /** prefixes or keys skipped because access was denied */
  accessDenied: number;
}

/** A fresh set of counters, all zero (see the example above). */
export function createSourceStats(): SourceStats {
  return { listRequests: 0, getRequests: 0, headRequests: 0, retries: 0, bytesRead: 0, accessDenied: 0 };
}
