import type { Argv } from "yargs";
import { CONFIG_FILE, DEFAULT_SCHEMA_FILE } from "../../config/trailhive-config.js";
import { DEFAULT_FLAVOR, ENGINE_NAMES, FLAVOR_NAMES } from "../../flavors/index.js";
import { GLUE_TYPE_LIMIT } from "../../hive/limit-type-size.js";
import { withSourceOptions, type SourceArgs } from "../source-options.js";
import { defineCommand } from "../command.js";
import type { GlobalArgs } from "../io.js";

export interface DdlArgs extends SourceArgs {
  logs?: string[];
  schema?: string;
  config?: string;
  flavor?: string;
  table?: string;
  location?: string;
  partitioned?: boolean;
  comment?: string;
  tblproperty?: string[];
  "if-not-exists"?: boolean;
  "type-limit"?: number;
  expand?: string[];
  engine?: string[];
  output?: string;
  templates?: string;
}

/**
 * `trailhive ddl [--schema FILE | <logs...>] [--flavor F] --table T --location L [--partitioned] [-o FILE]`:
 * renders Hive DDL from the schema file. With no flags and a `trailhive.config.json` that lists
 * `ddl` outputs, it writes every one of them, reproducing the committed DDL. Warnings (fields typed
 * loosely, flavors known to break on `--engine`) go to stderr; `--json` prints a summary.
 */
export const ddlCommand = defineCommand({
  builder: (y: Argv) =>
    withSourceOptions(
      y
        .positional("logs", { type: "string", array: true, describe: "infer from these logs instead of reading the schema file" })
        .option("schema", { type: "string", describe: `schema file (default: the config's, else ${DEFAULT_SCHEMA_FILE})` })
        .option("config", { type: "string", describe: `config file (default: ./${CONFIG_FILE} when present)` })
        .option("flavor", { type: "string", choices: FLAVOR_NAMES as string[], describe: `DDL flavor (default: every config output, else ${DEFAULT_FLAVOR})` })
        .option("table", { type: "string", describe: "table name: NAME or DATABASE.NAME" })
        .option("location", { type: "string", describe: "LOCATION: the AWSLogs/ folder when partitioned" })
        .option("partitioned", { type: "boolean", describe: "PARTITIONED BY (account, region, year, month, day)" })
        .option("comment", { type: "string", describe: "the table's COMMENT" })
        .option("tblproperty", { type: "array", string: true, describe: "KEY=VALUE for TBLPROPERTIES (repeatable)" })
        .option("if-not-exists", { type: "boolean", describe: "CREATE ... IF NOT EXISTS" })
        .option("type-limit", { type: "number", describe: `limit on a column's type string (4000; ${GLUE_TYPE_LIMIT} for Glue)` })
        .option("expand", { type: "array", string: true, describe: "type requestParameters (etc.) as the logs show instead of JSON text" })
        .option("engine", { type: "array", string: true, choices: ENGINE_NAMES as string[], describe: "where it will run: warn about flavors known to break there" })
        .option("output", { alias: "o", type: "string", describe: "file to write (default: stdout, or every config output)" })
        .option("templates", { type: "string", describe: "folder of templates overriding the built-in ones" }),
    ),
  run: async (args: DdlArgs & GlobalArgs, term) => (await import("../actions/ddl.js")).runDdl(args, term),
});
