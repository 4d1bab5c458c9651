import { resolve } from "node:path";
import { readTemplateFolder } from "../config/read-template-folder.js";
import { ddlTemplates, type DdlTemplates } from "../render/load-ddl-template.js";
import type { Terminal } from "./io.js";
import type { TemplateArgs } from "./template-options.js";

/**
 * The templates a command renders with: the user's folder over the built-in ones, or undefined for
 * the built-in ones alone. Apart from template-options.ts: this one loads Handlebars.
 */
export function templatesFrom(args: TemplateArgs, term: Terminal): DdlTemplates | undefined {
  return args.templates === undefined ? undefined : ddlTemplates(readTemplateFolder(resolve(term.cwd, args.templates)));
}
