import { assertNever } from "../errors.js";
import { escapeForTerminal } from "./escape-terminal.js";

/**
 * Query results in the formats every engine's `run` prints: `table` (aligned, for people), `csv`
 * (RFC 4180), `tsv` (tabs and newlines in values escaped as \t \n, as Hive's own CLI does) and `jsonl`
 * (one object per row keyed by column name). NULL is an absent value: empty in table/csv/tsv, null in jsonl.
 * csv, tsv and jsonl hold the values exactly (for programs); `table` is for people and shows every
 * control, bidi and invisible format character as a visible escape (`\x1b`, `\u202e`, `\n`, and `\` as
 * `\\`), whether or not stdout is a terminal: a table saved to a file or piped to `less -R` reaches a
 * terminal later, and log values are written by whoever calls AWS.
 */
export const resultFormats = ["table", "csv", "tsv", "jsonl"] as const;
export type ResultFormat = (typeof resultFormats)[number];

export interface ResultSet {
  columns: string[];
  rows: (string | null)[][];
}

/** The default: a table for people on a terminal, tsv when piped. */
export function defaultFormat(isTTY: boolean | undefined): ResultFormat {
  return isTTY ? "table" : "tsv";
}

/**
 * @example
 *   formatResults({ columns: ["who"], rows: [["alice"]] }, "csv")  // "who\r\nalice\r\n"
 */
export function formatResults(result: ResultSet, format: ResultFormat): string {
  switch (format) {
    case "csv":
      return [result.columns, ...result.rows].map((row) => row.map(csvCell).join(",") + "\r\n").join("");
    case "tsv":
      return [result.columns, ...result.rows].map((row) => row.map(tsvCell).join("\t") + "\n").join("");
    case "jsonl":
      return result.rows.map((row) => JSON.stringify(Object.fromEntries(result.columns.map((c, i) => [c, row[i] ?? null]))) + "\n").join("");
    case "table":
      return table(result);
    default:
      return assertNever(format, "result format");
  }
}

function csvCell(value: string | null): string {
  if (value === null) return "";
  return /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

function tsvCell(value: string | null): string {
  if (value === null) return "";
  return value.replace(/\\/g, "\\\\").replace(/\t/g, "\\t").replace(/\n/g, "\\n").replace(/\r/g, "\\r");
}

/** Widest cell this wide, so one long JSON value does not push every other column off screen. */
const MAX_CELL = 60;

function table(result: ResultSet): string {
  const cells = [result.columns, ...result.rows].map((row) =>
    row.map((v) => {
      const s = escapeForTerminal(v ?? "", { escapeBackslash: true });
      return s.length > MAX_CELL ? s.slice(0, MAX_CELL - 1) + "…" : s;
    }),
  );
  const widths = result.columns.map((_, i) => Math.max(...cells.map((row) => (row[i] ?? "").length)));
  const line = (row: string[]) =>
    row
      .map((c, i) => c.padEnd(widths[i] ?? 0))
      .join("  ")
      .trimEnd() + "\n";
  const rule = widths.map((w) => "-".repeat(w)).join("  ") + "\n";
  const [head, ...body] = cells;
  const count = `(${result.rows.length} row${result.rows.length === 1 ? "" : "s"})\n`;
  return line(head ?? []) + rule + body.map(line).join("") + count;
}
