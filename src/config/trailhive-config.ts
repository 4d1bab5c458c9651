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
  /** Sigma rules rendered as HiveQL (`detect --render`), one query per rule */
  detections?: { rules: string[]; output: string };
}

/** Table settings the config holds at the top and per DDL output. */
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

/** One generated DDL file: a flavor, where it goes, and any overrides. */
export interface DdlOutput extends TableSettings {
  flavor: FlavorName;
  output: string;
}

/** A folder of generated files (typed views, rendered queries). */
export interface OutputFolder {
  output: string;
  flavor?: FlavorName;
}

/** The config file `ddl` (and `check`) look for in the working folder. */
export const CONFIG_FILE = "trailhive.config.json";
/** The schema file read when neither the config nor `--schema` names one. */
export const DEFAULT_SCHEMA_FILE = "trailhive.schema.json";
/** The table every command names when not told otherwise (run, query, view, diff, partitions). */
export const DEFAULT_TABLE = "cloudtrail";
