// The committed jar lists: parse, format and Maven paths, and the shipped lists and entry jars are
// current (each entry jar records the sha256 of the Java sources it was built from).
import assert from "node:assert/strict";
import { inflateRawSync } from "node:zlib";
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
    const manifest = readZipEntry(readFileSync(files.entryJar), "META-INF/MANIFEST.MF").replace(/\r?\n /g, "");
    const recorded = /Trailhive-Source-Sha256: ([0-9a-f]{64})/.exec(manifest)?.[1];
    assert.equal(recorded, sourceHash(version), `${files.entryJar} is stale: run npm run engine:build and commit it`);
  });
}

/** One entry of a zip file, found through the central directory (stored or deflated). */
function readZipEntry(zip: Buffer, name: string): string {
  const eocd = zip.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  assert.ok(eocd >= 0, "not a zip file");
  let at = zip.readUInt32LE(eocd + 16);
  for (let i = 0; i < zip.readUInt16LE(eocd + 10); i++) {
    const method = zip.readUInt16LE(at + 10);
    const size = zip.readUInt32LE(at + 20);
    const nameLength = zip.readUInt16LE(at + 28);
    const skip = nameLength + zip.readUInt16LE(at + 30) + zip.readUInt16LE(at + 32);
    const local = zip.readUInt32LE(at + 42);
    if (zip.toString("utf8", at + 46, at + 46 + nameLength) === name) {
      const start = local + 30 + zip.readUInt16LE(local + 26) + zip.readUInt16LE(local + 28);
      const data = zip.subarray(start, start + size);
      return (method === 8 ? inflateRawSync(data) : data).toString("utf8");
    }
    at += 46 + skip;
  }
  throw new Error(`${name} is not in the jar`);
}
