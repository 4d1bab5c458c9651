import { PARTITION_COLUMNS } from "../hive/cloudtrail-profile.js";
import { FIREHOSE_PARTITION_COLUMNS } from "../hive/eventbridge-envelope.js";
import type { OddKeyPolicy } from "../hive/shape-to-hive-type.js";

/** Where a user may run the DDL. `hive3`/`hive4` are Apache Hive 3.1.3 and 4.x without Amazon's jars. */
export type EngineName = "emr" | "athena" | "hive3" | "hive4";
/** Every engine, in the order warnings and docs list them. */
export const ENGINE_NAMES: readonly EngineName[] = ["emr", "athena", "hive3", "hive4"];

/** What is known about a flavor on an engine: measured, documented by the vendor, or not known. */
export interface EngineSupport {
  status: "works" | "breaks" | "untested";
  /** why, in a sentence the CLI prints as a warning when the status is not `works` */
  note: string;
}

/**
 * One DDL flavor: which SerDe and formats it uses and what it can do, as data. The renderer branches
 * on these capabilities, never on the flavor's name (kysely's adapter `supportsX` flags).
 *
 * @example
 *   getFlavor("portable").rowPerFile // true
 */
export interface Flavor {
  name: string;
  description: string;
  /**
   * The template under templates/ddl/ that lays the flavor out (default `table.hql.hbs`, which stores
   * text or uses the flavor's input format). A `--templates` folder may hold `<name>.hql.hbs` to
   * change this one flavor, or the template itself to change every flavor using it.
   */
  template: string;
  serde: string;
  serdeProperties: Readonly<Record<string, string>>;
  inputFormat: string;
  outputFormat: string;
  /** each file is one row holding `records ARRAY<STRUCT<...>>`, exploded by a view with the table's name */
  rowPerFile: boolean;
  supportsPartitions: boolean;
  /** partitions are projected from TBLPROPERTIES (Athena) instead of added with ALTER TABLE */
  partitionProjection: boolean;
  /** the SerDe can map a column to another JSON key (`mapping.<column>`), so odd keys can be renamed */
  fieldMapping: boolean;
  /**
   * Each row is an envelope holding the record (default: none, the row is the record). `eventbridge`:
   * the table `<table>_envelope` has the envelope's fields and `detail STRUCT<...>`, and a view named
   * `<table>` selects the record's columns from `detail`.
   */
  envelope?: "eventbridge";
  /**
   * The key layout partitions follow (default `cloudtrail`: account, region, year, month, day from
   * `AWSLogs/...`). `firehose`: year, month, day, hour from Firehose's `<prefix>/YYYY/MM/DD/HH/`.
   */
  partitionLayout?: "cloudtrail" | "firehose";
  engines: Readonly<Record<EngineName, EngineSupport>>;
}

/** Class names the flavors share. */
export const CLOUDTRAIL_INPUT_FORMAT = "com.amazon.emr.cloudtrail.CloudTrailInputFormat";
export const TEXT_INPUT_FORMAT = "org.apache.hadoop.mapred.TextInputFormat";
export const IGNORE_KEY_OUTPUT_FORMAT = "org.apache.hadoop.hive.ql.io.HiveIgnoreKeyTextOutputFormat";
export const HCATALOG_JSON_SERDE = "org.apache.hive.hcatalog.data.JsonSerDe";
export const SERDE2_JSON_SERDE = "org.apache.hadoop.hive.serde2.JsonSerDe";

/** What a flavor is unless it says otherwise: text files through Hive's text formats, partitioned by ALTER TABLE, no mapping. */
export const FLAVOR_DEFAULTS = {
  template: "table.hql.hbs",
  serdeProperties: {},
  inputFormat: TEXT_INPUT_FORMAT,
  outputFormat: IGNORE_KEY_OUTPUT_FORMAT,
  rowPerFile: false,
  supportsPartitions: true,
  partitionProjection: false,
  fieldMapping: false,
} as const satisfies Partial<Flavor>;

/** A flavor as its folder declares it: its name, SerDe and engines, and only what differs from FLAVOR_DEFAULTS. */
export type FlavorSpec<N extends string> = Omit<Flavor, keyof typeof FLAVOR_DEFAULTS | "name"> & Partial<Pick<Flavor, keyof typeof FLAVOR_DEFAULTS>> & { name: N };

/**
 * A flavor from what it declares over the defaults (kysely's adapter defaults); the name's literal
 * type is kept so FlavorName stays a closed union.
 *
 * @example
 *   defineFlavor({ name: "mine", description: "d", serde: SERDE2_JSON_SERDE, engines }).inputFormat  // TEXT_INPUT_FORMAT
 */
export function defineFlavor<const N extends string>(spec: FlavorSpec<N>): Flavor & { name: N } {
  return { ...FLAVOR_DEFAULTS, ...spec };
}

/**
 * The odd-key policy a flavor's SerDe allows.
 *
 * @example
 *   oddKeyPolicy({ fieldMapping: false }) // "map-or-string"
 */
export function oddKeyPolicy(flavor: Pick<Flavor, "fieldMapping">): OddKeyPolicy {
  return flavor.fieldMapping ? "mapping" : "map-or-string";
}

/**
 * The partition columns of a flavor's table, in order (its view, if any, still has account, region,
 * year, month, day).
 *
 * @example
 *   tablePartitionColumns({ partitionLayout: "firehose" }) // ["year", "month", "day", "hour"]
 */
export function tablePartitionColumns(flavor: Pick<Flavor, "partitionLayout">): readonly string[] {
  return flavor.partitionLayout === "firehose" ? FIREHOSE_PARTITION_COLUMNS : PARTITION_COLUMNS;
}

/** Shared engine notes (docs/ARCHITECTURE.md, "Measured Hive facts"). */
export const NOTES = {
  noCloudTrailInputFormat: "CloudTrailInputFormat ships only with Amazon EMR and Athena; Apache Hive cannot split a CloudTrail file into rows",
  hive3StringOverObject:
    "the JSON SerDes of Hive 3.1.3 read an object in a STRING column (requestParameters, ...) as `{` and every later field of the record as NULL (measured), and Hive 3.1.3 on EMR is assumed to behave the same",
  hive4Measured: "measured on embedded Apache Hive 4.1.0: every value of the invictus set read correctly",
} as const;
