import type { PollOptions } from "./wait-for-step.js";

// The EMR defaults the CLI's option help names, in a module of their own: wait-for-step.ts and
// fetch-step-logs.ts load the AWS SDK, which `trailhive run --help` should not pay for.

/** Defaults for a real cluster: a Hive step takes minutes, and DescribeStep is rate-limited per account. */
export const DEFAULT_POLL: PollOptions = { intervalMs: 5_000, maxIntervalMs: 60_000, timeoutMs: 6 * 3600_000 };

/** The step log files EMR pushes to LogUri, in the order they are read. */
export const STEP_LOG_FILES = ["stderr", "syslog", "controller", "stdout"] as const;

/** Five minutes covers EMR's usual push delay; every 15 s keeps the number of GETs small. */
export const DEFAULT_LOG_WAIT = { waitMs: 5 * 60_000, intervalMs: 15_000 };
