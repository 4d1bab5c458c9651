import { TrailhiveError } from "../errors.js";
import { BUILTIN_QUERY_TEMPLATES } from "../render/builtin-templates.generated.js";
import { templateFiles, type TemplateFiles } from "../render/template-files.js";
import { parseQueryTemplate } from "./parse-query-template.js";
import type { QueryDef } from "./query-def.js";

export { renderQuery, type QueryContext } from "./render-query.js";
export type { QueryDef, ParamDef, ParamType, RenderedQuery } from "./query-def.js";

/** The library shipped with trailhive (`templates/queries/`), as data. */
export const BUILTIN_QUERY_FILES: TemplateFiles = templateFiles(BUILTIN_QUERY_TEMPLATES, "templates/queries");

const SUFFIX = ".hql.hbs";

/**
 * Every `<name>.hql.hbs` of a set of query templates (the shipped library unless a user's folder is
 * given, read by readQueryFolder), sorted by name. A malformed template stops the load with a message
 * naming its file. Pure.
 *
 * @example
 *   const library = loadLibrary();
 *   library.map((q) => q.name);  // ["access-denied-by-principal", ..., "security-group-changes"]
 */
export function loadLibrary(files: TemplateFiles = BUILTIN_QUERY_FILES): QueryDef[] {
  return Object.keys(files)
    .filter((n) => n.endsWith(SUFFIX))
    .sort()
    .map((name) => {
      const file = files[name] as { text: string; origin: string };
      return parseQueryTemplate(name.slice(0, -SUFFIX.length), file.text, file.origin);
    });
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
