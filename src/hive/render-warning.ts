/**
 * Something the user should know about the DDL trailhive wrote: a field it had to type loosely, drop
 * or rename, or a flavor that will not work where the user said they would run it. Warnings are data
 * (the CLI prints them); each names the JSON path it is about.
 *
 * @example
 *   const w: RenderWarning = { code: "type-limit", path: "$.requestParameters", message: "..." };
 */
export interface RenderWarning {
  code: RenderWarningCode;
  /** JSON path such as `$.userIdentity.sessionContext`, when the warning is about a field */
  path?: string;
  message: string;
}

/** What a warning is about; stable, for `--json` consumers. */
export type RenderWarningCode =
  /** a subtree's type string passed the metastore limit and became STRING */
  | "type-limit"
  /** an object with keys Hive cannot name became a MAP or JSON STRING */
  | "odd-keys"
  /** a field Hive cannot name or that clashes with another was left out */
  | "dropped-field"
  /** a field was renamed and the SerDe maps it back */
  | "renamed-field"
  /** keys differing only by case were merged into one field: Hive keeps one of them per object */
  | "case-collision"
  /** integers beyond BIGINT are kept as their text */
  | "integer-out-of-range"
  /** the flavor is known to break on the targeted engine */
  | "flavor-engine"
  /** an `expand` option named a field that is not in the schema */
  | "expand-unknown"
  /** the logs given to `ddl` are in a shape the flavor's table cannot read in place */
  | "data-shape";
