// Flags shared by `worker` and `standalone`, and the pool they configure.

import { workerConcurrencyMax } from "../core/config.ts";
import type { ConsolaInstance } from "consola";
import type { HandlerMap } from "../worker/handler.ts";
import { WorkerPool } from "../worker/pool.ts";
import type { JobSource } from "../core/contract.ts";
import { CliError, parseDuration, parseIntFlag, parseList } from "./common.ts";

export const poolArgs = {
  concurrency: { type: "string", description: "jobs run at once", default: "10" },
  queues: { type: "string", description: "comma-separated queues to take jobs from", default: "default" },
  id: { type: "string", description: "worker id (default: assigned by the master)" },
  handlers: { type: "string", description: "a .ts/.js module exporting { type: handler }" },
  "allow-shell": { type: "boolean", description: "enable the `shell` job type (runs commands here)" },
  "drain-timeout": { type: "string", description: "on SIGTERM, how long running jobs may finish", default: "30s" },
} as const;

export interface PoolArgValues {
  concurrency: string;
  queues: string;
  id?: string;
  handlers?: string;
  "allow-shell"?: boolean;
  "drain-timeout": string;
}

export async function buildPool(a: PoolArgValues, source: JobSource, log: ConsolaInstance): Promise<WorkerPool> {
  let handlers: HandlerMap = {};
  if (a.handlers) {
    const { loadHandlers } = await import("../worker/load-handlers.ts");
    try {
      handlers = await loadHandlers(a.handlers);
    } catch (e) {
      throw new CliError(`--handlers ${a.handlers}: ${(e as Error).message}`);
    }
  }
  return new WorkerPool({
    source,
    handlers,
    concurrency: parseIntFlag("concurrency", a.concurrency, 1, workerConcurrencyMax) ?? 10,
    queues: parseList(a.queues),
    workerId: a.id || undefined,
    allowShell: a["allow-shell"] === true,
    drainTimeoutMs: parseDuration("drain-timeout", a["drain-timeout"]) ?? 30_000,
    log,
  });
}
