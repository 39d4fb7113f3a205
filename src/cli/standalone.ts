import { defineCommand } from "citty";
import { LocalJobSource } from "../master/local-source.ts";
import { clientSecuritySettings } from "./client-flags.ts";
import { logSettings } from "./common.ts";
import { asArgs, configArgs, loadSettings, printedConfig, settingsLogger } from "./config.ts";
import { buildPool, poolArgs, poolConfig, poolSettings, workerSettings } from "./pool-flags.ts";
import { clusterSettings, masterConfig, serverArgs, serverSettings } from "./server-flags.ts";
import { httpPart, listen } from "./listen.ts";
import { logEscapedErrors, untilSignal } from "./signals.ts";

export default defineCommand({
  meta: { name: "standalone", description: "Run master and a worker pool in one process (still serving gRPC)" },
  args: { ...serverArgs, ...poolArgs, ...asArgs(logSettings), ...configArgs },
  async run({ args }) {
    const s = loadSettings("standalone", { ...serverSettings, ...poolSettings, ...logSettings }, {
      args,
      otherKeys: [...Object.keys(workerSettings), ...Object.keys(clientSecuritySettings), ...Object.keys(clusterSettings)],
    });
    const log = settingsLogger("standalone", s);
    const cfg = masterConfig(s, log);
    const poolCfg = poolConfig(s);
    if (printedConfig(s, args)) return;
    logEscapedErrors(log);
    const m = await listen(cfg, log);
    const pool = await buildPool(poolCfg, new LocalJobSource(m.broker), log.withTag("worker"));
    const reg = await pool.start();
    // Handlers first: whoever reads the start-up line may signal at once.
    const stopped = untilSignal(m.fatal, () => void pool.abort());
    log.info(
      `falconq ${cfg.version} standalone on ${cfg.host}:${m.port}${httpPart(m.httpPort)} (data ${cfg.dataDir}, fsync ${cfg.fsync}); ` +
        `local worker ${reg.workerId}, concurrency ${pool.concurrency}, types ${pool.types.join(",")}`,
    );
    const outcome = await stopped;
    if (outcome.kind === "fatal") {
      log.error(`storage failed, stopping: ${outcome.error.message}`);
      await pool.abort().catch(() => {});
      await m.close().catch(() => {});
      process.exitCode = 3;
      return;
    }
    log.info(`${outcome.signal}: draining ${pool.running} running job(s)`);
    await pool.stop();
    await m.close();
    log.info(`stopped; WAL flushed (${pool.completed} completed, ${pool.failed} failed here)`);
  },
});
