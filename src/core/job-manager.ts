// JobManager: the live path. Each command checks its input against the
// current state, builds the record that describes the change, hands it to the
// sink (the journal) and applies it. It owns no timers and reads time only
// from the injected clock; the caller runs tick() when nextWakeAt() is due.
//
// The class holds the manager's state and its public API; the work lives in
// one file per idea: commands.ts (submit, cancel, retry, pause), leases.ts
// (poll, acks, heartbeats), timers.ts (promotion, lease expiry, retention),
// queries.ts (get, list, stats) and tokens.ts (API tokens).

import { apply } from "./apply.ts";
import type { TokenEntry } from "./auth.ts";
import {
  cancelJob,
  deleteJob,
  pauseQueue,
  promoteJob,
  queueLimitsOf,
  retryJob,
  type SubmitResult,
  setQueueLimits,
  setQueueRetention,
  submitJobs,
} from "./commands.ts";
import {
  type Defaults,
  defaultDefaults,
  defaultLimits,
  defaultRetention,
  type Limits,
  type QueueRetention,
  type Retention,
} from "./config.ts";
import { invalidArgument, notFound } from "./errors.ts";
import { type IdSource, MonotonicIds } from "./ids.ts";
import {
  completeJob,
  failJob,
  hasReadyJob,
  heartbeatLeases,
  pollJobs,
  type PollRequest,
  rateLimitJob,
  releaseWorkerLeases,
  returnWorkerLeases,
  reportProgress,
  returnLeases,
} from "./leases.ts";
import { type ListFilter, type ListPage, listJobs, type QueueStatsView, queueStats, remainingAfter } from "./queries.ts";
import type { RecordSink, WalRecord } from "./records.ts";
import type { QueueLimits } from "./flow.ts";
import { type QueueFlowView, queueFlowView } from "./flow-view.ts";
import {
  createSchedule,
  deleteSchedule,
  listSchedules,
  pauseSchedule,
  type ScheduleSpec,
  scheduleNamed,
  triggerSchedule,
} from "./schedule-commands.ts";
import { type CronEngine, copySchedule, noCron, type Schedule } from "./schedules.ts";
import { SettingsInterner } from "./settings.ts";
import { JobTable, type TransitionObserver } from "./state.ts";
import { nextWakeAt, tick } from "./timers.ts";
import { createToken, listTokens, noteTokensUsed, revokeToken } from "./tokens.ts";
import { quote } from "./text.ts";
import { type Job, type JobView, type Lease, viewOf } from "./types.ts";
import type { JobSpec } from "./validate.ts";
import {
  type BatchSpec,
  type BatchView,
  batchViewOf,
  closeBatch,
  createBatch,
  type DependencyResult,
  dependencyResults,
  type FlowNode,
  type FlowResult,
  fireDueBatches,
  getBatch,
  submitFlow,
} from "./workflows.ts";

export interface ManagerOptions {
  clock?: () => number;
  random?: () => number;
  ids?: IdSource;
  sink?: RecordSink;
  limits?: Partial<Limits>;
  defaults?: Partial<Defaults>;
  retention?: Partial<Retention>;
  /** Existing state, e.g. from recovery. */
  state?: JobTable;
  /** Lease only jobs whose submit is durable (see markDurable); default false. */
  gateLeasesOnDurability?: boolean;
  /** Parses and evaluates schedules' cron expressions (src/master/cron.ts); without one only --every schedules work. */
  cron?: CronEngine;
}

const noSink: RecordSink = { append() {} };

export class JobManager {
  readonly state: JobTable;
  readonly limits: Limits;
  readonly defaults: Defaults;
  readonly retention: Retention;
  // The rest is for the files that do the work (commands, leases, timers, queries).
  readonly clock: () => number;
  readonly random: () => number;
  readonly ids: IdSource;
  readonly sink: RecordSink;
  readonly cron: CronEngine;
  /** Told about schedule ticks that were skipped or run late (the broker logs them); live path only. */
  scheduleLog: ((message: string) => void) | undefined = undefined;
  /** Jobs submitted with equal settings share one frozen object. */
  readonly settings = new SettingsInterner();
  /** When set, poll() hands out only jobs with an id <= durableJobId. */
  leasesGated = false;
  /** The newest job id whose submit record is durable; live path only, never persisted. */
  durableJobId = "";
  private firing = false;

