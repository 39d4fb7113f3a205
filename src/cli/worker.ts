import { defineCommand } from "citty";
import { channelSecurity } from "../rpc/security.ts";
import { GrpcJobSource } from "../worker/grpc-source.ts";
import { clientSecuritySettings, securityOf } from "./client-flags.ts";
import { logSettings, parseAddress } from "./common.ts";
import { asArgs, configArgs, loadSettings, printedConfig, settingsLogger, type Settings } from "./config.ts";
import { buildPool, poolArgs, poolConfig, poolSettings, workerSettings } from "./pool-flags.ts";
import { clusterSettings, serverSettings } from "./server-flags.ts";
import { untilSignal } from "./signals.ts";

export default defineCommand({
  meta: { name: "worker", description: "Run a worker that pulls jobs from a master" },
  args: { ...asArgs(workerSettings), ...asArgs(clientSecuritySettings), ...poolArgs, ...asArgs(logSettings), ...configArgs },
  async run({ args }) {
    const s = loadSettings("worker", { ...workerSettings, ...clientSecuritySettings, ...poolSettings, ...logSettings }, {
      args,
      otherKeys: [...Object.keys(serverSettings), ...Object.keys(clusterSettings)],
    });
    const log = settingsLogger("worker", s);
    const address = checkedAddress(s);
    const security = channelSecurity(securityOf(s));
    const poolCfg = poolConfig(s);
    if (printedConfig(s, args)) return;
    const source = new GrpcJobSource({ address, security, log });
    const pool = await buildPool(poolCfg, source, log);
    // Signals count from here: a worker still waiting for its master stops cleanly too.
    const signalled = untilSignal(undefined, () => void pool.abort());
    const started = pool.start().then((reg) => reg);
    const first = await Promise.race([started, signalled]);
    if ("kind" in first) {
      log.info(`${first.kind === "signal" ? first.signal : "stop"} before the master answered; not starting`);
      await pool.stop();
      await started.catch(() => {});
      return;
    }
    log.info(
      `worker ${first.workerId} connected to ${address}: concurrency ${pool.concurrency}, queues ${poolCfg.queues.join(",")}, types ${pool.types.join(",")}`,
    );
    const outcome = await Promise.race([signalled, pool.stopped.then(() => undefined)]);
    if (outcome !== undefined) {
      log.info(`${outcome.kind === "signal" ? outcome.signal : "stop"}: draining ${pool.running} running job(s)`);
      await pool.stop();
    }
    log.info(`stopped: ${pool.completed} completed, ${pool.failed} failed`);
  },
});

function checkedAddress(s: Settings): string {
  const value = s.str("master") ?? "127.0.0.1:50051";
  try {
    return parseAddress("master", value);
  } catch {
    throw s.bad("master", "must be host:port (example: 127.0.0.1:50051)");
  }
}
