import { defineCommand } from "citty";
import { CliError } from "./common.ts";

export default defineCommand({
  meta: { name: "queues", description: "not built yet" },
  run() {
    throw new CliError("falconq queues is not built yet in this version");
  },
});
