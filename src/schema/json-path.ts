/**
 * The JSON paths trailhive reports and accepts in overrides: `$` is the record, `.name` a field (by its
 * most frequent spelling; `["x-amz-id-2"]` when the name is not an identifier), `[]` every element
 * of an array, `.*` every value of a map. Overrides match paths case-insensitively, as Hive does.
 *
 * @example
 *   childPath("$.requestParameters", "ipPermissions") // "$.requestParameters.ipPermissions"
 *   childPath("$.additionalEventData", "x-amz-id-2")  // '$.additionalEventData["x-amz-id-2"]'
 */
export function childPath(path: string, name: string): string {
  return IDENTIFIER.test(name) ? `${path}.${name}` : `${path}[${JSON.stringify(name)}]`;
}

/** the step into every element of an array: `$.resources[]` */
export const ITEMS = "[]";
/** the step into every value of a map: `$.additionalEventData.*` */
export const MAP_VALUES = ".*";

const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** True when a key can be a Hive struct field name as it is (letters, digits, `_`, not starting with a digit). */
export function isIdentifier(name: string): boolean {
  return IDENTIFIER.test(name);
}