  constructor(o: ManagerOptions = {}) {
    this.clock = o.clock ?? Date.now;
    this.random = o.random ?? Math.random;
    this.ids = o.ids ?? new MonotonicIds();
    this.sink = o.sink ?? noSink;
    this.cron = o.cron ?? noCron;
    this.limits = { ...defaultLimits, ...o.limits };
    this.defaults = { ...defaultDefaults, ...o.defaults };
    this.retention = { ...defaultRetention, ...o.retention };
    this.state = o.state ?? new JobTable();
    if (this.state.lastJobId) this.ids.observe(this.state.lastJobId);
    if (o.gateLeasesOnDurability) this.gateLeasesOnDurability();
  }

  /** Called after every status change of a job (not during recovery). */
  setObserver(fn: TransitionObserver | undefined): void {
    this.state.observer = fn;
  }

  now(): number {
    return this.clock();
  }

  /** Appends the record to the sink, then applies it: the one way state changes on the live path. */
  emit(r: WalRecord): void {
    this.sink.append(r);
    apply(this.state, r);
    // A batch this record completed fires right after it, in the same call (docs/workflows.md).
    if (this.state.batchesDue.size > 0 && !this.firing) this.fireBatches();
  }

  /** Writes batch_fired records for the batches that are due; returns how many. */
  fireBatches(): number {
    if (this.firing) return 0;
    this.firing = true;
    try {
      return fireDueBatches(this);
    } finally {
      this.firing = false;
    }
  }

  /** The job, or NOT_FOUND. */
  getJob(jobId: string): Job {
    if (!jobId) throw invalidArgument("job_id must not be empty");
    const job = this.state.jobs.get(jobId);
    if (job === undefined) throw notFound(`job ${quote(jobId)} not found`);
    return job;
  }

  // ---- durability gate ----------------------------------------------------

  /**
   * From now on poll() hands out a job only once its submit record is
   * durable, as markDurable() reports: a job leased before that could run,
   * be forgotten by a crash, be submitted again by the producer's retry and
   * run twice. Every job in the table now counts as durable: it was recovered.
   */
  gateLeasesOnDurability(): void {
    this.leasesGated = true;
    this.markDurable(this.state.lastJobId);
  }

  /**
   * The submit records of every job up to `lastJobId` are durable. Job ids
   * grow with submit order and the journal is a prefix of what was applied,
   * so one id marks them all. Only ever raises the mark.
   */
  markDurable(lastJobId: string): void {
    if (lastJobId > this.durableJobId) this.durableJobId = lastJobId;
  }

  // ---- commands -------------------------------------------------------------

  submit(spec: JobSpec): SubmitResult {
    return submitJobs(this, [spec])[0] as SubmitResult;
  }

  /** All or nothing: every spec is checked before any job is created. */
  submitMany(specs: readonly JobSpec[], batch?: boolean): SubmitResult[] {
    return submitJobs(this, specs, batch);
  }

  /** A tree (or DAG) of jobs in one record, all or nothing; parents run after their children. */
  submitFlow(root: FlowNode): FlowResult {
    return submitFlow(this, root);
  }

  createBatch(spec: BatchSpec): BatchView {
    return createBatch(this, spec);
  }

  /** No more jobs join the batch; it fires once they all finished (at once, if they have). */
  closeBatch(batchId: string): BatchView {
    return closeBatch(this, batchId);
  }

  getBatch(batchId: string): BatchView {
    return batchViewOf(getBatch(this, batchId));
  }

  /** The jobs a running job waited for, with results; for the holder of its lease. */
  dependencies(jobId: string, token: string): DependencyResult[] {
    return dependencyResults(this, jobId, token);
  }

  /** Cancels a job; `workerId` is set when it was running there, so the caller can tell that worker. */
  cancel(jobId: string): { job: JobView; workerId: string } {
    return cancelJob(this, jobId);
  }

