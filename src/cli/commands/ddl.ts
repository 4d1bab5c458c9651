import { TrailhiveError } from "../../errors.js";
import { defineCommand } from "../command.js";

/** `trailhive ddl [logs..]`: render the Hive CREATE TABLE for a flavor from the schema file (issue 3; not built yet). */
export const ddlCommand = defineCommand({
  command: "ddl [logs..]",
  describe: "render the Hive CREATE TABLE for a flavor from the schema file",
  builder: (y) => y,
  run: async () => {
    throw new TrailhiveError("USAGE_NOT_BUILT", "this command is not built yet (issue 3)");
  },
});
