import { existsSync } from "node:fs";
import { mkdir, readdir, readFile, writeFile } from "node:fs/promises";
import { dirname, join, relative, resolve } from "node:path";
import { checkOutputs } from "../../check/check-outputs.js";
import { planOutputs, schemaPath } from "../../check/plan-outputs.js";
import { CONFIG_FILE, loadConfig } from "../../config/load-config.js";
import { readRuleFiles } from "../../config/read-rule-files.js";
import { readSchemaFile } from "../../config/read-schema-file.js";
import { readQueryFolder, readTemplateFolder } from "../../config/read-template-folder.js";
import { ExitCode, TrailhiveError } from "../../errors.js";
import type { CheckArgs } from "../commands/check.js";
import type { Terminal } from "../io.js";

const readOrUndefined = (path: string) => readFile(path, "utf8").catch(() => undefined);
const listOrEmpty = (dir: string) => readdir(dir).catch(() => [] as string[]);

/** `trailhive check`'s work (commands/check.ts declares its options). */
export async function runCheck(args: CheckArgs, term: Terminal): Promise<ExitCode> {
  const configPath = resolve(term.cwd, args.config ?? CONFIG_FILE);
  const config = await loadConfig(configPath);
  const configDir = dirname(configPath);
  const schemaFile = schemaPath(config, configDir);
  const schema = await readSchemaFile(schemaFile, { shown: relative(term.cwd, schemaFile), hint: `${relative(term.cwd, configPath)} names it: run trailhive infer` });
  const templatesDir = config.templates === undefined ? undefined : resolve(configDir, config.templates);
  const templates = templatesDir === undefined ? undefined : readTemplateFolder(templatesDir);
  const queries = templatesDir !== undefined && existsSync(join(templatesDir, "queries")) ? readQueryFolder(join(templatesDir, "queries")) : undefined;
  // rule paths as the config names them (relative to it), so the rendered comments do not depend on where check runs
  const rules = config.detections === undefined ? undefined : readRuleFiles(config.detections.rules, configDir);
  let plan = await planOutputs(config, configDir, schema, {
    read: readOrUndefined,
    list: listOrEmpty,
    ...(templates ? { templates } : {}),
    ...(queries ? { queries } : {}),
    ...(rules ? { rules } : {}),
  });
  const only = ((args.files as string[] | undefined) ?? []).map((f) => resolve(term.cwd, f));
  if (only.length > 0) {
    const known = new Set(plan.map((p) => p.path));
    const unknown = only.filter((f) => !known.has(f));
    if (unknown.length > 0) {
      throw new TrailhiveError("USAGE_NOT_GENERATED", { files: unknown, shown: unknown.map((f) => relative(term.cwd, f)), config: relative(term.cwd, configPath) });
    }
    plan = plan.filter((p) => only.includes(p.path));
  }
  const result = await checkOutputs(plan, readOrUndefined, { root: term.cwd });
  const bad = result.files.filter((f) => f.status !== "ok");
  if (args.write) {
    for (const f of bad) {
      await mkdir(dirname(f.path), { recursive: true });
      await writeFile(f.path, plan.find((p) => p.path === f.path)?.expected ?? "");
    }
  }
  if (args.json) {
    term.stdout.write(JSON.stringify({ ok: result.ok, written: args.write ? bad.map((f) => f.path) : [], files: result.files }, null, 2) + "\n");
  } else {
    if (!args.write) for (const f of bad) term.stdout.write(f.diff ?? "");
    if (!args.quiet) {
      for (const f of bad) {
        const name = relative(term.cwd, f.path);
        term.stderr.write(args.write ? `wrote ${name} (${f.source})\n` : `${f.status === "missing" ? "missing" : "drifted"}: ${name} (${f.source})\n`);
      }
      const total = `${result.files.length} generated file${result.files.length === 1 ? "" : "s"}`;
      if (bad.length === 0) term.stderr.write(`${total} match ${relative(term.cwd, schemaFile)}\n`);
      else if (!args.write) term.stderr.write(`${bad.length} of ${total} differ from what trailhive renders: run trailhive check --write (or trailhive ddl) and commit\n`);
    }
  }
  return bad.length === 0 || args.write ? ExitCode.ok : ExitCode.no;
}
