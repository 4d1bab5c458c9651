import { existsSync, readFileSync, readdirSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { TrailhiveError } from "../errors.js";
import { createTemplateEnv, type TemplateEnv } from "./template-env.js";

/** The DDL templates that ship with the package (`templates/ddl`, beside `src/` and `dist/`). */
export const BUILTIN_DDL_TEMPLATES = resolve(dirname(fileURLToPath(import.meta.url)), "../../templates/ddl");

/**
 * The DDL templates of one folder, compiled once per template in their own environment, for callers
 * that render many tables (tests, `check` over several flavors). The `{{#statement}}` helper records
 * each statement into the `collector` array passed as render data, so one compiled template serves
 * any number of renders.
 *
 * @example
 *   const templates = ddlTemplates(undefined);
 *   renderTable(schema, options, templates);
 */
export interface DdlTemplates {
  get(template: string): (model: unknown, collector: { kind: string; sql: string }[]) => string;
}

/** Compiled templates for `userDir` over the built-in ones; see {@link DdlTemplates}. */
export function ddlTemplates(userDir: string | undefined): DdlTemplates {
  const env = createTemplateEnv();
  env.registerHelper("statement", function (this: { kind: string }, options: { fn: (ctx: unknown) => string; data: { collector: { kind: string; sql: string }[] } }) {
    const sql = options.fn(this).trim();
    options.data.collector.push({ kind: this.kind, sql });
    return sql + ";";
  });
  const compiled = new Map<string, HandlebarsTemplateDelegate>();
  return {
    get(template) {
      let delegate = compiled.get(template);
      if (delegate === undefined) {
        delegate = loadDdlTemplate(env, template, userDir);
        compiled.set(template, delegate);
      }
      const run = delegate;
      return (model, collector) => run(model, { data: { collector } });
    },
  };
}

/**
 * Registers every partial under `<dir>/partials/*.hbs` (the shared base) and compiles the flavor's
 * `<dir>/<template>`. A user's `--templates DIR` may hold only the files it changes: anything it
 * lacks comes from the built-in templates.
 *
 * @example
 *   const template = loadDdlTemplate(env, "jsonl.hql.hbs", undefined);
 */
export function loadDdlTemplate(env: TemplateEnv, template: string, userDir: string | undefined): HandlebarsTemplateDelegate {
  const dirs = userDir === undefined ? [BUILTIN_DDL_TEMPLATES] : [BUILTIN_DDL_TEMPLATES, resolve(userDir)];
  if (userDir !== undefined && !existsSync(userDir)) {
    throw new TrailhiveError("USAGE_TEMPLATES_NOT_FOUND", `--templates ${userDir} does not exist: give a folder holding <flavor>.hql.hbs and/or partials/*.hbs`, { dir: userDir });
  }
  // Later folders override earlier ones, partial by partial.
  for (const dir of dirs) {
    const partials = join(dir, "partials");
    if (!existsSync(partials)) continue;
    for (const file of readdirSync(partials).filter((f) => f.endsWith(".hbs")).sort()) {
      // Compiled here: a partial registered as text is recompiled on every render.
      env.registerPartial(file.slice(0, -".hbs".length), compileFile(env, join(partials, file)));
    }
  }
  const path = [...dirs].reverse().map((d) => join(d, template)).find((p) => existsSync(p));
  if (path === undefined) {
    throw new TrailhiveError("RENDER_TEMPLATE_NOT_FOUND", `template ${template} not found in ${dirs.join(" or ")}`, { template });
  }
  return compileFile(env, path);
}

function compileFile(env: TemplateEnv, path: string): HandlebarsTemplateDelegate {
  try {
    const text = readFileSync(path, "utf8");
    // Handlebars compiles lazily; parsing now reports a syntax error with the file's name.
    env.parse(text);
    return env.compile(text);
  } catch (error) {
    throw new TrailhiveError("RENDER_TEMPLATE_INVALID", `${path}: ${(error as Error).message}`, { path }, { cause: error });
  }
}

type HandlebarsTemplateDelegate = ReturnType<TemplateEnv["compile"]>;
