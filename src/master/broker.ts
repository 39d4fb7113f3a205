// The master's runtime around JobManager: waits for durability before
// answering, parks long-polls and hands new jobs straight to them, tracks
// worker liveness, streams state changes, and drives the one timer that
// promotes delayed jobs and expires leases and workers. Both the gRPC service
// and the in-process LocalJobSource call this; neither holds business logic.

import type {
  AckInput,
  AckOutcome,
  ActiveLease,
  HeartbeatResult,
  RegisterInput,
  Registration,
  WorkerCommand,
} from "../core/contract.ts";
import { listPageBytesMax, pollWaitMsMax, type QueueRetention, watchJobIdsMax, workersMax } from "../core/config.ts";
import { checkId, checkJson, checkOptionalId } from "../core/input.ts";
import { type Logger, silentLogger } from "../core/log.ts";
import {
  DomainError,
  invalidArgument,
  type Job,
  type JobManager,
  type JobSpec,
  JobStatus,
  type JobView,
  type Lease,
  type ListFilter,
  type ListPage,
  checkName,
  notFound,
  permissionDenied,
  resourceExhausted,
  type SubmitResult,
  unavailable,
} from "../core/index.ts";
import { queueExists } from "../core/queries.ts";
import type { QueueLimits } from "../core/flow.ts";
import type { QueueFlowView } from "../core/flow-view.ts";
import type { ScheduleSpec } from "../core/schedule-commands.ts";
import type { Schedule } from "../core/schedules.ts";
import { quote } from "../core/text.ts";
import type { BatchSpec, BatchView, DependencyResult, FlowNode, FlowResult } from "../core/workflows.ts";
import type { Journal } from "../storage/journal.ts";
import { jobBytes, type StatsView } from "../core/views.ts";
import { checkRegistration, debugEnabled, transitionLine } from "./checks.ts";
import { type Waiter, Waiters } from "./waiters.ts";
import type { Metrics, ReleaseCause } from "./metrics.ts";
import { type JobListener, type WatchFilter, Watchers } from "./watch.ts";
import { RecentWaits } from "./recent.ts";
import { Tokens } from "./tokens.ts";
import { type WorkerInfo, WorkerRegistry } from "./workers.ts";

export interface BrokerOptions {
  manager: JobManager;
  journal: Journal;
  heartbeatIntervalMs?: number;
  workerTimeoutMs?: number;
  pollWaitMsMax?: number;
  log?: Logger;
  /** Counts transitions, stale acks and lease expiries, and reads queue and worker figures at scrape. */
  metrics?: Metrics;
}

const timerMaxMs = 60_000;
/** How long before its caller's deadline a long-poll answers. */
const answerMarginMs = 50;

export interface PollOptions {
  /** The caller went away: stop waiting, and hand back leases made for it. */
  signal?: AbortSignal;
  /** Epoch ms by which the caller must have its answer (its deadline). */
  answerBy?: number;
}

/** What a worker is told at registration; the same for every worker of this master. */
export interface WorkerSettings {
  heartbeatIntervalMs: number;
  leaseMs: number;
  workerTimeoutMs: number;
}

/** The master's counts; the adapter adds its version. */
export type MasterStats = Omit<StatsView, "version">;

export class Broker {
  private readonly manager: JobManager;
  /** API tokens (create, revoke, list) and the authenticator's token store. */
  readonly tokens: Tokens;
  private readonly workers: WorkerRegistry;
  private readonly heartbeatIntervalMs: number;
  private readonly pollWaitMsMax: number;
  private readonly journal: Journal;
  private readonly log: Logger;
  private readonly waiters = new Waiters();
  /** Submit-to-start waits of the last starts, for stats. */
  private readonly waits = new RecentWaits();
  private readonly watchers: Watchers;
  private serveQueued = false;
  private readonly serveQueues = new Set<string>();
  /** Queues of PENDING jobs created since the last sync; served once they are durable. */
  private readonly createdQueues = new Set<string>();
  private timer: ReturnType<typeof setTimeout> | undefined;
  private timerAt = Number.POSITIVE_INFINITY;
  private failure: Error | undefined;
  private closed = false;
  readonly startedAt = Date.now();
  readonly metrics: Metrics | undefined;
  /** Why the broker itself is ending running attempts right now (for metrics), else undefined. */
  private cause: ReleaseCause | undefined;

