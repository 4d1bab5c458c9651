// npm run engine:build: compile trailhive's Java entry for each Hive version with javac against the
// pinned jars (fetched into the cache like at run time, so Maven is not needed) and write
// hive-engine/dist/trailhive-hive-<version>.jar, with the sources' sha256 in its manifest.
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { homedir, tmpdir } from "node:os";
import { delimiter, join } from "node:path";
import { defaultCacheDir, mavenRepoDir } from "../../src/engine/default-cache-dir.js";
import { fetchJars } from "../../src/engine/fetch-jars.js";
import { engineFiles, hiveVersions } from "../../src/engine/hive-version.js";
import { parseJarLock } from "../../src/engine/jar-lock.js";
import { javaSources, sourceHash } from "./source-hash.js";

// A fixed timestamp for every jar entry, so the same sources give the same jar bytes.
const JAR_DATE = "2026-01-01T00:00:00Z";

const repo = mavenRepoDir(defaultCacheDir(process.env, homedir()));
for (const version of hiveVersions) {
  const files = engineFiles(version);
  const refs = parseJarLock(readFileSync(files.jarLock, "utf8"), files.jarLock);
  const { paths } = await fetchJars(refs, { repoDir: repo, stampName: `hive-${version}` });
  const work = mkdtempSync(join(tmpdir(), "trailhive-build-"));
  const classes = join(work, "classes");
  const run = (cmd: string, args: string[]) => {
    const r = spawnSync(cmd, args, { stdio: "inherit" });
    if (r.status !== 0) {
      console.error(`${cmd} failed${r.error ? `: ${r.error.message}` : ""} (building the entry jar needs a JDK 17: apt-get install openjdk-17-jdk-headless)`);
      process.exit(1);
    }
  };
  run("javac", ["--release", "17", "-nowarn", "-encoding", "UTF-8", "-cp", paths.join(delimiter), "-d", classes, ...javaSources(version)]);
  const manifest = join(work, "MANIFEST.MF");
  writeFileSync(manifest, `Trailhive-Hive-Version: ${version}\nTrailhive-Source-Sha256: ${sourceHash(version)}\n`);
  rmSync(files.entryJar, { force: true });
  run("jar", ["--create", "--file", files.entryJar, `--date=${JAR_DATE}`, "--manifest", manifest, "-C", classes, "."]);
  rmSync(work, { recursive: true, force: true });
  console.log(`hive ${version}: ${files.entryJar}`);
}
