// What starting the CLI loads: `--version` and `--help` must load no command (no AWS SDK, no
// templates, no validators, no YAML, none of the engines' or sources' code), and `ddl` from a schema
// file nothing of the SDK, the sources, the engines, YAML or Sigma (docs/ARCHITECTURE.md, Start-up).
// The CLI runs from src/ through tsx with a hook that records every module URL it loads
// (support/record-modules.mjs); `infer` and `run` are the controls that the recording sees them.
import { test } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));
const root = resolve(here, "..", "..");
const TSX = pathToFileURL(createRequire(import.meta.url).resolve("tsx")).href;
const HOOK = pathToFileURL(join(here, "support", "record-modules.mjs")).href;
const ENTRY = join(root, "test", "hostile", "support", "cli-entry.ts");
const schema = join(root, "examples", "trailhive.schema.json");
const logs = join(root, "examples", "logs");

/** The URLs of the modules one CLI run loaded, and how it ended. */
function modulesLoadedBy(args: string[]): { urls: string[]; status: number | null; stderr: string } {
  const dir = mkdtempSync(join(tmpdir(), "trailhive-startup-"));
  try {
    const file = join(dir, "modules.txt");
    const r = spawnSync(process.execPath, ["--import", TSX, "--import", HOOK, ENTRY, ...args], {
      cwd: dir,
      encoding: "utf8",
      env: { ...process.env, TRAILHIVE_RECORD_MODULES: file },
      maxBuffer: 1 << 26,
    });
    return {
      urls: [
        ...new Set(
          readFileSync(file, "utf8")
            .split("\n")
            .filter((l) => l !== ""),
        ),
      ],
      status: r.status,
      stderr: r.stderr,
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const pkg = (name: string) => ({ name, matches: (url: string) => url.includes(`/node_modules/${name}/`) });
const folder = (path: string) => ({ name: path, matches: (url: string) => url.startsWith(pathToFileURL(join(root, path)).href + "/") });

const SDK = pkg("@aws-sdk");
const HEAVY_FOR_DDL = [SDK, pkg("yaml"), folder("src/emr"), folder("src/local"), folder("src/source"), folder("src/sigma")];
const HEAVY_FOR_HELP = [...HEAVY_FOR_DDL, pkg("handlebars"), pkg("ajv"), folder("src/render")];

function assertNone(run: ReturnType<typeof modulesLoadedBy>, heavy: readonly { name: string; matches: (url: string) => boolean }[], what: string): void {
  for (const h of heavy) {
    const loaded = run.urls.filter((u) => h.matches(u));
    assert.deepEqual(loaded.slice(0, 5), [], `${what} loaded ${h.name} (${loaded.length} modules)`);
  }
}

function assertSome(run: ReturnType<typeof modulesLoadedBy>, wanted: { name: string; matches: (url: string) => boolean }, what: string): void {
  assert.ok(
    run.urls.some((u) => wanted.matches(u)),
    `${what} should load ${wanted.name}: the recording missed it (${run.urls.length} modules recorded)`,
  );
}

test("--version and --help load yargs and no command", () => {
  for (const args of [["--version"], ["--help"]]) {
    const run = modulesLoadedBy(args);
    assert.equal(run.status, 0, run.stderr);
    assertSome(run, pkg("yargs"), args.join(" "));
    assertNone(run, HEAVY_FOR_HELP, args.join(" "));
    assert.deepEqual(
      run.urls.filter((u) => folder("src/cli/commands").matches(u) && !u.endsWith("/index.ts")),
      [],
      `${args.join(" ")} loaded a command's declaration`,
    );
  }
});

test("--version loads one string-width: yargs 18, cliui 9 and wrap-ansi 9 would bring three (package.json overrides)", () => {
  const run = modulesLoadedBy(["--version"]);
  assert.equal(run.status, 0, run.stderr);
  // each copy costs ~25 ms at start-up (an Intl.Segmenter and Unicode-property regexes built at load)
  const copies = run.urls.filter((u) => /\/node_modules\/(?:.*\/)?string-width\/index\.js$/.test(u));
  assert.equal(copies.length, 1, `string-width loaded from ${copies.length} places: ${copies.join(", ")}`);
});

test("ddl from a schema file loads the renderer but not the SDK, the sources, the engines, YAML or Sigma", () => {
  const run = modulesLoadedBy(["ddl", "--schema", schema, "--table", "ct", "--location", "s3://bucket/AWSLogs/"]);
  assert.equal(run.status, 0, run.stderr);
  assertSome(run, folder("src/render"), "ddl");
  assertNone(run, HEAVY_FOR_DDL, "ddl");
});

test("the controls: infer loads the sources (and of a local folder, not the SDK), run loads the engines and the SDK", () => {
  const infer = modulesLoadedBy(["infer", logs, "-o", "-", "--quiet"]);
  assert.equal(infer.status, 0, infer.stderr);
  assertSome(infer, folder("src/source"), "infer");
  // the S3 side (the SDK, ~0.2 s) loads only for an s3:// source
  assertNone(infer, [SDK], "infer of a local folder");
  // no --query: a usage error, after the action (and what it runs with) is loaded
  const run = modulesLoadedBy(["run", logs]);
  assert.equal(run.status, 2, run.stderr);
  for (const wanted of [folder("src/local"), folder("src/emr"), SDK]) assertSome(run, wanted, "run");
});
