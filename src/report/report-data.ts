/**
 * What a report page holds, as data: the contract between the renderers here and the page's script
 * (templates/report/report.js). It is embedded as JSON, so every field is plain data. Nothing in it
 * varies between runs on the same rows unless the user asked for it (`seconds`).
 */
export type ReportData = RowsReport | SchemaReport | SchemaDiffReport;

/** The rows of an investigation (`run`) or a detection run (`detect`). */
export interface RowsReport {
  kind: "rows";
  title: string;
  /** what produced the rows */
  source: RowsSource;
  columns: string[];
  rows: (string | null)[][];
  /** which columns the timeline reads, by index; absent when the rows have no time column */
  timeline?: TimelineColumns;
  /** detect: every rule tested, in the order they were translated */
  rules?: RuleSummary[];
}

export interface RowsSource {
  /** a library query, a user's script, or a rule set */
  kind: "query" | "script" | "detection";
  name: string;
  description?: string;
  /** the HiveQL the engine ran (a script's text as written) */
  hiveql: string;
  parameters: [string, string][];
  /** e.g. "embedded Apache Hive 4.1.0" or "Amazon EMR (j-..., step s-...)" */
  engine: string;
  /** which partitions the query reads, in words ("the days 2026-11-16 to 2026-11-23", "every partition") */
  partitions: string;
  /** wall time of the engine's run, only when `--report-timing` asks for it (it differs between runs) */
  seconds?: number;
}

/** Column indexes the timeline reads. */
export interface TimelineColumns {
  time: number;
  /** one lane per value: a group or resource when the rows have one, else the principal */
  lane: number;
  /** marks are coloured by this column (the event name) */
  color?: number;
  /** a non-empty value marks the row as an error (the error code) */
  error?: number;
}

export interface RuleSummary {
  id: string;
  title: string;
  level: string;
  author: string;
  /** only http(s) URLs become links; anything else is shown as text */
  references: string[];
  path: string;
  hits: number;
}

/** `report schema`: the inferred schema as a tree, its conflicts and each flavor's columns. */
export interface SchemaReport {
  kind: "schema";
  title: string;
  file: string;
  records: number;
  eventVersions: [string, number][];
  fields: FieldNode[];
  conflicts: ConflictRow[];
  flavors: FlavorColumns[];
  /** per-event shapes (`eventSource:eventName` and how many records) */
  events: [string, number][];
}

export interface FieldNode {
  name: string;
  /** the JSON path, e.g. `$.userIdentity.sessionContext` */
  path: string;
  /** Hive's type for the field as its own column would have it (`struct<...>` shortened to its kind) */
  hiveType: string;
  present: number;
  nulls: number;
  kinds: [string, number][];
  /** every spelling of the key seen, when more than one */
  spellings: string[];
  /** the eventVersions that brought it, when fewer than its parent's (the schema file's `versions`) */
  versions: string[];
  /** why it is a map or JSON text, in words; absent for plain fields */
  note?: string;
  children: FieldNode[];
}

export interface ConflictRow {
  path: string;
  resolution: string;
  kinds: string;
  event?: string;
}

export interface FlavorColumns {
  flavor: string;
  /** how the flavor lays the record out ("one row per event", "one row per file: records ARRAY<STRUCT<...>>") */
  layout: string;
  columns: [string, string][];
  partitions: string[];
}

/** `report schema NEW --diff OLD`: what changed between two schema files. */
export interface SchemaDiffReport {
  kind: "schema-diff";
  title: string;
  before: { file: string; records: number };
  after: { file: string; records: number };
  changes: { kind: string; path: string; from?: string; to?: string }[];
  conflictsAdded: ConflictRow[];
  conflictsRemoved: ConflictRow[];
  eventsAdded: string[];
  eventsRemoved: string[];
}
