import { Ajv } from "ajv";
import { TrailhiveError } from "../errors.js";
import { paramTypes, type ParamDef, type QueryDef } from "./query-def.js";

/**
 * The metadata block that opens every query template: a Handlebars comment holding JSON.
 *
 *     {{!--
 *     { "description": "...", "params": [{ "name": "group_id", "type": "string", "default": "" }], "columns": ["event_time"] }
 *     --}}
 */
const META = /^\{\{!--([\s\S]*?)--\}\}\r?\n?/;

const NAME = "^[a-z][a-z0-9_]*$";
const metaSchema = {
  type: "object",
  additionalProperties: false,
  required: ["description", "params", "columns"],
  properties: {
    description: { type: "string", minLength: 1 },
    global: { type: "boolean" },
    columns: { type: "array", minItems: 1, items: { type: "string", pattern: NAME } },
    params: {
      type: "array",
      items: {
        type: "object",
        additionalProperties: false,
        required: ["name", "type", "description"],
        properties: {
          name: { type: "string", pattern: NAME },
          type: { enum: [...paramTypes] },
          description: { type: "string", minLength: 1 },
          default: { type: "string" },
          required: { type: "boolean" },
        },
      },
    },
  },
} as const;

interface Meta {
  description: string;
  global?: boolean;
  columns: string[];
  params: { name: string; type: ParamDef["type"]; description: string; default?: string; required?: boolean }[];
}

const validate = new Ajv({ allErrors: true }).compile<Meta>(metaSchema);

/**
 * Parses one template file: the metadata block (validated: a mistake names the file and the JSON path)
 * and the HiveQL template after it. Comment lines must start at column 0 and hold no quote or
 * semicolon, because `hive -f` cuts statements on them otherwise.
 *
 * @example
 *   const def = parseQueryTemplate("root-account-use", text, "templates/queries/root-account-use.hql.hbs");
 */
export function parseQueryTemplate(name: string, text: string, path: string): QueryDef {
  const match = META.exec(text);
  if (match === null) throw new TrailhiveError("CONFIG_BAD_QUERY_TEMPLATE", { path, problem: "no-metadata" });
  let meta: unknown;
  try {
    meta = JSON.parse(match[1] ?? "");
  } catch (error) {
    throw new TrailhiveError("CONFIG_BAD_QUERY_TEMPLATE", { path, problem: "metadata-not-json", reason: (error as Error).message });
  }
  if (!validate(meta)) {
    const first = validate.errors?.[0];
    throw new TrailhiveError("CONFIG_BAD_QUERY_TEMPLATE", { path, problem: "metadata-invalid", at: first?.instancePath || "/", reason: first?.message ?? "is invalid", errors: validate.errors ?? [] });
  }
  const seen = new Set<string>();
  const params: ParamDef[] = meta.params.map((p) => {
    if (seen.has(p.name)) throw new TrailhiveError("CONFIG_BAD_QUERY_TEMPLATE", { path, problem: "param-twice", param: p.name });
    seen.add(p.name);
    const required = p.required ?? false;
    if (required === (p.default !== undefined)) throw new TrailhiveError("CONFIG_BAD_QUERY_TEMPLATE", { path, problem: "param-default-or-required", param: p.name });
    return { name: p.name, type: p.type, description: p.description, required, ...(p.default === undefined ? {} : { default: p.default }) };
  });
  if (new Set(meta.columns).size !== meta.columns.length) throw new TrailhiveError("CONFIG_BAD_QUERY_TEMPLATE", { path, problem: "columns-twice" });
  const template = text.slice(match[0].length);
  template.split(/\r?\n/).forEach((line, i) => {
    const at = line.indexOf("--");
    if (at < 0 || line.slice(at).startsWith("--}}")) return;
    if (at > 0 || /['";]/.test(line)) throw new TrailhiveError("CONFIG_BAD_QUERY_TEMPLATE", { path, problem: "comment", line: i + 1 });
  });
  if (/;\s*$/.test(template.trim())) throw new TrailhiveError("CONFIG_BAD_QUERY_TEMPLATE", { path, problem: "ends-with-semicolon" });
  return { name, description: meta.description, params, columns: meta.columns, global: meta.global ?? false, path, template };
}
