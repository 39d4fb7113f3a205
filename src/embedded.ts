// Embedded mode: the master and a worker pool inside the application's own
// Bun process, on one data directory, with no network port unless asked.
//
//   const q = await startEmbedded({ dataDir: "./data", handlers: { "email.send": async (job) => ... } });
//   const { job } = await q.submit("email.send", { to: "a@b.c" });
//   const done = await q.wait(job.id);
//   await q.close();
//
// Jobs reach the pool through LocalJobSource (no serialisation); submit, get
// and wait call the Broker directly, with the durability the gRPC API has:
// a submit resolves once the job is in the WAL.

import { consola } from "consola";
import { type Batch, type BatchOptions, encodePayload, type FlowJob, type JobInput, type SubmitOptions, type Submitted, type SubmittedFlow } from "./client/client.ts";
import { decorate, type Job } from "./client/job.ts";
import type { SubmitResult } from "./core/commands.ts";
import type { Logger } from "./core/log.ts";
import { isTerminal, type JobView } from "./core/types.ts";
import type { JobSpec } from "./core/validate.ts";
import type { FlowNode } from "./core/workflows.ts";
import type { Broker } from "./master/broker.ts";
import { LocalJobSource } from "./master/local-source.ts";
import { openRuntime, type Runtime, type RuntimeConfig } from "./server/runtime.ts";
import type { HandlerMap } from "./worker/handler.ts";
import { WorkerPool } from "./worker/pool.ts";
import pkg from "../package.json" with { type: "json" };

/** The SDK's answer for a core submit result: `reason` only on a duplicate. */
function submittedOf(r: SubmitResult): Submitted {
  const out: Submitted = { job: decorate(r.job), duplicate: r.duplicate };
  if (r.reason) out.reason = r.reason;
  return out;
}

export interface EmbeddedOptions {
  /** Where the WAL and snapshots live; created if missing. One process at a time (it is locked). */
  dataDir: string;
  /** The job types this process runs; none (and no builtins) makes it a producer only, with no pool. */
  handlers?: HandlerMap;
  /** Jobs run at once; default 10. 0 starts no worker pool. */
  concurrency?: number;
  /** Queues the pool takes jobs from; default ["default"]. */
  queues?: string[];
  /** Also register the built-in types (noop, echo, sleep, fail); default false. */
  builtins?: boolean;
  /** always (default) | batch | never; see docs/durability.md. */
  fsync?: RuntimeConfig["fsync"];
  /** With fsync "batch": the longest unsynced window; default 10 ms. */
  fsyncBatchMs?: number;
  /** Lease length, extended by heartbeats; default 30 s. */
  leaseMs?: number;
  /** close(): how long running jobs may finish before they are aborted and handed back; default 30 s. */
  drainTimeoutMs?: number;
  /** Also serve the gRPC API (for other processes' workers, clients and the CLI); default: no port at all. */
  listen?: { host?: string; port?: number };
  log?: Logger;
}

export interface EmbeddedQueue {
  /** "host:port" of the gRPC API when `listen` was given. */
  readonly address: string | undefined;
  /** The in-process pool's worker id; undefined when no pool runs (no handlers, or concurrency 0). */
  readonly workerId: string | undefined;
  /** Resolves with the error if storage fails; writes then fail with UNAVAILABLE until close(). */
  readonly fatal: Promise<Error>;
  /** Resolves once the job is durable; payloads as in Client.submit (bytes, string or JSON). */
  submit(type: string, payload?: unknown, opts?: SubmitOptions): Promise<Submitted>;
  /** All or nothing. */
  submitMany(specs: readonly (Omit<JobSpec, "payload"> & { payload?: unknown })[]): Promise<Submitted[]>;
  get<T = unknown, R = unknown>(jobId: string): Promise<Job<T, R>>;
  /** Resolves with the job once it is COMPLETED, FAILED or CANCELLED; rejects after timeoutMs (0: never) or at close(). */
  wait<R = unknown, T = unknown>(jobId: string, timeoutMs?: number): Promise<Job<T, R>>;
  cancel(jobId: string): Promise<Job>;
  retryJob(jobId: string): Promise<Job>;
  /** A tree (or DAG) of jobs, all or nothing, as Client.submitFlow (docs/workflows.md). */
  submitFlow(root: FlowJob): Promise<SubmittedFlow>;
  createBatch(o?: BatchOptions): Promise<Batch>;
  closeBatch(batchId: string): Promise<Batch>;
  getBatch(batchId: string): Promise<Batch>;
  /**
   * Stops the pool as Worker.close() does (running jobs finish within
   * drainTimeoutMs, the rest are handed back without using an attempt),
   * rejects pending wait()s, flushes the WAL and releases the data dir.
   */
  close(): Promise<void>;
}

const defaults = { concurrency: 10, fsyncBatchMs: 10, leaseMs: 30_000, heartbeatIntervalMs: 2000, workerTimeoutMs: 6000 };

/** What the SDK uses of either master: the runtime without its metrics (nothing serves them in process). */
type EmbeddedMaster = Pick<Runtime, "broker" | "fatal" | "close"> & { address?: string };

