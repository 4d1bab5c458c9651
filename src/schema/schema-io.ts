import { createRequire } from "node:module";
import type { ErrorObject, ValidateFunction } from "ajv";
import { TrailhiveError } from "../errors.js";
import type { SchemaFile } from "./schema-file.js";
import { SCHEMA_FILE_JSON, validate as validateFirstError } from "./schema-file-validator.generated.js";

/**
 * Reading and writing `trailhive.schema.json`: validated against `schemas/schema-file.json` (shipped
 * in the package) on every write and every read; written with a stable key order (the order of the
 * SchemaFile interfaces; dictionaries sorted by key), 2-space indent and a trailing newline, so the
 * same schema is always the same bytes and diffs in git stay small.
 */

/** Property order when written; keys not listed (none today) come after, sorted. */
const KEY_ORDER = [
  "$schema",
  "format",
  "version",
  "records",
  "eventVersions",
  "root",
  "events",
  "conflicts",
  "provenance",
  "path",
  "event",
  "key",
  "name",
  "spellings",
  "versions",
  "stats",
  "present",
  "nulls",
  "kind",
  "container",
  "framing",
  "reason",
  "min",
  "max",
  "items",
  "maxLength",
  "empty",
  "fields",
  "values",
  "distinctKeys",
  "requestParameters",
  "responseElements",
  "kinds",
  "resolution",
  "shape",
  "sources",
  "files",
  "skipped",
];
const RANK = new Map(KEY_ORDER.map((k, i) => [k, i]));
/** objects whose keys are data, written sorted by key */
const DICTIONARIES = new Set(["eventVersions", "events", "kinds"]);

/**
 * Every read and write is checked by the fast validator that stops at the first error: ajv's
 * standalone code generated at build time (`npm run schema:validator`), so no process pays for
 * compiling the JSON Schema (~80-100 ms). Only an invalid file needs the validator that lists every
 * error (to name the most specific one): that one is compiled on first use, and ajv's compiler (~30
 * ms to load) required then, not imported with this module.
 */
const isValid = validateFirstError as (value: unknown) => boolean;
const require = createRequire(import.meta.url);
let allErrorsValidator: ValidateFunction | undefined;
function listAllErrors(): ValidateFunction {
  const { Ajv } = require("ajv") as typeof import("ajv");
  return (allErrorsValidator ??= new Ajv({ allErrors: true, strict: false }).compile(SCHEMA_FILE_JSON as object));
}

/**
 * The schema file's text: validated, canonical key order, 2-space indent, trailing newline.
 *
 * @example
 *   await writeFile("trailhive.schema.json", serializeSchema(schema));
 */
export function serializeSchema(schema: SchemaFile): string {
  const problem = firstProblem(schema);
  if (problem !== undefined) {
    throw new TrailhiveError("INTERNAL_SCHEMA_INVALID", { problem });
  }
  return JSON.stringify(canonical(schema, ""), null, 2) + "\n";
}

/**
 * Parses and validates a schema file; `path` names it in errors, which also name the JSON path of the
 * first problem (e.g. `$.root.fields[3] (field "eventname").shape.kind: must be equal to one of ...`).
 *
 * @example
 *   const schema = parseSchema(await readFile("trailhive.schema.json", "utf8"), "trailhive.schema.json");
 */
export function parseSchema(text: string, path: string): SchemaFile {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new TrailhiveError("SCHEMA_NOT_JSON", { path, reason: (error as Error).message });
  }
  const version = (value as { version?: unknown } | null)?.version;
  if (typeof version === "number" && version > 1) {
    throw new TrailhiveError("SCHEMA_VERSION", { path, version });
  }
  const problem = firstProblem(value);
  if (problem !== undefined) {
    throw new TrailhiveError("SCHEMA_INVALID", { path, problem });
  }
  return value as SchemaFile;
}

/**
 * The schema without provenance (sources, file lists, skipped files emptied): what "identical
 * schemas" compares (json vs json.gz, S3 vs local, any file order).
 *
 * @example
 *   serializeSchema(stripProvenance(a)) === serializeSchema(stripProvenance(b))
 */
export function stripProvenance(schema: SchemaFile): SchemaFile {
  return { ...schema, provenance: { sources: [], files: [], skipped: [] } };
}

