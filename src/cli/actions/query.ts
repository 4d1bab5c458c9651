import { resolve } from "node:path";
import { readQueryFolder } from "../../config/read-template-folder.js";
import { ExitCode, TrailhiveError } from "../../errors.js";
import { getQuery, loadLibrary, renderQuery } from "../../queries/library.js";
import type { QueryDef } from "../../queries/query-def.js";
import { parseKeyValues } from "../../values/key-values.js";
import type { QueryAction, QueryArgs } from "../commands/query.js";
import { writeOutput, type Terminal } from "../io.js";

/** `trailhive query`'s work (commands/query.ts declares its options). */
export async function runQuery(args: QueryArgs, term: Terminal): Promise<ExitCode> {
  const library = loadLibrary(args.templates === undefined ? undefined : readQueryFolder(resolve(term.cwd, args.templates)));
  const action = args.action as QueryAction;
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
}

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