  /** Puts a FAILED or CANCELLED job back in its queue with a fresh attempt budget. */
  retry(jobId: string): JobView {
    return retryJob(this, jobId);
  }

  /** Removes a job that is not running (FAILED_PRECONDITION for a running one); returns it as it was. */
  delete(jobId: string): JobView {
    return deleteJob(this, jobId);
  }

  /** Makes a SCHEDULED job PENDING now. */
  promote(jobId: string): JobView {
    return promoteJob(this, jobId);
  }

  pause(queue: string): void {
    pauseQueue(this, queue, true);
  }

  resume(queue: string): void {
    pauseQueue(this, queue, false);
  }

  /** A queue's own retention bounds, on top of the global ones; 0 leaves a bound unset, all 0 clears. */
  setRetention(queue: string, r: QueueRetention): void {
    setQueueRetention(this, queue, r);
  }

  /** A queue's own retention bounds, if it has any. */
  queueRetention(queue: string): QueueRetention | undefined {
    const r = this.state.queues.get(queue)?.retention;
    return r === undefined ? undefined : { ...r };
  }

  /** A queue's limits (0 = unlimited; all 0 clears); a record only when they change. */
  setQueueLimits(queue: string, limits: Partial<QueueLimits>): void {
    setQueueLimits(this, queue, limits);
  }

  /** A queue's limits; all 0 when it has none. */
  queueLimits(queue: string): QueueLimits {
    return queueLimitsOf(this, queue);
  }

  /** A queue's flow state now: what holds it, its groups, the busiest `top` of them. */
  queueFlow(queue: string, top?: number): QueueFlowView {
    return queueFlowView(this, queue, top);
  }

  // ---- schedules ------------------------------------------------------------

  /** Creates a schedule (ALREADY_EXISTS for a used name unless `replace`); returns a copy. */
  createSchedule(spec: ScheduleSpec, replace = false): Schedule {
    return createSchedule(this, spec, replace);
  }

  getSchedule(name: string): Schedule {
    return copySchedule(scheduleNamed(this, name));
  }

  /** Copies of the schedules, by name; of one queue when given. */
  listSchedules(queue?: string): Schedule[] {
    return listSchedules(this, queue);
  }

  pauseSchedule(name: string, paused: boolean): Schedule {
    return pauseSchedule(this, name, paused);
  }

  /** Removes a schedule; its jobs stay. Returns it as it was. */
  deleteSchedule(name: string): Schedule {
    return deleteSchedule(this, name);
  }

  /** Creates the schedule's job now; its next tick stays. */
  triggerSchedule(name: string): { schedule: Schedule; job: JobView } {
    return triggerSchedule(this, name);
  }

  // ---- API tokens -----------------------------------------------------------

  /**
   * Stores a token (its secret only as a hash). Checks every field first:
   * INVALID_ARGUMENT for a malformed one, ALREADY_EXISTS for a used id or
   * name, RESOURCE_EXHAUSTED at tokensMax. Returns a copy of the entry.
   */
  createToken(entry: TokenEntry): TokenEntry {
    return createToken(this, entry);
  }

  /** Removes the token with this id, or else this name (NOT_FOUND if none); returns it as it was. */
  revokeToken(idOrName: string, at: number): TokenEntry {
    return revokeToken(this, idOrName, at);
  }

  /** Records that these tokens were used by `at`; ids no longer present are left out, and none writes nothing. */
  noteTokensUsed(ids: string[], at: number): void {
    noteTokensUsed(this, ids, at);
  }

  /** The stored entry, for the authenticator's every call: read it, never change it. */
  token(id: string): TokenEntry | undefined {
    return this.state.tokens.get(id);
  }

  /** Copies of every token, sorted by name. */
  tokens(): TokenEntry[] {
    return listTokens(this);
  }

  // ---- workers --------------------------------------------------------------

  /** Leases up to `count` ready jobs from the worker's queues: priority first, then ready order. */
  poll(req: PollRequest): Lease[] {
    return pollJobs(this, req);
  }

