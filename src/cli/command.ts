import type { Argv } from "yargs";
import type { ExitCode } from "../errors.js";
import type { GlobalArgs, Terminal } from "./io.js";

/**
 * One CLI command, in three parts, so that starting loads only what the command run needs
 * (docs/ARCHITECTURE.md, Start-up): its entry in `cli/commands/index.ts` (what `--help` lists), its
 * declaration in `cli/commands/<name>.ts` (yargs options; imported only when argv names the command)
 * and its action in `cli/actions/<name>.ts` (the work and its heavy imports, which the declaration's
 * `run` loads with `import()`). Commands parse and print, the work happens in the core.
 */
export interface CommandEntry {
  /** yargs command string, e.g. `infer <sources..>` */
  command: string | string[];
  describe: string;
  load: () => Promise<Command>;
}

/** A command's declaration: its options, and a `run` that loads its action and returns the exit code. */
export interface Command<A = unknown> {
  builder: (y: Argv) => Argv<A>;
  run: (args: A & GlobalArgs, term: Terminal) => Promise<ExitCode>;
}

/** What a builder's options parse into, with the global flags: the action's arguments. */
export type ArgsOf<B extends (y: Argv) => Argv<unknown>> = (B extends (y: Argv) => Argv<infer A> ? A : never) & GlobalArgs;

/** Checks a declaration's `run` against its builder's options; the registry holds them untyped. */
export function defineCommand<A>(command: Command<A>): Command {
  return command as unknown as Command;
}
