import { typeInfoString, type HiveField, type HiveType } from "./hive-type.js";

/**
 * Lays a column's inferred type over the type AWS declares for it, so known columns read the way
 * AWS's DDL reads them while keeping what the logs show:
 * - structs: AWS's fields first in AWS's order (those never seen typed as AWS declares them, so a
 *   query naming them still compiles), then the fields only the logs have, in name order;
 * - where AWS declares a MAP (keys are data, as in `webIdFederationData.attributes`) and the logs
 *   show an object whose values all have the map's value type, the MAP is kept;
 * - anything else is typed as the data says.
 *
 * @example
 *   mergeProfileType(inferredUserIdentity, awsUserIdentity) // struct<type,principalid,arn,...,<others>>
 */
export function mergeProfileType(data: HiveType, aws: HiveType): HiveType {
  if (data.kind === "struct" && aws.kind === "struct") {
    const byName = new Map(data.fields.map((f) => [f.name, f] as const));
    const known = new Set(aws.fields.map((f) => f.name));
    const fields: HiveField[] = aws.fields.map((a) => {
      const d = byName.get(a.name);
      return d === undefined ? a : { ...d, type: mergeProfileType(d.type, a.type) };
    });
    return { kind: "struct", fields: [...fields, ...data.fields.filter((f) => !known.has(f.name))] };
  }
  if (data.kind === "array" && aws.kind === "array") return { kind: "array", items: mergeProfileType(data.items, aws.items) };
  if (data.kind === "struct" && aws.kind === "map") {
    const value = typeInfoString(aws.values);
    if (data.fields.every((f) => typeInfoString(f.type) === value)) return aws;
  }
  return data;
}
