import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { TrailhiveError } from "../errors.js";
import type { TemplateFiles } from "../render/template-files.js";

/**
 * A user's `--templates DIR` (or the config's `templates`) read into TemplateFiles: its `*.hbs` and
 * `partials/*.hbs`, each overriding the built-in file of that name. The one place templates are read
 * from disk; everything that renders takes them as data.
 *
 * @example
 *   renderTable(schema, options, ddlTemplates(readTemplateFolder("my-templates")));
 */
export function readTemplateFolder(dir: string): TemplateFiles {
  const root = resolve(dir);
  if (!existsSync(root)) throw new TrailhiveError("USAGE_TEMPLATES_NOT_FOUND", { dir });
  const files: Record<string, { text: string; origin: string }> = {};
  for (const sub of ["", "partials"]) {
    const folder = join(root, sub);
    if (!existsSync(folder)) continue;
    for (const name of readdirSync(folder)
      .filter((n) => n.endsWith(".hbs"))
      .sort()) {
      const path = join(folder, name);
      files[sub === "" ? name : `${sub}/${name}`] = { text: readFileSync(path, "utf8"), origin: path };
    }
  }
  return files;
}

/**
 * A folder of query templates (`<name>.hql.hbs`) read into TemplateFiles for loadLibrary.
 *
 * @example
 *   const library = loadLibrary(readQueryFolder("my-queries"));
 */
export function readQueryFolder(dir: string): TemplateFiles {
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch (error) {
    throw new TrailhiveError("CONFIG_NO_QUERIES", { dir, reason: (error as Error).message }, { cause: error });
  }
  return Object.fromEntries(
    names
      .filter((n) => n.endsWith(".hql.hbs"))
      .sort()
      .map((n) => [n, { text: readFileSync(join(dir, n), "utf8"), origin: join(dir, n) }]),
  );
}
