import { assertNever } from "../errors.js";
import type { Field, Shape } from "../schema/shape.js";
import { STRING, typeInfoString, type HiveField, type HiveType } from "./hive-type.js";
import { hiveFieldName, renameKey } from "./hive-name.js";
import type { RenderWarning } from "./render-warning.js";

/**
 * How keys Hive cannot name are handled, decided by the flavor's SerDe:
 * - `mapping`: the field is renamed (`x-amz-id-2` -> `x_amz_id_2`) and the SerDe maps it back;
 * - `map-or-string`: the object holding it becomes `MAP<STRING,T>` when all its values have one Hive
 *   type (Hive reads such keys correctly as map keys), otherwise a STRING holding its JSON text.
 */
export type OddKeyPolicy = "mapping" | "map-or-string";

/** The odd-key policy and where warnings and SerDe mappings are collected. */
export interface ShapeToHiveOptions {
  oddKeys: OddKeyPolicy;
  /** warnings are appended here */
  warnings: RenderWarning[];
  /** renamed fields (Hive name -> JSON key) are recorded here for the SerDe's `mapping.` properties */
  mappings: Map<string, string>;
}

/** BIGINT's range: Hive 4's reader wraps larger integers silently, Hive 3's fails the record. */
const BIGINT_MIN = -(2n ** 63n);
const BIGINT_MAX = 2n ** 63n - 1n;

/**
 * The Hive type for an inferred shape. Documented choices:
 * - integers are BIGINT: a range seen in a sample never proves later values fit INT (3000000000 in an
 *   INT fails the record on Hive 3 and silently wraps on Hive 4); beyond BIGINT they are STRING (their text);
 * - `unknown` (only nulls seen) and `json` (conflicting shapes) are STRING: STRING reads any scalar
 *   as text and, on Hive 4 and Athena, an object or array as its JSON text;
 * - an object seen only empty is `MAP<STRING,STRING>`: it reads `{}` on every engine, and later keys
 *   arrive as data instead of being dropped;
 * - arrays of unknown items are `ARRAY<STRING>`.
 *
 * @example
 *   shapeToHiveType({ kind: "integer", min: "0", max: "5" }, "$.x", opts) // { kind: "bigint" }
 */
export function shapeToHiveType(shape: Shape, path: string, options: ShapeToHiveOptions): HiveType {
  switch (shape.kind) {
    case "unknown":
    case "string":
    case "json":
      return STRING;
    case "boolean":
      return { kind: "boolean" };
    case "double":
      return { kind: "double" };
    case "integer":
      if (BigInt(shape.min) < BIGINT_MIN || BigInt(shape.max) > BIGINT_MAX) {
        options.warnings.push({
          code: "integer-out-of-range",
          path,
          message: `${path} holds integers beyond BIGINT (${shape.min} to ${shape.max}): typed STRING so Hive keeps their exact text`,
        });
        return STRING;
      }
      return { kind: "bigint" };
    case "array":
      return { kind: "array", items: shapeToHiveType(shape.items, `${path}[]`, options) };
    case "map":
      return { kind: "map", values: shapeToHiveType(shape.values, `${path}.*`, options) };
    case "object":
      return objectType(shape.fields, path, options);
    default:
      return assertNever(shape, "shape");
  }
}

function objectType(fields: Field[], path: string, options: ShapeToHiveOptions): HiveType {
  if (fields.length === 0) return { kind: "map", values: STRING };
  const odd = fields.filter((f) => hiveFieldName(f.key) === undefined);
  if (odd.length > 0 && options.oddKeys === "map-or-string") {
    const values = fields.map((f) => shapeToHiveType(f.shape, `${path}.${f.name}`, { ...options, warnings: [], mappings: new Map() }));
    const first = values[0] as HiveType;
    const same = values.every((v) => typeInfoString(v) === typeInfoString(first));
    const keys = odd.map((f) => JSON.stringify(f.name)).join(", ");
    options.warnings.push({
      code: "odd-keys",
      path,
      message: same
        ? `${path} has keys Hive cannot name as struct fields (${keys}): typed MAP<STRING,${typeInfoString(first).toUpperCase()}>, read one as ${path.split(".").pop()}[KEY]`
        : `${path} has keys Hive cannot name as struct fields (${keys}) and values of different types: typed STRING (its JSON text), read it with get_json_object`,
    });
    if (same) {
      // Re-run for the kept value type so its own warnings are reported once.
      return { kind: "map", values: shapeToHiveType(fields[0]!.shape, `${path}.*`, options) };
    }
    return STRING;
  }
  const taken = new Set(fields.map((f) => hiveFieldName(f.key)).filter((n): n is string => n !== undefined));
  const out: HiveField[] = [];
  for (const f of fields) {
    let name = hiveFieldName(f.key);
    if (name === undefined) {
      name = renameKey(f.key, taken);
      taken.add(name);
      options.mappings.set(name, f.name);
      options.warnings.push({ code: "renamed-field", path: `${path}.${f.name}`, message: `${path}.${f.name} is named ${name} in Hive, and the SerDe maps it back` });
    }
    out.push({ name, jsonKey: f.name, type: shapeToHiveType(f.shape, `${path}.${f.name}`, options) });
  }
  return { kind: "struct", fields: out };
}
