import { test } from "node:test";
import assert from "node:assert/strict";
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { PassThrough } from "node:stream";
import { gzipSync } from "node:zlib";
import { main } from "../../src/cli/main.js";
import type { Terminal } from "../../src/cli/io.js";
import { parseSchema } from "../../src/schema/schema-io.js";
import { examplesRoot, listFiles } from "../schema/support/corpus.js";

interface Captured {
  term: Terminal;
  stdout: () => string;
  stderr: () => string;
}

function terminal(cwd: string, tty = false): Captured {
  const out: string[] = [];
  const err: string[] = [];
  const stdout = new PassThrough();
  const stderr = Object.assign(new PassThrough(), { isTTY: tty });
  stdout.on("data", (c: Buffer) => out.push(c.toString()));
  stderr.on("data", (c: Buffer) => err.push(c.toString()));
  return { term: { stdout, stderr, env: {}, cwd }, stdout: () => out.join(""), stderr: () => err.join("") };
}

function withDir(run: (dir: string) => Promise<void>): () => Promise<void> {
  return async () => {
    const dir = mkdtempSync(join(tmpdir(), "trailhive-cli-infer-"));
    try {
      await run(dir);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  };
}

/** A copy of the examples plus a truncated gzip and a README, as a messy bucket copy would hold. */
function messyCopy(dir: string): string {
  const root = join(dir, "logs");
  for (const key of listFiles(examplesRoot)) {
    mkdirSync(dirname(join(root, key)), { recursive: true });
    copyFileSync(join(examplesRoot, key), join(root, key));
  }
  const cut = gzipSync(Buffer.from(JSON.stringify({ Records: [{ eventVersion: "1.09", eventName: "X" }] }))).subarray(0, 25);
  writeFileSync(join(root, "AWSLogs/111122223333/CloudTrail/us-east-1/2026/11/20/cut.json.gz"), cut);
  writeFileSync(join(root, "README.md"), "# not logs\n");
  return root;
}

test(
  "infer writes trailhive.schema.json in the current folder and summarises on stderr",
  withDir(async (dir) => {
    const c = terminal(dir);
    const code = await main(["infer", examplesRoot], c.term);
    assert.equal(code, 0, c.stderr());
    const written = readFileSync(join(dir, "trailhive.schema.json"), "utf8");
    const schema = parseSchema(written, "trailhive.schema.json");
    assert.equal(schema.records, 41);
    assert.match(c.stderr(), /^read 13 files \(11 log, 1 digest, 1 insight\): 41 records, [\d,]+ bytes$/m);
    assert.match(c.stderr(), /^conflicts: \d+ /m);
    assert.match(c.stderr(), /^wrote trailhive\.schema\.json$/m);
    assert.equal(c.stdout(), "");
    assert.ok(!c.stderr().includes("\x1b["), "no progress bar when stderr is not a TTY");
  }),
);

test(
  "--json prints a machine summary on stdout; -o - prints the schema itself",
  withDir(async (dir) => {
    const c = terminal(dir);
    assert.equal(await main(["infer", examplesRoot, "--json", "-o", "s.json"], c.term), 0);
    const summary = JSON.parse(c.stdout());
    assert.deepEqual(summary.files, { log: 11, digest: 1, insight: 1, "not-cloudtrail": 0, skipped: 0 });
    assert.equal(summary.records, 41);
    assert.equal(summary.schemaFile, "s.json");
    assert.ok(existsSync(join(dir, "s.json")));
    assert.equal(c.stderr(), "");
    const d = terminal(dir);
    assert.equal(await main(["infer", examplesRoot, "-o", "-"], d.term), 0);
    assert.equal(parseSchema(d.stdout(), "stdout").records, 41);
  }),
);

test(
  "skipped files are named with their reason; --strict exits 3 but still writes the schema",
  withDir(async (dir) => {
    const root = messyCopy(dir);
    const lax = terminal(dir);
    assert.equal(await main(["infer", root, "-o", "lax.json"], lax.term), 0);
    assert.match(lax.stderr(), /^skipped 2 files \(not-json 1, truncated-gzip 1\):$/m);
    assert.ok(lax.stderr().includes(`${root}/AWSLogs/111122223333/CloudTrail/us-east-1/2026/11/20/cut.json.gz: the gzip data ends early`));
    assert.ok(lax.stderr().includes(`${root}/README.md: not JSON`));
    const strict = terminal(dir);
    assert.equal(await main(["infer", root, "-o", "strict.json", "--strict"], strict.term), 3);
    const schema = parseSchema(readFileSync(join(dir, "strict.json"), "utf8"), "strict.json");
    assert.deepEqual(schema.provenance.skipped, [
      { path: "AWSLogs/111122223333/CloudTrail/us-east-1/2026/11/20/cut.json.gz", reason: "truncated-gzip" },
      { path: "README.md", reason: "not-json" },
    ]);
    assert.equal(schema.records, 41);
  }),
);

test(
  "no log files at all is bad input (exit 2) and writes nothing; so is a bad --override",
  withDir(async (dir) => {
    writeFileSync(join(dir, "notes.txt"), "hello");
    const c = terminal(dir);
    assert.equal(await main(["infer", join(dir, "notes.txt")], c.term), 2);
    assert.match(c.stderr(), /no CloudTrail log files among the 1 files .*notes\.txt: not JSON/);
    assert.ok(!existsSync(join(dir, "trailhive.schema.json")));
    const d = terminal(dir);
    assert.equal(await main(["infer", examplesRoot, "--override", "requestParameters=json"], d.term), 2);
    assert.match(d.stderr(), /--override requestParameters=json: write PATH=json/);
  }),
);

test(
  "--override forces a path's shape; a progress bar is drawn when stderr is a TTY",
  withDir(async (dir) => {
    const c = terminal(dir, true);
    assert.equal(await main(["infer", examplesRoot, "--override", "$.userIdentity.sessionContext=json", "-o", "o.json"], c.term), 0);
    const schema = parseSchema(readFileSync(join(dir, "o.json"), "utf8"), "o.json");
    const ui = schema.root.fields.find((f) => f.key === "useridentity")!.shape;
    assert.equal(ui.kind, "object");
    const sc = ui.kind === "object" ? ui.fields.find((f) => f.key === "sessioncontext")!.shape : undefined;
    assert.deepEqual(sc, { kind: "json", reason: "override" });
    assert.ok(c.stderr().includes("\r\x1b[2Kinfer ["), "progress drawn");
  }),
);
