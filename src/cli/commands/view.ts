import { TrailhiveError } from "../../errors.js";
import { defineCommand } from "../command.js";

/** `trailhive view <events..>`: render a typed Hive view over requestParameters of some events (issue 7; not built yet). */
export const viewCommand = defineCommand({
  command: "view <events..>",
  describe: "render a typed Hive view over requestParameters of some events",
  builder: (y) => y,
  run: async () => {
    throw new TrailhiveError("USAGE_NOT_BUILT", "this command is not built yet (issue 7)");
  },
});
