import { readFileSync } from "node:fs";
import yargs from "yargs";
import type { Argv } from "yargs";
import { ExitCode, TrailhiveError } from "../errors.js";
import type { Command, CommandEntry } from "./command.js";
import { escapingStderr, processTerminal, reportError, type GlobalArgs, type Terminal } from "./io.js";
import { commands } from "./commands/index.js";

/**
 * The CLI: parses argv with yargs, runs one command and returns its exit code (0 done, 1 the answer
 * is no, 2 bad usage/config/input, 3 done but input skipped under --strict, 69 a service or the
 * network failed, 70 an internal error).
 */
export async function main(argv: string[], rawTerm: Terminal = processTerminal()): Promise<number> {
  const term = escapingStderr(rawTerm);
  let exit: number = ExitCode.ok;
  // Read before yargs, so errors yargs itself raises are reported the way the user asked.
  const report = { json: argv.includes("--json"), debug: argv.includes("--debug") };
  const unknown = unknownCommand(argv);
  if (unknown !== undefined) {
    return reportError(term, new TrailhiveError("USAGE_INVALID", { problem: "unknown-command", command: unknown }), report);
  }
  const declarations = await declarationsNamed(argv);
  let parser: Argv = yargs(argv)
    .scriptName("trailhive")
    .usage("$0 <command> [options]\n\nInfer Hive tables from CloudTrail logs and answer questions with Hive, locally or on Amazon EMR.")
    .option("json", { type: "boolean", default: false, describe: "print the command's own summary as JSON on stdout" })
    .option("strict", { type: "boolean", default: false, describe: "exit 3 when any input was skipped" })
    .option("quiet", { alias: "q", type: "boolean", default: false, describe: "no progress or summary on stderr" })
    .option("debug", { type: "boolean", default: false, describe: "print the stack of an internal error or a failed service" })
    .strict()
    .demandCommand(1, "Say which command to run: trailhive --help lists them.")
    .recommendCommands()
    .help()
    .alias("help", "h")
    .version(packageVersion())
    .wrap(Math.min(110, process.stdout.columns ?? 100))
    .exitProcess(false)
    .fail((message, error) => {
      if (error) throw error;
      // Thrown, not just recorded: yargs would otherwise still run the command's handler.
      throw new TrailhiveError("USAGE_INVALID", { problem: "yargs", yargsMessage: message });
    });
  for (const entry of commands) {
    const cmd = declarations.get(entry);
    parser = parser.command({
      command: entry.command,
      describe: entry.describe,
      builder: (y: Argv) => (cmd === undefined ? y : (cmd.builder(y) as Argv)),
      handler: async (args) => {
        try {
          // cannot happen: yargs runs a command argv names, and those were loaded
          if (cmd === undefined) throw new Error(`the command ${namesOf(entry).join("|")} ran before its options were loaded`);
          exit = await cmd.run(args as unknown as GlobalArgs, term);
        } catch (error) {
          exit = reportError(term, error, report);
        }
      },
    });
  }
  skipHelpCache(parser);
  try {
    await parser.parseAsync();
  } catch (error) {
    return reportError(term, error, report);
  }
  return exit;
}

/** The first word when it names no command (yargs would only say a command is missing). */
function unknownCommand(argv: readonly string[]): string | undefined {
  const first = argv.find((a) => !a.startsWith("-"));
  if (first === undefined || first === "help") return undefined;
  return commands.some((c) => namesOf(c).includes(first)) ? undefined : first;
}

/**
 * The declarations of the commands argv names, imported: yargs calls the builder of the command it
 * runs synchronously, so it must be at hand before parsing. Any word naming a command counts (the
 * command yargs picks is one of them, as in `help ddl`); `--help` and `--version` load none.
 */
async function declarationsNamed(argv: readonly string[]): Promise<Map<CommandEntry, Command>> {
  const words = argv.filter((a) => !a.startsWith("-"));
  const named = commands.filter((c) => namesOf(c).some((n) => words.includes(n)));
  return new Map(await Promise.all(named.map(async (c) => [c, await c.load()] as const)));
}

/**
 * yargs renders the whole help of the command it runs before running it, so that a later failure
 * could print it: ours never do (`.fail` throws, reportError prints one line). cliui measures that
 * text a character at a time (its string-width has no ASCII fast path): 40-70 ms of every `ddl`.
 * A yargs internal, looked up with care: if another yargs lacks it, the help is rendered as before.
 */
function skipHelpCache(parser: Argv): void {
  const internal = parser as unknown as { getInternalMethods?: () => { getUsageInstance?: () => { cacheHelpMessage?: unknown } | undefined } };
  const usage = internal.getInternalMethods?.().getUsageInstance?.();
  if (usage !== undefined && typeof usage.cacheHelpMessage === "function") usage.cacheHelpMessage = () => {};
}

function namesOf(entry: CommandEntry): string[] {
  return (Array.isArray(entry.command) ? entry.command : [entry.command]).map((x: string) => x.split(" ")[0] ?? x);
}

/** The package's own version: yargs cannot find package.json from an ES module (it printed "unknown"). */
function packageVersion(): string {
  // src/cli/main.ts and dist/cli/main.js both sit two folders below the package root
  const pkg = JSON.parse(readFileSync(new URL("../../package.json", import.meta.url), "utf8")) as { version: string };
  return pkg.version;
}
