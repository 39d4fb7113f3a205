// WorkerPool: runs jobs from any JobSource with bounded concurrency.
// Invariants: jobs running + slots reserved by polls in flight never exceed
// `concurrency` (a poll asks only for free slots); every finished attempt's
// ack is handed to the source before the source is closed; a job whose lease
// was lost or that was cancelled is not acknowledged (the master moved on);
// a job aborted by the shutdown is not acknowledged either: closing the
// source deregisters, and the master hands its lease back without counting
// the attempt. No timer of the pool outlives stop().

import { consola } from "consola";
import type { Lease } from "../core/types.ts";
import type { AckInput, JobSource, Registration, WorkerCommand } from "../core/contract.ts";
import { defaultLimits } from "../core/config.ts";
import type { Logger } from "../core/log.ts";
import { firstLine } from "../core/text.ts";
import { builtinHandlers } from "./builtins.ts";
import { type AbortKind, type Execution, execute, JobAbortedError, messageOf } from "./executor.ts";
import { type Handler, type HandlerMap, handlerMap } from "./handler.ts";
import { Heartbeats } from "./heartbeats.ts";
import { backoffDelayMs, sleep, waitAtMost } from "../rpc/retry.ts";

/**
 * What the pool reports to its owner (the SDK Worker's events). `failed` is
 * every attempt that failed, retried or not; an attempt aborted by this
 * worker's own shutdown is neither (it is handed back unrun).
 */
export type PoolEvent =
  | { kind: "completed"; lease: Lease; result: Uint8Array | undefined }
  | { kind: "failed"; lease: Lease; error: string; retryable: boolean; aborted: Exclude<AbortKind, "shutdown"> | undefined }
  | { kind: "error"; error: Error };

export interface WorkerPoolOptions {
  source: JobSource;
  handlers?: HandlerMap;
  /** Jobs run at once. Default 10. */
  concurrency?: number;
  queues?: string[];
  /** stop(): how long running jobs may take to finish before they are aborted. Default 30 s. */
  drainTimeoutMs?: number;
  /** Long-poll budget per PollJobs call. Default 5000. */
  pollWaitMs?: number;
  /** Polls kept in flight when at least two slots are free. Default 2. */
  pollsInFlightMax?: number;
  /** After an abort, how long a handler that ignores its signal keeps its slot. Default 5000. */
  abortGraceMs?: number;
  /** Register noop, echo, sleep and fail. Default true. */
  builtins?: boolean;
  /** Register the `shell` type (runs commands on this machine). Default false. */
  allowShell?: boolean;
  /** Ask the master for this id (e.g. a stable host name); default: the master assigns one. */
  workerId?: string;
  log?: Logger;
  /** Called synchronously for each outcome and trouble; must not throw. */
  onEvent?: (e: PoolEvent) => void;
}

type Phase = "new" | "running" | "quiet" | "stopping" | "stopped";

interface Slot {
  ex: Execution;
  /** The attempt's outcome is known (the ack may still be on its way). */
  decided: boolean;
  /** Settles once the outcome was counted and handed to the source (or dropped on purpose). */
  reported: Promise<void>;
}

export class WorkerPool {
  completed = 0;
  failed = 0;
  readonly concurrency: number;
  /** Resolves once the pool has stopped (stop(), abort() or a shutdown command) and deregistered. */
  readonly stopped: Promise<void>;
  private readonly source: JobSource;
  private readonly handlers: Map<string, Handler>;
  private readonly log: Logger;
  private readonly o: WorkerPoolOptions;
  /** Keyed by lease token: the same job may be leased here again while an aborted attempt winds down. */
  private readonly slots = new Map<string, Slot>();
  /** The latest attempt of each job id, for cancel commands and lost leases. */
  private readonly byJob = new Map<string, Slot>();
  private readonly hurry = new AbortController();
  /** Aborted when stop() begins: ends the backoff of a failed poll. */
  private readonly stopping = new AbortController();
  private readonly heartbeats: Heartbeats;
  private phase: Phase = "new";
  private pumpQueued = false;
  private registration: Registration | undefined;
  private reserved = 0;
  private polls = 0;
  private pollErrors = 0;
  private idleWaiters: (() => void)[] = [];
  private closing: Promise<void> | undefined;
  private markStopped: () => void = () => {};

  constructor(o: WorkerPoolOptions) {
    this.o = o;
    this.source = o.source;
    this.concurrency = o.concurrency ?? 10;
    if (!Number.isInteger(this.concurrency) || this.concurrency < 1) {
      throw new RangeError(`concurrency is ${this.concurrency}; it must be a whole number >= 1`);
    }
    this.log = o.log ?? consola.withTag("worker");
    const builtins = builtinHandlers({ allowShell: o.allowShell ?? false, core: o.builtins ?? true });
    this.handlers = new Map([...builtins, ...handlerMap(o.handlers ?? {})]);
    // An empty type list would mean "every type" to the master.
    if (this.handlers.size === 0) throw new Error("the worker has no handlers; give handlers or enable builtins");
    this.heartbeats = new Heartbeats(this.source, this.log, {
      active: () => this.activeLeases(),
      onCommand: (c) => this.onCommand(c),
      onLost: (id) => this.abortJob(id, "lost", "lease lost: the master expired it or gave the job to another worker"),
    });
    this.stopped = new Promise((r) => (this.markStopped = r));
  }

