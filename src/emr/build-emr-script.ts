import { TrailhiveError } from "../errors.js";
import { insertDirectoryClause } from "./result-row-format.js";

export interface EmrScriptParts {
  /** one-line description for the header comment, e.g. "query security-group-changes" */
  title: string;
  /** the table's DDL statements (CREATE EXTERNAL TABLE IF NOT EXISTS ...), without trailing `;` */
  table: string[];
  /** ALTER TABLE ... ADD IF NOT EXISTS PARTITION ... statements, without trailing `;` */
  partitions: string[];
  /** the query (a SELECT), as the library renders it */
  query: string;
  /** the fresh S3 folder the answer is written to */
  resultsUri: string;
}

/**
 * One Hive script for a `hive -f` step: settings, the table, the partitions the query's dates need,
 * and the query writing its answer to a fresh folder. Comments sit on their own lines at column 0,
 * the only place hive-cli's statement splitter treats them as comments (docs/ARCHITECTURE.md, Decisions).
 *
 * @example
 *   buildEmrScript({ title: "q", table: ["CREATE ..."], partitions: [], query: "SELECT 1", resultsUri: "s3://b/r/" })
 */
export function buildEmrScript(parts: EmrScriptParts): string {
  const { comments, body } = splitLeadingComments(parts.query);
  if (!/^select\b/i.test(body)) {
    throw new TrailhiveError("RENDER_QUERY_NOT_SELECT", { title: parts.title, start: body.slice(0, 30) });
  }
  const lines = [
    `-- trailhive: ${parts.title.replace(/[\r\n]+/g, " ")}`,
    "-- Written by trailhive for one EMR step; the answer goes to the folder in INSERT OVERWRITE DIRECTORY.",
    "SET hive.exec.compress.output=false;",
    "",
    ...parts.table.map((s) => stripSemicolon(s) + ";\n"),
    ...(parts.partitions.length > 0 ? ["-- Partitions for the query's dates", ...parts.partitions.map((s) => stripSemicolon(s) + ";"), ""] : []),
    ...comments,
    insertDirectoryClause(parts.resultsUri),
    stripSemicolon(body) + ";",
  ];
  return lines.join("\n") + "\n";
}

function stripSemicolon(sql: string): string {
  return sql.trim().replace(/;\s*$/, "").trimEnd();
}

/** Leading `--` comment lines and blank lines, kept apart so the INSERT clause goes right before SELECT. */
function splitLeadingComments(sql: string): { comments: string[]; body: string } {
  const lines = sql.trim().split("\n");
  const comments: string[] = [];
  while (lines.length > 0 && (lines[0]?.trim().startsWith("--") || lines[0]?.trim() === "")) {
    const line = (lines.shift() as string).trim();
    if (line !== "") comments.push(line);
  }
  return { comments, body: lines.join("\n").trim() };
}
