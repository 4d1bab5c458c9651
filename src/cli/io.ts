import { awsFault } from "../aws/aws-fault.js";
import { TrailhiveError, ExitCode, type Fault } from "../errors.js";
import { escapeMessage } from "../output/escape-terminal.js";
import { writeFile as writeFileAt } from "node:fs/promises";
import { resolve as resolvePath } from "node:path";
import { Writable } from "node:stream";

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
  if (!process.stdout.listeners("error").includes(onStdoutError)) process.stdout.on("error", onStdoutError);
  return { stdout: process.stdout, stderr: process.stderr, env: process.env, cwd: process.cwd() };
}

/**
 * A reader that goes away (`trailhive infer ... -o - | head`) ends the command quietly, as Unix
 * tools end, instead of an uncaught EPIPE with a stack: what was written was right, the rest is
 * not wanted. Any other stdout failure is trailhive's to report.
 */
function onStdoutError(error: NodeJS.ErrnoException): void {
  if (error.code === "EPIPE") process.exit(typeof process.exitCode === "number" ? process.exitCode : 0);
  throw error;
}

/**
 * The same terminal with every write to stderr passed through {@link escapeMessage}: the one place
 * that keeps control and bidi characters in file names, skip reasons and quoted log values from
 * acting on the user's terminal, whichever command wrote the message. stdout is left exact.
 *
 * @example
 *   const safe = escapingStderr(processTerminal());
 */
export function escapingStderr(term: Terminal): Terminal {
  const inner = term.stderr;
  const stderr = new Writable({
    decodeStrings: false,
    write(chunk: string | Buffer, _encoding, done) {
      inner.write(escapeMessage(typeof chunk === "string" ? chunk : chunk.toString("utf8")));
      done();
    },
  }) as Writable & { isTTY?: boolean };
  stderr.isTTY = inner.isTTY;
  return { ...term, stderr };
}

/** Global flags every command accepts. */
export interface GlobalArgs {
  json: boolean;
  strict: boolean;
  quiet: boolean;
  debug: boolean;
}

/** How {@link reportError} prints. */
export interface ReportOptions {
  /** the `--json` envelope on stdout instead of a line on stderr */
  json?: boolean;
  /** `--debug`: add the stack (and the cause's) to internal errors and failed services */
  debug?: boolean;
}

const EXIT_OF_FAULT: Record<Fault, ExitCode> = { user: ExitCode.usage, bug: ExitCode.internal, service: ExitCode.unavailable };

/**
 * Prints an error (as the `--json` envelope when asked) and returns the exit code it means: 2 for the
 * user's mistakes, 69 when a service or the network failed, 70 for trailhive's own bugs (anything that
 * is not a TrailhiveError and not an AWS or network error is one). The message is escaped, since it
 * may quote log values or file names.
 *
 * @example
 *   reportError(term, new Error("boom"), {}) // 70, "trailhive: internal error (please report it): boom"
 */
export function reportError(term: Terminal, error: unknown, options: ReportOptions = {}): ExitCode {
  const known = error instanceof TrailhiveError;
  const fault: Fault = known ? error.fault : (awsFault(error) ?? "bug");
  const code = known ? error.code : fault === "service" ? "SERVICE_UNAVAILABLE" : "INTERNAL_ERROR";
  const message = error instanceof Error ? error.message : String(error);
  if (options.json) {
    const details = known ? error.details : {};
    term.stdout.write(JSON.stringify({ error: { code, message, details, ...(fault === "user" ? {} : { fault }) } }) + "\n");
    return EXIT_OF_FAULT[fault];
  }
  const line =
    fault === "bug" ? `internal error (please report it): ${message}` : fault === "service" ? `${message}\n(a service or the network failed, not your input: try again; --debug shows more)` : message;
  term.stderr.write(`trailhive: ${escapeMessage(line)}\n`);
  if (options.debug && fault !== "user") term.stderr.write(escapeMessage(stackOf(error)) + "\n");
  return EXIT_OF_FAULT[fault];
}

function stackOf(error: unknown): string {
  const parts: string[] = [];
  for (let e: unknown = error, depth = 0; e !== undefined && depth < 5; depth++) {
    parts.push(e instanceof Error ? (e.stack ?? String(e)) : String(e));
    e = e instanceof Error ? e.cause : undefined;
    if (e !== undefined) parts.push("caused by:");
  }
  return parts.join("\n");
}

/**
 * Writes a generated file given with `-o`, resolved against the terminal's folder: a path that is a
 * folder, or whose folder does not exist, is the user's to fix (exit 2), not an internal error.
 *
 * @example
 *   await writeOutput(term, "ddl/cloudtrail.hql", script);
 */
export async function writeOutput(term: Terminal, path: string, text: string): Promise<void> {
  const target = resolvePath(term.cwd, path);
  try {
    await writeFileAt(target, text);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? "";
    throw new TrailhiveError("USAGE_OUTPUT", { output: path, path: target, code, reason: (error as Error).message }, { cause: error });
  }
}
