/**
 * The partition a staged record belongs to, taken from the record itself (many log folders are not in
 * AWSLogs layout, and a CloudTrail file can hold events of the previous day): account from
 * `recipientAccountId` (else `userIdentity.accountId`), region from `awsRegion`, date from `eventTime`.
 * Values a record lacks become {@link UNKNOWN_PARTITION}, values that cannot be partition values become
 * {@link INVALID_PARTITION}, so every record lands in some partition and the table holds exactly the
 * records the logs hold (its own columns keep the real values).
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

/** The partition columns in table order (docs/ARCHITECTURE.md, Decisions). */
export const PARTITION_COLUMNS = ["account", "region", "year", "month", "day"] as const satisfies readonly (keyof PartitionValues)[];

/** The partition value of a record that has no such value (no region, an eventTime that is no date). */
export const UNKNOWN_PARTITION = "unknown";

/**
 * The partition value of a record whose value cannot be one: longer than
 * {@link MAX_PARTITION_FOLDER_BYTES} once escaped for its folder name (an awsRegion of 249 characters
 * cannot be a folder name at all), text that is not well-formed Unicode (a lone surrogate from a
 * `\ud800` escape has no UTF-8 spelling, so no folder and no Hive literal can hold it), or text that
 * holds {@link HIVE_DEFAULT_PARTITION} (Hive refuses the whole ADD PARTITION: "Partition value
 * contains a reserved substring"). Such records
 * stay in the table, their columns (`awsregion`, `recipientaccountid`) holding the real value; only
 * the partition column says `__trailhive_invalid__`. Not Hive's `__HIVE_DEFAULT_PARTITION__`, which
 * Hive reads back as NULL and treats as "no value", the meaning {@link UNKNOWN_PARTITION} already has.
 */
export const INVALID_PARTITION = "__trailhive_invalid__";

/**
 * The longest escaped value a partition folder holds, in UTF-8 bytes: with its `region=` prefix well
 * inside the 255 bytes file systems allow a name, and with every value at most this long the
 * partition's name (`account=.../region=.../year=...`) stays inside the metastore's 767 characters.
 */
export const MAX_PARTITION_FOLDER_BYTES = 200;

/** Hive's name for the partition of NULL values (`hive.exec.default.partition.name`): reserved in any value. */
export const HIVE_DEFAULT_PARTITION = "__HIVE_DEFAULT_PARTITION__";

/**
 * The text of a number in the record as the log spells it, by its path from the record (for numbers
 * JSON.parse could not keep, such as an account id beyond 2^53); undefined when it cannot be found.
 */
export type NumberText = (path: readonly string[]) => string | undefined;

const EVENT_DATE = /^(\d{4})-(\d{2})-(\d{2})/;

/** With `numberText`, account and region numbers beyond what a double holds keep the log's own digits. */
export function partitionOf(record: Record<string, unknown>, numberText?: NumberText): PartitionValues {
  const identity = hiveMember(record, "userIdentity");
  const identityAccount = typeof identity === "object" && identity !== null ? hiveMember(identity as Record<string, unknown>, "accountId") : undefined;
  const time = hiveMember(record, "eventTime");
  const date = typeof time === "string" ? EVENT_DATE.exec(time) : null;
  const recipient = textOf(hiveMember(record, "recipientAccountId"), ["recipientAccountId"], numberText);
  return {
    account: valid(recipient ?? textOf(identityAccount, ["userIdentity", "accountId"], numberText)),
    region: valid(textOf(hiveMember(record, "awsRegion"), ["awsRegion"], numberText)),
    year: date?.[1] ?? UNKNOWN_PARTITION,
    month: date?.[2] ?? UNKNOWN_PARTITION,
    day: date?.[3] ?? UNKNOWN_PARTITION,
  };
}

/**
 * The value Hive's JSON SerDe reads for `key`: it matches keys case-insensitively and keeps the last,
 * where JSON.parse keeps every spelling (`eventTime` and `EventTime`), so the partition is the one the
 * column shows. "Last" is the parsed object's key order, the text's except when a spelling repeats
 * after another one (JSON.parse keeps a repeated key at its first place).
 */
function hiveMember(object: Record<string, unknown>, key: string): unknown {
  if (!hasCaseVariant(object, key)) return object[key];
  const lower = key.toLowerCase();
  let value: unknown;
  for (const name in object) if (name.length === key.length && name.toLowerCase() === lower) value = object[name];
  return value;
}

/** Whether `object` spells `key` some other way too (a key Hive reads as the same field). */
export function hasCaseVariant(object: Record<string, unknown>, key: string): boolean {
  const lower = key.toLowerCase();
  for (const name in object) if (name.length === key.length && name !== key && name.toLowerCase() === lower) return true;
  return false;
}

/**
 * A value partitionOf takes as it is: a non-empty string or a number (a number as its shortest text
 * when that is exact, else as the log spells it).
 */
function textOf(value: unknown, path: readonly string[], numberText: NumberText | undefined): string | undefined {
  if (typeof value === "string") return value === "" ? undefined : value;
  if (typeof value !== "number") return undefined;
  if (Number.isSafeInteger(value)) return String(value);
  return numberText?.(path) ?? String(value);
}

/** Lone surrogates: text with no UTF-8 spelling. */
const LONE_SURROGATE = /\p{Cs}/u;

function valid(value: string | undefined): string {
  if (value === undefined) return UNKNOWN_PARTITION;
  if (LONE_SURROGATE.test(value) || value.includes(HIVE_DEFAULT_PARTITION) || Buffer.byteLength(escapePartitionValue(value), "utf8") > MAX_PARTITION_FOLDER_BYTES) return INVALID_PARTITION;
  return value;
}

/**
 * Hive's own path escaping of partition values (`FileUtils.escapePathName` in hive-common 4.1.0, as it
 * runs outside Windows): these characters become `%` and two upper-case hex digits, every other one
 * stays. Escaping `%` itself makes it one-to-one (Hive's `unescapePathName` reverses it), and escaping
 * `/` and `\` keeps every value inside its own folder name.
 */
// eslint-disable-next-line no-control-regex -- control characters are exactly what Hive escapes first
const ESCAPED = /[\u0000-\u001f"#%'*/:=?[\\\]^{\u007f]/g;

/**
 * @example
 *   escapePartitionValue("a/b%2F..")  // "a%2Fb%252F.."
 */
export function escapePartitionValue(value: string): string {
  return value.replace(ESCAPED, (c) => "%" + c.charCodeAt(0).toString(16).toUpperCase().padStart(2, "0"));
}

/**
 * The staged folder of a partition, relative to the staging root: `account=<a>/region=<r>/year=<y>/month=<m>/day=<d>`,
 * each value escaped as Hive escapes partition folders ({@link escapePartitionValue}), so two values
 * never share a folder and none can leave the staging root (every name starts `column=`, and no value
 * keeps a path separator).
 *
 * @example
 *   partitionFolder({ account: "1", region: "us-east-1", year: "2024", month: "01", day: "02" })
 *   // "account=1/region=us-east-1/year=2024/month=01/day=02"
 */
export function partitionFolder(p: PartitionValues): string {
  return PARTITION_COLUMNS.map((c) => `${c}=${escapePartitionValue(p[c])}`).join("/");
}
