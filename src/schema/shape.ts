/**
 * The inferred shape of JSON data: what every later stage (Hive typing, rendering, typed views, the
 * coverage checker) reads. Shapes are plain JSON-able data so they can be stored in the schema file.
 *
 * Field order inside an object is the order of `key` (the lower-cased name, compared by code unit),
 * so the same records in any order give the same shape.
 *
 * @example
 *   const s: Shape = { kind: "object", fields: [{ key: "eventname", name: "eventName", spellings: ["eventName"],
 *     stats: { present: 2, nulls: 0, kinds: { string: 2 } }, shape: { kind: "string" } }] };
 */

/** JSON value kinds as seen in data; integers and non-integral numbers are told apart. */
export type JsonKind = "null" | "boolean" | "integer" | "number" | "string" | "object" | "array";

/** How often a field was present, null, and of each JSON kind (counted over the records that reached its parent). */
export interface FieldStats {
  present: number;
  nulls: number;
  kinds: Partial<Record<JsonKind, number>>;
}

/** Why a subtree was widened to JSON text; every widening is listed in the schema file with its path. */
export type WideningReason =
  | "object-vs-scalar"
  | "array-vs-scalar"
  | "array-vs-object"
  | "mixed-primitives"
  | "integer-out-of-range"
  /** nested deeper than inference follows (MAX_DEPTH): kept as JSON text rather than overflow the stack */
  | "too-deep"
  | "override";

/** Why an object was turned into a map of its values. */
export type MapReason = "non-identifier-keys" | "many-rare-keys" | "override";

export type Shape =
  /** only nulls seen, or never seen: null never decides a type */
  | { kind: "unknown" }
  | { kind: "boolean" }
  /** min and max are decimal strings, exact beyond 2^53 */
  | { kind: "integer"; min: string; max: string }
  | { kind: "double" }
  | { kind: "string" }
  /** conflicting shapes: the value is kept as its JSON text (a STRING column in Hive) */
  | { kind: "json"; reason: WideningReason }
  /** `empty` counts arrays seen with no elements */
  | { kind: "array"; items: Shape; maxLength: number; empty: number }
  | ObjectShape
  /** an object whose keys are data (ARNs, `x-amz-id-2`, ...), as a map of its merged values */
  | { kind: "map"; values: Shape; distinctKeys: number; reason: MapReason };

export interface ObjectShape {
  kind: "object";
  fields: Field[];
}

export interface Field {
  /** lower-cased name: how Hive matches it, and the merge key (`Tagging` and `tagging` are one field) */
  key: string;
  /** the most frequent spelling (ties: code-unit order), used where a name is shown */
  name: string;
  /** every spelling of the key seen, sorted by code unit */
  spellings: string[];
  /**
   * The eventVersions of the records that had this field, sorted, when they are fewer than those that
   * reached its parent (absent: the same; the record's are the schema's `eventVersions`): what brought it.
   */
  versions?: string[];
  stats: FieldStats;
  shape: Shape;
}

export type ShapeKind = Shape["kind"];