  constructor(o: BrokerOptions) {
    this.manager = o.manager;
    this.journal = o.journal;
    this.watchers = new Watchers(() => this.journal.sync());
    this.heartbeatIntervalMs = o.heartbeatIntervalMs ?? 2000;
    this.workers = new WorkerRegistry(o.workerTimeoutMs ?? 3 * this.heartbeatIntervalMs);
    this.pollWaitMsMax = o.pollWaitMsMax ?? pollWaitMsMax;
    this.log = o.log ?? silentLogger;
    this.metrics = o.metrics;
    this.metrics?.bind({
      state: this.manager.state,
      now: () => this.manager.now(),
      workerIds: () => this.workers.ids(),
    });
    this.manager.gateLeasesOnDurability();
    this.tokens = new Tokens(
      this.manager,
      () => this.writable(),
      () => this.durable(),
      this.log,
    );
  }

  start(): void {
    this.manager.setObserver((job, from) => this.onTransition(job, from));
    // A held group woke or a running slot freed under a limit: parked polls may get a job now.
    this.manager.state.onFlowOpen = (queue) => this.scheduleServe(queue);
    this.manager.scheduleLog = (msg) => this.log.warn(msg);
    // Leases recovered from the data dir belong to workers this process has
    // never heard from: they get one worker timeout to come back (register,
    // heartbeat or ack) before their jobs are released.
    this.workers.awaitOwners(this.manager.leaseOwners(), this.manager.now());
    this.armTimer();
    this.tokens.start();
  }

  close(): void {
    if (!this.closed) this.tokens.flushUsed();
    this.tokens.stop();
    this.closed = true;
    this.manager.setObserver(undefined);
    this.manager.state.onFlowOpen = undefined;
    this.manager.scheduleLog = undefined;
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.timer = undefined;
    this.waiters.clear();
  }

  /** The journal failed: refuse every write from now on (the process owner exits). */
  failStop(err: Error): void {
    if (this.failure !== undefined) return;
    this.failure = err;
    this.waiters.clear();
    this.log.error(`storage failed, no longer accepting writes: ${err.message}`);
  }

  get failed(): Error | undefined {
    return this.failure;
  }

  /** Heartbeat interval, lease length and worker timeout, as told to every worker. */
  workerSettings(): WorkerSettings {
    return {
      heartbeatIntervalMs: this.heartbeatIntervalMs,
      leaseMs: this.manager.defaults.leaseMs,
      workerTimeoutMs: this.workers.timeoutMs,
    };
  }

  stats(): MasterStats {
    return {
      queues: this.manager.stats(),
      jobsTotal: this.manager.jobCount(),
      workers: this.workers.size,
      uptimeMs: Date.now() - this.startedAt,
      waitMs: this.waits.summary(),
    };
  }

  listWorkers(): WorkerInfo[] {
    return this.workers.list();
  }

  /** A registered worker, or undefined. */
  findWorker(workerId: string): WorkerInfo | undefined {
    return this.workers.get(workerId);
  }

  // ---- producers ----------------------------------------------------------

  /** `batch`: the specs came as a list (errors name `jobs[i]`); default when there are several. */
  async submit(specs: readonly JobSpec[], batch?: boolean): Promise<SubmitResult[]> {
    this.writable();
    const out = this.manager.submitMany(specs, batch);
    const appended = this.manager.state.lastJobId; // the sync below covers every job up to this one
    this.armTimer();
    await this.durable();
    // Only now may the new jobs be leased (a crash before this would forget them); serve parked polls.
    this.manager.markDurable(appended);
    let last = "";
    for (const r of out) {
      if (r.job.queue !== last) this.scheduleServe((last = r.job.queue));
    }
    return out;
  }

  // ---- workers ------------------------------------------------------------

