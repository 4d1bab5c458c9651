import { createHash } from "node:crypto";
import { createReadStream, createWriteStream } from "node:fs";
import { mkdir, rename, rm, stat, readFile, writeFile } from "node:fs/promises";
import { dirname, join } from "node:path";
import { Readable, Transform } from "node:stream";
import { pipeline } from "node:stream/promises";
import type { ReadableStream as WebReadableStream } from "node:stream/web";
import { TrailhiveError } from "../errors.js";
import { mavenPath, type JarRef } from "./jar-lock.js";

/**
 * Brings pinned jars into a Maven-layout repository folder (the one cache that tests, local runs and
 * Maven itself, through -Dmaven.repo.local, all use), downloading what is missing over HTTPS from
 * Maven Central and checking every file against its sha1 from the lock. A verified set is remembered
 * in a stamp file, so later runs only compare sizes and work offline.
 *
 * @example
 *   await fetchJars(refs, { repoDir: "/home/me/.cache/trailhive/maven", onProgress: (p) => bar.update(p) });
 */
export const MAVEN_CENTRAL = "https://repo.maven.apache.org/maven2/";

/** Parallel downloads: Central is fast, and a few at once hide the per-request latency. */
const CONCURRENCY = 4;

export interface FetchProgress {
  jarsDone: number;
  jarsTotal: number;
  bytesDone: number;
  bytesTotal: number;
  /** bytes downloaded in this call (0 when everything was cached) */
  bytesDownloaded: number;
  current?: string;
}

export interface FetchJarsOptions {
  repoDir: string;
  /** Maven repository to download from; Maven Central by default */
  baseUrl?: string;
  onProgress?: (p: FetchProgress) => void;
  /** a name for the verified-set stamp (e.g. the Hive version) */
  stampName?: string;
}

export interface FetchJarsResult {
  /** absolute paths, in the lock's (classpath) order */
  paths: string[];
  downloaded: number;
  bytesDownloaded: number;
}

export async function fetchJars(refs: readonly JarRef[], options: FetchJarsOptions): Promise<FetchJarsResult> {
  const base = (options.baseUrl ?? MAVEN_CENTRAL).replace(/\/?$/, "/");
  const paths = refs.map((r) => join(options.repoDir, mavenPath(r)));
  const stampKey = createHash("sha1")
    .update(refs.map((r) => `${mavenPath(r)} ${r.sha1}`).join("\n"))
    .digest("hex");
  const stamp = join(options.repoDir, ".trailhive", `verified-${options.stampName ?? "jars"}`);
  const bytesTotal = refs.reduce((n, r) => n + r.size, 0);
  const progress: FetchProgress = { jarsDone: 0, jarsTotal: refs.length, bytesDone: 0, bytesTotal, bytesDownloaded: 0 };
  const stamped = (await readFile(stamp, "utf8").catch(() => "")).trim() === stampKey;

  let downloaded = 0;
  let next = 0;
  const work = async (): Promise<void> => {
    while (next < refs.length) {
      const i = next++;
      const ref = refs[i]!;
      const path = paths[i]!;
      const size = await stat(path).then(
        (s) => s.size,
        () => -1,
      );
      // A file of the right size is trusted only inside a verified set; otherwise its sha1 is checked.
      const ok = size === ref.size && (stamped || (await sha1File(path)) === ref.sha1);
      if (!ok) {
        progress.current = mavenPath(ref);
        options.onProgress?.({ ...progress });
        await download(base + mavenPath(ref), path, ref, (n) => {
          progress.bytesDone += n;
          progress.bytesDownloaded += n;
          options.onProgress?.({ ...progress });
        });
        downloaded++;
      } else {
        progress.bytesDone += ref.size;
      }
      progress.jarsDone++;
      options.onProgress?.({ ...progress });
    }
  };
  await Promise.all(Array.from({ length: Math.min(CONCURRENCY, refs.length) }, work));
  if (!stamped) {
    await mkdir(dirname(stamp), { recursive: true });
    await writeFile(stamp, stampKey + "\n");
  }
  return { paths, downloaded, bytesDownloaded: progress.bytesDownloaded };
}

export async function sha1File(path: string): Promise<string> {
  const hash = createHash("sha1");
  await pipeline(createReadStream(path), hash);
  return hash.digest("hex");
}

async function download(url: string, path: string, ref: JarRef, onBytes: (n: number) => void): Promise<void> {
  let response: Response;
  try {
    response = await fetch(url);
  } catch (e) {
    throw new TrailhiveError("LOCAL_JAR_DOWNLOAD_FAILED", { problem: "unreachable", url, reason: (e as Error).message }, { cause: e });
  }
  if (!response.ok || !response.body) {
    throw new TrailhiveError("LOCAL_JAR_DOWNLOAD_FAILED", { problem: "http", url, status: response.status });
  }
  await mkdir(dirname(path), { recursive: true });
  const tmp = `${path}.${process.pid}.part`;
  const hash = createHash("sha1");
  const tap = new Transform({
    transform(chunk: Buffer, _enc, done) {
      hash.update(chunk);
      onBytes(chunk.length);
      done(null, chunk);
    },
  });
  try {
    await pipeline(Readable.fromWeb(response.body as unknown as WebReadableStream<Uint8Array>), tap, createWriteStream(tmp));
    const got = hash.digest("hex");
    if (got !== ref.sha1) {
      throw new TrailhiveError("LOCAL_JAR_CHECKSUM", { url, expected: ref.sha1, actual: got });
    }
    await rename(tmp, path);
  } finally {
    await rm(tmp, { force: true });
  }
}
