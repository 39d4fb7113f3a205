// The public SDK: `import { Client, Worker } from "falconq"`.
//
//   const client = new Client({ master: "127.0.0.1:50051" });
//   const { job } = await client.submit("email.send", { to: "a@b.c" }, { maxAttempts: 5 });
//   const done = await client.wait(job.id);
//
//   const worker = new Worker({ master: "127.0.0.1:50051", handlers: { "email.send": async (job, ctx) => ... } });
//   await worker.start();   // ... await worker.close();
//
//   const q = await startEmbedded({ dataDir: "./data", handlers });   // master + pool in this process

import { consola } from "consola";
import { GrpcJobSource } from "./worker/grpc-source.ts";
import type { HandlerMap } from "./worker/handler.ts";
import { WorkerPool, type WorkerPoolOptions } from "./worker/pool.ts";

export { Client, type ClientOptions, type ListOptions, type QueueStats, type Stats, type SubmitOptions, type Submitted, type WorkerSummary } from "./client/client.ts";
export { RpcError } from "./rpc/errors.ts";
export { DomainError, type ErrorKind } from "./core/errors.ts";
export type { JobSpec } from "./core/validate.ts";
export { JobStatus, type JobView, statusNames } from "./core/types.ts";
export { type Handler, type HandlerContext, type HandlerMap, type JobContextJob, isNonRetryable, NonRetryableError } from "./worker/handler.ts";
export { type EmbeddedOptions, type EmbeddedQueue, startEmbedded } from "./embedded.ts";

export interface WorkerOptions {
  /** "host:port" of the master; default 127.0.0.1:50051. */
  master?: string;
  handlers: HandlerMap;
  /** Jobs run at once; default 10. */
  concurrency?: number;
  queues?: string[];
  /** close(): how long running jobs may finish before they are aborted (and handed back); default 30 s. */
  drainTimeoutMs?: number;
  /** Also register the built-in types (noop, echo, sleep, fail); default false for SDK users. */
  builtins?: boolean;
  workerId?: string;
  log?: WorkerPoolOptions["log"];
}

/** A worker process's job loop: registers with the master, runs handlers, heartbeats and acks. */
export class Worker {
  private readonly pool: WorkerPool;

  constructor(o: WorkerOptions) {
    const log = o.log ?? consola.withTag("falconq");
    this.pool = new WorkerPool({
      source: new GrpcJobSource({ address: o.master ?? "127.0.0.1:50051", log }),
      handlers: o.handlers,
      concurrency: o.concurrency,
      queues: o.queues,
      drainTimeoutMs: o.drainTimeoutMs,
      builtins: o.builtins ?? false,
      workerId: o.workerId,
      log,
    });
  }

  /** Registers and starts taking jobs; resolves once registered. */
  async start(): Promise<{ workerId: string }> {
    const r = await this.pool.start();
    return { workerId: r.workerId };
  }

  /**
   * Stops polling, lets running jobs finish (up to drainTimeoutMs), acks them and
   * deregisters. Jobs still running then are aborted and handed back to the master
   * without using an attempt. Once it resolves nothing of the worker (timer, call,
   * socket) is left to keep the process alive.
   */
  close(): Promise<void> {
    return this.pool.stop();
  }

  get stats(): { completed: number; failed: number; running: number } {
    return { completed: this.pool.completed, failed: this.pool.failed, running: this.pool.running };
  }
}
