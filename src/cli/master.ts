import { defineCommand } from "citty";
import { clientSecuritySettings } from "./client-flags.ts";
import { logSettings } from "./common.ts";
import { asArgs, configArgs, loadSettings, printedConfig, settingsLogger } from "./config.ts";
import { poolSettings, workerSettings } from "./pool-flags.ts";
import { clusterArgs, clusterConfig, clusterSettings, masterConfig, serverArgs, serverSettings } from "./server-flags.ts";
import { httpPart, listen } from "./listen.ts";
import { logEscapedErrors, untilSignal } from "./signals.ts";

export default defineCommand({
  meta: { name: "master", description: "Run the master: job state, WAL and the gRPC API" },
  args: { ...serverArgs, ...clusterArgs, ...asArgs(logSettings), ...configArgs },
  async run({ args }) {
    const s = loadSettings("master", { ...serverSettings, ...clusterSettings, ...logSettings }, {
      args,
      otherKeys: [...Object.keys(poolSettings), ...Object.keys(workerSettings), ...Object.keys(clientSecuritySettings)],
    });
    const log = settingsLogger("master", s);
    const cfg = masterConfig(s, log);
    const cluster = clusterConfig(s, cfg);
    if (printedConfig(s, args)) return;
    logEscapedErrors(log);
    if (cluster !== undefined) {
      // Cluster mode (docs/ha.md): a standby until elected; exits with exitDeposed when it stops leading.
      const { exitDeposed, startClusterNode } = await import("../server/cluster-node.ts");
      const node = await startClusterNode(cfg, cluster);
      const stopped = untilSignal(node.ended.then((e) => (e.kind === "fatal" ? e.error : new Error(e.reason))));
      log.info(`falconq ${cfg.version} master (cluster ${cluster.name}, ${cluster.advertise}) listening on ${cfg.host}:${cfg.port} (gRPC) (data ${cfg.dataDir}, fsync ${cfg.fsync})`);
      const outcome = await stopped;
      const end = await Promise.race([node.ended, Bun.sleep(0).then(() => undefined)]);
      const bounded = (p: Promise<void>) => Promise.race([p.catch(() => {}), Bun.sleep(5000)]);
      if (outcome.kind === "fatal") {
        await bounded(node.close());
        if (end?.kind === "deposed") process.exit(exitDeposed);
        log.error(`storage failed, stopping: ${outcome.error.message}`);
        process.exit(3);
      }
      log.info(`${outcome.signal}: shutting down`);
      await bounded(node.close());
      log.info("stopped; WAL flushed");
      process.exit(0);
    }
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
