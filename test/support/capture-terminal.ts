import { PassThrough } from "node:stream";
import type { Terminal } from "../../src/cli/io.js";

/**
 * A Terminal whose output the test reads back, for running `main` in-process.
 *
 * @example
 *   const out = capture(); await main(["query", "list"], out.term); out.stdout();
 */
export function capture(options: { cwd?: string } = {}): { term: Terminal; stdout: () => string; stderr: () => string } {
  const chunks = { out: [] as Buffer[], err: [] as Buffer[] };
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  stdout.on("data", (c: Buffer) => chunks.out.push(c));
  stderr.on("data", (c: Buffer) => chunks.err.push(c));
  return {
    term: { stdout, stderr, env: {}, cwd: options.cwd ?? process.cwd() },
    stdout: () => Buffer.concat(chunks.out).toString("utf8"),
    stderr: () => Buffer.concat(chunks.err).toString("utf8"),
  };
}
