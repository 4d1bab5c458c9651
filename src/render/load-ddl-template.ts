import { existsSync, readFileSync, readdirSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { TrailhiveError } from "../errors.js";
import type { TemplateEnv } from "./template-env.js";

/** The DDL templates that ship with the package (`templates/ddl`, beside `src/` and `dist/`). */
export const BUILTIN_DDL_TEMPLATES = resolve(dirname(fileURLToPath(import.meta.url)), "../../templates/ddl");

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
      env.registerPartial(file.slice(0, -".hbs".length), readFileSync(join(partials, file), "utf8"));
    }
  }
  const path = [...dirs].reverse().map((d) => join(d, template)).find((p) => existsSync(p));
  if (path === undefined) {
    throw new TrailhiveError("RENDER_TEMPLATE_NOT_FOUND", `template ${template} not found in ${dirs.join(" or ")}`, { template });
  }
  try {
    return env.compile(readFileSync(path, "utf8"));
  } catch (error) {
    throw new TrailhiveError("RENDER_TEMPLATE_INVALID", `${path}: ${(error as Error).message}`, { path }, { cause: error });
  }
}

type HandlebarsTemplateDelegate = ReturnType<TemplateEnv["compile"]>;
