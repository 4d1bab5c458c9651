import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";

/**
 * Logs whose partition values and depths are hostile (issue 14), with what each event must read back
 * as: its id, its awsRegion and the partition values staging must give it. One generator for the unit,
 * real-Hive and CLI tests, so each class is tried the same way everywhere.
 *
 * @example
 *   const { expected } = writeHostilePartitionLogs(join(dir, "logs"));
 *   expected.length  // every event JSON.parse sees in the files
 */
export interface ExpectedEvent {
  eventid: string;
  awsregion: string | null;
  account: string;
  region: string;
  year: string;
  month: string;
  day: string;
}

export const INVALID = "__trailhive_invalid__";
const ACCOUNT = "111122223333";

/** Region values that are hard as folder names or literals, each expected to read back as itself. */
export const HOSTILE_REGIONS: readonly string[] = [
  "..",
  ".",
  "/",
  "../../etc",
  "_x2e2e",
  "_x2f",
  "%2F",
  "%252F",
  "a=b",
  "it's;-- x",
  '"quoted"',
  "${env:HOME}",
  "back\\slash",
  "東京-1",
  "🦀",
  "tab\there",
  "line\nbreak",
  "\u0001ctl\u007f",
  " ",
  "#?*[]^{}:",
  "x".repeat(200),
  "/".repeat(66),
];

/** Region values no partition can hold: staged under INVALID, their column keeping them. */
export const INVALID_REGIONS: readonly string[] = [
  "__HIVE_DEFAULT_PARTITION__",
  "eu-__HIVE_DEFAULT_PARTITION__-1",
  "x".repeat(201),
  "x".repeat(249),
  "/".repeat(67),
  "é".repeat(101),
  "r".repeat(5000),
];

/** Nesting depths of one field of an event (Hive's JSON parser refuses more than 1,000 levels). */
export const HOSTILE_DEPTHS: readonly number[] = [62, 63, 64, 999, 1000, 1001, 5000];

function event(id: string, fields: Record<string, unknown>): Record<string, unknown> {
  return {
    eventVersion: "1.08",
    eventID: id,
    eventName: "HostileProbe",
    eventSource: "probe.amazonaws.com",
    eventTime: "2024-01-02T03:04:05Z",
    awsRegion: "us-east-1",
    recipientAccountId: ACCOUNT,
    ...fields,
  };
}

function nested(kind: "array" | "object", levels: number): string {
  return kind === "array" ? "[".repeat(levels) + "1" + "]".repeat(levels) : '{"a":'.repeat(levels) + "1" + "}".repeat(levels);
}

/** Writes the hostile logs into `logs` (created) and returns every event they hold, as it must read back. */
export function writeHostilePartitionLogs(logs: string): { expected: ExpectedEvent[] } {
  mkdirSync(logs, { recursive: true });
  const expected: ExpectedEvent[] = [];
  const lines: string[] = [];
  const expect = (e: Partial<ExpectedEvent> & { eventid: string }) => expected.push({ awsregion: "us-east-1", account: ACCOUNT, region: "us-east-1", year: "2024", month: "01", day: "02", ...e });

  HOSTILE_REGIONS.forEach((region, i) => {
    lines.push(JSON.stringify(event(`region-${i}`, { awsRegion: region })));
    expect({ eventid: `region-${i}`, awsregion: region, region });
  });
  INVALID_REGIONS.forEach((region, i) => {
    lines.push(JSON.stringify(event(`invalid-region-${i}`, { awsRegion: region })));
    expect({ eventid: `invalid-region-${i}`, awsregion: region, region: INVALID });
  });
  // account ids beyond 2^53, two of them rounding to one double; and one under userIdentity
  const big = (id: string, text: string, where: "recipient" | "identity") => {
    const base = JSON.stringify(event(id, where === "recipient" ? { recipientAccountId: 0 } : { recipientAccountId: null, userIdentity: { type: "IAMUser", accountId: 0 } }));
    lines.push(base.replace(/"(recipientAccountId|accountId)":0/, `"$1":${text}`));
    expect({ eventid: id, account: text });
  };
  big("account-big-1", "111122223333444455556666", "recipient");
  big("account-big-2", "111122223333444455556667", "recipient");
  big("account-big-identity", "999988887777666655554444", "identity");
  // eventTime twice: the last is the one JSON.parse and Hive read, so it is the partition's
  lines.push(JSON.stringify(event("time-twice", {})).replace('"eventTime":"2024-01-02T03:04:05Z"', '"eventTime":"2023-12-31T23:59:59Z","eventTime":"2025-06-07T08:09:10Z"'));
  expect({ eventid: "time-twice", year: "2025", month: "06", day: "07" });
  // spelt in two cases: Hive matches keys case-insensitively and reads the last, so the partition does
  lines.push(JSON.stringify(event("time-two-cases", { EventTime: "2026-07-08T00:00:00Z" })));
  expect({ eventid: "time-two-cases", year: "2026", month: "07", day: "08" });
  lines.push(JSON.stringify(event("region-two-cases", { AWSREGION: "ap-south-2" })));
  expect({ eventid: "region-two-cases", awsregion: "ap-south-2", region: "ap-south-2" });
  HOSTILE_DEPTHS.forEach((depth) => {
    for (const kind of ["array", "object"] as const) {
      lines.push(JSON.stringify(event(`deep-${kind}-${depth}`, {})).replace(/}$/, `,"deep${kind === "array" ? "Array" : "Object"}":${nested(kind, depth)}}`));
      expect({ eventid: `deep-${kind}-${depth}` });
    }
    lines.push(JSON.stringify(event(`deep-parameters-${depth}`, {})).replace(/}$/, `,"requestParameters":{"p":${nested("array", depth)}}}`));
    expect({ eventid: `deep-parameters-${depth}` });
  });
  writeFileSync(join(logs, "hostile.json"), lines.join("\n") + "\n");

  // Records twice in one file: the last array is the file's events, as JSON.parse reads it
  const first = JSON.stringify([event("records-first", {})]);
  const last = JSON.stringify([event("records-last-1", { awsRegion: "eu-west-3" }), event("records-last-2", {})]);
  writeFileSync(join(logs, "records-twice.json"), `{"Records":${first},"Records":${last}}`);
  expect({ eventid: "records-last-1", awsregion: "eu-west-3", region: "eu-west-3" });
  expect({ eventid: "records-last-2" });
  // a Records that is not an array after one that is: no events (JSON.parse keeps the 5), the file skipped
  writeFileSync(join(logs, "records-not-array.json"), `{"Records":${first},"Records":5}`);
  return { expected };
}

/** Code points from classes that escape or normalise in some layer: every ASCII one, and a few beyond. */
const SWEEP_EXTRA = [0xa0, 0xad, 0x300, 0x5d0, 0x200b, 0x200d, 0x2028, 0x2029, 0x202e, 0xfeff, 0xff0f, 0xfffd, 0x1f980];

/**
 * One event per character class as its region (`r<char>r`), every ASCII code point and the extras, in
 * one JSON-lines file: a partition folder per character. Returns the regions written.
 */
export function writeCharacterSweep(logs: string): { regions: string[] } {
  mkdirSync(logs, { recursive: true });
  const codes = [...Array.from({ length: 128 }, (_, c) => c), ...SWEEP_EXTRA];
  const regions = codes.map((c) => `r${String.fromCodePoint(c)}r`);
  writeFileSync(join(logs, "sweep.json"), regions.map((awsRegion, i) => JSON.stringify(event(`sweep-${i}`, { awsRegion }))).join("\n") + "\n");
  return { regions };
}
