import Handlebars from "handlebars";
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

export function createTemplateEnv(): TemplateEnv {
  const env = Handlebars.create();
  env.registerHelper("ident", (name: unknown) => quoteIdentifier(String(name)));
  env.registerHelper("table", (name: unknown) => quoteQualifiedName(String(name)));
  env.registerHelper("str", (value: unknown) => quoteString(String(value)));
  env.registerHelper("join", (list: unknown, sep: unknown) => (Array.isArray(list) ? list.join(typeof sep === "string" ? sep : ", ") : ""));
  const compile = env.compile.bind(env);
  // Every compile is strict and unescaped, whoever calls it.
  env.compile = ((input: string, options?: CompileOptions) => compile(input, { ...options, strict: true, noEscape: true })) as typeof env.compile;
  return env;
}

type CompileOptions = Parameters<typeof Handlebars.compile>[1];
