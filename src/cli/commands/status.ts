import { TrailhiveError } from "../../errors.js";
import { defineCommand } from "../command.js";

/** `trailhive status <cluster> [step]`: show an EMR cluster's or step's state (issue 6; not built yet). */
export const statusCommand = defineCommand({
  command: "status <cluster> [step]",
  describe: "show an EMR cluster's or step's state",
  builder: (y) => y,
  run: async () => {
    throw new TrailhiveError("USAGE_NOT_BUILT", "this command is not built yet (issue 6)");
  },
});
