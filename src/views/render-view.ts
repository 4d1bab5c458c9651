import { PARTITION_COLUMNS } from "../hive/cloudtrail-profile.js";
import { TrailhiveError, assertNever } from "../errors.js";
import { quoteIdentifier, quoteQualifiedName, quoteString } from "../hive/quote.js";
import type { SchemaFile } from "../schema/schema-file.js";
import type { Shape } from "../schema/shape.js";
import { snakeCase, viewColumns, type ViewColumn } from "./view-columns.js";
import type { DdlTemplates } from "../render/load-ddl-template.js";
import { renderStatements } from "../render/render-statements.js";
import type { Statement } from "../render/rendered-script.js";

export interface ViewOptions {
  /** the CloudTrail table the view reads */
  table: string;
  /** the templates laying it out (`partials/event-view.hbs`, `drop-view.hbs`; default the built-in ones) */
  templates?: DdlTemplates;
  /** the view's name (default `<service>_<event_name>`, e.g. `ec2_authorize_security_group_ingress`) */
  name?: string;
  /** the table has the partition columns account, region, year, month, day: the view passes them through */
  partitioned?: boolean;
  /**
   * An array to explode into one row per element, as a path below requestParameters (or starting
   * `responseElements.`), e.g. `ipPermissions.items`.
   */
  explode?: string;
  /** with `explode`: elements read per array (default 100); a `truncated` column says when an array had more */
  maxItems?: number;
  /** levels of nested objects turned into columns (default 4) */
  maxDepth?: number;
}

export interface RenderedView {
  name: string;
  event: string;
  /** DROP VIEW IF EXISTS, then CREATE VIEW: the same on Hive 3.1 and 4, rerunnable */
  statements: Statement[];
  columns: { name: string; type: string }[];
  warnings: string[];
}

/** The columns every per-event view starts with, from the table's own top-level columns. */
const COMMON: [string, string][] = [
  ["event_time", "eventtime"],
  ["event_id", "eventid"],
  ["principal_arn", "useridentity.arn"],
  ["source_ip", "sourceipaddress"],
  ["user_agent", "useragent"],
  ["aws_region", "awsregion"],
  ["account_id", "recipientaccountid"],
  ["error_code", "errorcode"],
];
const DEFAULT_ITEMS = 100;

/**
 * `ec2:AuthorizeSecurityGroupIngress` (or the full `ec2.amazonaws.com:AuthorizeSecurityGroupIngress`)
 * as the schema file's event key.
 *
 * @example
 *   eventKey("ec2:AuthorizeSecurityGroupIngress")  // "ec2.amazonaws.com:AuthorizeSecurityGroupIngress"
 */
export function eventKey(spec: string): string {
  const at = spec.lastIndexOf(":");
  if (at <= 0 || at === spec.length - 1) {
    throw new TrailhiveError("USAGE_BAD_EVENT", { spec });
  }
  const source = spec.slice(0, at);
  return `${source.includes(".") ? source : `${source}.amazonaws.com`}:${spec.slice(at + 1)}`;
}

/**
 * A Hive view over the CloudTrail table for one event, whose columns are typed values pulled out of
 * the requestparameters and responseelements JSON text (get_json_object, then CAST), named in
 * snake_case, from the per-event shapes saved in the schema file. Optionally one row per element of
 * one array (LATERAL VIEW over element positions, as Hive has no function that turns JSON text into
 * an array on both 3.1 and 4).
 *
 * @example
 *   const view = renderView(schema, "ec2:AuthorizeSecurityGroupIngress", { table: "cloudtrail", explode: "ipPermissions.items" });
 *   view.statements.map((s) => s.sql + ";").join("\n");
 */
