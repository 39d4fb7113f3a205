import { defineCommand } from "citty";
import { clientSecuritySettings } from "./client-flags.ts";
import { logSettings } from "./common.ts";
import { asArgs, configArgs, loadSettings, printedConfig, settingsLogger } from "./config.ts";
import { poolSettings, workerSettings } from "./pool-flags.ts";
import { masterConfig, serverArgs, serverSettings } from "./server-flags.ts";
import { httpPart, listen } from "./listen.ts";
import { logEscapedErrors, untilSignal } from "./signals.ts";

export default defineCommand({
  meta: { name: "master", description: "Run the master: job state, WAL and the gRPC API" },
  args: { ...serverArgs, ...asArgs(logSettings), ...configArgs },
  async run({ args }) {
    const s = loadSettings("master", { ...serverSettings, ...logSettings }, {
      args,
      otherKeys: [...Object.keys(poolSettings), ...Object.keys(workerSettings), ...Object.keys(clientSecuritySettings)],
    });
    const log = settingsLogger("master", s);
    const cfg = masterConfig(s, log);
    if (printedConfig(s, args)) return;
    logEscapedErrors(log);
    const m = await listen(cfg, log);
    // Handlers first: whoever reads the start-up line may signal at once.
    const stopped = untilSignal(m.fatal);
    log.info(`falconq ${cfg.version} master listening on ${cfg.host}:${m.port}${httpPart(m.httpPort)} (data ${cfg.dataDir}, fsync ${cfg.fsync})`);
    const outcome = await stopped;
    if (outcome.kind === "fatal") {
      log.error(`storage failed, stopping: ${outcome.error.message}`);
      await m.close().catch(() => {});
      process.exitCode = 3;
      return;
    }
    log.info(`${outcome.signal}: shutting down`);
    await m.close();
    log.info("stopped; WAL flushed");
  },
});
