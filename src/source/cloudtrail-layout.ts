/**
 * The CloudTrail delivery layout in S3, as data:
 * `AWSLogs/[o-<org>/]<account>/<kind>/<region>/<yyyy>/<mm>/<dd>/<file>` with `<kind>` one of
 * `CloudTrail`, `CloudTrail-Digest`, `CloudTrail-Insight`; other services (Config, vpcflowlogs,
 * elasticloadbalancing, ...) deliver beside them under the same account folder.
 */

/** What an account's child folder holds. */
export type ServiceFolderKind = "log" | "digest" | "insight" | "other";

/** `AWSLogs/` as the root of a delivery tree. */
export const AWSLOGS_FOLDER = "AWSLogs/";

/** An organisation trail's folder: `o-` and lowercase letters or digits (AWS uses 10 to 32; fixtures such as cloud-snitch's `o-1234abcde` use fewer). */
const ORG_FOLDER = /^o-[a-z0-9]{4,32}\/$/;
/** A 12-digit AWS account id folder. */
const ACCOUNT_FOLDER = /^\d{12}\/$/;
/** Region folder names as AWS forms them (us-east-1, ap-southeast-4, us-gov-west-1, eu-isoe-west-1). */
const REGION_FOLDER = /^[a-z]{2}(-[a-z]+)+-\d+\/$/;
/**
 * Log files: CloudTrail writes `<account>_CloudTrail_<region>_<yyyymmddThhmmZ>_<random>.json.gz`;
 * plain `.json` and JSON lines (exports and copies) are read too. Anything else (folder markers,
 * `_SUCCESS`, manifests, text) is not a log file.
 */
const LOG_FILE = /\.(json|jsonl|ndjson)(\.gz)?$/i;

/**
 * Classifies a child folder of an account folder by name (the last path segment, with its `/`).
 *
 * @example
 *   serviceFolderKind("CloudTrail-Digest/"); // "digest"
 */
export function serviceFolderKind(name: string): ServiceFolderKind {
  switch (name) {
    case "CloudTrail/":
      return "log";
    case "CloudTrail-Digest/":
      return "digest";
    case "CloudTrail-Insight/":
      return "insight";
    default:
      return "other";
  }
}

/** @example isOrgFolder("o-1234abcdef/"); // true */
export function isOrgFolder(name: string): boolean {
  return ORG_FOLDER.test(name);
}

/** @example isAccountFolder("123456789012/"); // true */
export function isAccountFolder(name: string): boolean {
  return ACCOUNT_FOLDER.test(name);
}

/** @example isRegionFolder("us-gov-west-1/"); // true */
export function isRegionFolder(name: string): boolean {
  return REGION_FOLDER.test(name);
}

/** @example isLogFileName("123456789012_CloudTrail_us-east-1_20240101T0005Z_abc.json.gz"); // true */
export function isLogFileName(name: string): boolean {
  return LOG_FILE.test(name);
}

/**
 * The last segment of a key or folder prefix, a folder keeping its trailing `/`.
 *
 * @example
 *   lastSegment("AWSLogs/123456789012/"); // "123456789012/"
 */
export function lastSegment(keyOrPrefix: string): string {
  const trimmed = keyOrPrefix.endsWith("/") ? keyOrPrefix.slice(0, -1) : keyOrPrefix;
  const name = trimmed.slice(trimmed.lastIndexOf("/") + 1);
  return keyOrPrefix.endsWith("/") ? name + "/" : name;
}

/** A calendar day, `YYYY-MM-DD`. */
export type Day = string;

const DAY = /^(\d{4})-(\d{2})-(\d{2})$/;

/**
 * Checks a `YYYY-MM-DD` day (a real calendar date), returning it or undefined.
 *
 * @example
 *   parseDay("2024-02-30"); // undefined
 */
export function parseDay(text: string): Day | undefined {
  const match = DAY.exec(text);
  if (match === null) return undefined;
  const date = new Date(`${text}T00:00:00Z`);
  return Number.isNaN(date.getTime()) || date.toISOString().slice(0, 10) !== text ? undefined : text;
}

/**
 * The folder of one day below a region folder: `2024-01-05` -> `2024/01/05/`.
 *
 * @example
 *   dayFolder("2024-01-05"); // "2024/01/05/"
 */
export function dayFolder(day: Day): string {
  return day.replaceAll("-", "/") + "/";
}

/**
 * The UTC day of a date.
 *
 * @example
 *   dayOf(new Date("2024-03-31T23:59:00Z")); // "2024-03-31"
 */
export function dayOf(date: Date): Day {
  return date.toISOString().slice(0, 10);
}

/**
 * The day `n` days after (negative: before) a day.
 *
 * @example
 *   addDays("2024-03-01", -1); // "2024-02-29"
 */
export function addDays(day: Day, n: number): Day {
  return new Date(new Date(`${day}T00:00:00Z`).getTime() + n * 86_400_000).toISOString().slice(0, 10);
}
