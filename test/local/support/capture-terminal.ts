import { Writable } from "node:stream";
import type { Terminal } from "../../../src/cli/io.js";

/** A Terminal whose stdout and stderr are strings the test reads afterwards (not a TTY: tsv by default). */
export interface CapturedTerminal extends Terminal {
  out(): string;
  err(): string;
}

export function captureTerminal(options: { env?: NodeJS.ProcessEnv; cwd?: string } = {}): CapturedTerminal {
  const sink = () => {
    const chunks: string[] = [];
    const stream = new Writable({
      write(chunk: Buffer | string, _encoding, done) {
        chunks.push(chunk.toString());
        done();
      },
    });
    return { stream, text: () => chunks.join("") };
  };
  const stdout = sink();
  const stderr = sink();
  return {
    stdout: stdout.stream,
    stderr: stderr.stream,
    env: options.env ?? process.env,
    cwd: options.cwd ?? process.cwd(),
    out: stdout.text,
    err: stderr.text,
  };
}
