import type { Argv } from "yargs";

export interface TemplateArgs {
  templates?: string;
}

/** `--templates DIR`: the same folder for every command that writes SQL (tables, views, partitions, migrations, the EMR script). */
export function withTemplateOption<T>(y: Argv<T>): Argv<T & TemplateArgs> {
  return y.option("templates", { type: "string", describe: "folder of templates overriding the built-in ones (any template or partial by name)" }) as Argv<T & TemplateArgs>;
}
