// Flags shared by `worker` and `standalone`, and the pool they configure.

import { workerConcurrencyMax } from "../core/config.ts";
import type { ConsolaInstance } from "consola";
import type { HandlerMap } from "../worker/handler.ts";
import { WorkerPool } from "../worker/pool.ts";
import type { JobSource } from "../core/contract.ts";
import { CliError, parseList } from "./common.ts";
import { asArgs, type SettingDefs, type Settings } from "./config.ts";

export const poolSettings = {
  concurrency: { type: "string", description: "jobs run at once", default: "10" },
  queues: { type: "string", description: "comma-separated queues to take jobs from", default: "default" },
  id: { type: "string", description: "worker id (default: assigned by the master)" },
  handlers: { type: "string", description: "a .ts/.js module exporting { type: handler }" },
  "allow-shell": { type: "boolean", description: "enable the `shell` job type (runs commands here)" },
  "drain-timeout": { type: "string", description: "on SIGTERM, how long running jobs may finish", default: "30s" },
} as const satisfies SettingDefs;

export const poolArgs = asArgs(poolSettings);

/** The worker's own setting besides the pool's; `standalone` has no use for it. */
export const workerSettings = {
  master: { type: "string", description: "master address host:port (a cluster: every master, comma-separated)", default: "127.0.0.1:50051" },
} as const satisfies SettingDefs;

/** Checks every pool setting (a usage error naming its source) before anything starts. */
export function poolConfig(s: Settings) {
  return {
    concurrency: s.int("concurrency", 1, workerConcurrencyMax) ?? 10,
    queues: parseList(s.str("queues")),
    workerId: s.str("id"),
    handlersPath: s.str("handlers"),
    allowShell: s.bool("allow-shell"),
    drainTimeoutMs: s.duration("drain-timeout") ?? 30_000,
  };
}

export type PoolConfig = ReturnType<typeof poolConfig>;

export async function buildPool(c: PoolConfig, source: JobSource, log: ConsolaInstance): Promise<WorkerPool> {
  let handlers: HandlerMap = {};
  if (c.handlersPath) {
    const { loadHandlers } = await import("../worker/load-handlers.ts");
    try {
      handlers = await loadHandlers(c.handlersPath);
    } catch (e) {
      throw new CliError(`--handlers ${c.handlersPath}: ${(e as Error).message}`);
    }
  }
  return new WorkerPool({
    source,
    handlers,
    concurrency: c.concurrency,
    queues: c.queues,
    workerId: c.workerId,
    allowShell: c.allowShell,
    drainTimeoutMs: c.drainTimeoutMs,
    log,
  });
}