function firstProblem(value: unknown): string | undefined {
  if (isValid(value)) return undefined;
  // Invalid: validate again listing every error, to pick the most specific one.
  const validate = listAllErrors();
  validate(value);
  const errors = (validate.errors ?? []).filter((e) => e.keyword !== "if" && e.keyword !== "allOf");
  // The deepest error is the most specific one (if/then branches add shallow "must match" errors).
  const best = errors.reduce<ErrorObject | undefined>((a, e) => (a === undefined || depth(e) > depth(a) ? e : a), undefined);
  if (best === undefined) return "it does not match the schema";
  const where = describePath(value, best.instancePath);
  const detail =
    best.keyword === "additionalProperties"
      ? `has an unknown property "${String(best.params.additionalProperty)}"`
      : best.keyword === "enum"
        ? `must be one of ${(best.params.allowedValues as unknown[]).map((v) => JSON.stringify(v)).join(", ")}`
        : (best.message ?? "is invalid");
  return `${where}: ${detail}`;
}

function depth(e: ErrorObject): number {
  return e.instancePath === "" ? 0 : e.instancePath.split("/").length;
}

/** `/root/fields/3/shape/kind` -> `$.root.fields[3] (field "eventname").shape.kind` */
function describePath(value: unknown, pointer: string): string {
  let out = "$";
  let node: unknown = value;
  for (const raw of pointer.split("/").slice(1)) {
    const part = raw.replace(/~1/g, "/").replace(/~0/g, "~");
    if (Array.isArray(node)) {
      out += `[${part}]`;
      node = node[Number(part)];
      const key = (node as { key?: unknown } | undefined)?.key;
      if (typeof key === "string") out += ` (field "${key}")`;
    } else {
      out += /^[A-Za-z_$][A-Za-z0-9_$]*$/.test(part) ? `.${part}` : `[${JSON.stringify(part)}]`;
      node = (node as Record<string, unknown> | undefined)?.[part];
    }
  }
  return out;
}

/**
 * The value with keys in canonical order. Returns the same object when it already is canonical (what
 * SchemaBuilder builds), so writing a large schema copies nothing it need not.
 */
function canonical(value: unknown, parentKey: string): unknown {
  if (Array.isArray(value)) {
    let out: unknown[] | undefined;
    for (let i = 0; i < value.length; i++) {
      const c = canonical(value[i], "");
      if (c !== value[i]) (out ??= value.slice())[i] = c;
    }
    return out ?? value;
  }
  if (value === null || typeof value !== "object") return value;
  const record = value as Record<string, unknown>;
  const dictionary = DICTIONARIES.has(parentKey);
  const keys = Object.keys(record);
  // Fast path (what SchemaBuilder builds): keys already in order and none undefined, checked in one
  // pass with one rank lookup per key; then no copy unless a child changed.
  let inOrder = true;
  let prevRank = -1;
  for (let i = 0; i < keys.length && inOrder; i++) {
    const k = keys[i]!;
    if (record[k] === undefined) inOrder = false;
    else if (dictionary) inOrder = i === 0 || keys[i - 1]! < k;
    else {
      const rank = RANK.get(k) ?? KEY_ORDER.length;
      inOrder = rank > prevRank || (rank === prevRank && keys[i - 1]! < k);
      prevRank = rank;
    }
  }
  if (inOrder) {
    let copy: [string, unknown][] | undefined;
    for (let i = 0; i < keys.length; i++) {
      const k = keys[i]!;
      const c = canonical(record[k], dictionary ? "" : k);
      if (copy === undefined && c !== record[k]) copy = keys.slice(0, i).map((before) => [before, record[before]]);
      copy?.push([k, c]);
    }
    // fromEntries, not assignment: a data key "__proto__" (an eventVersion) must stay a property.
    return copy === undefined ? value : Object.fromEntries(copy);
  }
  const sorted = keys.filter((k) => record[k] !== undefined).sort(dictionary ? byCodeUnit : byRank);
  return Object.fromEntries(sorted.map((k) => [k, canonical(record[k], dictionary ? "" : k)]));
}

function byCodeUnit(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function byRank(a: string, b: string): number {
  return (RANK.get(a) ?? KEY_ORDER.length) - (RANK.get(b) ?? KEY_ORDER.length) || byCodeUnit(a, b);
}
