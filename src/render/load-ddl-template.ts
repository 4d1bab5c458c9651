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
  /** the first of `candidates` found (a user's folder before the built-in one), and its renderer */
  get(candidates: readonly string[]): { name: string; render: (model: unknown, collector: { kind: string; sql: string }[]) => string };
}

/** Compiled templates for `userDir` over the built-in ones; see {@link DdlTemplates}. */
export function ddlTemplates(userDir: string | undefined): DdlTemplates {
  const env = createTemplateEnv();
  env.registerHelper("statement", function (this: { kind: string }, options: { fn: (ctx: unknown) => string; data: { collector: { kind: string; sql: string }[] } }) {
    const sql = options.fn(this).trim();
    options.data.collector.push({ kind: this.kind, sql });
    return sql + ";";
  });
  const compiled = new Map<string, { name: string; delegate: HandlebarsTemplateDelegate }>();
  return {
    get(candidates) {
      const key = candidates.join("\n");
      let found = compiled.get(key);
      if (found === undefined) {
        found = loadDdlTemplate(env, candidates, userDir);
        compiled.set(key, found);
      }
      const run = found.delegate;
      return { name: found.name, render: (model, collector) => run(model, { data: { collector } }) };
    },
  };
}

/**
 * Registers every partial under `<dir>/partials/*.hbs` (the shared base) and compiles the first of
 * the candidate templates found, looking in a user's `--templates DIR` before the built-in folder. The
 * user's folder may hold only the files it changes: anything it lacks comes from the built-in templates.
 *
 * @example
 *   const { name, delegate } = loadDdlTemplate(env, ["jsonl.hql.hbs", "table.hql.hbs"], undefined);  // name "table.hql.hbs"
 */
export function loadDdlTemplate(env: TemplateEnv, candidates: readonly string[], userDir: string | undefined): { name: string; delegate: HandlebarsTemplateDelegate } {
  const dirs = userDir === undefined ? [BUILTIN_DDL_TEMPLATES] : [BUILTIN_DDL_TEMPLATES, resolve(userDir)];
  if (userDir !== undefined && !existsSync(userDir)) {
    throw new TrailhiveError("USAGE_TEMPLATES_NOT_FOUND", { dir: userDir });
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
  for (const dir of [...dirs].reverse()) {
    for (const name of candidates) {
      const path = join(dir, name);
      if (existsSync(path)) return { name, delegate: compileFile(env, path) };
    }
  }
  throw new TrailhiveError("RENDER_TEMPLATE_NOT_FOUND", { template: candidates[0] ?? "", candidates: [...candidates], dirs });
}

function compileFile(env: TemplateEnv, path: string): HandlebarsTemplateDelegate {
  try {
    const text = readFileSync(path, "utf8");
    // Handlebars compiles lazily; parsing now reports a syntax error with the file's name.
    env.parse(text);
    return env.compile(text);
  } catch (error) {
    throw new TrailhiveError("RENDER_TEMPLATE_INVALID", { path, reason: (error as Error).message }, { cause: error });
  }
}

type HandlebarsTemplateDelegate = ReturnType<TemplateEnv["compile"]>;
