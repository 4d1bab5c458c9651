import { TrailhiveError } from "../errors.js";
import { splitStatements } from "../local/split-statements.js";
import type { QueryDef } from "../queries/query-def.js";
import { renderQuery } from "../queries/render-query.js";
import type { SchemaFile } from "../schema/schema-file.js";

/** The question an investigation asks: a library query with its values bound, or a user's script run as written. */
export type PlannedWork =
  | {
      kind: "query";
      name: string;
      /** one SELECT, its values already quoted in (renderQuery) */
      sql: string;
      columns: string[];
      /** the day folders it reads (from..to and the day after), when both dates were given */
      range?: { from: string; to: string };
    }
  | {
      kind: "script";
      name: string;
      /** as written: EMR uploads it so (`hive -f`), the local engine runs its statements */
      text: string;
      statements: string[];
      /** `${hivevar:NAME}` values, as `hive -d NAME=VALUE` gives them (--param for a script) */
      variables: Record<string, string>;
    };

/**
 * One investigation, decided before any engine is chosen: what to ask and of which table. An engine
 * binds it to its data (the local one to the staged logs, EMR to the trail's S3 folder) and adds the
 * table, the partitions the question's days need and the result sink (docs/ARCHITECTURE.md, Engines).
 */
export interface InvestigationPlan {
  table: string;
  /** the table's columns; absent, the local engine uses the schema it infers while staging (EMR needs one) */
  schema?: SchemaFile;
  /** the query reads a partitioned table (account, region, year, month, day): both engines' default tables are */
  partitioned: boolean;
  work: PlannedWork;
}

export type PlanInput = { table: string; schema?: SchemaFile; partitioned?: boolean } & (
  { query: QueryDef; params: Record<string, string> } | { script: { name: string; text: string }; variables?: Record<string, string> }
);

/**
 * The engine-neutral plan: the library query rendered with its parameters (a bad value is refused
 * here, before anything is read) or the script split into statements. Pure.
 *
 * @example
 *   const plan = planInvestigation({ table: "cloudtrail", schema, query: getQuery(loadLibrary(), "security-group-changes"),
 *     params: { from: "2026-11-16", to: "2026-11-22" } });
 *   plan.work.kind  // "query"
 */
export function planInvestigation(input: PlanInput): InvestigationPlan {
  const partitioned = input.partitioned ?? true;
  const base = { table: input.table, partitioned, ...(input.schema !== undefined ? { schema: input.schema } : {}) };
  if ("script" in input) {
    const statements = splitStatements(input.script.text);
    if (statements.length === 0) throw new TrailhiveError("USAGE_EMPTY_SCRIPT", { path: input.script.name });
    return { ...base, work: { kind: "script", name: input.script.name, text: input.script.text, statements, variables: { ...(input.variables ?? {}) } } };
  }
  const rendered = renderQuery(input.query, input.params, { table: input.table, partitioned });
  return {
    ...base,
    work: { kind: "query", name: input.query.name, sql: rendered.sql, columns: rendered.columns, ...(rendered.range !== undefined ? { range: rendered.range } : {}) },
  };
}
