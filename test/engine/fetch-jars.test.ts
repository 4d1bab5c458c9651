// The jar fetcher against a real HTTP server on loopback serving a Maven-layout folder: downloads in
// repository layout, checks sha1, reports progress, refuses a tampered jar, and works offline once
// everything is cached.
import assert from "node:assert/strict";
import { createHash, randomBytes } from "node:crypto";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { after, before, test } from "node:test";
import { fetchJars, type FetchProgress } from "../../src/engine/fetch-jars.js";
import { mavenPath, type JarRef } from "../../src/engine/jar-lock.js";

const remote = mkdtempSync(join(tmpdir(), "trailhive-remote-"));
const requests: string[] = [];
let server: Server;
let base = "";

function publish(groupId: string, artifactId: string, version: string, bytes: Buffer, classifier?: string): JarRef {
  const ref = { groupId, artifactId, version, ...(classifier ? { classifier } : {}) };
  const path = join(remote, mavenPath(ref));
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, bytes);
  return { ...ref, sha1: createHash("sha1").update(bytes).digest("hex"), size: bytes.length };
}

const a = publish("org.example", "alpha", "1.0", randomBytes(300_000));
const b = publish("org.example.deep", "beta", "2.1", randomBytes(1000), "linux-x86_64");

before(async () => {
  server = createServer((req, res) => {
    requests.push(req.url ?? "");
    const path = join(remote, decodeURIComponent((req.url ?? "/").slice("/maven2/".length)));
    if (!existsSync(path)) {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, { "content-type": "application/java-archive" }).end(readFileSync(path));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/maven2/`;
});
after(() => server.close());

test("downloads into Maven layout with progress, then reuses the cache without a request, even offline", async () => {
  const repoDir = mkdtempSync(join(tmpdir(), "trailhive-cache-"));
  const seen: FetchProgress[] = [];
  const first = await fetchJars([a, b], { repoDir, baseUrl: base, onProgress: (p) => seen.push(p), stampName: "t" });
  assert.equal(first.downloaded, 2);
  assert.equal(first.bytesDownloaded, a.size + b.size);
  assert.deepEqual(first.paths, [join(repoDir, "org/example/alpha/1.0/alpha-1.0.jar"), join(repoDir, "org/example/deep/beta/2.1/beta-2.1-linux-x86_64.jar")]);
  assert.equal(createHash("sha1").update(readFileSync(first.paths[0]!)).digest("hex"), a.sha1);
  const last = seen.at(-1)!;
  assert.deepEqual([last.jarsDone, last.jarsTotal, last.bytesDone, last.bytesTotal], [2, 2, a.size + b.size, a.size + b.size]);
  assert.ok(
    seen.some((p) => p.bytesDone > 0 && p.bytesDone < p.bytesTotal),
    "progress reported while downloading",
  );

  const before = requests.length;
  const again = await fetchJars([a, b], { repoDir, baseUrl: base, stampName: "t" });
  assert.equal(again.downloaded, 0);
  assert.equal(requests.length, before, "no request once cached");
  const offline = await fetchJars([a, b], { repoDir, baseUrl: "http://127.0.0.1:9/unreachable/", stampName: "t" });
  assert.deepEqual(offline.paths, first.paths);
});

test("a jar whose sha1 differs from the lock is refused and not kept; a damaged cached jar is fetched again", async () => {
  const repoDir = mkdtempSync(join(tmpdir(), "trailhive-cache-"));
  const tampered = { ...a, sha1: "0".repeat(40) };
  await assert.rejects(fetchJars([tampered], { repoDir, baseUrl: base }), (e: Error & { code?: string }) => e.code === "LOCAL_JAR_CHECKSUM" && /pins 0{40}/.test(e.message));
  assert.equal(existsSync(join(repoDir, mavenPath(a))), false);

  await fetchJars([a], { repoDir, baseUrl: base, stampName: "x" });
  const path = join(repoDir, mavenPath(a));
  const damaged = readFileSync(path);
  damaged[0] = damaged[0]! ^ 0xff;
  writeFileSync(path, damaged);
  // A new lock (no verified stamp for it) checks every cached file's sha1.
  const r = await fetchJars([a], { repoDir, baseUrl: base, stampName: "y" });
  assert.equal(r.downloaded, 1);
  assert.equal(createHash("sha1").update(readFileSync(path)).digest("hex"), a.sha1);
});

test("a missing jar on the server is a clear error naming the URL", async () => {
  const repoDir = mkdtempSync(join(tmpdir(), "trailhive-cache-"));
  const ghost = { ...a, artifactId: "ghost" };
  await assert.rejects(fetchJars([ghost], { repoDir, baseUrl: base }), (e: Error & { code?: string }) => e.code === "LOCAL_JAR_DOWNLOAD_FAILED" && e.message.includes("ghost-1.0.jar: HTTP 404"));
});
