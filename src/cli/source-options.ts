import type { Argv } from "yargs";
import type { SampleOptions } from "../source/resolve-sources.js";
import { DEFAULT_MAX_FILE_BYTES, maxFileBytesFrom } from "../records/inflate-bounded.js";

/**
 * The options every command that reads logs shares (`infer`, `run --local`, `view`, `partitions`):
 * sampling bounds and AWS settings. Commands add them with `withSourceOptions` and turn parsed args
 * into files with `openSources` (open-sources.ts, apart: it loads S3 and the sources, which a
 * command's options and help do not need), so every command reads logs the same way.
 */
export interface SourceArgs {
  days?: number;
  from?: string;
  to?: string;
  accounts?: string[];
  regions?: string[];
  "max-files"?: number;
  "max-bytes"?: number;
  "per-stratum"?: number;
  seed?: string;
  "include-insights"?: boolean;
  "max-file-size"?: number;
  profile?: string;
  region?: string;
  "endpoint-url"?: string;
}

/**
 * @example
 *   builder: (y) => withSourceOptions(y.positional("sources", { type: "string", array: true }))
 */
export function withSourceOptions<T>(y: Argv<T>): Argv<T & SourceArgs> {
  return y
    .option("days", { type: "number", describe: "the most recent N days that hold logs (s3:// default: 7)", group: "Sampling:" })
    .option("from", { type: "string", describe: "first day to read (YYYY-MM-DD)", group: "Sampling:" })
    .option("to", { type: "string", describe: "last day to read (YYYY-MM-DD; default today)", group: "Sampling:" })
    .option("accounts", { type: "array", string: true, describe: "only these account ids", group: "Sampling:" })
    .option("regions", { type: "array", string: true, describe: "only these regions", group: "Sampling:" })
    .option("max-files", { type: "number", describe: "read at most N files, shared fairly by every account x region", group: "Sampling:" })
    .option("max-bytes", { type: "number", describe: "read at most N bytes (compressed)", group: "Sampling:" })
    .option("per-stratum", { type: "number", describe: "read at most N files from each account x region", group: "Sampling:" })
    .option("seed", { type: "string", describe: "seed that makes a sample reproducible (a fixed default)", group: "Sampling:" })
    .option("include-insights", { type: "boolean", describe: "also read CloudTrail-Insight files", group: "Sampling:" })
    .option("max-file-size", {
      type: "number",
      describe: `skip (as too-large) a file holding more than N MiB of JSON once inflated: a gzip bomb stops there (default ${DEFAULT_MAX_FILE_BYTES / 2 ** 20})`,
      group: "Reading:",
    })
    .option("profile", { type: "string", describe: "AWS profile (default: AWS_PROFILE or default)", group: "AWS:" })
    .option("region", { type: "string", describe: "AWS region of the client (the bucket's own region is found)", group: "AWS:" })
    .option("endpoint-url", { type: "string", describe: "S3 endpoint, e.g. http://127.0.0.1:4566 (also AWS_ENDPOINT_URL_S3)", group: "AWS:" }) as Argv<T & SourceArgs>;
}

/**
 * @example
 *   sampleOptionsFrom({ days: 7, "max-files": 500 }); // { days: 7, maxFiles: 500, ... }
 */
export function sampleOptionsFrom(args: SourceArgs): SampleOptions {
  return {
    days: args.days,
    from: args.from,
    to: args.to,
    accounts: splitList(args.accounts),
    regions: splitList(args.regions),
    maxFiles: args["max-files"],
    maxBytes: args["max-bytes"],
    perStratum: args["per-stratum"],
    seed: args.seed,
    includeInsights: args["include-insights"],
  };
}

/**
 * `--max-file-size` as the bytes the library's readers take (`maxFileBytes`), checked.
 *
 * @example
 *   maxFileBytesOf({ "max-file-size": 1 }); // 1048576
 */
export function maxFileBytesOf(args: SourceArgs): number | undefined {
  return maxFileBytesFrom(args["max-file-size"]);
}

/** `--accounts 1,2 --accounts 3` and `--accounts 1 2 3` mean the same. */
function splitList(values: string[] | undefined): string[] | undefined {
  if (values === undefined) return undefined;
  return values
    .flatMap((v) => String(v).split(","))
    .map((v) => v.trim())
    .filter((v) => v !== "");
}
