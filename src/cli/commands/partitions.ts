import { TrailhiveError } from "../../errors.js";
import { defineCommand } from "../command.js";

/** `trailhive partitions <source>`: render ALTER TABLE ADD PARTITION for the day folders that exist (issue 7; not built yet). */
export const partitionsCommand = defineCommand({
  command: "partitions <source>",
  describe: "render ALTER TABLE ADD PARTITION for the day folders that exist",
  builder: (y) => y,
  run: async () => {
    throw new TrailhiveError("USAGE_NOT_BUILT", "this command is not built yet (issue 7)");
  },
});
