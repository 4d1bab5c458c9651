// Exit codes by whose fault a failure is: 2 the user's, 69 a service or the network, 70 trailhive's own bug.
import { test } from "node:test";
import assert from "node:assert/strict";
import { reportError } from "../../src/cli/io.js";
import { explainAwsError } from "../../src/emr/explain-aws-error.js";
import { ExitCode, TrailhiveError } from "../../src/errors.js";
import { capture } from "../support/capture-terminal.js";

const STACK = /^\s+at .+:\d+:\d+/m;

test("a plain Error is an internal error: exit 70, the message, no stack unless --debug", () => {
  const bug = new Error("cannot read properties of undefined (reading 'x')");
  const plain = capture();
  assert.equal(reportError(plain.term, bug), 70);
  assert.equal(plain.stderr(), "trailhive: internal error (please report it): cannot read properties of undefined (reading 'x')\n");
  const debug = capture();
  assert.equal(reportError(debug.term, bug, { debug: true }), 70);
  assert.match(debug.stderr(), STACK);
  const json = capture();
  assert.equal(reportError(json.term, bug, { json: true }), 70);
  assert.deepEqual(JSON.parse(json.stdout()), { error: { code: "INTERNAL_ERROR", message: bug.message, details: {}, fault: "bug" } });
});

test("TrailhiveError: the table of kinds decides the exit: user errors 2, bugs 70, a crashed engine 69", () => {
  const cases: [TrailhiveError, number, RegExp][] = [
    [
      new TrailhiveError("USAGE_BAD_DATE", { problem: "not-a-day", option: "--from", value: "2026-13-01" }),
      ExitCode.usage,
      /^trailhive: --from "2026-13-01" is not a calendar day written YYYY-MM-DD, e\.g\. 2026-11-16\n$/,
    ],
    [new TrailhiveError("INTERNAL_UNHANDLED_KIND", { what: "kind", value: '"x"' }), ExitCode.internal, /internal error \(please report it\): unhandled kind: "x"/],
    [new TrailhiveError("EMR_NO_STEP_ID", { problem: "add-steps", clusterId: "j-1" }), ExitCode.internal, /internal error \(please report it\): AddJobFlowSteps on j-1 returned no step id/],
    [
      new TrailhiveError("LOCAL_ENGINE_FAILED", { problem: "exited", version: "4.1.0", code: 134, log: [] }),
      ExitCode.unavailable,
      /exited with code 134[\s\S]*\(a service or the network failed, not your input: try again/,
    ],
  ];
  for (const [error, exit, said] of cases) {
    const out = capture();
    assert.equal(reportError(out.term, error), exit, error.code);
    assert.match(out.stderr(), said);
    assert.doesNotMatch(out.stderr(), STACK);
  }
});

test("AWS errors: 5xx, throttling and network failures are the service's (69), 4xx the user's (2)", () => {
  const aws = (name: string, status: number | undefined, extra: Record<string, unknown> = {}) =>
    Object.assign(new Error(`${name} happened`), { name, ...(status === undefined ? {} : { $metadata: { httpStatusCode: status } }), ...extra });
  const cases: [unknown, number][] = [
    [aws("InternalServerError", 500), 69],
    [aws("ServiceUnavailable", 503), 69],
    [aws("ThrottlingException", 400), 69],
    [aws("InvalidRequestException", 400, { $fault: "client" }), 2],
    [Object.assign(new Error("connect ECONNREFUSED 127.0.0.1:9"), { code: "ECONNREFUSED" }), 69],
  ];
  for (const [error, exit] of cases) {
    // Raw (as when an SDK error escapes unwrapped) and wrapped by explainAwsError: the same exit.
    assert.equal(reportError(capture().term, error), exit, String(error));
    const wrapped = explainAwsError(error, "EMR DescribeStep");
    assert.ok(wrapped instanceof TrailhiveError, String(error));
    const out = capture();
    assert.equal(reportError(out.term, wrapped), exit, String(error));
    assert.match(out.stderr(), /EMR DescribeStep failed/);
  }
});

test("a message quoting a hostile value is escaped on stderr", () => {
  const out = capture();
  reportError(out.term, new TrailhiveError("USAGE_BAD_KEY_VALUE", { flag: "--param", entry: "\x1b]0;x\x07", form: "NAME=VALUE" }));
  assert.equal(out.stderr(), "trailhive: --param \\x1b]0;x\\x07: write it as NAME=VALUE\n");
});

test("through main: an error thrown inside a command exits 70, with the stack only under --debug", async () => {
  const { main } = await import("../../src/cli/main.js");
  const { PassThrough } = await import("node:stream");
  // A stdout that fails as no user input can make it fail: whatever the command does, it is not the user's fault.
  const broken = () => {
    const out = capture();
    const stdout = new PassThrough();
    stdout.write = () => {
      throw new Error("stdout broke");
    };
    return { ...out, term: { ...out.term, stdout } };
  };
  const plain = broken();
  assert.equal(await main(["query", "list"], plain.term), 70);
  assert.match(plain.stderr(), /^trailhive: internal error \(please report it\): stdout broke\n$/);
  const debug = broken();
  assert.equal(await main(["query", "list", "--debug"], debug.term), 70);
  assert.match(debug.stderr(), /stdout broke\n[\s\S]*\n\s+at .+:\d+:\d+/);
});
