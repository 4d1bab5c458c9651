import { TrailhiveError, ExitCode } from "../errors.js";

/**
 * The terminal edge: every command writes through a `Terminal`, so tests can capture output and the
 * core never touches process streams.
 */
export interface Terminal {
  stdout: NodeJS.WritableStream & { isTTY?: boolean };
  stderr: NodeJS.WritableStream & { isTTY?: boolean };
  env: NodeJS.ProcessEnv;
  cwd: string;
}

export function processTerminal(): Terminal {
  return { stdout: process.stdout, stderr: process.stderr, env: process.env, cwd: process.cwd() };
}

/** Global flags every command accepts. */
export interface GlobalArgs {
  json: boolean;
  strict: boolean;
  quiet: boolean;
}

/** Prints an error (as the `--json` envelope when asked) and returns the exit code it means. */
export function reportError(term: Terminal, error: unknown, json: boolean): ExitCode {
  if (error instanceof TrailhiveError) {
    if (json) term.stdout.write(JSON.stringify(error.toJSON()) + "\n");
    else term.stderr.write(`trailhive: ${error.message}\n`);
    return error.userError ? ExitCode.usage : ExitCode.no;
  }
  const message = error instanceof Error ? (error.stack ?? error.message) : String(error);
  if (json) term.stdout.write(JSON.stringify({ error: { code: "INTERNAL_ERROR", message: String(error), details: {} } }) + "\n");
  else term.stderr.write(`trailhive: internal error (please report it): ${message}\n`);
  return ExitCode.usage;
}
