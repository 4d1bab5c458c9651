import type { Argv } from "yargs";
import { resolveSources, type ResolvedSources, type SampleOptions } from "../source/resolve-sources.js";

/**
 * The options every command that reads logs shares (`infer`, `run --local`, `view`, `partitions`):
 * sampling bounds and AWS settings. Commands add them with `withSourceOptions` and turn parsed args
 * into files with `openSources`, so every command reads logs the same way.
 */
export interface SourceArgs {
  days?: number;
  from?: string;
  to?: string;
  accounts?: string[];
  regions?: string[];
  "max-files"?: number;
  "max-bytes"?: number;
  seed?: string;
}

export function withSourceOptions<T>(y: Argv<T>): Argv<T & SourceArgs> {
  return y
    .option("days", { type: "number", describe: "the most recent N days that hold logs" })
    .option("from", { type: "string", describe: "first day to read (YYYY-MM-DD)" })
    .option("to", { type: "string", describe: "last day to read (YYYY-MM-DD)" })
    .option("accounts", { type: "array", string: true, describe: "only these account ids" })
    .option("regions", { type: "array", string: true, describe: "only these regions" })
    .option("max-files", { type: "number", describe: "read at most N files" })
    .option("max-bytes", { type: "number", describe: "read at most N bytes" })
    .option("seed", { type: "string", describe: "seed that makes a sample reproducible" }) as Argv<T & SourceArgs>;
}

export function sampleOptionsFrom(args: SourceArgs): SampleOptions {
  return {
    days: args.days,
    from: args.from,
    to: args.to,
    accounts: args.accounts,
    regions: args.regions,
    maxFiles: args["max-files"],
    maxBytes: args["max-bytes"],
    seed: args.seed,
  };
}

export async function openSources(specs: string[], args: SourceArgs): Promise<ResolvedSources> {
  return resolveSources(specs, sampleOptionsFrom(args));
}