  /**
   * Registers a worker (again). Every lease recorded under its id that the
   * registering process does not list in `held` belonged to a dead
   * incarnation, or to one the master forgot across a restart: it is
   * released at once rather than at its lease deadline.
   */
  register(input: RegisterInput, owner = "anonymous"): Registration {
    this.writable();
    const r = checkRegistration(input, this.manager.limits);
    if (r.workerId) this.checkOwner(r.workerId, owner);
    if (this.workers.size >= workersMax && (!r.workerId || this.workers.get(r.workerId) === undefined)) {
      throw resourceExhausted(`${this.workers.size} workers are registered; the limit is ${workersMax}`);
    }
    const w = this.workers.register(
      {
        workerId: r.workerId,
        hostname: r.hostname ?? "",
        pid: r.pid ?? 0,
        queues: r.queues && r.queues.length > 0 ? r.queues : [this.manager.defaults.queue],
        types: r.types ?? [],
        concurrency: r.concurrency ?? 1,
        version: r.version ?? "",
      },
      this.manager.now(),
      owner,
    );
    this.log.info(
      `worker ${w.workerId} registered: host ${w.hostname ? quote(w.hostname) : "unknown"} pid ${w.pid}, queues ${w.queues.join(",")}, ` +
        `types ${w.types.join(",") || "(none)"}, concurrency ${w.concurrency}, version ${w.version ? quote(w.version) : "unknown"}`,
    );
    const keep = new Set((r.held ?? []).map((l) => l.token));
    const released = this.releasing("worker_reregistered", () =>
      this.manager.releaseWorker(w.workerId, `worker ${w.workerId} registered again without this lease`, keep),
    );
    if (released.length > 0) {
      this.log.info(`worker ${w.workerId} registered again; released ${released.length} lease(s) it no longer holds`);
    }
    this.armTimer();
    return { workerId: w.workerId, ...this.workerSettings() };
  }

  /**
   * A clean leave. The leases the worker still holds (jobs its shutdown
   * aborted, leases that arrived after it stopped, acks it could not deliver)
   * are handed back without counting an attempt: only a crash or a lost
   * lease costs one. Answers once the hand-back is durable.
   */
  async deregister(workerId: string): Promise<void> {
    checkId("worker_id", workerId);
    const known = this.workers.get(workerId) !== undefined;
    this.workers.remove(workerId);
    this.waiters.dropWorker(workerId);
    const returned = this.releasing("handed_back", () => this.manager.returnWorker(workerId));
    if (returned.length > 0) {
      this.armTimer();
      this.log.info(`worker ${workerId} left; handed back ${returned.length} job(s) without using an attempt`);
      await this.durable();
    } else if (known) {
      this.log.info(`worker ${workerId} left`);
    }
  }

  /** The credential recorded with a worker's leases (the first lease that has one), or undefined. */
  private leaseOwnerOf(workerId: string): string | undefined {
    for (const j of this.manager.state.byWorker.get(workerId) ?? []) {
      const o = j.extra?.leaseOwner;
      if (o) return o;
    }
    return undefined;
  }

  /** The queue a job submitted without one goes to. */
  get defaultQueue(): string {
    return this.manager.defaults.queue;
  }

  /**
   * A worker id is bound to the credential that registered it: another
   * credential acting as that worker is PERMISSION_DENIED and changes nothing.
   * An id nobody has registered since this master started is bound by the
   * credential recorded with its leases (WAL); an id with neither is free.
   */
  checkOwner(workerId: string, owner: string): void {
    // Not registered since this master started: the owner recorded with its leases (WAL) still binds it.
    const bound = this.workers.ownerOf(workerId) ?? this.leaseOwnerOf(workerId);
    if (bound !== undefined && bound !== owner) {
      throw permissionDenied(`worker ${workerId} was registered with another credential; a worker may act only as itself`);
    }
  }

  private worker(workerId: string): WorkerInfo {
    checkId("worker_id", workerId);
    const w = this.workers.get(workerId);
    if (w === undefined) throw notFound(`worker ${workerId} is not registered (expired or master restarted); register again`);
    w.lastSeenAt = this.manager.now();
    return w;
  }

