import { TrailhiveError } from "../../errors.js";
import { defineCommand } from "../command.js";

/** `trailhive check [files..]`: fail when committed DDL drifted from the schema file (issue 7; not built yet). */
export const checkCommand = defineCommand({
  command: "check [files..]",
  describe: "fail when committed DDL drifted from the schema file",
  builder: (y) => y,
  run: async () => {
    throw new TrailhiveError("USAGE_NOT_BUILT", "this command is not built yet (issue 7)");
  },
});
