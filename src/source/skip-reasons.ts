import { assertNever } from "../errors.js";

/**
 * Why an object or folder was left out before reading, as a stable code (for counting and `--json`)
 * beside the human message in `SkippedObject.reason`.
 */
export type SkipCode =
  | "digest"
  | "insight"
  | "other-service"
  | "not-log-file"
  | "outside-layout"
  | "account-filter"
  | "region-filter"
  | "access-denied"
  | "dangling-link"
  | "link-loop"
  | "link-duplicate"
  | "not-a-file"
  | "max-files"
  | "max-bytes"
  | "per-stratum";

/**
 * The message each code carries when nothing more specific is known.
 *
 * @example
 *   skipMessage("digest"); // "CloudTrail digest files (integrity hashes, not events)"
 */
export function skipMessage(code: SkipCode): string {
  switch (code) {
    case "digest":
      return "CloudTrail digest files (integrity hashes, not events)";
    case "insight":
      return "CloudTrail Insight events (add --include-insights to read them)";
    case "other-service":
      return "another service's logs, not CloudTrail";
    case "not-log-file":
      return "not a log file (.json, .json.gz, .jsonl)";
    case "outside-layout":
      return "outside the AWSLogs/<account>/CloudTrail/<region>/<yyyy>/<mm>/<dd>/ layout";
    case "account-filter":
      return "account not in --accounts";
    case "region-filter":
      return "region not in --regions";
    case "access-denied":
      return "access denied";
    case "dangling-link":
      return "a symbolic link to nothing (dangling)";
    case "link-loop":
      return "a symbolic link back to a folder above it: its files are read once, through the folder itself";
    case "link-duplicate":
      return "a second name (through a symbolic link) of a file or folder already listed: read once, by its first name";
    case "not-a-file":
      return "not a regular file (a FIFO, socket or device): not read";
    case "max-files":
      return "not sampled: --max-files reached";
    case "max-bytes":
      return "not sampled: --max-bytes reached";
    case "per-stratum":
      return "not sampled: --per-stratum reached for its account and region";
    default:
      return assertNever(code, "skip code");
  }
}
