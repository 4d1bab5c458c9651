import { MAX_IDENTIFIER } from "./quote.js";

/**
 * Which JSON keys can be Hive struct field or column names as they are.
 *
 * Hive lower-cases names and matches JSON keys case-insensitively, so case is not a problem; but
 * `TypeInfoUtils` tokenizes a type string on anything that is not a letter, digit or `_`, so a key
 * such as `x-amz-id-2`, `@timestamp` or `s3:x-amz-acl` cannot be a struct field even backquoted
 * (measured on Hive 3.1.3 and 4.1.0: the CREATE TABLE parses, reading the type fails). A key longer
 * than {@link MAX_IDENTIFIER} has no name either. A name Hive's lexer will not take bare (`_return`,
 * `from`, `1st`) is still a name: the renderers backquote it (`isBareIdentifier`).
 *
 * @example
 *   hiveFieldName("eventName")   // "eventname"
 *   hiveFieldName("x-amz-id-2")  // undefined
 */
export function hiveFieldName(key: string): string | undefined {
  const lower = key.toLowerCase();
  return HIVE_FIELD_NAME.test(lower) && lower.length <= MAX_IDENTIFIER ? lower : undefined;
}

/** ASCII only: `toLowerCase` on other letters is locale-free but Hive's tokenizer would still split them. */
const HIVE_FIELD_NAME = /^[a-z0-9_]+$/;

/**
 * A legal name for a key that has none, for SerDes that can map a column to a JSON key:
 * every run of other characters becomes `_`, and a name still taken gets `_2`, `_3`, ...
 *
 * @example
 *   renameKey("x-amz-id-2", new Set())        // "x_amz_id_2"
 *   renameKey("@timestamp", new Set(["timestamp"])) // "timestamp_2"
 */
export function renameKey(key: string, taken: ReadonlySet<string>): string {
  const base =
    key
      .toLowerCase()
      .replace(/[^a-z0-9_]+/g, "_")
      .replace(/^_+|_+$/g, "")
      .slice(0, MAX_IDENTIFIER - 8) || "field";
  let name = base;
  for (let n = 2; taken.has(name); n++) name = `${base}_${n}`;
  return name;
}
