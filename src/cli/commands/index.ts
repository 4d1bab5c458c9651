import type { CommandEntry } from "../command.js";

/**
 * Every command, in the order `--help` lists them. A declaration is imported only when argv names
 * its command: `--help` and `--version` load none (docs/ARCHITECTURE.md, Start-up).
 */
export const commands: readonly CommandEntry[] = [
  {
    command: "infer <sources..>",
    describe: "infer the schema of CloudTrail logs into trailhive.schema.json",
    load: async () => (await import("./infer.js")).inferCommand,
  },
  {
    command: "ddl [logs..]",
    describe: "render the Hive CREATE TABLE for a flavor from the schema file",
    load: async () => (await import("./ddl.js")).ddlCommand,
  },
  {
    command: "query <action> [name]",
    describe: "list, show and render the investigation library",
    load: async () => (await import("./query.js")).queryCommand,
  },
  {
    command: "run [logs..]",
    describe: "answer a library query (or run a script) on an embedded Hive, or on EMR with --cluster/--new-cluster",
    load: async () => (await import("./run.js")).runCommand,
  },
  {
    command: "detect [logs..]",
    describe: "run Sigma detection rules over the logs on the embedded Hive (or render them as HiveQL)",
    load: async () => (await import("./detect.js")).detectCommand,
  },
  {
    command: "partitions <source>",
    describe: "render ALTER TABLE ADD PARTITION for the day folders that exist",
    load: async () => (await import("./partitions.js")).partitionsCommand,
  },
  {
    command: "view <events..>",
    describe: "render typed Hive views over requestParameters and responseElements of some events",
    load: async () => (await import("./view.js")).viewCommand,
  },
  {
    command: "check [files..]",
    describe: "re-render everything trailhive.config.json describes and fail with a diff when a committed file drifted",
    load: async () => (await import("./check.js")).checkCommand,
  },
  {
    command: "diff <old> <new>",
    describe: "list added, removed and widened fields between two schema files and render the migration",
    load: async () => (await import("./diff.js")).diffCommand,
  },
  {
    command: "report <what> [file]",
    describe: "write a schema file (or what changed between two) as a self-contained HTML page",
    load: async () => (await import("./report.js")).reportCommand,
  },
  {
    command: "status <cluster> [step]",
    describe: "show an EMR cluster's or step's state",
    load: async () => (await import("./status.js")).statusCommand,
  },
  {
    command: "logs <cluster> <step>",
    describe: "fetch an EMR step's logs and show the probable cause",
    load: async () => (await import("./logs.js")).logsCommand,
  },
  {
    command: "engine <action>",
    describe: "show or stop the Hive engines kept running between local queries",
    load: async () => (await import("./engine.js")).engineCommand,
  },
];
