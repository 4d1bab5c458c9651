/**
 * Template texts by path under a templates root (`table.hql.hbs`, `partials/create-table.hbs`,
 * `security-group-changes.hql.hbs`), each with where it came from, for messages. The built-in ones
 * are data (builtin-templates.generated.ts); a user's folder is read into this shape at the edge
 * (src/config/read-template-folder.ts), so everything that renders takes its templates.
 */
export interface TemplateFile {
  text: string;
  /** a path to show in messages: the user's file, or `templates/ddl/<name>` for a built-in one */
  origin: string;
}

export type TemplateFiles = Readonly<Record<string, TemplateFile>>;

/**
 * The built-in texts as TemplateFiles under `root` (for their messages).
 *
 * @example
 *   templateFiles({ "table.hql.hbs": "{{> script}}" }, "templates/ddl")["table.hql.hbs"]?.origin  // "templates/ddl/table.hql.hbs"
 */
export function templateFiles(texts: Readonly<Record<string, string>>, root: string): TemplateFiles {
  return Object.fromEntries(Object.entries(texts).map(([name, text]) => [name, { text, origin: `${root}/${name}` }]));
}
