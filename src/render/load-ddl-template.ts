import { TrailhiveError } from "../errors.js";
import { BUILTIN_DDL_COMPILED } from "./builtin-ddl-compiled.generated.js";
import { BUILTIN_DDL_TEMPLATES } from "./builtin-templates.generated.js";
import { createRuntimeEnv, createTemplateEnv, type RuntimeEnv, type TemplateEnv } from "./template-env.js";
import { templateFiles, type TemplateFile, type TemplateFiles } from "./template-files.js";

/** The DDL templates that ship with the package (`templates/ddl`), as data. */
export const BUILTIN_DDL_FILES: TemplateFiles = templateFiles(BUILTIN_DDL_TEMPLATES, "templates/ddl");

/**
 * The DDL templates, a user's over the built-in ones, compiled once per template in their own
 * environment, for callers that render many tables (tests, `check` over several flavors). The
 * `{{#statement}}` helper records each statement into the `collector` array passed as render data,
 * so one compiled template serves any number of renders. Pure: a user's folder comes in as data.
 *
 * @example
 *   const templates = ddlTemplates(readTemplateFolder("my-templates"));
 *   renderTable(schema, options, templates);
 */
export interface DdlTemplates {
  /** the first of `candidates` there is (a user's file over the built-in one of that name), and its renderer */
  get(candidates: readonly string[]): { name: string; render: (model: unknown, collector: { kind: string; sql: string }[]) => string };
}

/**
 * The built-in templates alone, compiled on first use and shared, for every renderer whose caller
 * brings none (a user's come from ddlTemplates).
 */
export const BUILTIN_DDL: DdlTemplates = (() => {
  let compiled: DdlTemplates | undefined;
  return { get: (candidates) => (compiled ??= ddlTemplates()).get(candidates) };
})();

/** Compiled templates for a user's files over the built-in ones; see {@link DdlTemplates}. */
export function ddlTemplates(user: TemplateFiles = {}): DdlTemplates {
  const files: TemplateFiles = { ...BUILTIN_DDL_FILES, ...user };
  // The built-in ones come compiled: Handlebars' compiler only for a user's.
  const env = Object.keys(user).length > 0 ? createTemplateEnv() : createRuntimeEnv();
  // `kind` names the partial; `statementKind`, when a model has one, what the statement does (an event's view is a create-view)
  env.registerHelper("statement", function (this: { kind: string; statementKind?: string }, options: { fn: (ctx: unknown) => string; data: { collector: { kind: string; sql: string }[] } }) {
    const sql = options.fn(this).trim();
    options.data.collector.push({ kind: this.statementKind ?? this.kind, sql });
    return sql + ";";
  });
  const compiled = new Map<string, { name: string; delegate: HandlebarsTemplateDelegate }>();
  return {
    get(candidates) {
      const key = candidates.join("\n");
      let found = compiled.get(key);
      if (found === undefined) {
        found = loadDdlTemplate(env, candidates, files);
        compiled.set(key, found);
      }
      const run = found.delegate;
      return { name: found.name, render: (model, collector) => run(model, { data: { collector } }) };
    },
  };
}

/**
 * Registers every `partials/*.hbs` (the shared base) and compiles the first of the candidate
 * templates there is. A user's files may be only the ones they change: the rest are the built-in ones,
 * compiled ahead of time (builtin-ddl-compiled.generated.ts), so a runtime-only env runs them.
 *
 * @example
 *   const { name, delegate } = loadDdlTemplate(env, ["jsonl.hql.hbs", "table.hql.hbs"], BUILTIN_DDL_FILES);  // name "table.hql.hbs"
 */
export function loadDdlTemplate(env: RuntimeEnv | TemplateEnv, candidates: readonly string[], files: TemplateFiles): { name: string; delegate: HandlebarsTemplateDelegate } {
  for (const [path, file] of Object.entries(files).sort(([a], [b]) => (a < b ? -1 : 1))) {
    const partial = /^partials\/([^/]+)\.hbs$/.exec(path)?.[1];
    // Compiled here: a partial registered as text is recompiled on every render.
    if (partial !== undefined) env.registerPartial(partial, compileFile(env, path, file));
  }
  for (const name of candidates) {
    const file = files[name];
    if (file !== undefined) return { name, delegate: compileFile(env, name, file) };
  }
  const dirs = [...new Set(Object.values(files).map((f) => f.origin.slice(0, f.origin.lastIndexOf("/")).replace(/\/partials$/, "")))];
  throw new TrailhiveError("RENDER_TEMPLATE_NOT_FOUND", { template: candidates[0] ?? "", candidates: [...candidates], dirs });
}

function compileFile(env: RuntimeEnv | TemplateEnv, path: string, file: TemplateFile): HandlebarsTemplateDelegate {
  // a built-in file (not a user's of the same name) has its compiled code
  const spec = file === BUILTIN_DDL_FILES[path] ? BUILTIN_DDL_COMPILED[path] : undefined;
  if (spec !== undefined) return env.template(spec as TemplateSpecification);
  if (!("compile" in env)) throw new Error(`${file.origin}: a template of one's own needs the compiling environment (createTemplateEnv)`);
  try {
    // Handlebars compiles lazily; parsing now reports a syntax error with the file's name.
    env.parse(file.text);
    return env.compile(file.text);
  } catch (error) {
    throw new TrailhiveError("RENDER_TEMPLATE_INVALID", { path: file.origin, reason: (error as Error).message }, { cause: error });
  }
}

type HandlebarsTemplateDelegate = ReturnType<TemplateEnv["compile"]>;
type TemplateSpecification = Parameters<TemplateEnv["template"]>[0];
