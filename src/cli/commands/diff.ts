import { TrailhiveError } from "../../errors.js";
import { defineCommand } from "../command.js";

/** `trailhive diff <old> <new>`: list schema changes and render the migration (issue 7; not built yet). */
export const diffCommand = defineCommand({
  command: "diff <old> <new>",
  describe: "list schema changes and render the migration",
  builder: (y) => y,
  run: async () => {
    throw new TrailhiveError("USAGE_NOT_BUILT", "this command is not built yet (issue 7)");
  },
});
