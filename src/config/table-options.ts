import { TrailhiveError } from "../errors.js";
import { getFlavor, type FlavorName } from "../flavors/index.js";
import type { TableOptions } from "../render/render-table.js";
import type { DdlOutput, TableSettings, TrailhiveConfig } from "./trailhive-config.js";

/**
 * The render options for one DDL output: the config's table settings, overridden by the output's
 * entry, overridden by what the user typed. Given a flavor name, the entry is the config's first for
 * that flavor; pass the entry itself when a config lists one flavor twice (partitioned and flat).
 * `templatesDir` is taken from `flags` as given.
 *
 * @example
 *   tableOptions("jsonl", config, { table: "other" }) // { flavor: "jsonl", table: "other", location: ..., ... }
 *   for (const entry of config.ddl ?? []) renderTable(schema, tableOptions(entry, config, {}));
 */
export function tableOptions(output: FlavorName | DdlOutput, config: TrailhiveConfig | undefined, flags: TableSettings): TableOptions {
  const flavor = typeof output === "string" ? output : output.flavor;
  const entry = typeof output === "string" ? config?.ddl?.find((d) => d.flavor === flavor) : output;
  const merged: TableSettings = { ...withoutUndefined(config ?? {}), ...withoutUndefined(entry ?? {}), ...withoutUndefined(flags) };
  const missing = (["table", "location"] as const).filter((k) => merged[k] === undefined);
  if (missing.length > 0) {
    throw new TrailhiveError("USAGE_MISSING_OPTION", { missing });
  }
  return {
    flavor,
    table: merged.table as string,
    location: merged.location as string,
    // Projection is what athena-projection is for: it is partitioned unless told otherwise.
    partitioned: merged.partitioned ?? getFlavor(flavor).partitionProjection,
    comment: merged.comment,
    tblProperties: merged.tblProperties,
    ifNotExists: merged.ifNotExists,
    typeLimit: merged.typeLimit,
    expand: merged.expand,
    engines: merged.engines,
    projection: merged.projection,
  };
}

function withoutUndefined<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}
