import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { TrailhiveError } from "../errors.js";
import { parseQueryTemplate } from "./parse-query-template.js";
import type { QueryDef } from "./query-def.js";

export { renderQuery, type QueryContext } from "./render-query.js";
export type { QueryDef, ParamDef, ParamType, RenderedQuery } from "./query-def.js";

/** The library shipped with trailhive: `templates/queries/` beside `src/` (and beside `dist/`). */
export const defaultQueriesDir = fileURLToPath(new URL("../../templates/queries", import.meta.url));

const SUFFIX = ".hql.hbs";

/**
 * Reads every `<name>.hql.hbs` in a folder (the shipped library unless a user's folder is given),
 * sorted by name. A malformed template stops the load with a message naming its file.
 *
 * @example
 *   const library = loadLibrary();
 *   library.map((q) => q.name);  // ["access-denied-by-principal", ..., "security-group-changes"]
 */
export function loadLibrary(dir: string = defaultQueriesDir): QueryDef[] {
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch (error) {
    throw new TrailhiveError("CONFIG_NO_QUERIES", { dir, reason: (error as Error).message }, { cause: error });
  }
  return names
    .filter((n) => n.endsWith(SUFFIX))
    .sort()
    .map((file) => parseQueryTemplate(file.slice(0, -SUFFIX.length), readFileSync(join(dir, file), "utf8"), join(dir, file)));
}

/**
 * One query of a library by name; an unknown name is a usage error that lists the known ones.
 *
 * @example
 *   getQuery(loadLibrary(), "security-group-changes").columns[0];  // "event_time"
 */
export function getQuery(library: readonly QueryDef[], name: string): QueryDef {
  const def = library.find((q) => q.name === name);
  if (def === undefined) {
    throw new TrailhiveError("USAGE_UNKNOWN_QUERY", { name, known: library.map((q) => q.name) });
  }
  return def;
}