  get workerId(): string {
    return this.registration?.workerId ?? "";
  }

  get running(): number {
    return this.slots.size;
  }

  /** Poll calls waiting for an answer. Quiet and stop start no new ones; leases from those in flight still run. */
  get pollsInFlight(): number {
    return this.polls;
  }

  /** The job types this worker advertises. */
  get types(): string[] {
    return [...this.handlers.keys()];
  }

  /** Registers with the master and starts polling; resolves once registered. */
  async start(): Promise<Registration> {
    if (this.phase !== "new") throw new Error("WorkerPool.start() may be called only once");
    this.phase = "running";
    this.registration = await this.source.start({
      workerId: this.o.workerId,
      queues: this.o.queues,
      types: this.types,
      concurrency: this.concurrency,
    }, () => this.activeLeases());
    // stop() during registration: the source is closed; start nothing more.
    if (this.phase !== "running") throw new Error("the worker was stopped while registering");
    this.log.debug(`worker ${this.workerId} started: concurrency ${this.concurrency}, types ${this.types.join(", ")}`);
    this.heartbeats.start(this.registration.heartbeatIntervalMs);
    this.pump();
    return this.registration;
  }

  /** Graceful: stop polling, let jobs finish up to drainTimeoutMs, abort the rest, flush acks, deregister. */
  stop(): Promise<void> {
    this.closing ??= this.shutdown();
    return this.closing;
  }

  /** Immediate: abort every job now and deregister (which hands their jobs back). */
  abort(): Promise<void> {
    this.hurry.abort();
    return this.stop();
  }

  // ---- polling ------------------------------------------------------------

  /**
   * Asks for a pump once this macrotask is over. Jobs that finish together
   * (a batch of quick ones) free their slots in the same tick; one poll for
   * all of them beats one poll per job.
   */
  private schedulePump(): void {
    if (this.pumpQueued) return;
    this.pumpQueued = true;
    setImmediate(() => {
      this.pumpQueued = false;
      this.pump();
    });
  }

  /** Starts polls for free slots; with two polls allowed, the first asks for half. */
  private pump(): void {
    const pollsMax = this.o.pollsInFlightMax ?? 2;
    for (let i = 0; i < pollsMax && this.phase === "running" && this.polls < pollsMax; i++) {
      const free = this.concurrency - this.slots.size - this.reserved;
      if (free <= 0) return;
      const share = this.polls === 0 && pollsMax > 1 ? Math.ceil(free / 2) : free;
      void this.pollOnce(Math.min(share, defaultLimits.pollCountMax));
    }
  }

  private async pollOnce(count: number): Promise<void> {
    this.polls++;
    this.reserved += count;
    try {
      const leases = await this.source.poll(count, this.o.pollWaitMs ?? 5000);
      this.pollErrors = 0;
      for (const l of leases) this.accept(l);
    } catch (e) {
      const delay = backoffDelayMs(this.pollErrors++, { baseMs: 100, maxMs: 5000 });
      if (this.phase === "running") {
        this.log.error(`poll failed (${messageOf(e)}); polling again in ${delay} ms`);
        this.emit({ kind: "error", error: e instanceof Error ? e : new Error(String(e)) });
      }
      await sleep(delay, this.stopping.signal);
    } finally {
      this.polls--;
      this.reserved -= count;
    }
    this.schedulePump();
  }

  /** Runs a leased job, unless the pool is already closing its source. */
  private accept(lease: Lease): void {
    const { job } = lease;
    if (this.phase === "stopped" || this.hurry.signal.aborted) {
      this.log.warn(`job ${job.id} arrived while shutting down; deregistering hands it back`);
      return;
    }
    const handler = this.handlers.get(job.type);
    if (handler === undefined) {
      const error = `worker ${this.workerId} has no handler for type "${job.type}"`;
      this.hand({ jobId: job.id, token: lease.token, success: false, error, retryable: true });
      return;
    }
    const src = this.source;
    const ex = execute(lease, handler, {
      progress: (...a) => src.progress(...a),
      dependencies: src.dependencies === undefined ? undefined : (...a) => (src.dependencies as NonNullable<typeof src.dependencies>)(...a),
      log: this.log,
      abortGraceMs: this.o.abortGraceMs ?? 5000,
    });
    const slot: Slot = { ex, decided: false, reported: Promise.resolve() };
    slot.reported = ex.outcome.then((ack) => {
      slot.decided = true;
      this.report(ex, ack);
    });
    this.slots.set(lease.token, slot);
    this.byJob.set(job.id, slot);
    Promise.all([slot.reported, ex.finished]).then(() => this.release(slot));
  }

