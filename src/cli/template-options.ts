import { resolve } from "node:path";
import type { Argv } from "yargs";
import { readTemplateFolder } from "../config/read-template-folder.js";
import { ddlTemplates, type DdlTemplates } from "../render/load-ddl-template.js";
import type { Terminal } from "./io.js";

export interface TemplateArgs {
  templates?: string;
}

/** `--templates DIR`: the same folder for every command that writes SQL (tables, views, partitions, migrations, the EMR script). */
export function withTemplateOption<T>(y: Argv<T>): Argv<T & TemplateArgs> {
  return y.option("templates", { type: "string", describe: "folder of templates overriding the built-in ones (any template or partial by name)" }) as Argv<T & TemplateArgs>;
}

/** The templates a command renders with: the user's folder over the built-in ones, or undefined for the built-in ones alone. */
export function templatesFrom(args: TemplateArgs, term: Terminal): DdlTemplates | undefined {
  return args.templates === undefined ? undefined : ddlTemplates(readTemplateFolder(resolve(term.cwd, args.templates)));
}
