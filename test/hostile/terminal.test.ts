// Log values must not drive the terminal (issue 14): values holding ESC/CSI/OSC sequences (clear
// screen, window title, hyperlinks), C1 controls and bidi overrides come out of `--format table`
// escaped, and exactly as logged in jsonl and csv; a skipped file whose name holds them is named
// escaped on stderr. Table escapes whether or not stdout is a terminal, so a pipe shows what a TTY would.
import assert from "node:assert/strict";
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { test } from "node:test";
import { assertHandled, assertTreeUnchanged, runTrailhive, snapshotTree, withTempDir } from "./support/hostile.js";

const CLEAR = "\x1b[2J\x1b[H";
const TITLE = "\x1b]0;pwned\x07";
const LINK = "\x1b]8;;https://evil.example/\x1b\\click\x1b]8;;\x1b\\";
const C1 = "\x9b31m";
const BIDI = "\u202egpj.exe\u202c\u2066\u2069";
const AGENT = `aws-cli/2 ${CLEAR}${TITLE}${LINK}${C1}${BIDI}`;
const EVENT_NAME = `AuthorizeSecurityGroupIngress`;
const GROUP = `sg-1${TITLE}${BIDI}`;

function hostileEvent(): Record<string, unknown> {
  return {
    eventVersion: "1.08",
    userIdentity: { type: "IAMUser", arn: `arn:aws:iam::111122223333:user/${CLEAR}eve`, accountId: "111122223333", userName: `eve${LINK}` },
    eventTime: "2026-11-16T08:05:40Z",
    eventSource: "ec2.amazonaws.com",
    eventName: EVENT_NAME,
    awsRegion: "us-east-1",
    sourceIPAddress: "203.0.113.10",
    userAgent: AGENT,
    requestParameters: { groupId: GROUP },
    errorCode: `Client.${TITLE}Denied`,
    eventID: "0cbed294-9588-453f-a6d6-bb01eedb9430",
    eventType: "AwsApiCall",
    recipientAccountId: "111122223333",
  };
}

/** Every character that would act on a terminal or hide text, found in `text` (newlines aside). */
function rawControls(text: string): string[] {
  return [...text].filter((ch) => ch !== "\n" && /[\p{Cc}\p{Cf}\p{Zl}\p{Zp}]/u.test(ch));
}

test("run --format table shows ESC/OSC/C1/bidi in log values escaped; jsonl and csv keep them exact; a hostile file name is escaped on stderr", () =>
  withTempDir("terminal", async (dir) => {
    const logs = join(dir, "logs");
    mkdirSync(logs);
    writeFileSync(join(logs, "ec2.json"), JSON.stringify({ Records: [hostileEvent()] }));
    const badName = `not-json${TITLE}${BIDI}.json`;
    writeFileSync(join(logs, badName), "this is not json");
    const before = snapshotTree(dir);
    const work = join(dir, "work");
    const base = ["run", "--query", "security-group-changes", "--work", work, logs];

    const table = await runTrailhive([...base, "--format", "table", "--keep-engine", "1"], { cwd: dir, timeoutMs: 240_000 });
    assertHandled(table, { exit: 0, names: ["not-json\\x1b]0;pwned\\x07\\u202egpj.exe"] });
    assert.deepEqual(rawControls(table.stdout), [], `no raw control character on stdout:\n${JSON.stringify(table.stdout)}`);
    assert.deepEqual(rawControls(table.stderr), [], `no raw control character on stderr:\n${JSON.stringify(table.stderr)}`);
    assert.ok(table.stdout.includes("sg-1\\x1b]0;pwned\\x07\\u202egpj.exe\\u202c\\u2066\\u2069"), table.stdout);
    assert.ok(table.stdout.includes("\\x1b[2J\\x1b[Heve"), table.stdout);
    assert.match(table.stdout, /\(1 row\)/);

    const jsonl = await runTrailhive([...base, "--format", "jsonl", "--keep-engine", "1"], { cwd: dir, timeoutMs: 240_000 });
    assertHandled(jsonl, { exit: 0 });
    const row = JSON.parse(jsonl.stdout.trim()) as Record<string, string | null>;
    assert.equal(row.group_id, GROUP, "jsonl holds the value exactly");
    assert.equal(row.principal_arn, `arn:aws:iam::111122223333:user/${CLEAR}eve`);

    const csv = await runTrailhive([...base, "--format", "csv", "--keep-engine", "0"], { cwd: dir, timeoutMs: 240_000 });
    assertHandled(csv, { exit: 0 });
    assert.ok(csv.stdout.includes(GROUP), "csv holds the value exactly");
    assertTreeUnchanged(before, snapshotTree(dir), { except: ["work"] });
  }));
