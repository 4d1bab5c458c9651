import { createRequire } from "node:module";
import type Handlebars from "handlebars";
import { quoteIdentifier, quoteQualifiedName, quoteString } from "../hive/quote.js";

/**
 * The Handlebars environment every template (ours and a user's `--templates DIR`) is rendered with:
 * strict (a missing variable is an error), no HTML escaping (HiveQL is not HTML; safety comes from the
 * helpers and from view models built in TypeScript), and the quoting helpers.
 *
 * Helpers:
 * - `{{ident name}}`  a Hive identifier, backquoted when needed, refused when unsafe
 * - `{{table name}}`  a `db.table` name
 * - `{{str value}}`   a Hive string literal
 * - `{{join list ", "}}` joins an array of already-safe strings
 *
 * @example
 *   const env = createTemplateEnv();
 *   env.compile("SELECT * FROM {{table t}} WHERE x = {{str v}}")({ t: "ct", v: "a'b" });
 */
export type TemplateEnv = typeof Handlebars;

/** How every template is compiled, at run time or ahead of time (scripts/generate-templates.ts). */
export const COMPILE_OPTIONS = { strict: true, noEscape: true } as const;

// Required when an environment is made, not imported: the compiler costs ~15 ms to load, and the
// built-in DDL templates come compiled (load-ddl-template.ts) and need only the runtime.
const require = createRequire(import.meta.url);

export function createTemplateEnv(): TemplateEnv {
  const env = withHelpers((require("handlebars") as TemplateEnv).create());
  const compile = env.compile.bind(env);
  // Every compile is strict and unescaped, whoever calls it.
  env.compile = ((input: string, options?: CompileOptions) => compile(input, { ...options, ...COMPILE_OPTIONS })) as typeof env.compile;
  return env;
}

/**
 * The same environment without Handlebars' compiler, for templates compiled ahead of time
 * (`env.template(spec)`): what rendering with the built-in templates alone needs.
 *
 * @example
 *   const env = createRuntimeEnv();
 */
export function createRuntimeEnv(): RuntimeEnv {
  // The runtime's one-file build, not `handlebars/runtime` (21 CommonJS modules): the same 4.7 code,
  // ~6 ms less to load, which is ~3% of `ddl`'s start (docs/ARCHITECTURE.md, Start-up).
  return withHelpers((require("handlebars/dist/handlebars.runtime.js") as RuntimeEnv).create());
}

/** An environment that runs compiled templates; a full one (createTemplateEnv) also compiles. */
export type RuntimeEnv = Pick<TemplateEnv, "create" | "template" | "registerHelper" | "registerPartial">;

function withHelpers<E extends RuntimeEnv>(env: E): E {
  env.registerHelper("ident", (name: unknown) => quoteIdentifier(String(name)));
  env.registerHelper("table", (name: unknown) => quoteQualifiedName(String(name)));
  env.registerHelper("str", (value: unknown) => quoteString(String(value)));
  env.registerHelper("join", (list: unknown, sep: unknown) => (Array.isArray(list) ? list.join(typeof sep === "string" ? sep : ", ") : ""));
  return env;
}

type CompileOptions = Parameters<TemplateEnv["compile"]>[1];
