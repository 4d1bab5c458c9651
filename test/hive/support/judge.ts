// What counts as a failure in the harness report. The same functions judge the hand-written
// broken inputs (which must fail) and everything trailhive renders (which must pass).
import type { DataReport, HarnessReport, ParsedStatement } from "../../../src/engine/run-harness.js";
import type { StatementKind } from "../../../src/render/render-table.js";
import type { ScriptCase } from "./render-everything.js";

/** The parser's root token for each kind of statement; SET is handled by the CLI, not the parser. */
export const ROOT_TOKEN: Record<StatementKind, string | null> = {
  "create-table": "TOK_CREATETABLE",
  "create-view": "TOK_CREATEVIEW",
  "add-partition": "TOK_ALTERTABLE",
  query: "TOK_QUERY",
  "insert-directory": "TOK_QUERY",
  "drop-table": "TOK_DROPTABLE",
  "drop-view": "TOK_DROPVIEW",
  "alter-table": "TOK_ALTERTABLE",
  use: "TOK_SWITCHDATABASE",
  set: null,
};

/** A statement as `hive -f` sees it: column-0 `--` lines are gone; ends trimmed. */
export function asCut(sql: string): string {
  return sql
    .split(/\r\n|\n|\r/)
    .filter((l) => !l.startsWith("--"))
    .join("\n")
    .trim();
}

/** Why a script's cut and parse differ from what it was meant to hold (empty: it is right). */
export function scriptProblems(expected: ScriptCase, cut: ParsedStatement[]): string[] {
  const problems: string[] = [];
  if (cut.length !== expected.statements.length) {
    problems.push(`hive -f cuts ${cut.length} statements where ${expected.statements.length} were meant`);
  }
  expected.statements.forEach((want, i) => {
    const got = cut[i];
    if (!got) return;
    if (asCut(got.sql) !== asCut(want.sql)) problems.push(`statement ${i + 1}: the cut differs from the ${want.kind} meant:\n${got.sql.slice(0, 400)}`);
    const root = ROOT_TOKEN[want.kind];
    if (root === null) {
      if (!/^set\s/i.test(asCut(got.sql))) problems.push(`statement ${i + 1}: not a SET`);
      return;
    }
    if (!got.ok) problems.push(`statement ${i + 1} (${want.kind}) does not parse on Hive 3.1.3: ${got.error}`);
    else if (got.root !== root) problems.push(`statement ${i + 1}: root token ${got.root}, meant ${root} (${want.kind})`);
    else if (want.kind === "add-partition" && !got.children?.includes("TOK_ALTERTABLE_ADDPARTS")) problems.push(`statement ${i + 1}: not an ADD PARTITION (${got.children?.join(" ")})`);
  });
  return problems;
}

/** Why a data check failed (empty: every record read, every value equal to the JSON). */
export function dataProblems(d: DataReport | undefined, expectedRecords: number): string[] {
  if (!d) return ["no report"];
  if (d.setupError) return [`SerDe setup failed: ${d.setupError}`];
  const problems: string[] = [];
  if (d.records !== expectedRecords) problems.push(`${d.records} records fed, ${expectedRecords} in the files`);
  if (d.valuesCompared === 0) problems.push("no value compared");
  if (d.failedRows > 0) problems.push(`${d.failedRows} rows failed to deserialise`);
  if (d.mismatches > 0) problems.push(`${d.mismatches} mismatches: ${topPaths(d.mismatchesByPath)}`);
  const undeclared = Object.values(d.undeclaredKeys).reduce((a, b) => a + b, 0);
  if (undeclared > 0) problems.push(`${undeclared} JSON values under keys no column or field declares: ${topPaths(d.undeclaredKeys)}`);
  return problems;
}

export function topPaths(byPath: Record<string, number>, n = 5): string {
  return Object.entries(byPath)
    .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
    .slice(0, n)
    .map(([p, c]) => `${p} (${c})`)
    .join(", ");
}

export function scriptsByName(report: HarnessReport): Map<string, ParsedStatement[]> {
  return new Map(report.scripts.map((s) => [s.name, s.statements]));
}