  /** True when poll() would find a job for these queues and types now. */
  hasReady(queues: readonly string[], types?: readonly string[]): boolean {
    return hasReadyJob(this, queues, types);
  }

  /** `logs`: the attempt's ctx.log lines, within jobLogLinesMax and jobLogBytesMax. */
  complete(jobId: string, token: string, result?: Uint8Array, logs?: string[]): JobView {
    return completeJob(this, jobId, token, result, logs);
  }

  /** A failed attempt: retried after backoff while attempts remain and `retryable`. */
  fail(jobId: string, token: string, error: string, retryable = true, logs?: string[]): JobView {
    return failJob(this, jobId, token, error, retryable, logs);
  }

  /** The handler was rate limited: SCHEDULED again after retryAfterMs, attempt refunded; optionally its group held as long. */
  rateLimited(jobId: string, token: string, retryAfterMs: number, pauseGroup = false): JobView {
    return rateLimitJob(this, jobId, token, retryAfterMs, pauseGroup);
  }

  progress(jobId: string, token: string, progress: string): void {
    reportProgress(this, jobId, token, progress);
  }

  /**
   * Extends the leases of the listed jobs that this worker still holds under
   * the token given for each (`tokens` is parallel to `jobIds`). A job
   * re-leased since, even to this same worker, is reported lost, so a stale
   * attempt can never keep a newer lease alive. Returns the new deadline and
   * the ids it no longer holds.
   */
  heartbeat(
    workerId: string,
    jobIds: readonly string[],
    leaseMs: number | undefined,
    tokens: readonly string[],
  ): { deadline: number; lost: string[] } {
    return heartbeatLeases(this, workerId, jobIds, leaseMs, tokens);
  }

  /**
   * Takes back leases that never reached their worker (the poll's caller had
   * gone): the jobs are PENDING again and the attempts are not counted.
   */
  returnLeases(leases: readonly Lease[]): void {
    returnLeases(this, leases);
  }

  /**
   * Hands back every lease a worker holds (a clean leave): PENDING again,
   * attempts not counted. Returns the job ids.
   */
  returnWorker(workerId: string): string[] {
    return returnWorkerLeases(this, workerId);
  }

  /**
   * Ends the leases a worker holds as failed attempts (the worker, or the
   * incarnation that held them, is gone), except those whose token is in `keep`.
   */
  releaseWorker(workerId: string, reason: string, keep?: ReadonlySet<string>): string[] {
    return releaseWorkerLeases(this, workerId, reason, keep);
  }

  // ---- time -----------------------------------------------------------------

  /** When tick() next has work: a delayed job or a schedule's tick falls due, a lease or a retention bound ends. */
  nextWakeAt(): number {
    return nextWakeAt(this);
  }

  /** Fires due schedules, promotes due jobs, expires due leases, removes finished jobs past retention. Returns records written. */
  tick(): number {
    return tick(this);
  }

  // ---- inspection -----------------------------------------------------------

  get(jobId: string): JobView {
    return viewOf(this.getJob(jobId));
  }

  /** Jobs held, in every state. */
  jobCount(): number {
    return this.state.jobs.size;
  }

  /**
   * Jobs in id (= submit) order, oldest or newest first, filtered; pageToken
   * is the last id of the previous page. A call examines at most
   * limits.listScanMax jobs (then `partial`, with a token to go on).
   */
  list(f: ListFilter = {}): ListPage {
    return listJobs(this, f);
  }

  /** Jobs after `pageToken` in the list order of `f` when `f` filters nothing; else 0 (unknown). */
  remainingAfter(f: ListFilter, pageToken: string): number {
    return remainingAfter(this, f, pageToken);
  }

  stats(): QueueStatsView[] {
    return queueStats(this);
  }

  /** Worker ids that hold at least one lease (after recovery: the workers to wait for). */
  leaseOwners(): string[] {
    return [...this.state.byWorker.keys()];
  }

  /** Job ids leased to a worker. */
  leasesOf(workerId: string): string[] {
    return [...(this.state.byWorker.get(workerId) ?? [])].map((j) => j.id);
  }
}
