import { test } from "node:test";
import assert from "node:assert/strict";
import { TrailhiveError } from "../../src/errors.js";
import { parseKeyValues } from "../../src/values/key-values.js";
import { runCli } from "../emr/cli-harness.js";

const refused = (entries: string[], flag: string, pattern: RegExp) =>
  assert.throws(
    () => parseKeyValues(entries, flag),
    (e: unknown) => e instanceof TrailhiveError && e.code === "USAGE_BAD_KEY_VALUE" && e.userError && pattern.test(e.message),
  );

test("KEY=VALUE: split at the first =, values may be empty or hold =", () => {
  assert.deepEqual(parseKeyValues(["group_id=sg-1", "a=b=c", "empty="], "--param"), { group_id: "sg-1", a: "b=c", empty: "" });
  assert.deepEqual(parseKeyValues([], "--tag"), {});
});

test("KEY=VALUE: one rule for every flag: no key, no = or a key given twice is refused, naming the flag", () => {
  refused(["group_id"], "--param", /^--param group_id: write it as NAME=VALUE$/);
  refused(["=x"], "--tag", /^--tag =x: write it as NAME=VALUE$/);
  refused(["from=2026-01-01", "from=2026-01-02"], "--param", /^--param from is given twice: give each name once$/);
  refused(["team=a", "team=a"], "--tag", /^--tag team is given twice/);
});

test("run refuses a --param given twice on both paths (local and EMR), before anything runs", async () => {
  const local = await runCli(["run", "--query", "security-group-changes", "--param", "from=2026-01-01", "--param", "from=2026-01-02", "--work", "/nonexistent/never-made", "examples/logs"]);
  assert.equal(local.code, 2, local.stderr);
  assert.match(local.stderr, /--param from is given twice/);
  const emr = await runCli([
    "run",
    "--cluster",
    "j-X",
    "--query",
    "security-group-changes",
    "--param",
    "from=2026-01-01",
    "--param",
    "from=2026-01-02",
    "--staging",
    "s3://b/p",
    "--accounts",
    "111122223333",
    "--regions",
    "us-east-1",
    "--dry-run",
    "s3://trail",
  ]);
  assert.equal(emr.code, 2, emr.stderr);
  assert.match(emr.stderr, /--param from is given twice/);
  const query = await runCli(["query", "render", "security-group-changes", "--param", "to=2026-01-01", "--param", "to=2026-01-01"]);
  assert.equal(query.code, 2, query.stderr);
  assert.match(query.stderr, /--param to is given twice/);
});
