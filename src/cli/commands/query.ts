import { TrailhiveError } from "../../errors.js";
import { defineCommand } from "../command.js";

/** `trailhive query <action> [name]`: list, show and render the investigation library (issue 7; not built yet). */
export const queryCommand = defineCommand({
  command: "query <action> [name]",
  describe: "list, show and render the investigation library",
  builder: (y) => y,
  run: async () => {
    throw new TrailhiveError("USAGE_NOT_BUILT", "this command is not built yet (issue 7)");
  },
});
