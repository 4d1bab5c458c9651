import { TrailhiveError } from "../errors.js";
import { quoteString } from "../hive/quote.js";
import { BUILTIN_DDL, type DdlTemplates } from "../render/load-ddl-template.js";
import { RESULT_SERDE, RESULT_SERDE_PROPERTIES } from "./result-row-format.js";

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

/** The sink's view model: where the answer goes and how its rows are written, quoted. */
export interface ResultSinkModel {
  directory: string;
  serde: string;
  properties: { key: string; value: string }[];
}

/**
 * One Hive script for a `hive -f` step, laid out by `emr-script.hql.hbs` (a `--templates` folder can
 * override it, or only its `partials/result-sink.hbs`): settings, the table, the partitions the
 * query's dates need, and the query writing its answer to a fresh folder. The query's leading comment
 * lines are kept apart from its SELECT so the sink goes right before it (docs/ARCHITECTURE.md, Decisions).
 *
 * @example
 *   buildEmrScript({ title: "q", table: ["CREATE ..."], partitions: [], query: "SELECT 1", resultsUri: "s3://b/r/" })
 */
export function buildEmrScript(parts: EmrScriptParts, templates?: DdlTemplates): string {
  const { comments, body } = splitLeadingComments(parts.query);
  if (!/^select\b/i.test(body)) {
    throw new TrailhiveError("RENDER_QUERY_NOT_SELECT", { title: parts.title, start: body.slice(0, 30) });
  }
  const model = {
    title: parts.title.replace(/[\r\n]+/g, " "),
    settings: ["hive.exec.compress.output=false"],
    table: parts.table.map(stripSemicolon),
    partitions: parts.partitions.map(stripSemicolon),
    comments,
    sink: resultSink(parts.resultsUri),
    select: stripSemicolon(body),
  };
  return renderTemplate("emr-script.hql.hbs", model, templates);
}

/**
 * The `INSERT OVERWRITE DIRECTORY` clause that starts the query statement, laid out by
 * `partials/result-sink.hbs`.
 *
 * @example
 *   insertDirectoryClause("s3://b/results/r1/")
 *   // "INSERT OVERWRITE DIRECTORY 's3://b/results/r1/'\nROW FORMAT SERDE 'org.apache...LazySimpleSerDe'\nWITH SERDEPROPERTIES (...)"
 */
export function insertDirectoryClause(directoryUri: string, templates?: DdlTemplates): string {
  return renderTemplate("partials/result-sink.hbs", resultSink(directoryUri), templates).trimEnd();
}

function resultSink(directoryUri: string): ResultSinkModel {
  return {
    directory: quoteString(directoryUri),
    serde: quoteString(RESULT_SERDE),
    properties: Object.entries(RESULT_SERDE_PROPERTIES).map(([k, v]) => ({ key: quoteString(k), value: quoteString(v) })),
  };
}

function renderTemplate(name: string, model: unknown, templates: DdlTemplates = BUILTIN_DDL): string {
  const { render } = templates.get([name]);
  try {
    return render(model, []);
  } catch (error) {
    throw new TrailhiveError("RENDER_TEMPLATE_FAILED", { template: name, reason: (error as Error).message }, { cause: error });
  }
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
