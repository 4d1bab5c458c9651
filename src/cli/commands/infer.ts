import { TrailhiveError } from "../../errors.js";
import { defineCommand } from "../command.js";

/** `trailhive infer <sources..>`: infer the schema of CloudTrail logs into trailhive.schema.json (issue 2; not built yet). */
export const inferCommand = defineCommand({
  command: "infer <sources..>",
  describe: "infer the schema of CloudTrail logs into trailhive.schema.json",
  builder: (y) => y,
  run: async () => {
    throw new TrailhiveError("USAGE_NOT_BUILT", "this command is not built yet (issue 2)");
  },
});