  /** Proves the worker alive and extends the listed leases, each fenced by its token. */
  heartbeat(workerId: string, load: number, active: readonly ActiveLease[]): HeartbeatResult {
    const w = this.worker(workerId);
    w.active = load;
    let deadline = 0;
    let lost: string[] = [];
    if (active.length > 0) {
      const ids = active.map((a) => a.jobId);
      const tokens = active.map((a) => a.token);
      ({ deadline, lost } = this.manager.heartbeat(workerId, ids, undefined, tokens));
    }
    return { commands: this.workers.takeCommands(workerId), deadline, lost };
  }

  /**
   * Leases up to `count` jobs; with waitMs > 0, waits that long for one to
   * become ready. When `signal` aborts (the caller went away) the wait ends at
   * once, and leases that were made for a caller already gone are handed back
   * without using an attempt.
   */
  async poll(workerId: string, count: number, waitMs: number, o: PollOptions = {}): Promise<Lease[]> {
    this.writable();
    if (!Number.isInteger(waitMs) || waitMs < 0 || waitMs > this.pollWaitMsMax) {
      throw invalidArgument(`wait_ms is ${waitMs}; it must be between 0 and ${this.pollWaitMsMax}`);
    }
    const signal = o.signal;
    // Answer before the caller's deadline, or the answer would reach nobody.
    if (o.answerBy !== undefined) waitMs = Math.max(0, Math.min(waitMs, o.answerBy - Date.now() - answerMarginMs));
    const w = this.worker(workerId);
    // A quiet worker hears so at its next heartbeat; until then it is handed nothing new.
    if (w.quiet) {
      await quietWait(waitMs, signal);
      return [];
    }
    const req = { workerId, queues: w.queues, types: w.types, count, owner: this.workers.ownerOf(workerId) };
    let leases = this.manager.poll(req);
    this.armTimer();
    if (leases.length === 0 && waitMs > 0 && !signal?.aborted) leases = await this.waiters.park(req, waitMs, signal);
    if (signal?.aborted && leases.length > 0) {
      this.returnLeases(leases);
      return [];
    }
    return leases;
  }

  /**
   * Takes back leases their worker never received (its poll call was gone
   * by the time they were made): PENDING again, attempts not counted.
   */
  returnLeases(leases: readonly Lease[]): void {
    if (leases.length === 0 || this.failure !== undefined || this.closed) return;
    this.releasing("handed_back", () => this.manager.returnLeases(leases));
    this.armTimer();
    this.log.info(`handed back ${leases.length} lease(s) whose poll was abandoned by its caller`);
  }

  /**
   * Applies each outcome; every one is fenced by its lease token. Answers
   * after the accepted ones are durable, so a finished job is not rerun
   * after a crash. Does not require registration: after a master restart a
   * worker may ack before it has registered again.
   */
  async ack(workerId: string, acks: readonly AckInput[]): Promise<AckOutcome[]> {
    this.writable();
    checkOptionalId("worker_id", workerId);
    this.workers.touch(workerId, this.manager.now());
    const out: AckOutcome[] = acks.map((a) => this.ackOne(a));
    if (out.some((o) => o.error === undefined)) {
      this.armTimer();
      await this.durable();
    }
    return out;
  }

  private ackOne(a: AckInput): AckOutcome {
    try {
      checkId("job_id", a.jobId);
      const job = a.success
        ? this.manager.complete(a.jobId, a.token, a.result, a.logs)
        : a.retryAfterMs !== undefined && a.retryAfterMs > 0
          ? this.manager.rateLimited(a.jobId, a.token, a.retryAfterMs, a.pauseGroup ?? false)
          : this.manager.fail(a.jobId, a.token, a.error ?? "failed", a.retryable ?? true, a.logs);
      return { jobId: a.jobId, job };
    } catch (e) {
      if (e instanceof DomainError) {
        // Not running any more, or re-leased: the token no longer holds the job.
        if (e.kind === "failed_precondition") this.metrics?.staleAck();
        return { jobId: a.jobId, error: e };
      }
      throw e;
    }
  }