async function openMaster(o: EmbeddedOptions, log: Logger): Promise<EmbeddedMaster> {
  const cfg = {
    dataDir: o.dataDir,
    fsync: o.fsync ?? "always",
    fsyncBatchMs: o.fsyncBatchMs ?? defaults.fsyncBatchMs,
    repair: false,
    heartbeatIntervalMs: defaults.heartbeatIntervalMs,
    workerTimeoutMs: defaults.workerTimeoutMs,
    leaseMs: o.leaseMs ?? defaults.leaseMs,
    log,
  };
  if (o.listen === undefined) return openRuntime(cfg);
  // Loaded only when asked: the gRPC server side is not part of a producer's or worker's SDK.
  const { startMaster } = await import("./server/master.ts");
  return startMaster({ ...cfg, host: o.listen.host ?? "127.0.0.1", port: o.listen.port ?? 0, version: pkg.version });
}

/** Waits on the broker's durable watch; every wait still open is rejected by cancelAll(). */
class Waits {
  private readonly open = new Set<(e: Error) => void>();

  constructor(private readonly broker: Broker) {}

  wait(jobId: string, timeoutMs: number): Promise<JobView> {
    return new Promise((resolve, reject) => {
      let stop: () => void = () => {};
      let timer: ReturnType<typeof setTimeout> | undefined;
      const settle = (fn: () => void) => {
        if (!this.open.delete(fail)) return;
        stop();
        if (timer !== undefined) clearTimeout(timer);
        fn();
      };
      const fail = (e: Error) => settle(() => reject(e));
      const check = (j: JobView) => {
        if (isTerminal(j.status)) settle(() => resolve(j));
      };
      this.open.add(fail);
      try {
        stop = this.broker.watch({ jobIds: [jobId] }, check);
        check(this.broker.get(jobId));
      } catch (e) {
        fail(e as Error);
        return;
      }
      if (timeoutMs > 0 && this.open.has(fail)) {
        timer = setTimeout(() => fail(new Error(`job ${jobId} not finished after ${timeoutMs} ms`)), timeoutMs);
      }
    });
  }

  cancelAll(why: string): void {
    for (const fail of [...this.open]) fail(new Error(why));
  }
}

/** A pool runs when it has something to run: handlers or the built-ins, and at least one slot. */
function startsPool(o: EmbeddedOptions): boolean {
  const handlers = o.handlers instanceof Map ? o.handlers.size : Object.keys(o.handlers ?? {}).length;
  return (o.concurrency ?? defaults.concurrency) > 0 && (handlers > 0 || o.builtins === true);
}

async function startPool(o: EmbeddedOptions, broker: Broker, log: Logger): Promise<WorkerPool> {
  const pool = new WorkerPool({
    source: new LocalJobSource(broker),
    handlers: o.handlers ?? {},
    concurrency: o.concurrency ?? defaults.concurrency,
    queues: o.queues,
    drainTimeoutMs: o.drainTimeoutMs,
    builtins: o.builtins ?? false,
    log,
  });
  await pool.start();
  return pool;
}

/** Opens (or recovers) `dataDir` and starts the in-process pool; resolves once both are ready. */
export async function startEmbedded(o: EmbeddedOptions): Promise<EmbeddedQueue> {
  const log = o.log ?? consola.withTag("falconq");
  const master = await openMaster(o, log);
  const { broker } = master;
  let pool: WorkerPool | undefined;
  try {
    pool = startsPool(o) ? await startPool(o, broker, log) : undefined;
  } catch (e) {
    await master.close().catch(() => {});
    throw e;
  }
  const waits = new Waits(broker);
  const submitMany = async (specs: readonly (Omit<JobSpec, "payload"> & { payload?: unknown })[]): Promise<Submitted[]> =>
    (await broker.submit(specs.map((s) => ({ ...s, payload: encodePayload(s.payload) })))).map(submittedOf);
  let closing: Promise<void> | undefined;
  return {
    address: master.address,
    workerId: pool?.workerId,
    fatal: master.fatal,
    submitMany,
    submit: async (type, payload, opts = {}) => {
      const [r] = await broker.submit([{ ...opts, type, payload: encodePayload(payload) }], false);
      return submittedOf(r as SubmitResult);
    },
    get: async (jobId) => decorate(broker.get(jobId)),
    wait: async (jobId, timeoutMs = 0) => decorate(await waits.wait(jobId, timeoutMs)),
    cancel: async (jobId) => decorate(await broker.cancel(jobId)),
    retryJob: async (jobId) => decorate(await broker.retry(jobId)),
    submitFlow: async (root) => {
      const encode = (n: FlowJob): FlowNode => ({ ...n, payload: encodePayload(n.payload), children: n.children?.map(encode) });
      const r = await broker.submitFlow(encode(root));
      return { flowId: r.flowId, jobs: r.jobs.map((j) => decorate(j)), duplicate: r.duplicate };
    },
    createBatch: (b = {}) => {
      const spec = (x: JobInput | undefined) => (x === undefined ? undefined : { ...x, payload: encodePayload(x.payload) });
      return broker.createBatch({ onComplete: spec(b.onComplete), onSuccess: spec(b.onSuccess), description: b.description });
    },
    closeBatch: (batchId) => broker.closeBatch(batchId),
    getBatch: async (batchId) => broker.getBatch(batchId),
    close: () => {
      closing ??= (async () => {
        try {
          await pool?.stop();
        } finally {
          waits.cancelAll("the embedded queue was closed");
          await master.close();
        }
      })();
      return closing;
    },
  };
}
