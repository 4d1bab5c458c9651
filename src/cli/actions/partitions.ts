import { ExitCode, TrailhiveError } from "../../errors.js";
import { envelopeTableName } from "../../hive/eventbridge-envelope.js";
import { deliveryLayout, discoverHourPartitions } from "../../partitions/discover-firehose-partitions.js";
import { discoverPartitions } from "../../partitions/discover-partitions.js";
import { renderHourPartitions, renderPartitions, sortPartitions } from "../../partitions/render-partitions.js";
import type { DdlTemplates } from "../../render/load-ddl-template.js";
import { checkDayRange } from "../../values/check-day.js";
import type { PartitionsArgs } from "../commands/partitions.js";
import { writeOutput, type Terminal } from "../io.js";
import { openSourceStore } from "../open-sources.js";
import { templatesFrom } from "../templates-from.js";

/** `trailhive partitions`'s work (commands/partitions.ts declares its options). */
export async function runPartitions(args: PartitionsArgs, term: Terminal): Promise<ExitCode> {
  checkDayRange(args, { from: "--from", to: "--to" });
  // The store alone, with the AWS flags: discovery walks the layout itself, so nothing is sampled first.
  const store = await openSourceStore(args.source, args, { env: term.env, cwd: term.cwd });
  const layout = args.layout === "auto" ? await deliveryLayout(store) : args.layout;
  const templates = templatesFrom(args, term);
  if (layout === "firehose") return firehosePartitions(store, args, term, templates);
  const { partitions, listings } = await discoverPartitions(store, {
    from: args.from,
    to: args.to,
    accounts: args.accounts,
    regions: args.regions,
    locationBase: args.location,
  });
  const { unique, duplicates } = sortPartitions(partitions);
  const statements = renderPartitions(args.table, unique, { batchSize: args["batch-size"], ...(templates !== undefined ? { templates } : {}) });
  const script = statements.map((s) => s + ";\n").join("");
  if (args.output !== undefined) await writeOutput(term, args.output, script);
  else if (!args.json) term.stdout.write(script);
  for (const d of duplicates) {
    term.stderr.write(`trailhive: ${d.account} ${d.region} ${d.year}-${d.month}-${d.day} is also at ${d.location}: a partition has one location, the first one is kept\n`);
  }
  if (args.json) {
    term.stdout.write(JSON.stringify({ partitions: unique, duplicates, statements, listings }, null, 2) + "\n");
  } else if (!args.quiet) {
    term.stderr.write(`${unique.length} partition${unique.length === 1 ? "" : "s"} in ${statements.length} statement${statements.length === 1 ? "" : "s"} (${listings} listings)\n`);
  }
  if (unique.length === 0) {
    term.stderr.write(`trailhive: no CloudTrail day folders under ${args.source}${args.from || args.to ? " in that range" : ""}\n`);
  }
  return ExitCode.ok;
}

/** A Firehose delivery's hour folders; account and region are in the data (the view's columns), not the keys. */
async function firehosePartitions(
  store: Parameters<typeof discoverHourPartitions>[0],
  args: {
    source: string;
    table: string;
    from?: string;
    to?: string;
    accounts?: string[];
    regions?: string[];
    location?: string;
    "batch-size": number;
    output?: string;
    json?: boolean;
    quiet?: boolean;
  },
  term: Terminal,
  templates: DdlTemplates | undefined,
): Promise<ExitCode> {
  for (const [flag, value] of [
    ["accounts", args.accounts],
    ["regions", args.regions],
  ] as const) {
    if (value !== undefined && value.length > 0) {
      throw new TrailhiveError("USAGE_FIREHOSE_FILTER", { flag, source: args.source });
    }
  }
  const table = envelopeTableName(args.table);
  const { partitions, listings } = await discoverHourPartitions(store, { from: args.from, to: args.to, locationBase: args.location });
  const statements = renderHourPartitions(table, partitions, { batchSize: args["batch-size"], ...(templates !== undefined ? { templates } : {}) });
  const script = statements.map((s) => s + ";\n").join("");
  if (args.output !== undefined) await writeOutput(term, args.output, script);
  else if (!args.json) term.stdout.write(script);
  if (args.json) {
    term.stdout.write(JSON.stringify({ layout: "firehose", table, partitions, statements, listings }, null, 2) + "\n");
  } else if (!args.quiet) {
    term.stderr.write(
      `${partitions.length} hour partition${partitions.length === 1 ? "" : "s"} of ${table} (Firehose layout) in ${statements.length} statement${statements.length === 1 ? "" : "s"} (${listings} listings)\n`,
    );
  }
  if (partitions.length === 0) term.stderr.write(`trailhive: no Firehose hour folders (YYYY/MM/DD/HH/) under ${args.source}${args.from || args.to ? " in that range" : ""}\n`);
  return ExitCode.ok;
}
