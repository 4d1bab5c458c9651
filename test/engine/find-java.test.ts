// Finding Java: a too-old JAVA_HOME falls back to the PATH; no usable Java is an error that says how
// to install one.
import assert from "node:assert/strict";
import { chmodSync, mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { test } from "node:test";
import { findJava } from "../../src/engine/find-java.js";

function fakeJavaHome(versionLine: string): string {
  const home = mkdtempSync(join(tmpdir(), "trailhive-jdk-"));
  mkdirSync(join(home, "bin"));
  writeFileSync(join(home, "bin", "java"), `#!/bin/sh\necho '${versionLine}' >&2\n`);
  chmodSync(join(home, "bin", "java"), 0o755);
  return home;
}

test("a Java 8 home is passed over for the PATH's Java 17+", async () => {
  const java = await findJava({ javaHome: fakeJavaHome('openjdk version "1.8.0_392"') });
  assert.equal(java.path, "java");
  assert.ok(java.major >= 17);
});

test("a Java 21 home is used", async () => {
  const home = fakeJavaHome('openjdk version "21.0.2" 2024-01-16');
  assert.deepEqual(await findJava({ javaHome: home }), { path: join(home, "bin", "java"), major: 21, version: "21.0.2" });
});

test("no Java 17 anywhere: LOCAL_JAVA_MISSING saying what was found and how to install one", async () => {
  const home = fakeJavaHome('openjdk version "11.0.21" 2023-10-17');
  await assert.rejects(findJava({ javaHome: home, pathJava: join(home, "no-such-java") }), (e: Error & { code?: string }) => {
    assert.equal(e.code, "LOCAL_JAVA_MISSING");
    assert.match(e.message, /Java 11\.0\.21/);
    assert.match(e.message, /apt-get install openjdk-17-jre-headless/);
    assert.match(e.message, /adoptium/);
    return true;
  });
});
