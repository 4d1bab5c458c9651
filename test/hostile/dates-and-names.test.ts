// Hostile dates and names (issue 14): impossible days in every option and parameter that takes one
// are usage errors naming the option and the value; names Hive will not take bare (AWS's own
// `_return`, a top-level `_`, `--table _t`) are backquoted, through `ddl --expand` and a local run.
import assert from "node:assert/strict";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { test } from "node:test";
import { assertHandled, assertTreeUnchanged, runTrailhive, snapshotTree, withTempDir } from "./support/hostile.js";

/** Days a calendar does not have, or that are not written YYYY-MM-DD. */
const examplesLogs = join(import.meta.dirname, "..", "..", "examples", "logs");
const schemaFile = join(import.meta.dirname, "..", "..", "examples", "trailhive.schema.json");
const BAD_DAYS = ["2026-13-45", "2026-11-99", "2026-02-29", "2026-00-01", "2026-1-5", "tomorrow", "2026-11-16T00:00:00Z"];

/** Every command and option or parameter that takes a day: its arguments for a day, and the flag's name in the message. */
const DATE_USES: { args: (logs: string, day: string) => string[]; names: string }[] = [
  { args: (_, day) => ["query", "render", "security-group-changes", "--param", `from=${day}`], names: "--param from" },
  { args: (_, day) => ["query", "render", "security-group-changes", "--param", `to=${day}`], names: "--param to" },
  { args: (logs, day) => ["run", "--query", "security-group-changes", "--param", `from=${day}`, "--keep-engine", "0", logs], names: "--param from" },
  {
    args: (logs, day) => [
      "run",
      "--query",
      "iam-changes",
      "--param",
      `to=${day}`,
      "--cluster",
      "j-EXAMPLE",
      "--dry-run",
      "--accounts",
      "111122223333",
      "--regions",
      "us-east-1",
      "--location",
      "s3://b",
      "--staging",
      "s3://s/t",
      logs,
    ],
    names: "--param to",
  },
  { args: (logs, day) => ["run", "--query", "security-group-changes", "--from", day, "--keep-engine", "0", logs], names: "--from" },
  {
    args: (_, day) => [
      "run",
      "--query",
      "iam-changes",
      "--param",
      "from=2026-11-01",
      "--param",
      "to=2026-11-02",
      "--to",
      day,
      "--cluster",
      "j-EXAMPLE",
      "--dry-run",
      "--accounts",
      "111122223333",
      "--regions",
      "us-east-1",
      "--staging",
      "s3://s/t",
      "s3://trail",
    ],
    names: "--to",
  },
  { args: (logs, day) => ["infer", logs, "-o", "-", "--to", day], names: "--to" },
  { args: (logs, day) => ["ddl", logs, "--from", day], names: "--from" },
  { args: (logs, day) => ["partitions", logs, "--from", day], names: "--from" },
  { args: (logs, day) => ["partitions", logs, "--to", day], names: "--to" },
];

test("every date option and parameter refuses an impossible day: exit 2, naming the option, the value and YYYY-MM-DD", () =>
  withTempDir("dates", async (dir) => {
    const logs = join(dir, "logs");
    mkdirSync(logs);
    writeFileSync(join(logs, "one.json"), JSON.stringify({ Records: [ec2Event({})] }));
    const before = snapshotTree(dir);
    // Each use with the day and one more of the list in turn (a process costs seconds); every
    // day of the list also goes through the cheapest command, and the parser's unit test has them all.
    const runs = [
      ...DATE_USES.flatMap((use, i) => ["2026-13-45", BAD_DAYS[1 + (i % (BAD_DAYS.length - 1))] ?? ""].map((day) => ({ use, day }))),
      ...BAD_DAYS.map((day) => ({ use: DATE_USES[0] ?? DATE_USES[1], day })),
    ];
    for (const { use, day } of runs) {
      if (use === undefined) continue;
      const run = await runTrailhive(use.args(logs, day), { cwd: dir, env: { XDG_CACHE_HOME: join(dir, "cache") } });
      assertHandled(run, { exit: 2, names: [use.names, JSON.stringify(day), "YYYY-MM-DD"] });
    }
    for (const [from, to, cmd] of [
      ["2026-11-20", "2026-11-16", "partitions"],
      ["2026-11-20", "2026-11-16", "infer"],
    ] as const) {
      const args = cmd === "partitions" ? ["partitions", logs, "--from", from, "--to", to] : ["infer", logs, "-o", "-", "--from", from, "--to", to];
      assertHandled(await runTrailhive(args, { cwd: dir }), { exit: 2, names: [`--from ${from} is after --to ${to}`] });
    }
    assertHandled(await runTrailhive(["query", "render", "security-group-changes", "--param", "from=2026-11-20", "--param", "to=2026-11-16"], { cwd: dir }), {
      exit: 2,
      names: "--param from 2026-11-20 is after --param to 2026-11-16",
    });
    // --debug is a global flag; a user's mistake shows no stack under it either (the stack is for bugs and failed services)
    assertHandled(await runTrailhive(["query", "render", "security-group-changes", "--param", "from=2026-13-45", "--debug"], { cwd: dir }), { exit: 2, names: '--param from "2026-13-45"' });
    assertTreeUnchanged(before, snapshotTree(dir), { except: ["cache"] });
  }));

