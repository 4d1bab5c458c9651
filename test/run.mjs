// Runs every test file under test/ with Node's own runner, TypeScript loaded through tsx.
// Node 20's --test takes no globs, so the files are found here; a filter argument narrows them.
import { existsSync, readdirSync, rmSync, statSync } from "node:fs";
import { join, sep } from "node:path";
import { spawnSync } from "node:child_process";

function find(dir) {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return name === "fixtures" ? [] : find(path);
    return name.endsWith(".test.ts") ? [path] : [];
  });
}

/**
 * The files that took longest (2026-12-04, 2 cores), longest first: the runner takes files in order,
 * two at a time, so starting these first keeps one runner from being left with a long file at the end
 * while the other idles. A file missing from the list only runs later; the order changes no result.
 */
const LONGEST_FIRST = [
  "test/engine/kept-engine.test.ts",
  "test/local/run-local-hive.test.ts",
  "test/hostile/kept-engine-clients.test.ts",
  "test/hostile/special-paths.test.ts",
  "test/hostile/dates-and-names.test.ts",
  "test/queries/hive-answers.test.ts",
  "test/sigma/detect-hive.test.ts",
  "test/shapes/run-shapes-hive.test.ts",
  "test/hive/engine-session.test.ts",
  "test/hive/harness.test.ts",
  "test/hive/identifier-fuzz.test.ts",
  "test/queries/eventbridge-answers.test.ts",
  "test/hostile/work-folder.test.ts",
  "test/emr/hive-conformance.test.ts",
  "test/engine/run-hive-session.test.ts",
  "test/smoke/pack.test.ts",
  "test/hostile/html-report.test.ts",
];
const rank = (f) => {
  const i = LONGEST_FIRST.indexOf(f.split(sep).join("/"));
  return i === -1 ? LONGEST_FIRST.length : i;
};

const filters = process.argv.slice(2);
const files = find("test")
  .filter((f) => filters.length === 0 || filters.some((x) => f.includes(x)))
  .sort()
  .sort((a, b) => rank(a) - rank(b));
if (files.length === 0) {
  console.error(`no test files match ${filters.join(" ")}`);
  process.exit(2);
}
// The CLI's child processes run the built package (bin/trailhive.js): build it from today's src/
// first (incremental: seconds when nothing changed), so no test runs stale code.
// Incremental only here (npm run build stays a whole build); the state lives outside dist/, which the
// package ships, and tsc trusts it: without dist/ it would emit nothing.
const BUILD_INFO = "node_modules/.cache/trailhive/test-build.tsbuildinfo";
if (!existsSync("dist")) rmSync(BUILD_INFO, { force: true });
const build = spawnSync(process.execPath, ["node_modules/typescript/bin/tsc", "-p", "tsconfig.build.json", "--incremental", "--tsBuildInfoFile", BUILD_INFO], { stdio: "inherit" });
if (build.status !== 0) {
  console.error("npm test: building dist/ from src/ failed (above); the tests that start the CLI need it");
  process.exit(1);
}
const result = spawnSync(process.execPath, ["--import", "tsx", "--test", "--test-reporter=spec", "--test-concurrency=2", ...files], {
  stdio: "inherit",
  env: { ...process.env, AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: "true" },
});
process.exit(result.status ?? 1);
