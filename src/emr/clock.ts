import { setTimeout as delay } from "node:timers/promises";

/**
 * Time as the EMR loops see it, passed in so tests run the same loops in milliseconds.
 *
 * @example
 *   const clock = systemClock();
 *   await clock.sleep(1000, signal); // returns early when signal aborts
 */
export interface Clock {
  now(): number;
  /** waits `ms`, returning early (without throwing) when `signal` aborts */
  sleep(ms: number, signal?: AbortSignal): Promise<void>;
}

export function systemClock(): Clock {
  return {
    now: () => Date.now(),
    sleep: async (ms, signal) => {
      if (signal?.aborted) return;
      try {
        await delay(ms, undefined, { signal });
      } catch (error) {
        if (!(error instanceof Error && error.name === "AbortError")) throw error;
      }
    },
  };
}

/** `12s`, `3m05s`, `1h02m`: elapsed time as people read it on a progress line. */
export function formatElapsed(ms: number): string {
  const s = Math.floor(ms / 1000);
  if (s < 60) return `${s}s`;
  if (s < 3600) return `${Math.floor(s / 60)}m${String(s % 60).padStart(2, "0")}s`;
  return `${Math.floor(s / 3600)}h${String(Math.floor((s % 3600) / 60)).padStart(2, "0")}m`;
}
