import { readFileSync } from "node:fs";
import yargs from "yargs";
import type { Argv } from "yargs";
import { ExitCode, TrailhiveError } from "../errors.js";
import type { Command } from "./command.js";
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
  for (const cmd of commands as readonly Command<unknown>[]) {
    parser = parser.command({
      command: cmd.command,
      describe: cmd.describe,
      builder: (y: Argv) => cmd.builder(y) as Argv,
      handler: async (args) => {
        try {
          exit = await cmd.run(args as unknown as GlobalArgs, term);
        } catch (error) {
          exit = reportError(term, error, report);
        }
      },
    });
  }
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
  const names = (commands as readonly Command<unknown>[]).flatMap((c) => (Array.isArray(c.command) ? c.command : [c.command]).map((x: string) => x.split(" ")[0]));
  return names.includes(first) ? undefined : first;
}

/** The package's own version: yargs cannot find package.json from an ES module (it printed "unknown"). */
function packageVersion(): string {
  // src/cli/main.ts and dist/cli/main.js both sit two folders below the package root
  const pkg = JSON.parse(readFileSync(new URL("../../package.json", import.meta.url), "utf8")) as { version: string };
  return pkg.version;
}
