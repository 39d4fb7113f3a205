// The SDK's Worker: a WorkerPool over gRPC, with typed events and a bounded
// start. It logs only warnings and errors (to stderr) unless given a logger.

import type { Logger } from "../core/log.ts";
import { parseJson } from "../core/json.ts";
import { channelSecurity, type ClientSecurityOptions } from "../rpc/security.ts";
import { GrpcJobSource } from "./grpc-source.ts";
import { type HandlerMap, type JobContextJob, jobForHandler } from "./handler.ts";
import { type PoolEvent, WorkerPool } from "./pool.ts";

export interface WorkerOptions extends ClientSecurityOptions {
  /** "host:port" of the master; default 127.0.0.1:50051. */
  master?: string | readonly string[];
  handlers: HandlerMap;
  /** Jobs run at once; default 10. */
  concurrency?: number;
  queues?: string[];
  /** close(): how long running jobs may finish before they are aborted (and handed back); default 30 s. */
  drainTimeoutMs?: number;
  /** start(): how long to keep trying to reach the master before rejecting; default 30 s, 0 for ever. */
  startTimeoutMs?: number;
  /** Also register the built-in types (noop, echo, sleep, fail); default false for SDK users. */
  builtins?: boolean;
  workerId?: string;
  /** Default: warnings and errors to stderr, nothing else. */
  log?: Logger;
}

/** Why an attempt failed, as the `failed` event reports it. */
export interface AttemptFailure {
  /** The error text stored on the job (message and stack). */
  error: string;
  /** False for NonRetryableError and results the master cannot store. */
  retryable: boolean;
  /** The master will run the job again (attempts left, retryable, not cancelled). */
  willRetry: boolean;
  /** Set when the worker aborted the handler: timeout, cancellation, or a lease the master took back. */
  aborted: "timeout" | "cancelled" | "lost" | undefined;
}

export interface WorkerEvents {
  /** An attempt succeeded; `result` is the handler's return value as stored (JSON round trip). */
  completed: (job: JobContextJob, result: unknown) => void;
  /** An attempt failed (threw, timed out, was cancelled or lost its lease). */
  failed: (job: JobContextJob, failure: AttemptFailure) => void;
  /** Trouble outside a handler: a poll failed, an outcome could not be recorded. The worker carries on. */
  error: (error: Error) => void;
}

/** Warnings and errors to stderr; info and debug dropped. */
export const stderrWarnings: Logger = {
  debug() {},
  info() {},
  warn: (m) => console.warn(`[falconq] ${m}`),
  error: (m) => console.error(`[falconq] ${m}`),
};

type Listeners = { [E in keyof WorkerEvents]: Set<WorkerEvents[E]> };

/** A worker process's job loop: registers with the master, runs handlers, heartbeats and acks. */
export class Worker {
  private readonly pool: WorkerPool;
  private readonly address: string;
  private readonly startTimeoutMs: number;
  private readonly listeners: Listeners = { completed: new Set(), failed: new Set(), error: new Set() };

  constructor(o: WorkerOptions) {
    const log = o.log ?? stderrWarnings;
    this.address = typeof o.master === "string" || o.master === undefined ? (o.master ?? "127.0.0.1:50051") : o.master.join(",");
    this.startTimeoutMs = o.startTimeoutMs ?? 30_000;
    this.pool = new WorkerPool({
      source: new GrpcJobSource({ address: this.address, security: channelSecurity(o), log }),
      handlers: o.handlers,
      concurrency: o.concurrency,
      queues: o.queues,
      drainTimeoutMs: o.drainTimeoutMs,
      builtins: o.builtins ?? false,
      workerId: o.workerId,
      log,
      onEvent: (e) => this.dispatch(e),
    });
  }

  /**
   * Registers and starts taking jobs; resolves once registered. While the
   * master is unreachable it retries (and logs one warning); after
   * startTimeoutMs it stops the worker and rejects.
   */
  async start(): Promise<{ workerId: string }> {
    const started = this.pool.start();
    if (this.startTimeoutMs <= 0) return { workerId: (await started).workerId };
    let timer: ReturnType<typeof setTimeout> | undefined;
    const timedOut = new Promise<"timeout">((r) => (timer = setTimeout(() => r("timeout"), this.startTimeoutMs)));
    try {
      const r = await Promise.race([started, timedOut]);
      if (r !== "timeout") return { workerId: r.workerId };
    } finally {
      clearTimeout(timer);
    }
    started.catch(() => {}); // rejects once stop() closes the source; the timeout is the news
    await this.pool.stop();
    throw new Error(`worker could not register with the master at ${this.address} within ${this.startTimeoutMs} ms`);
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

  on<E extends keyof WorkerEvents>(event: E, fn: WorkerEvents[E]): this {
    this.listeners[event].add(fn);
    return this;
  }

  off<E extends keyof WorkerEvents>(event: E, fn: WorkerEvents[E]): this {
    this.listeners[event].delete(fn);
    return this;
  }

  private emit<E extends keyof WorkerEvents>(event: E, ...args: Parameters<WorkerEvents[E]>): void {
    for (const fn of this.listeners[event]) (fn as (...a: Parameters<WorkerEvents[E]>) => void)(...args);
  }

  private dispatch(e: PoolEvent): void {
    if (e.kind === "error") {
      this.emit("error", e.error);
      return;
    }
    const job = jobForHandler(e.lease.job);
    if (e.kind === "completed") {
      this.emit("completed", job, parseJson(e.result));
      return;
    }
    const willRetry = e.retryable && e.aborted !== "cancelled" && job.attempt < job.maxAttempts;
    this.emit("failed", job, { error: e.error, retryable: e.retryable, willRetry, aborted: e.aborted });
  }
}
