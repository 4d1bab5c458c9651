import type { EngineName, FlavorName } from "../flavors/index.js";
import type { ProjectionOptions } from "../render/projection-properties.js";

/**
 * `trailhive.config.json`, as `schemas/config.json` describes it (editors validate it through
 * `$schema`). Paths are relative to the config file. Table settings at the top apply to every DDL
 * output; an output may override any of them.
 *
 * @example
 *   const config: TrailhiveConfig = { version: 1, table: "cloudtrail_logs", location: "s3://bucket/AWSLogs/",
 *     ddl: [{ flavor: "emr-cloudtrail-serde", output: "ddl/cloudtrail.hql" }] };
 */
export interface TrailhiveConfig extends TableSettings {
  $schema?: string;
  version: 1;
  /** default `trailhive.schema.json` */
  schema?: string;
  table: string;
  /** templates overriding the built-in ones */
  templates?: string;
  ddl?: DdlOutput[];
  views?: OutputFolder;
  queries?: OutputFolder;
}

export interface TableSettings {
  table?: string;
  location?: string;
  partitioned?: boolean;
  comment?: string;
  tblProperties?: Record<string, string>;
  ifNotExists?: boolean;
  typeLimit?: number;
  expand?: string[];
  engines?: EngineName[];
  projection?: ProjectionOptions;
}

export interface DdlOutput extends TableSettings {
  flavor: FlavorName;
  output: string;
}

export interface OutputFolder {
  output: string;
  flavor?: FlavorName;
}

export const CONFIG_FILE = "trailhive.config.json";
export const DEFAULT_SCHEMA_FILE = "trailhive.schema.json";
