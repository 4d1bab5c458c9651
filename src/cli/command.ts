import type { Argv } from "yargs";
import type { ExitCode } from "../errors.js";
import type { GlobalArgs, Terminal } from "./io.js";

/**
 * One CLI command: yargs options and a `run` that returns the exit code. One file per command under
 * `cli/commands/`; commands parse and print, the work happens in the core.
 */
export interface Command<A = Record<string, unknown>> {
  /** yargs command string, e.g. `infer <sources..>` */
  command: string | string[];
  describe: string;
  builder: (y: Argv) => Argv<A>;
  run: (args: A & GlobalArgs, term: Terminal) => Promise<ExitCode>;
}

/** Keeps each command's argument type while the registry holds them together. */
export function defineCommand<A>(command: Command<A>): Command<A> {
  return command;
}
