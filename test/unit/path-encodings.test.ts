import { test } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { classPathJar, classPathManifest, needsClassPathJar } from "../../src/engine/class-path-jar.js";
import { fileUri } from "../../src/engine/file-uri.js";
import { hiveLocation } from "../../src/local/hive-location.js";
import { workPathProblem } from "../../src/local/work-path-problem.js";

/**
 * The encoders that hand local paths to Java, Hadoop and log4j (issue 14: a space, #, %, : or ; in
 * the work folder or cache broke every local query). Each is checked against the reader it serves:
 * Node's own file-URL parser for fileUri, Java's jar tool for the class-path jar.
 */
const HOSTILE = ["/Users/Jane Doe/Library/Application Support/trailhive", "/tmp/a#b/c%20d/e%f", "/tmp/x:y;z,w", "/home/Jürgen/€/日本", "/tmp/'quote\"/back\\slash"];

test("fileUri encodes every byte a URL reader would take for syntax, and decodes back to the same path", () => {
  assert.equal(fileUri("/Users/Jane Doe/a#b.jar"), "file:///Users/Jane%20Doe/a%23b.jar");
  assert.equal(fileUri("/a%20b,c:d;e"), "file:///a%2520b%2Cc%3Ad%3Be");
  assert.equal(fileUri("C:\\Users\\Jane Doe\\x.jar", "\\"), "file:///C:/Users/Jane%20Doe/x.jar");
  for (const path of HOSTILE) {
    const uri = fileUri(path);
    assert.match(uri, /^file:\/\/\/[A-Za-z0-9\-._~/%]*$/, uri);
    assert.equal(fileURLToPath(uri), path, uri);
  }
});

test("hiveLocation keeps the path as it is: Hadoop's Path(String) never decodes %XX", () => {
  assert.equal(hiveLocation("/home/jane doe/w#1%20/staged"), "file:///home/jane doe/w#1%20/staged");
  assert.equal(hiveLocation("C:\\Users\\Jane Doe\\work", "\\"), "file:///C:/Users/Jane Doe/work");
});

test("a work folder whose path holds ':' is refused with the reason; other characters are accepted", () => {
  assert.match(workPathProblem("/tmp/x:y/work") ?? "", /':'.*URI scheme/);
  for (const path of ["/Users/Jane Doe/Library/Application Support/trailhive/work", "/tmp/a#b%c;d,e/Jürgen"]) assert.equal(workPathProblem(path), undefined, path);
});

test("a classpath goes into a class-path jar only when an entry holds the path separator", () => {
  assert.equal(needsClassPathJar(["/a b/x.jar", "/c#d/y.jar"], ":"), false);
  assert.equal(needsClassPathJar(["/a:b/x.jar"], ":"), true);
  assert.equal(needsClassPathJar(["C:\\a;b\\x.jar"], ";"), true);
});

test("the class-path manifest wraps at 72 bytes and lists every entry as an encoded file URL", () => {
  const jars = HOSTILE.map((d, i) => `${d}/lib-${i}.jar`);
  const text = classPathManifest("dev.trailhive.engine.Main", jars);
  const lines = text.split("\r\n");
  assert.equal(lines.at(-1), "", "ends with a newline");
  assert.equal(lines.at(-2), "", "and an empty line");
  for (const line of lines) assert.ok(Buffer.byteLength(line) <= 72, line);
  const joined = text.replace(/\r\n /g, "");
  assert.match(joined, /^Manifest-Version: 1\.0\r\nMain-Class: dev\.trailhive\.engine\.Main\r\nClass-Path: /);
  const entries = /Class-Path: (.*)\r\n/.exec(joined)?.[1]?.split(" ") ?? [];
  assert.deepEqual(
    entries.map((u) => fileURLToPath(u)),
    jars,
  );
});

test("the class-path jar is a jar Java reads: the same manifest comes back out, byte for byte", { skip: spawnSync("jar", ["--version"]).status === 0 ? false : "no JDK jar tool" }, () => {
  const dir = mkdtempSync(join(tmpdir(), "classpath-jar-"));
  try {
    const jars = HOSTILE.map((d, i) => `${d}/lib-${i}.jar`);
    const jar = join(dir, "cp.jar");
    const bytes = classPathJar("dev.trailhive.engine.Main", jars);
    assert.deepEqual(classPathJar("dev.trailhive.engine.Main", jars), bytes, "the same input gives the same bytes");
    writeFileSync(jar, bytes);
    const listed = spawnSync("jar", ["--list", "--file", jar], { encoding: "utf8" });
    assert.equal(listed.status, 0, listed.stderr);
    assert.equal(listed.stdout.trim(), "META-INF/MANIFEST.MF");
    const extracted = spawnSync("unzip", ["-p", jar, "META-INF/MANIFEST.MF"], { encoding: "utf8" });
    if (extracted.status === 0) assert.equal(extracted.stdout, classPathManifest("dev.trailhive.engine.Main", jars));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