export function renderView(schema: SchemaFile, spec: string, options: ViewOptions): RenderedView {
  const key = eventKey(spec);
  const shapes = schema.events[key];
  if (shapes === undefined) {
    const known = Object.keys(schema.events).filter((k) => k.endsWith(`:${key.split(":")[1]}`));
    throw new TrailhiveError("USAGE_UNKNOWN_EVENT", { event: key, known });
  }
  const [source = "", eventName = ""] = key.split(":");
  const name = options.name ?? `${snakeCase(source.replace(/\.amazonaws\.com$/, ""))}_${snakeCase(eventName)}`;
  const t = "t";
  const warnings: string[] = [];
  const select: string[] = COMMON.map(([alias, expr]) => `${t}.${expr} AS ${alias}`);
  if (options.partitioned) select.push(...PARTITION_COLUMNS.map((p) => `${t}.${quoteIdentifier(p)}`));
  const columns: { name: string; type: string }[] = COMMON.map(([alias]) => ({ name: alias, type: "STRING" }));
  if (options.partitioned) columns.push(...PARTITION_COLUMNS.map((p) => ({ name: p, type: "STRING" })));

  const explode = options.explode === undefined ? undefined : explodeTarget(options.explode, shapes);
  for (const [field, column, prefix, shape] of [
    ["requestParameters", "requestparameters", "request", shapes.requestParameters],
    ["responseElements", "responseelements", "response", shapes.responseElements],
  ] as const) {
    const skip = explode?.field === field ? explode.keys : undefined;
    const found = viewColumns(shape, prefix, { maxDepth: options.maxDepth, skip });
    for (const path of found.unaddressable) warnings.push(`${key}: ${field}${path.slice(1)} has a key get_json_object cannot address: it stays in ${column}`);
    for (const c of found.columns) {
      select.push(
        `${typed(
          c,
          paths(c.path).map((p) => `get_json_object(${t}.${column}, ${quoteString(p)})`),
        )} AS ${quoteIdentifier(c.name)}`,
      );
      columns.push({ name: c.name, type: c.type });
    }
  }
  const lateral: string[] = [];
  const where = [`${t}.eventsource = ${quoteString(source)}`, `${t}.eventname = ${quoteString(eventName)}`];
  if (explode !== undefined) {
    const items = Math.max(1, Math.floor(options.maxItems ?? DEFAULT_ITEMS));
    const column = explode.field === "requestParameters" ? "requestparameters" : "responseelements";
    // Positions 0..items-1 (space(n - 1) split on spaces gives n empty strings), then the element at
    // each position through a second LATERAL VIEW: Hive 4.1.0 was seen to keep rows whose filter
    // called get_json_object on the position column directly, so the filter reads a UDTF column instead.
    const element = `get_json_object(${t}.${column}, concat(${quoteString(`$.${explode.path}[`)}, CAST(item_index AS STRING), ']'))`;
    lateral.push(`LATERAL VIEW posexplode(split(space(${items - 1}), ' ')) item_positions AS item_index, item_unused`, `LATERAL VIEW explode(array(${element})) item_elements AS item_json`);
    select.push("item_index");
    columns.push({ name: "item_index", type: "INT" });
    const itemColumns = explode.items.kind === "object" ? viewColumns(explode.items, "item", { maxDepth: Math.max(1, (options.maxDepth ?? 4) - explode.keys.length) }).columns : [];
    if (itemColumns.length === 0) {
      select.push("item_json AS item_value");
      columns.push({ name: "item_value", type: "STRING" });
    }
    for (const c of itemColumns) {
      select.push(
        `${typed(
          c,
          paths(c.path).map((p) => `get_json_object(item_json, ${quoteString(p)})`),
        )} AS ${quoteIdentifier(c.name)}`,
      );
      columns.push({ name: c.name, type: c.type });
    }
    // an element past the last position read means the array was cut: say so on every row
    select.push(`get_json_object(${t}.${column}, ${quoteString(`$.${explode.path}[${items}]`)}) IS NOT NULL AS items_truncated`);
    columns.push({ name: "items_truncated", type: "BOOLEAN" });
    where.push("item_json IS NOT NULL");
  }
  const viewName = quoteQualifiedName(name, "view name");
  return {
    name,
    event: key,
    statements: renderStatements(
      [
        { kind: "drop-view", viewName },
        { kind: "event-view", statementKind: "create-view", viewName, select, fromTable: quoteQualifiedName(options.table), alias: t, lateral, where },
      ],
      options.templates,
    ),
    columns,
    warnings,
  };
}

/** `$.a.b` for every combination of spellings (case-only variants of a key). */
function paths(path: string[][]): string[] {
  return path.reduce<string[]>((acc, spellings) => acc.flatMap((p) => spellings.map((s) => `${p}.${s}`)), ["$"]);
}

/** The typed expression: casts for numbers, an explicit CASE for booleans (CAST of text to BOOLEAN differs between Hive 3 and 4). */
function typed(c: ViewColumn, candidates: string[]): string {
  const value = candidates.length === 1 ? (candidates[0] ?? "NULL") : `coalesce(${candidates.join(", ")})`;
  switch (c.type) {
    case "STRING":
      return value;
    case "BIGINT":
    case "DOUBLE":
      return `CAST(${value} AS ${c.type})`;
    case "BOOLEAN":
      return `CASE ${value} WHEN 'true' THEN true WHEN 'false' THEN false END`;
    default:
      assertNever(c.type, "view type");
  }
}

function explodeTarget(spec: string, shapes: { requestParameters?: Shape; responseElements?: Shape }) {
  const parts = spec.split(".");
  let field: "requestParameters" | "responseElements" = "requestParameters";
  if (parts[0] === "responseElements" || parts[0] === "requestParameters") field = parts.shift() as typeof field;
  let shape: Shape | undefined = shapes[field];
  const keys: string[] = [];
  const spelled: string[] = [];
  for (const part of parts) {
    const f = shape?.kind === "object" ? shape.fields.find((x) => x.key === part.toLowerCase()) : undefined;
    if (f === undefined || !/^[a-zA-Z0-9_\-:\s]+$/.test(part)) {
      throw new TrailhiveError("USAGE_BAD_EXPLODE", { spec, problem: "no-field", field, part });
    }
    keys.push(f.key);
    spelled.push(f.spellings.includes(part) ? part : f.name);
    shape = f.shape;
  }
  if (shape?.kind !== "array") {
    throw new TrailhiveError("USAGE_BAD_EXPLODE", { spec, problem: "not-an-array", found: shape?.kind ?? "missing" });
  }
  return { field, keys, path: spelled.join("."), items: shape.items };
}
