import { TrailhiveError } from "../../errors.js";
import { defineCommand } from "../command.js";

/** `trailhive logs <cluster> <step>`: fetch an EMR step's logs and show the probable cause (issue 6; not built yet). */
export const logsCommand = defineCommand({
  command: "logs <cluster> <step>",
  describe: "fetch an EMR step's logs and show the probable cause",
  builder: (y) => y,
  run: async () => {
    throw new TrailhiveError("USAGE_NOT_BUILT", "this command is not built yet (issue 6)");
  },
});
