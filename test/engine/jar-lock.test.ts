// The committed jar lists: parse, format and Maven paths, and the shipped lists and entry jars are
// current (each entry jar records the sha256 of the Java sources it was built from).
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { test } from "node:test";
import { engineFiles, hiveVersions } from "../../src/engine/hive-version.js";
import { formatJarLock, mavenPath, parseJarLock, refFromMavenPath } from "../../src/engine/jar-lock.js";
import { sourceHash } from "../../hive-engine/scripts/source-hash.js";

test("a lock round-trips, with and without classifier, and bad lines name the file and line", () => {
  const refs = [
    { groupId: "org.apache.hive", artifactId: "hive-exec", version: "4.1.0", sha1: "5993a86b758c5a0de6a87702d86e74e46578be1b", size: 92684564 },
    { groupId: "io.netty", artifactId: "netty-transport-native-epoll", version: "4.1.100.Final", classifier: "linux-x86_64", sha1: "a".repeat(40), size: 1 },
  ];
  const text = formatJarLock(refs, ["header"]);
  assert.deepEqual(parseJarLock(text, "x.tsv"), refs);
  assert.equal(mavenPath(refs[1]!), "io/netty/netty-transport-native-epoll/4.1.100.Final/netty-transport-native-epoll-4.1.100.Final-linux-x86_64.jar");
  assert.deepEqual(refFromMavenPath(mavenPath(refs[1]!)), { groupId: "io.netty", artifactId: "netty-transport-native-epoll", version: "4.1.100.Final", classifier: "linux-x86_64" });
  assert.throws(() => parseJarLock("# h\norg.x\tx\t1\t\tnot-a-sha\t12\n", "dist/x.tsv"), /dist\/x\.tsv:2: .*npm run engine:lock/);
  assert.throws(() => parseJarLock("# only a header\n", "dist/x.tsv"), /lists no jars/);
});

for (const version of hiveVersions) {
  test(`Hive ${version}: the shipped jar list parses and the entry jar matches its Java sources`, () => {
    const files = engineFiles(version);
    const refs = parseJarLock(readFileSync(files.jarLock, "utf8"), files.jarLock);
    assert.ok(refs.some((r) => r.artifactId === "hive-exec" && r.version === version));
    const manifest = execFileSync("unzip", ["-p", files.entryJar, "META-INF/MANIFEST.MF"], { encoding: "utf8" }).replace(/\r?\n /g, "");
    const recorded = /Trailhive-Source-Sha256: ([0-9a-f]{64})/.exec(manifest)?.[1];
    assert.equal(recorded, sourceHash(version), `${files.entryJar} is stale: run npm run engine:build and commit it`);
  });
}
