import { checkCommand } from "./check.js";
import { ddlCommand } from "./ddl.js";
import { detectCommand } from "./detect.js";
import { diffCommand } from "./diff.js";
import { engineCommand } from "./engine.js";
import { inferCommand } from "./infer.js";
import { logsCommand } from "./logs.js";
import { partitionsCommand } from "./partitions.js";
import { queryCommand } from "./query.js";
import { runCommand } from "./run.js";
import { statusCommand } from "./status.js";
import { viewCommand } from "./view.js";

/** Every command, in the order `--help` lists them. */
export const commands = [
  inferCommand,
  ddlCommand,
  queryCommand,
  runCommand,
  detectCommand,
  partitionsCommand,
  viewCommand,
  checkCommand,
  diffCommand,
  statusCommand,
  logsCommand,
  engineCommand,
] as const;