/** An EC2 event as AWS writes it, with `_return` in its response (AWS's own key) and `extra` merged in. */
function ec2Event(extra: Record<string, unknown>): Record<string, unknown> {
  return {
    eventVersion: "1.08",
    userIdentity: { type: "IAMUser", arn: "arn:aws:iam::111122223333:user/alice", accountId: "111122223333", userName: "alice" },
    eventTime: "2026-11-16T08:05:40Z",
    eventSource: "ec2.amazonaws.com",
    eventName: "AuthorizeSecurityGroupIngress",
    awsRegion: "us-east-1",
    sourceIPAddress: "203.0.113.10",
    userAgent: "aws-cli/2",
    requestParameters: { groupId: "sg-0123456789abcdef0", ipPermissions: { items: [{ ipProtocol: "tcp", fromPort: 22, toPort: 22 }] } },
    responseElements: { requestId: "r-1", _return: true, _: "underscore" },
    eventID: "7f1ee17e-b6d4-4181-ac8c-0580dfb7ca0d",
    eventType: "AwsApiCall",
    recipientAccountId: "111122223333",
    ...extra,
  };
}

test("ddl --expand responseElements over AWS's _return and a _ key, and --table _t: the names are backquoted", () =>
  withTempDir("names-ddl", async (dir) => {
    const logs = join(dir, "logs");
    mkdirSync(logs);
    writeFileSync(join(logs, "ec2.json"), JSON.stringify({ Records: [ec2Event({ _: "top-level underscore" })] }));
    assertHandled(await runTrailhive(["infer", logs, "-o", "s.json", "--quiet"], { cwd: dir }), { exit: 0 });
    for (const flavor of ["emr-cloudtrail-serde", "emr-hcatalog", "jsonl", "portable"]) {
      const run = await runTrailhive(["ddl", "--schema", "s.json", "--expand", "responseElements", "--flavor", flavor, "--table", "_t", "--location", "s3://b/AWSLogs/"], { cwd: dir });
      assertHandled(run, { exit: 0 });
      assert.match(run.stdout, /`_return`: ?BOOLEAN/, flavor);
      assert.match(run.stdout, /`_`: ?STRING/, flavor);
      assert.match(run.stdout, /`_t(_files)?`/, flavor);
      assert.doesNotMatch(run.stdout, /[^`]\b_return\b[^`]/, `${flavor}: _return is never bare`);
    }
    assert.ok(readFileSync(join(dir, "s.json"), "utf8").includes('"_return"'));
  }));

test("a local run over events with a top-level _ key, into --table _t, answers (real Hive 4.1.0)", () =>
  withTempDir("names-run", async (dir) => {
    const logs = join(dir, "logs");
    mkdirSync(logs);
    writeFileSync(join(logs, "ec2.json"), JSON.stringify({ Records: [ec2Event({ _: "top-level underscore" })] }));
    const run = await runTrailhive(["run", "--query", "security-group-changes", "--table", "_t", "--keep-engine", "0", "--work", join(dir, "work"), "--format", "jsonl", logs], {
      cwd: dir,
      timeoutMs: 240_000,
    });
    assertHandled(run, { exit: 0 });
    const rows = run.stdout
      .trimEnd()
      .split("\n")
      .map((l) => JSON.parse(l) as Record<string, string | null>);
    assert.equal(rows.length, 1, run.stdout);
    assert.equal(rows[0]?.event_id, "7f1ee17e-b6d4-4181-ac8c-0580dfb7ca0d");
  }));

test("-o naming a folder, or a file in a folder that does not exist, is a usage error (exit 2) naming it, for every command that writes one", () =>
  withTempDir("output-paths", async (dir) => {
    mkdirSync(join(dir, "a-folder"));
    const ddl = (out: string) => ["ddl", "--table", "t", "--location", "s3://b/AWSLogs/", "--schema", schemaFile, "-o", out];
    for (const out of ["a-folder", join("missing", "x.hql")]) {
      // ddl makes the folders of its outputs (ddl/ in a project), so only a folder given as the file is its mistake
      const writers = [["query", "render", "root-account-use", "-o", out], ["infer", examplesLogs, "-o", out], ...(out === "a-folder" ? [ddl(out)] : [])];
      for (const args of writers) assertHandled(await runTrailhive(args, { cwd: dir }), { exit: 2, names: [out, "-o"] });
    }
  }));