  progress(workerId: string, jobId: string, token: string, progress: string): void {
    this.writable();
    checkOptionalId("worker_id", workerId);
    checkId("job_id", jobId);
    checkJson("progress", progress);
    this.workers.touch(workerId, this.manager.now());
    this.manager.progress(jobId, token, progress);
  }

  /** Queues a command for the worker's next heartbeat; NOT_FOUND when it is not registered. */
  command(workerId: string, c: WorkerCommand): void {
    checkId("worker_id", workerId);
    if (this.workers.get(workerId) === undefined) throw notFound(`worker ${workerId} is not registered`);
    this.workers.command(workerId, c);
    this.waiters.dropWorker(workerId); // its parked polls end empty; quiet ones get nothing from now on
  }

  // ---- inspection and control ---------------------------------------------

  get(jobId: string): JobView {
    return this.manager.get(checkId("job_id", jobId));
  }

  // ---- workflows (docs/workflows.md) ---------------------------------------

  /** A whole flow in one record; answers once it is durable, then its ready jobs may be leased. */
  async submitFlow(root: FlowNode): Promise<FlowResult> {
    this.writable();
    const out = this.manager.submitFlow(root);
    const appended = this.manager.state.lastJobId;
    this.armTimer();
    await this.durable();
    this.manager.markDurable(appended);
    for (const q of new Set(out.jobs.map((j) => j.queue))) this.scheduleServe(q);
    return out;
  }

  async createBatch(spec: BatchSpec): Promise<BatchView> {
    this.writable();
    const b = this.manager.createBatch(spec);
    await this.durable();
    return b;
  }

  /** Closes a batch; one whose jobs all finished fires in the same call. */
  async closeBatch(batchId: string): Promise<BatchView> {
    this.writable();
    this.manager.closeBatch(batchId);
    await this.durable();
    return this.manager.getBatch(batchId);
  }

  getBatch(batchId: string): BatchView {
    return this.manager.getBatch(batchId);
  }

  /** The callback queues of a batch, for authorization (NOT_FOUND for an unknown batch). */
  batchQueues(batchId: string): string[] {
    const b = this.manager.getBatch(batchId);
    return [b.onCompleteQueue, b.onSuccessQueue].filter((q) => q !== "");
  }

  /** The dependencies of a job the worker holds a lease on, with their results. */
  dependencies(workerId: string, jobId: string, token: string): DependencyResult[] {
    checkOptionalId("worker_id", workerId);
    checkId("job_id", jobId);
    this.workers.touch(workerId, this.manager.now());
    return this.manager.dependencies(jobId, token);
  }

  /**
   * A page of jobs in id order. Besides `limit`, a page stops once its jobs
   * hold `listPageBytesMax` bytes (always at least one job), so a page fits
   * a stock client's receive limit; `withPayloads` false leaves payloads and
   * results (and logs) out of that count (the adapter leaves them out of the reply).
   */
  list(f: ListFilter, withPayloads = false): ListPage {
    if (f.pageToken) checkId("page_token", f.pageToken);
    if (f.queue) checkName("queue", f.queue, this.manager.limits.queueBytesMax);
    if (f.type) checkName("type", f.type, this.manager.limits.typeBytesMax);
    const page = this.manager.list(f);
    let bytes = 0;
    for (let i = 0; i < page.jobs.length; i++) {
      bytes += jobBytes(page.jobs[i] as JobView, withPayloads);
      if (bytes > listPageBytesMax && i > 0) {
        const jobs = page.jobs.slice(0, i);
        const nextPageToken = (jobs[i - 1] as JobView).id;
        return { jobs, nextPageToken, partial: false, remaining: this.manager.remainingAfter(f, nextPageToken) };
      }
    }
    return page;
  }

  async cancel(jobId: string): Promise<JobView> {
    this.writable();
    checkId("job_id", jobId);
    const { workerId } = this.manager.cancel(jobId);
    if (workerId) this.workers.command(workerId, { cancelJobId: jobId });
    await this.durable();
    return this.manager.get(jobId);
  }

