import { defineCommand } from "citty";
import { CliError } from "./common.ts";

export default defineCommand({
  meta: { name: "workers", description: "not built yet" },
  run() {
    throw new CliError("falconq workers is not built yet in this version");
  },
});
