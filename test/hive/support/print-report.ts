// The harness report `npm test` prints: per source and flavor, statements cut and parsed, types
// parsed, records deserialised, values compared and mismatches; then the flavor x engine table.
import type { DataReport, HarnessReport } from "../../../src/engine/run-harness.js";
import { flavors } from "../../../src/flavors/index.js";
import { scriptProblems, scriptsByName, topPaths } from "./judge.js";
import type { Rendered } from "./render-everything.js";

export function printReport(args: { rendered: Rendered[]; h3: HarnessReport; h4: HarnessReport; corpusPresent: boolean }): void {
  const { rendered, h3, h4 } = args;
  const cut = scriptsByName(h3);
  const types = new Map(h3.types.map((t) => [t.name, t]));
  const d3 = new Map(h3.data.map((d) => [d.name, d]));
  const d4 = new Map(h4.data.map((d) => [d.name, d]));
  const lines: string[] = ["", "Hive harness report (real Apache Hive 3.1.3 parser and types, Hive 3.1.3 and 4.1.0 JSON SerDes)"];
  if (!args.corpusPresent) lines.push("  (no corpus beside the repository: examples only)");
  for (const r of rendered) {
    lines.push(`  ${r.source}: ${r.logFiles} log files, ${r.records} records`);
    for (const f of flavors) {
      const scripts = r.scripts.filter((s) => s.name.startsWith(`${r.source}/${f.name}/`));
      const stmts = scripts.reduce((n, s) => n + s.statements.length, 0);
      const okStmts = scripts.reduce((n, s) => n + (scriptProblems(s, cut.get(s.name) ?? []).length === 0 ? s.statements.length : 0), 0);
      const ty = r.types.filter((t) => t.name.startsWith(`${r.source}/${f.name}/`));
      const okTypes = ty.filter((t) => types.get(t.name)?.ok && types.get(t.name)?.printed === t.type).length;
      const d = d4.get(`${r.source}/${f.name}`);
      const data = d
        ? `records ${d.rows === d.records ? d.records : `${d.records} (${d.rows} rows)`} deserialised ${d.rows - d.failedRows}/${d.rows}, values compared ${d.valuesCompared}, mismatches ${d.mismatches}`
        : "data: EMR-only SerDe (not public), parse and types only";
      lines.push(`    ${f.name.padEnd(21)} statements cut+parsed ${okStmts}/${stmts} (${scripts.length} scripts), types ${okTypes}/${ty.length}; ${data}`);
    }
  }
  lines.push("", "Flavor x engine (JSON SerDe data path; values wrong / values compared):", compatTable(rendered, d3, d4));
  lines.push("", `JVMs: Hive 3.1.3 ${h3.wallMs} ms (peak RSS ${mb(h3.metrics.peakRssKb)}), Hive 4.1.0 ${h4.wallMs} ms (peak RSS ${mb(h4.metrics.peakRssKb)})`);
  console.log(lines.join("\n"));
}

function mb(kb: number | undefined): string {
  return kb === undefined ? "?" : `${Math.round(kb / 1024)} MB`;
}

function cell(d: DataReport | undefined): string {
  if (!d) return "n/a";
  if (d.setupError) return `setup fails: ${d.setupError}`;
  const wrong = d.mismatches;
  const rows = d.failedRows > 0 ? `, ${d.failedRows} rows fail` : "";
  if (wrong === 0 && d.failedRows === 0) return `reads correctly (0 / ${d.valuesCompared})`;
  return `**breaks**: ${wrong} / ${d.valuesCompared} wrong${rows}; at ${topPaths(d.mismatchesByPath, 3)}`;
}

/** The README's table: one row per flavor and source, Hive 3.1.3 and 4.1.0 side by side. */
export function compatTable(rendered: Rendered[], d3: Map<string, DataReport>, d4: Map<string, DataReport>): string {
  const rows = ["| flavor | logs | Apache Hive 3.1.3 (EMR 6/7 assumed alike) | Apache Hive 4.1.0 |", "|---|---|---|---|"];
  for (const f of flavors) {
    for (const r of rendered) {
      const name = `${r.source}/${f.name}`;
      if (!f.serde.startsWith("org.apache.")) {
        rows.push(`| ${f.name} | ${r.source} | EMR's CloudTrailSerde is not public: statements and types checked only | not available |`);
        continue;
      }
      rows.push(`| ${f.name} | ${r.source} | ${cell(d3.get(name))} | ${cell(d4.get(name))} |`);
      // A flavor's data read by another SerDe too (the envelope flavor through HCatalog's), one row each.
      for (const other of r.data.filter((d) => d.flavor === f.name && d.dataset.name !== name)) {
        const serde = other.dataset.name.slice(name.length + 1);
        rows.push(`| ${f.name} (${serde} SerDe) | ${r.source} | ${cell(d3.get(other.dataset.name))} | ${cell(d4.get(other.dataset.name))} |`);
      }
    }
  }
  return rows.join("\n");
}