  async retry(jobId: string): Promise<JobView> {
    this.writable();
    checkId("job_id", jobId);
    this.manager.retry(jobId);
    await this.durable();
    return this.manager.get(jobId);
  }

  /**
   * Retries up to `limit` FAILED jobs of `queue` in id order after `cursor`,
   * durable once for all of them. `nextCursor` is "" when none are left
   * (within the scan bound of one list call: `partial` then says to continue).
   */
  async retryFailed(queue: string, cursor: string | undefined, limit: number): Promise<{ retried: number; nextCursor: string }> {
    this.writable();
    const page = this.list({ queue, status: JobStatus.Failed, limit, pageToken: cursor });
    for (const j of page.jobs) this.manager.retry(j.id);
    if (page.jobs.length > 0) await this.durable();
    return { retried: page.jobs.length, nextCursor: page.nextPageToken };
  }

  /** Removes a job that is not running; answers with the job as it was, once the removal is durable. */
  async delete(jobId: string): Promise<JobView> {
    this.writable();
    const job = this.manager.delete(checkId("job_id", jobId));
    await this.durable();
    return job;
  }

  /** Makes a SCHEDULED job PENDING now (parked polls are served by the transition). */
  async promote(jobId: string): Promise<JobView> {
    this.writable();
    const job = this.manager.promote(checkId("job_id", jobId));
    await this.durable();
    return job;
  }

  /** Pausing a queue that holds no jobs yet is allowed (it starts paused); resuming one is NOT_FOUND. */
  async setPaused(queue: string, paused: boolean): Promise<void> {
    this.writable();
    if (!paused && !queueExists(this.manager, queue)) {
      checkName("queue", queue, this.manager.limits.queueBytesMax);
      throw notFound(`queue ${quote(queue)} does not exist: it holds no jobs and is not paused`);
    }
    if (paused) this.manager.pause(queue);
    else this.manager.resume(queue);
    await this.durable();
    if (!paused) this.scheduleServe(queue);
  }

  /** Sets a queue's own retention bounds; the timer applies them from the next wake-up. */
  async setRetention(queue: string, r: QueueRetention): Promise<void> {
    this.writable();
    this.manager.setRetention(queue, r);
    this.armTimer();
    await this.durable();
  }

  /** Sets a queue's limits (0 = unlimited; all 0 clears); answers with them once durable. */
  async setLimits(queue: string, limits: Partial<QueueLimits>): Promise<QueueLimits> {
    this.writable();
    this.manager.setQueueLimits(queue, limits);
    this.armTimer();
    await this.durable();
    this.scheduleServe(queue);
    return this.manager.queueLimits(queue);
  }

  /** A queue's limits, what holds it now, and its busiest groups (at most `top`). */
  queueFlow(queue: string, top?: number): QueueFlowView {
    return this.manager.queueFlow(queue, top);
  }

  // ---- schedules ------------------------------------------------------------

  /** Creates (or with `replace` replaces) a schedule; answers once its record is durable. */
  async createSchedule(spec: ScheduleSpec, replace: boolean): Promise<Schedule> {
    this.writable();
    const s = this.manager.createSchedule(spec, replace);
    this.armTimer();
    await this.durable();
    return s;
  }

  getSchedule(name: string): Schedule {
    return this.manager.getSchedule(name);
  }

  /** The schedule of that name, or undefined (no error for an unknown or empty name). */
  findSchedule(name: string): Schedule | undefined {
    return this.manager.state.schedules.has(name) ? this.manager.getSchedule(name) : undefined;
  }

  listSchedules(queue?: string): Schedule[] {
    if (queue) checkName("queue", queue, this.manager.limits.queueBytesMax);
    return this.manager.listSchedules(queue || undefined);
  }

  async pauseSchedule(name: string, paused: boolean): Promise<Schedule> {
    this.writable();
    this.manager.pauseSchedule(name, paused);
    this.armTimer();
    await this.durable();
    return this.manager.getSchedule(name);
  }

