import { readFileSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { createRequire } from "node:module";
import type { ErrorObject, ValidateFunction } from "ajv";
import { TrailhiveError } from "../errors.js";
import type { TrailhiveConfig } from "./trailhive-config.js";

export type { TrailhiveConfig, TableSettings, DdlOutput, OutputFolder } from "./trailhive-config.js";
export { CONFIG_FILE, DEFAULT_SCHEMA_FILE } from "./trailhive-config.js";

/** `schemas/config.json` at the package root (two levels above src/config and dist/config). */
export const CONFIG_SCHEMA_URL = new URL("../../schemas/config.json", import.meta.url);

// ajv's compiler takes ~30 ms to load: required when a config is validated, not when this module is
// imported (`ddl` imports it and mostly finds no config).
const require = createRequire(import.meta.url);

/**
 * Compiles the config schema (the caller keeps the function; nothing is cached here).
 *
 * @example
 *   const validate = configValidator(); parseConfig(text, path, validate);
 */
export function configValidator(): ValidateFunction {
  const { Ajv } = require("ajv") as typeof import("ajv");
  return new Ajv({ allErrors: true, strict: false, useDefaults: false }).compile(JSON.parse(readFileSync(CONFIG_SCHEMA_URL, "utf8")) as object);
}

/**
 * Parses and validates `trailhive.config.json` text. Errors name the file, the JSON path of each
 * problem and what would be accepted.
 *
 * @example
 *   const config = parseConfig('{"version":1,"table":"ct"}', "trailhive.config.json");
 */
export function parseConfig(text: string, path: string, validate: ValidateFunction = configValidator()): TrailhiveConfig {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new TrailhiveError("CONFIG_NOT_JSON", { path, reason: (error as Error).message });
  }
  if (!validate(value)) {
    const problems = (validate.errors ?? []).map(describe);
    throw new TrailhiveError("CONFIG_INVALID", { path, problems });
  }
  return value as TrailhiveConfig;
}

/**
 * Reads and validates a config file (the IO edge of this module).
 *
 * @example
 *   const config = await loadConfig("trailhive.config.json");
 */
export async function loadConfig(path: string): Promise<TrailhiveConfig> {
  let text: string;
  try {
    text = await readFile(path, "utf8");
  } catch (error) {
    throw new TrailhiveError("CONFIG_NOT_FOUND", { path, reason: (error as NodeJS.ErrnoException).code ?? (error as Error).message });
  }
  return parseConfig(text, path);
}

function describe(e: ErrorObject): string {
  const at = "$" + e.instancePath.replace(/\/(\d+)/g, "[$1]").replace(/\//g, ".");
  const params = e.params as Record<string, unknown>;
  switch (e.keyword) {
    case "additionalProperties":
      return `${at}: unknown setting ${JSON.stringify(params.additionalProperty)}`;
    case "enum":
      return `${at}: must be one of ${(params.allowedValues as unknown[]).map((v) => JSON.stringify(v)).join(", ")}`;
    case "required":
      return `${at}: missing ${JSON.stringify(params.missingProperty)}`;
    default:
      return `${at}: ${e.message ?? e.keyword}`;
  }
}
