/**
 * The partition a staged record belongs to, taken from the record itself (many log folders are not in
 * AWSLogs layout, and a CloudTrail file can hold events of the previous day): account from
 * `recipientAccountId` (else `userIdentity.accountId`), region from `awsRegion`, date from `eventTime`.
 * Values a record lacks become {@link UNKNOWN_PARTITION}, so every record lands in some partition and
 * the table holds exactly the records the logs hold.
 *
 * @example
 *   partitionOf({ recipientAccountId: "111122223333", awsRegion: "eu-west-1", eventTime: "2024-03-05T10:00:00Z" })
 *   // { account: "111122223333", region: "eu-west-1", year: "2024", month: "03", day: "05" }
 */
export interface PartitionValues {
  account: string;
  region: string;
  year: string;
  month: string;
  day: string;
}

/** The partition columns in table order (DESIGN.md). */
export const PARTITION_COLUMNS = ["account", "region", "year", "month", "day"] as const satisfies readonly (keyof PartitionValues)[];

export const UNKNOWN_PARTITION = "unknown";

const EVENT_DATE = /^(\d{4})-(\d{2})-(\d{2})/;

export function partitionOf(record: Record<string, unknown>): PartitionValues {
  const identity = record["userIdentity"];
  const identityAccount = typeof identity === "object" && identity !== null ? (identity as Record<string, unknown>)["accountId"] : undefined;
  const date = typeof record["eventTime"] === "string" ? EVENT_DATE.exec(record["eventTime"]) : null;
  return {
    account: textOr(record["recipientAccountId"]) ?? textOr(identityAccount) ?? UNKNOWN_PARTITION,
    region: textOr(record["awsRegion"]) ?? UNKNOWN_PARTITION,
    year: date?.[1] ?? UNKNOWN_PARTITION,
    month: date?.[2] ?? UNKNOWN_PARTITION,
    day: date?.[3] ?? UNKNOWN_PARTITION,
  };
}

function textOr(value: unknown): string | undefined {
  if (typeof value === "string" && value !== "") return value;
  if (typeof value === "number") return String(value);
  return undefined;
}

/** Characters a partition folder name keeps as they are; anything else is hex-escaped. */
const SAFE_SEGMENT = /^[A-Za-z0-9_.-]+$/;

/**
 * The staged folder of a partition, relative to the staging root: `account=<a>/region=<r>/year=<y>/month=<m>/day=<d>`.
 * Values with other characters are written as `_x` plus their UTF-8 hex, so a value from a log can
 * never climb out of the staging folder or meet Hadoop's path escaping.
 *
 * @example
 *   partitionFolder({ account: "1", region: "us-east-1", year: "2024", month: "01", day: "02" })
 *   // "account=1/region=us-east-1/year=2024/month=01/day=02"
 */
export function partitionFolder(p: PartitionValues): string {
  return PARTITION_COLUMNS.map((c) => `${c}=${segment(p[c])}`).join("/");
}

function segment(value: string): string {
  if (SAFE_SEGMENT.test(value) && value !== "." && value !== "..") return value;
  return "_x" + Buffer.from(value, "utf8").toString("hex");
}