  /** Removes a schedule (its jobs stay); answers with it as it was, once durable. */
  async deleteSchedule(name: string): Promise<Schedule> {
    this.writable();
    const s = this.manager.deleteSchedule(name);
    await this.durable();
    return s;
  }

  /** Creates the schedule's job now; it is leasable once its record is durable. */
  async triggerSchedule(name: string): Promise<{ schedule: Schedule; job: JobView }> {
    this.writable();
    const out = this.manager.triggerSchedule(name);
    await this.jobsDurable(this.manager.state.lastJobId);
    return { schedule: this.manager.getSchedule(name), job: out.job };
  }

  /** Waits for the journal, then lets polls lease every job up to `lastJobId` and serves their queues' parked polls. */
  private async jobsDurable(lastJobId: string): Promise<void> {
    await this.durable();
    this.manager.markDurable(lastJobId);
    for (const q of this.manager.state.queues.values()) if (q.counts[JobStatus.Pending] > 0) this.scheduleServe(q.name);
  }

  /** The queue of the job that holds this idempotency key, if any (a submit with the key answers with that job). */
  idempotencyQueue(key: string | undefined): string | undefined {
    return key ? this.manager.state.idempotency.get(key)?.queue : undefined;
  }

  /** The queues of those of these jobs that exist (the first watchJobIdsMax ids). */
  queuesOf(jobIds: readonly string[]): Set<string> {
    const out = new Set<string>();
    for (const id of jobIds.slice(0, watchJobIdsMax)) {
      const q = this.manager.state.jobs.get(id)?.queue;
      if (q !== undefined) out.add(q);
    }
    return out;
  }

  /** Subscribes to durable state changes of the given jobs or of a queue. */
  watch(f: WatchFilter, listener: JobListener): () => void {
    const ids = f.jobIds ?? [];
    if (ids.length === 0 && !f.queue) throw invalidArgument("give job_ids or queue to watch");
    if (ids.length > watchJobIdsMax) {
      throw invalidArgument(`job_ids holds ${ids.length} ids; the limit is ${watchJobIdsMax}`);
    }
    for (let i = 0; i < ids.length; i++) checkId(`job_ids[${i}]`, ids[i]);
    if (f.queue) checkName("queue", f.queue, this.manager.limits.queueBytesMax);
    return this.watchers.subscribe(f, listener);
  }

  // ---- internals ----------------------------------------------------------

  private writable(): void {
    if (this.failure !== undefined) throw unavailable(`master stopped accepting writes: ${this.failure.message}`);
    if (this.closed) throw unavailable("master is shutting down");
  }

  private async durable(): Promise<void> {
    // Jobs created by records other than submits (a batch's callbacks) become leasable once durable too.
    const appended = this.manager.state.lastJobId;
    try {
      await this.journal.sync();
      if (appended > this.manager.durableJobId) {
        this.manager.markDurable(appended);
        for (const q of this.createdQueues) this.scheduleServe(q);
      }
      this.createdQueues.clear();
    } catch (e) {
      // A replication quorum not reached in time (docs/ha.md): this write is not acknowledged; the master goes on.
      if (e instanceof DomainError) throw e;
      const err = e instanceof Error ? e : new Error(String(e));
      this.failStop(err);
      throw unavailable(`write not durable, master stopped accepting writes: ${err.message}`);
    }
  }

  /** Runs `fn` with `cause` as the reason for attempts it ends (metrics). */
  private releasing<T>(cause: ReleaseCause, fn: () => T): T {
    this.cause = cause;
    try {
      return fn();
    } finally {
      this.cause = undefined;
    }
  }

  /** A job changed status, or (from === its status) reported progress. */
  private onTransition(job: Job, from: JobStatus | 0): void {
    if (from === job.status) {
      this.watchers.note(job);
      return;
    }
    this.metrics?.transition(job, from, this.cause);
    if (job.status === JobStatus.Running) this.waits.note(Math.max(0, (job.extra?.startedAt ?? job.updatedAt) - job.runAt));
    if (debugEnabled(this.log)) this.log.debug(transitionLine(job, from));
    // A new job is not leasable before its submit is durable: submit() serves parked polls after the sync.
    if (job.status === JobStatus.Pending && from !== 0) this.scheduleServe(job.queue);
    else if (job.status === JobStatus.Pending) this.createdQueues.add(job.queue);
    this.watchers.note(job);
  }

