import { defineCommand } from "citty";
import { CliError } from "./common.ts";

export default defineCommand({
  meta: { name: "jobs", description: "not built yet" },
  run() {
    throw new CliError("falconq jobs is not built yet in this version");
  },
});
