import { TrailhiveError } from "../errors.js";
import type { Flavor } from "./flavor.js";
import { emrCloudtrailSerde } from "./emr-cloudtrail-serde/flavor.js";
import { emrHcatalog } from "./emr-hcatalog/flavor.js";
import { athenaProjection } from "./athena-projection/flavor.js";
import { portable } from "./portable/flavor.js";
import { jsonl } from "./jsonl/flavor.js";
import { eventbridgeJsonl } from "./eventbridge-jsonl/flavor.js";

export type { Flavor, EngineName, EngineSupport } from "./flavor.js";
export { ENGINE_NAMES } from "./flavor.js";

/**
 * Every DDL flavor, the default first. Names are derived from this list, so a new flavor is one
 * folder plus one line here, and every per-flavor record (tests' expectations) fails to compile until
 * it covers the new name.
 *
 * @example
 *   flavors.map((f) => f.name) // ["emr-cloudtrail-serde", "emr-hcatalog", "athena-projection", "portable", "jsonl", "eventbridge-jsonl"]
 */
export const flavors = [emrCloudtrailSerde, emrHcatalog, athenaProjection, portable, jsonl, eventbridgeJsonl] as const satisfies readonly Flavor[];

/** `emr-cloudtrail-serde` | `emr-hcatalog` | `athena-projection` | `portable` | `jsonl` | `eventbridge-jsonl`. */
export type FlavorName = (typeof flavors)[number]["name"];

/** The default for `ddl` and EMR runs: the safe EMR choice (docs/ARCHITECTURE.md, Decisions). */
export const DEFAULT_FLAVOR: FlavorName = "emr-cloudtrail-serde";

/** Every flavor's name, default first. */
export const FLAVOR_NAMES: readonly FlavorName[] = flavors.map((f) => f.name);

/**
 * Whether a string names a flavor.
 *
 * @example
 *   isFlavorName("jsonl") // true
 */
export function isFlavorName(name: string): name is FlavorName {
  return (FLAVOR_NAMES as readonly string[]).includes(name);
}

/**
 * The flavor called `name`, or a usage error listing the names.
 *
 * @example
 *   getFlavor("jsonl").serde // "org.apache.hadoop.hive.serde2.JsonSerDe"
 */
export function getFlavor(name: string): Flavor {
  const found = flavors.find((f) => f.name === name);
  if (found === undefined) {
    throw new TrailhiveError("USAGE_UNKNOWN_FLAVOR", { name, known: [...FLAVOR_NAMES] });
  }
  return found;
}