  private release(slot: Slot): void {
    this.slots.delete(slot.ex.lease.token);
    const id = slot.ex.lease.job.id;
    if (this.byJob.get(id) === slot) this.byJob.delete(id);
    if (this.slots.size === 0) for (const f of this.idleWaiters.splice(0)) f();
    this.schedulePump();
  }

  // ---- outcomes -----------------------------------------------------------

  private report(ex: Execution, ack: AckInput): void {
    const reason: unknown = ex.controller.signal.reason;
    const aborted = !ack.success && reason instanceof JobAbortedError ? reason.kind : undefined;
    if (aborted === "shutdown") {
      // Not a failure: the lease stays with this worker until it deregisters,
      // which hands the job back without using an attempt.
      this.log.debug(`job ${ack.jobId}: ${reason instanceof Error ? reason.message : ""}; handed back when the worker leaves`);
      return;
    }
    if (ack.success) this.completed++;
    else this.failed++;
    const lease = ex.lease;
    if (ack.success) this.emit({ kind: "completed", lease, result: ack.result });
    else this.emit({ kind: "failed", lease, error: ack.error ?? "", retryable: ack.retryable ?? true, aborted });
    if (aborted === "lost" || aborted === "cancelled") {
      this.log.debug(`job ${ack.jobId}: ${(reason as Error).message}; not acknowledged, the master moved on`);
      return;
    }
    if (!ack.success) this.log.debug(`job ${ack.jobId} attempt ${ex.lease.job.attempt} failed: ${firstLine(ack.error ?? "")}`);
    this.hand(ack);
  }

  /** Hands an ack to the source; outcomes only need logging. */
  private hand(ack: AckInput): void {
    this.source.acknowledge([ack]).then(
      ([o]) => {
        if (o?.error === undefined) return;
        if (o.error.kind === "failed_precondition") this.log.info(`job ${ack.jobId}: outcome dropped, lease was lost: ${o.error.message}`);
        else this.notRecorded(ack, o.error.message);
      },
      (e) => this.notRecorded(ack, messageOf(e)),
    );
  }

  private notRecorded(ack: AckInput, why: string): void {
    const message = `job ${ack.jobId}: outcome not recorded: ${why}`;
    this.log.warn(message);
    this.emit({ kind: "error", error: new Error(message) });
  }

  private emit(e: PoolEvent): void {
    try {
      this.o.onEvent?.(e);
    } catch (err) {
      this.log.warn(`a worker event listener threw: ${messageOf(err)}`);
    }
  }

  // ---- heartbeat commands -------------------------------------------------

  private activeLeases() {
    return [...this.slots.values()]
      .filter((s) => !s.decided && !s.ex.controller.signal.aborted)
      .map((s) => ({ jobId: s.ex.lease.job.id, token: s.ex.lease.token }));
  }

  private onCommand(c: WorkerCommand): void {
    if ("cancelJobId" in c) this.abortJob(c.cancelJobId, "cancelled", "job was cancelled");
    else if ("quiet" in c) {
      if (this.phase === "running") this.phase = "quiet";
      this.log.info("master asked this worker to go quiet; no longer polling");
    } else {
      this.log.info("master asked this worker to shut down");
      void this.stop();
    }
  }

  private abortJob(jobId: string, kind: "cancelled" | "lost", message: string): void {
    const slot = this.byJob.get(jobId);
    if (slot === undefined || slot.decided || slot.ex.controller.signal.aborted) return;
    this.log.info(`job ${jobId}: ${message}; aborting its handler`);
    slot.ex.controller.abort(new JobAbortedError(kind, message));
  }

  // ---- shutdown -----------------------------------------------------------

  private idle(): Promise<void> {
    if (this.slots.size === 0) return Promise.resolve();
    return new Promise((r) => this.idleWaiters.push(r));
  }

  private async shutdown(): Promise<void> {
    this.stopping.abort();
    if (this.phase === "new") {
      this.phase = "stopped";
      this.markStopped();
      return;
    }
    this.phase = "stopping";
    if (!this.hurry.signal.aborted && this.slots.size > 0) {
      this.log.info(`stopping: waiting up to ${this.o.drainTimeoutMs ?? 30_000} ms for ${this.slots.size} job(s)`);
      await waitAtMost(this.idle(), this.o.drainTimeoutMs ?? 30_000, this.hurry.signal);
    }
    // From here on a lease that still arrives is left to deregistration, which hands it back.
    this.phase = "stopped";
    const reason = new JobAbortedError("shutdown", "worker shutting down before the job finished");
    for (const s of this.slots.values()) if (!s.ex.controller.signal.aborted) s.ex.controller.abort(reason);
    // Outcomes settle at the abort; waiting for them bounds this by a few ticks.
    await Promise.all([...this.slots.values()].map((s) => s.reported));
    if (!this.hurry.signal.aborted) await waitAtMost(this.idle(), this.o.abortGraceMs ?? 5000, this.hurry.signal);
    this.heartbeats.stop();
    await this.source.close();
    this.log.debug(`worker ${this.workerId} stopped: ${this.completed} completed, ${this.failed} failed`);
    this.markStopped();
  }
}
