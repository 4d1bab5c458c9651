import type { S3Client } from "@aws-sdk/client-s3";
import type { Clock } from "./clock.js";
import type { LogFile } from "./diagnose-step-logs.js";
import type { EmrEvent } from "./emr-event.js";
import { STEP_LOG_FILES } from "./emr-defaults.js";
import { readObjectText } from "./s3-objects.js";
import { joinKey, parseS3Uri, s3Uri } from "../values/s3-uri.js";

export interface FetchLogsOptions {
  clock: Clock;
  /** how long to wait for stderr.gz to appear (EMR uploads step logs minutes after the step ends), ms */
  waitMs: number;
  /** time between looks, ms */
  intervalMs: number;
  onEvent?: (event: EmrEvent) => void;
}

/**
 * The folder a step's logs land in: `<LogUri>/<cluster-id>/steps/<step-id>/`.
 *
 * @example
 *   stepLogFolder("s3://logs/emr/", "j-1", "s-2")  // "s3://logs/emr/j-1/steps/s-2/"
 */
export function stepLogFolder(logUri: string, clusterId: string, stepId: string): string {
  const at = parseS3Uri(logUri.replace(/^s3n:/, "s3:"), "cluster LogUri");
  return s3Uri({ bucket: at.bucket, key: joinKey(at.key, clusterId, "steps", stepId) + "/" });
}

/**
 * Reads a step's gzipped logs, waiting up to `waitMs` for stderr.gz to appear; returns what exists
 * then (possibly nothing) and the folder it looked in.
 *
 * @example
 *   const { logs, folder } = await fetchStepLogs(s3, "s3://logs/", "j-1", "s-1", { clock, ...DEFAULT_LOG_WAIT });
 */
export async function fetchStepLogs(s3: S3Client, logUri: string, clusterId: string, stepId: string, options: FetchLogsOptions): Promise<{ folder: string; logs: LogFile[] }> {
  const folder = stepLogFolder(logUri, clusterId, stepId);
  const at = parseS3Uri(folder);
  const started = options.clock.now();
  const read = async (name: string): Promise<LogFile | undefined> => {
    const key = at.key + name + ".gz";
    const text = await readObjectText(s3, { bucket: at.bucket, key });
    return text === undefined ? undefined : { name, uri: s3Uri({ bucket: at.bucket, key }), text };
  };
  for (let attempt = 1; ; attempt++) {
    const stderr = await read("stderr");
    const elapsedMs = options.clock.now() - started;
    if (stderr !== undefined || elapsedMs >= options.waitMs) {
      const rest = await Promise.all(STEP_LOG_FILES.filter((n) => n !== "stderr").map(read));
      return { folder, logs: [stderr, ...rest].filter((l): l is LogFile => l !== undefined) };
    }
    options.onEvent?.({ kind: "logs-waiting", uri: folder, attempt, elapsedMs });
    await options.clock.sleep(Math.min(options.intervalMs, options.waitMs - elapsedMs));
  }
}
