/**
 * Maps over items with at most `limit` calls in flight, results in input order. The first failure
 * rejects the whole map (after in-flight calls settle), as `Promise.all` would.
 *
 * @example
 *   const pages = await mapLimit(prefixes, 8, (p) => store.list({ prefix: p, delimiter: "/" }));
 */
export async function mapLimit<T, R>(items: readonly T[], limit: number, fn: (item: T, index: number) => Promise<R>): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  let failed: { error: unknown } | undefined;
  const worker = async () => {
    while (failed === undefined && next < items.length) {
      const index = next++;
      try {
        results[index] = await fn(items[index] as T, index);
      } catch (error) {
        failed ??= { error };
      }
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, worker));
  if (failed !== undefined) throw failed.error;
  return results;
}
