import { defineCommand } from "citty";
import { GrpcJobSource } from "../worker/grpc-source.ts";
import { logger, masterArg, parseAddress } from "./common.ts";
import { buildPool, poolArgs } from "./pool-flags.ts";
import { untilSignal } from "./signals.ts";

export default defineCommand({
  meta: { name: "worker", description: "Run a worker that pulls jobs from a master" },
  args: { master: masterArg, ...poolArgs },
  async run({ args }) {
    const log = logger("worker");
    const address = parseAddress("master", args.master);
    const source = new GrpcJobSource({ address, log });
    const pool = await buildPool(args, source, log);
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
      `worker ${first.workerId} connected to ${address}: concurrency ${pool.concurrency}, queues ${args.queues}, types ${pool.types.join(",")}`,
    );
    const outcome = await Promise.race([signalled, pool.stopped.then(() => undefined)]);
    if (outcome !== undefined) {
      log.info(`${outcome.kind === "signal" ? outcome.signal : "stop"}: draining ${pool.running} running job(s)`);
      await pool.stop();
    }
    log.info(`stopped: ${pool.completed} completed, ${pool.failed} failed`);
  },
});