  /** Offers `queue`'s ready jobs to its parked polls, once per microtask for every queue noted. */
  private scheduleServe(queue: string): void {
    if (this.waiters.size === 0) return;
    this.serveQueues.add(queue);
    if (this.serveQueued) return;
    this.serveQueued = true;
    queueMicrotask(() => {
      this.serveQueued = false;
      const queues = [...this.serveQueues];
      this.serveQueues.clear();
      if (this.failure !== undefined || this.closed) return;
      const state = this.manager.state;
      this.waiters.serve(
        queues,
        (w) => this.pollForWaiter(w),
        (q) => (state.queues.get(q)?.counts[JobStatus.Pending] ?? 0) > 0,
      );
      this.armTimer();
    });
  }

  /** A parked poll's share; a limit hit since it parked (e.g. leases per worker) ends the wait empty. */
  private pollForWaiter(w: Waiter): Lease[] {
    try {
      return this.manager.poll(w);
    } catch (e) {
      if (!(e instanceof DomainError)) throw e;
      this.waiters.finish(w, []);
      return [];
    }
  }

  /** (Re)arms the one timer for the earliest due work, if that is sooner than planned. */
  private armTimer(): void {
    if (this.closed) return;
    const now = this.manager.now();
    const next = Math.min(
      this.manager.nextWakeAt(),
      this.workers.nextExpiryAt(),
      now + timerMaxMs,
    );
    if (next >= this.timerAt && this.timer !== undefined) return;
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.timerAt = next;
    this.timer = setTimeout(() => this.onTimer(), Math.max(0, next - now));
  }

  private onTimer(): void {
    this.timer = undefined;
    this.timerAt = Number.POSITIVE_INFINITY;
    if (this.closed) return;
    if (this.failure === undefined) {
      const lastJobId = this.manager.state.lastJobId;
      try {
        this.releasing("worker_timeout", () => this.expireWorkers());
        this.releasing("lease_deadline", () => this.manager.tick());
        // A batch fired by the tick (left due by a crash) made jobs: sync so they become leasable.
        if (this.manager.state.lastJobId > this.manager.durableJobId) void this.durable().catch(() => {});
      } catch (e) {
        this.log.error(`timer work failed: ${e instanceof Error ? e.message : String(e)}`);
      }
      // Schedules' ticks created jobs: leasable once their records are durable (a crash before would forget them).
      const created = this.manager.state.lastJobId;
      if (created !== lastJobId) this.jobsDurable(created).catch(() => {}); // a failed sync has stopped the broker
    }
    this.armTimer();
  }

  private expireWorkers(): void {
    const now = this.manager.now();
    for (const id of this.workers.ownersGone(now)) {
      const ids = this.manager.releaseWorker(id, `worker ${id} did not come back within ${this.workers.timeoutMs} ms of the master's restart`);
      if (ids.length > 0) this.log.warn(`worker ${id} did not come back after the restart; released ${ids.length} job(s)`);
    }
    for (const w of this.workers.expire(now)) {
      this.waiters.dropWorker(w.workerId);
      const ids = this.manager.releaseWorker(
        w.workerId,
        `worker ${w.workerId} missed heartbeats for ${this.workers.timeoutMs} ms`,
      );
      this.log.warn(`worker ${w.workerId} expired; released ${ids.length} job(s)`);
    }
  }
}

/** Waits `ms` or until `signal` aborts: a quiet worker's poll, so it does not spin. */
function quietWait(ms: number, signal: AbortSignal | undefined): Promise<void> {
  if (ms <= 0 || signal?.aborted) return Promise.resolve();
  return new Promise((resolve) => {
    const done = () => {
      clearTimeout(t);
      signal?.removeEventListener("abort", done);
      resolve();
    };
    const t = setTimeout(done, ms);
    signal?.addEventListener("abort", done, { once: true });
  });
}
