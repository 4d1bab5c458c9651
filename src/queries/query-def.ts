/**
 * What a library query is, as data: its name (the template's file name), what it answers, its typed
 * parameters and the columns it returns. Parsed from the JSON block that opens each template.
 *
 * @example
 *   const def: QueryDef = { name: "root-account-use", description: "Calls made with the root user", params: [], columns: ["event_time"],
 *     global: true, path: "templates/queries/root-account-use.hql.hbs", template: "SELECT ..." };
 */
export interface QueryDef {
  name: string;
  description: string;
  params: ParamDef[];
  /** the columns the query returns, in order */
  columns: string[];
  /** true when the events it looks for come from global services that log in us-east-1 */
  global: boolean;
  /** where the template was read from */
  path: string;
  /** the Handlebars text after the metadata block */
  template: string;
}

/**
 * `string`: any text, always rendered as a quoted literal; `date`: YYYY-MM-DD (UTC day);
 * `region`: an AWS region name such as eu-west-1. `from`, `to` and `region` drive the shared range
 * and region filters (and partition pruning when the table is partitioned).
 */
export const paramTypes = ["string", "date", "region"] as const;
export type ParamType = (typeof paramTypes)[number];

export interface ParamDef {
  name: string;
  type: ParamType;
  description: string;
  /** absent when the parameter is required */
  default?: string;
  required: boolean;
}

/** The SQL of one library query and what a runner needs to know about it. */
export interface RenderedQuery {
  /** one HiveQL statement, without the terminating `;` (a script adds it) */
  sql: string;
  columns: string[];
  /**
   * The day folders (partitions) the query can read, inclusive, present when both `from` and `to` were
   * given: `to` is one day later than asked, because a log file delivered just after midnight holds
   * events of the day before.
   */
  range?: { from: string; to: string };
}
