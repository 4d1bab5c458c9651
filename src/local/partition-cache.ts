import { hasCaseVariant, partitionFolder, partitionOf, type NumberText, type PartitionValues } from "./partition-of.js";

/**
 * `partitionOf` + `partitionFolder` for record after record, without building either per record: the
 * folder is looked up by the three values it comes from (account, region, the date part of eventTime) in
 * nested maps, and computed only the first time a combination is seen. Staging asks this for every
 * record, and the logs hold a few hundred partitions among millions of records.
 *
 * @example
 *   const cache = new PartitionCache();
 *   cache.of({ recipientAccountId: "1", awsRegion: "us-east-1", eventTime: "2024-01-02T03:04:05Z" }).folder
 *   // "account=1/region=us-east-1/year=2024/month=01/day=02"
 */
export interface PartitionEntry {
  folder: string;
  values: PartitionValues;
}

/** What partitionOf reads of a date: an eventTime starting `YYYY-MM-DD`. */
const EVENT_DATE = /^\d{4}-\d{2}-\d{2}/;

export class PartitionCache {
  private readonly byAccount = new Map<unknown, Map<unknown, Map<string, PartitionEntry>>>();

  /** `numberText` as partitionOf takes it: the log's own digits of numbers a double cannot hold. */
  of(record: Record<string, unknown>, numberText?: NumberText): PartitionEntry {
    // The raw values as keys (a string or a number, as partitionOf reads them; anything else stands for
    // "not there", which partitionOf decides on the first record of the combination). A number a double
    // does not hold exactly is keyed by its text: two account ids beyond 2^53 can round to one double.
    // A key spelt two ways (Hive reads the last of them) is too rare to cache: partitionOf decides it.
    if (spellsTwice(record)) {
      const values = partitionOf(record, numberText);
      return { folder: partitionFolder(values), values };
    }
    const identity = record["userIdentity"];
    const recipient = record["recipientAccountId"];
    const account = usable(recipient)
      ? exactKey(recipient, ["recipientAccountId"], numberText)
      : typeof identity === "object" && identity !== null
        ? exactKey(keyOf((identity as Record<string, unknown>)["accountId"]), ["userIdentity", "accountId"], numberText)
        : undefined;
    const region = exactKey(keyOf(record["awsRegion"]), ["awsRegion"], numberText);
    const time = record["eventTime"];
    const date = typeof time === "string" && EVENT_DATE.test(time) ? time.slice(0, 10) : "";
    let regions = this.byAccount.get(account);
    if (regions === undefined) this.byAccount.set(account, (regions = new Map()));
    let dates = regions.get(region);
    if (dates === undefined) regions.set(region, (dates = new Map()));
    let entry = dates.get(date);
    if (entry === undefined) {
      const values = partitionOf(record, numberText);
      entry = { folder: partitionFolder(values), values };
      dates.set(date, entry);
    }
    return entry;
  }
}

/** A value partitionOf takes as it is: a non-empty string or a number. */
function usable(value: unknown): boolean {
  return (typeof value === "string" && value !== "") || typeof value === "number";
}

/** The value when partitionOf would use it, else undefined (partitionOf's "unknown"). */
function keyOf(value: unknown): unknown {
  return usable(value) ? value : undefined;
}

/** A number that is not a safe integer as the text partitionOf will use for it; anything else as it is. */
function exactKey(value: unknown, path: readonly string[], numberText: NumberText | undefined): unknown {
  if (typeof value !== "number" || Number.isSafeInteger(value)) return value;
  return numberText?.(path) ?? String(value);
}

/** The record keys partitionOf reads, lower-cased, by length: a cheap first test per key. */
const READ_KEYS = new Map<number, string[]>();
for (const key of ["recipientAccountId", "userIdentity", "awsRegion", "eventTime"]) READ_KEYS.set(key.length, [...(READ_KEYS.get(key.length) ?? []), key]);

/** Whether the record (or its userIdentity, for accountId) spells a key partitionOf reads in another case too. */
function spellsTwice(record: Record<string, unknown>): boolean {
  for (const name in record) {
    const keys = READ_KEYS.get(name.length);
    if (keys !== undefined && !keys.includes(name) && keys.some((k) => k.toLowerCase() === name.toLowerCase())) return true;
  }
  const identity = record["userIdentity"];
  return typeof identity === "object" && identity !== null && hasCaseVariant(identity as Record<string, unknown>, "accountId");
}
