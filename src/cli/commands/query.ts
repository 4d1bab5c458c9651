import { readQueryFolder } from "../../config/read-template-folder.js";
import { resolve } from "node:path";
import { DEFAULT_TABLE } from "../../config/trailhive-config.js";
import { writeOutput } from "../io.js";
import { ExitCode, TrailhiveError } from "../../errors.js";
import { getQuery, loadLibrary, renderQuery } from "../../queries/library.js";
import type { QueryDef } from "../../queries/query-def.js";
import { defineCommand } from "../command.js";
import { parseKeyValues } from "../../values/key-values.js";

const actions = ["list", "show", "render"] as const;

/** `trailhive query list | show NAME | render NAME --param k=v [--table T]`: the investigation library. */
export const queryCommand = defineCommand({
  command: "query <action> [name]",
  describe: "list, show and render the investigation library",
  builder: (y) =>
    y
      .positional("action", { choices: actions, describe: "list the queries, show one, or render one as HiveQL" })
      .positional("name", { type: "string", describe: "the query's name (trailhive query list)" })
      .option("param", { alias: "p", type: "array", string: true, default: [] as string[], describe: "a parameter as KEY=VALUE (repeatable)" })
      .option("table", { type: "string", default: DEFAULT_TABLE, describe: "the table (or DATABASE.TABLE) to query" })
      .option("partitioned", { type: "boolean", default: false, describe: "the table has partitions (account, region, year, month, day): prune by from/to/region" })
      .option("templates", { type: "string", describe: "a folder of your own query templates instead of the shipped library" })
      .option("output", { alias: "o", type: "string", describe: "render: write the HiveQL to FILE instead of stdout" }),
  run: async (args, term) => {
    const library = loadLibrary(args.templates === undefined ? undefined : readQueryFolder(resolve(term.cwd, args.templates)));
    const action = args.action as (typeof actions)[number];
    if (action === "list") {
      if (args.json) term.stdout.write(JSON.stringify(library.map(summary), null, 2) + "\n");
      else {
        const width = Math.max(...library.map((q) => q.name.length));
        for (const q of library) term.stdout.write(`${q.name.padEnd(width)}  ${q.description}\n`);
      }
      return ExitCode.ok;
    }
    if (args.name === undefined) throw new TrailhiveError("USAGE_NO_QUERY", { command: "query", action });
    const def = getQuery(library, args.name);
    if (action === "show") {
      term.stdout.write(args.json ? JSON.stringify(summary(def), null, 2) + "\n" : describe(def));
      return ExitCode.ok;
    }
    const rendered = renderQuery(def, parseKeyValues(args.param ?? [], "--param"), { table: args.table, partitioned: args.partitioned });
    if (args.output !== undefined) await writeOutput(term, args.output, rendered.sql + ";\n");
    if (args.json) term.stdout.write(JSON.stringify(rendered, null, 2) + "\n");
    else if (args.output === undefined) term.stdout.write(rendered.sql + ";\n");
    return ExitCode.ok;
  },
});

function summary(def: QueryDef) {
  return { name: def.name, description: def.description, params: def.params, columns: def.columns, global: def.global };
}

function describe(def: QueryDef): string {
  const lines = [def.name, "", def.description, ""];
  if (def.global) lines.push("Global services log in us-east-1: a region filter always includes it.", "");
  lines.push("Parameters (--param NAME=VALUE):");
  for (const p of def.params) {
    const dflt = p.required ? "required" : p.default === "" ? "optional" : `default ${p.default}`;
    lines.push(`  ${p.name} (${p.type}, ${dflt}): ${p.description}`);
  }
  lines.push("", `Columns: ${def.columns.join(", ")}`, "");
  return lines.join("\n");
}
