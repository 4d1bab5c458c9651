import { spawnSync } from "node:child_process";
import { chmodSync, createReadStream, createWriteStream, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { tmpdir } from "node:os";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { createGzip, gzipSync } from "node:zlib";
import { runTrailhive, type CliRun } from "./hostile.js";

/**
 * Helpers for the file-system and bomb classes: small CloudTrail files, bombs streamed to disk (so the
 * test never holds what it generates), and the CLI run as an unprivileged user, since root reads
 * folders whose mode denies everyone.
 *
 * @example
 *   writeLog(join(dir, "logs/a.json.gz"));
 *   await writeGzipStream(join(dir, "bomb.json.gz"), spaces(8 << 20));
 *   const r = await runTrailhiveAsNobody(["infer", logs, "-o", "-"], { cwd: dir });
 */
export function event(i = 0): Record<string, unknown> {
  return {
    eventVersion: "1.08",
    eventTime: "2026-11-16T08:00:00Z",
    eventSource: "ec2.amazonaws.com",
    eventName: "DescribeInstances",
    awsRegion: "us-east-1",
    recipientAccountId: "111122223333",
    eventID: `00000000-0000-0000-0000-${String(i).padStart(12, "0")}`,
  };
}

/** A small valid gzipped CloudTrail file of `records` events. */
export function writeLog(path: string, records = 2): void {
  writeFileSync(path, gzipSync(JSON.stringify({ Records: Array.from({ length: records }, (_, i) => event(i)) })));
}

/** `bytes` of spaces, a MiB at a time. */
export function* spaces(bytes: number): Generator<Buffer> {
  const chunk = Buffer.alloc(1 << 20, 0x20);
  for (let left = bytes; left > 0; left -= chunk.length) yield left >= chunk.length ? chunk : chunk.subarray(0, left);
}

/** A `{"Records":[...]}` file of copies of one event, at least `bytes` long. */
export function* recordsOf(bytes: number): Generator<Buffer> {
  const one = JSON.stringify(event());
  yield Buffer.from(`{"Records":[${one}`);
  const chunk = Buffer.from(`,${one}`.repeat(Math.ceil((1 << 20) / (one.length + 1))));
  for (let written = 0; written < bytes; written += chunk.length) yield chunk;
  yield Buffer.from("]}");
}

/** Gzips what `source` yields straight to `path` (level 9: spaces shrink ~1000:1). */
export async function writeGzipStream(path: string, source: Iterable<Buffer>): Promise<void> {
  await pipeline(Readable.from(source), createGzip({ level: 9 }), createWriteStream(path));
}

/** Copies a gzip file with its trailer's length word (ISIZE) replaced: a size it declares and does not have. */
export async function withDeclaredSize(from: string, to: string, declared: number): Promise<void> {
  const chunks: Buffer[] = [];
  for await (const c of createReadStream(from)) chunks.push(c as Buffer);
  const bytes = Buffer.concat(chunks);
  bytes.writeUInt32LE(declared >>> 0, bytes.length - 4);
  writeFileSync(to, bytes);
}

const NOBODY = 65534;

/**
 * How this process can run a child that file permissions really apply to: as itself when not root,
 * as `nobody` through setpriv when root (root reads a folder of mode 000), or not at all.
 */
export function unprivilegedRunner(): { command: string; prefix: string[] } | undefined {
  if (process.getuid?.() !== 0) return { command: process.execPath, prefix: [] };
  const probe = spawnSync("setpriv", [`--reuid=${NOBODY}`, `--regid=${NOBODY}`, "--clear-groups", process.execPath, "-e", "process.exit(process.getuid() === 65534 ? 0 : 1)"]);
  if (probe.status !== 0) return undefined;
  return { command: "setpriv", prefix: [`--reuid=${NOBODY}`, `--regid=${NOBODY}`, "--clear-groups", process.execPath] };
}

/** Like runTrailhive, as the unprivileged user of `unprivilegedRunner`. */
export function runTrailhiveUnprivileged(runner: { command: string; prefix: string[] }, args: readonly string[], options: { cwd: string; timeoutMs?: number }): Promise<CliRun> {
  // A temporary folder the other user may write: the test's TMPDIR may be one only this user can
  // write, as CI's is.
  const childTmp = mkdtempSync(join(tmpdir(), "trailhive-unprivileged-"));
  chmodSync(childTmp, 0o1777);
  return runTrailhive(args, { ...options, runner, env: { TMPDIR: childTmp } }).finally(() => rmSync(childTmp, { recursive: true, force: true }));
}
