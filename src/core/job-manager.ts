// JobManager: the live path. Each command checks its input against the
// current state, builds the record that describes the change, hands it to the
// sink (the journal) and applies it. It owns no timers and reads time only
// from the injected clock; the caller runs tick() when nextWakeAt() is due.

import { backoffMs } from "./backoff.ts";
import { type Defaults, defaultDefaults, defaultLimits, defaultRetention, type Limits, type Retention } from "./config.ts";
import type { Deque } from "./deque.ts";
import { failedPrecondition, invalidArgument, notFound, resourceExhausted } from "./errors.ts";
import { type IdSource, MonotonicIds } from "./ids.ts";
import type { RecordSink, WalRecord } from "./records.ts";
import { apply, JobTable, type TransitionObserver } from "./state.ts";
import { Job, type JobSettings, JobStatus, type JobView, type Lease, statusNames, viewOf } from "./types.ts";
import { type CheckedSpec, checkBytes, checkInt, checkName, checkSpec, type JobSpec } from "./validate.ts";

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
}

export interface SubmitResult {
  job: JobView;
  duplicate: boolean;
}

export interface PollRequest {
  workerId: string;
  queues: readonly string[];
  /** Types the worker can run; undefined or empty: every type. */
  types?: readonly string[];
  count: number;
  leaseMs?: number;
}

export interface ListFilter {
  queue?: string;
  status?: JobStatus;
  type?: string;
  limit?: number;
  pageToken?: string;
}

export interface QueueStatsView {
  queue: string;
  paused: boolean;
  scheduled: number;
  pending: number;
  running: number;
  completed: number;
  failed: number;
  cancelled: number;
  completedTotal: number;
  failedTotal: number;
  /** Mean over the last minute. */
  completedPerSec: number;
  failedPerSec: number;
}

const noSink: RecordSink = { append() {} };
const emptyMetadata: Readonly<Record<string, string>> = Object.freeze({});

export class JobManager {
  readonly state: JobTable;
  readonly limits: Limits;
  readonly defaults: Defaults;
  readonly retention: Retention;
  private readonly clock: () => number;
  private readonly random: () => number;
  private readonly ids: IdSource;
  private readonly sink: RecordSink;
  /** Jobs submitted with the same settings share one frozen object. */
  private lastSettings: JobSettings | undefined;

  constructor(o: ManagerOptions = {}) {
    this.clock = o.clock ?? Date.now;
    this.random = o.random ?? Math.random;
    this.ids = o.ids ?? new MonotonicIds(this.random);
    this.sink = o.sink ?? noSink;
    this.limits = { ...defaultLimits, ...o.limits };
    this.defaults = { ...defaultDefaults, ...o.defaults };
    this.retention = { ...defaultRetention, ...o.retention };
    this.state = o.state ?? new JobTable();
    if (this.state.lastJobId) this.ids.observe(this.state.lastJobId);
  }

  /** Called after every status change of a job (not during recovery). */
  setObserver(fn: TransitionObserver | undefined): void {
    this.state.observer = fn;
  }

  now(): number {
    return this.clock();
  }

  private emit(r: WalRecord): void {
    this.sink.append(r);
    apply(this.state, r);
  }

  // ---- submit -------------------------------------------------------------

  submit(spec: JobSpec): SubmitResult {
    const [r] = this.submitMany([spec]);
    return r as SubmitResult;
  }

  /** All or nothing: every spec is checked before any job is created. */
  submitMany(specs: readonly JobSpec[]): SubmitResult[] {
    if (specs.length > this.limits.submitBatchMax) {
      throw invalidArgument(`batch has ${specs.length} jobs; the limit is ${this.limits.submitBatchMax}`);
    }
    const now = this.clock();
    const checked: CheckedSpec[] = new Array(specs.length);
    const adds = new Map<string, number>();
    for (let i = 0; i < specs.length; i++) {
      try {
        const c = checkSpec(specs[i] as JobSpec, now, this.limits, this.defaults);
        checked[i] = c;
        // A known key adds no job, so a full queue must not refuse the client's retry.
        if (!c.idempotencyKey || !this.state.idempotency.has(c.idempotencyKey)) {
          adds.set(c.queue, (adds.get(c.queue) ?? 0) + 1);
        }
      } catch (e) {
        if (specs.length > 1 && e instanceof Error) e.message = `jobs[${i}]: ${e.message}`;
        throw e;
      }
    }
    for (const [queue, n] of adds) {
      const have = this.state.queues.get(queue)?.unfinished ?? 0;
      if (have + n > this.limits.queueJobsMax) {
        throw resourceExhausted(
          `queue ${queue} holds ${have} unfinished jobs; adding ${n} passes the limit of ${this.limits.queueJobsMax}`,
        );
      }
    }
    const out: SubmitResult[] = new Array(specs.length);
    for (let i = 0; i < checked.length; i++) out[i] = this.submitChecked(checked[i] as CheckedSpec, now);
    return out;
  }

  private submitChecked(c: CheckedSpec, now: number): SubmitResult {
    if (c.idempotencyKey) {
      const existing = this.state.idempotency.get(c.idempotencyKey);
      if (existing !== undefined) return { job: viewOf(existing), duplicate: true };
    }
    const job = new Job(
      this.ids.jobId(now),
      c.queue,
      c.type,
      c.payload,
      c.priority,
      now,
      c.runAt,
      this.settingsFor(c),
    );
    if (c.idempotencyKey) job.ensureExtra().idempotencyKey = c.idempotencyKey;
    this.emit({ kind: "submitted", job });
    return { job: viewOf(job), duplicate: false };
  }

  private settingsFor(c: CheckedSpec): JobSettings {
    const hasMeta = c.metadata !== undefined && Object.keys(c.metadata).length > 0;
    const last = this.lastSettings;
    if (
      !hasMeta &&
      last !== undefined &&
      last.maxAttempts === c.maxAttempts &&
      last.timeoutMs === c.timeoutMs &&
      last.backoffBaseMs === c.backoffBaseMs &&
      last.backoffMaxMs === c.backoffMaxMs
    ) {
      return last;
    }
    const s: JobSettings = Object.freeze({
      maxAttempts: c.maxAttempts,
      timeoutMs: c.timeoutMs,
      backoffBaseMs: c.backoffBaseMs,
      backoffMaxMs: c.backoffMaxMs,
      metadata: hasMeta ? Object.freeze({ ...c.metadata }) : emptyMetadata,
    });
    if (!hasMeta) this.lastSettings = s;
    return s;
  }

  // ---- workers ------------------------------------------------------------

  /** Leases up to `count` ready jobs from the worker's queues: priority first, then ready order. */
  poll(req: PollRequest): Lease[] {
    checkInt("count", req.count, 1, this.limits.pollCountMax);
    const held = this.state.byWorker.get(req.workerId)?.size ?? 0;
    const room = Math.min(req.count, this.limits.leasesPerWorkerMax - held);
    if (room <= 0) {
      throw resourceExhausted(`worker ${req.workerId} holds ${held} leases; the limit is ${this.limits.leasesPerWorkerMax}`);
    }
    const leaseMs = req.leaseMs ?? this.defaults.leaseMs;
    const out: Lease[] = [];
    for (let n = 0; n < room; n++) {
      const job = this.takeReady(req.queues, req.types);
      if (job === undefined) break;
      out.push(this.lease(job, req.workerId, leaseMs));
    }
    return out;
  }

  /** True when poll() would find a job for these queues and types now. */
  hasReady(queues: readonly string[], types?: readonly string[]): boolean {
    return this.bestLane(queues, types) !== undefined;
  }

  private bestLane(queues: readonly string[], types?: readonly string[]) {
    let best: { job: Job; lane: { shift(): void } } | undefined;
    const consider = (lane: { peek(): Job | undefined; shift(): void } | undefined) => {
      const j = lane?.peek();
      if (j === undefined || lane === undefined) return;
      if (best === undefined || j.priority > best.job.priority || (j.priority === best.job.priority && j.stamp < best.job.stamp)) {
        best = { job: j, lane };
      }
    };
    for (const name of queues) {
      const q = this.state.queues.get(name);
      if (q === undefined || q.paused) continue;
      if (types !== undefined && types.length > 0) for (const t of types) consider(q.lanes.get(t));
      else for (const lane of q.lanes.values()) consider(lane);
    }
    return best;
  }

  private takeReady(queues: readonly string[], types?: readonly string[]): Job | undefined {
    const best = this.bestLane(queues, types);
    if (best === undefined) return undefined;
    best.lane.shift();
    return best.job;
  }

  private lease(job: Job, workerId: string, leaseMs: number): Lease {
    const at = this.clock();
    const token = this.ids.leaseToken();
    const deadline = at + leaseMs;
    this.emit({ kind: "leased", jobId: job.id, token, workerId, deadline, attempt: job.attempt + 1, at });
    return { job: viewOf(job), token, deadline };
  }

  /** The job, if `token` is its current lease; else a FAILED_PRECONDITION naming why. */
  private fenced(jobId: string, token: string): Job {
    const job = this.getJob(jobId);
    if (job.status !== JobStatus.Running) {
      throw failedPrecondition(`job ${jobId} is ${statusNames[job.status]}, not running; this lease is no longer valid`);
    }
    if (!token || job.leaseToken !== token) {
      throw failedPrecondition(`lease token for job ${jobId} is stale: the job was leased again since`);
    }
    return job;
  }

  complete(jobId: string, token: string, result?: Uint8Array): JobView {
    const job = this.fenced(jobId, token);
    checkBytes("result", result, this.limits.resultBytesMax);
    this.emit({ kind: "completed", jobId, token, result, at: this.clock() });
    return viewOf(job);
  }

  /** A failed attempt: retried after backoff while attempts remain and `retryable`. */
  fail(jobId: string, token: string, error: string, retryable = true): JobView {
    const job = this.fenced(jobId, token);
    this.failAttempt(job, truncate(error, this.limits.errorBytesMax), retryable);
    return viewOf(job);
  }

  /**
   * Ends the running attempt as failed. A lost lease (`leaseLost`: the worker
   * died or went silent) still counts as an attempt, so a job that kills its
   * worker cannot loop forever, but it is queued again at once: the job did
   * not fail, its worker did, and waiting a backoff would only delay it.
   */
  private failAttempt(job: Job, error: string, retryable: boolean, leaseLost = false): void {
    const at = this.clock();
    const s = job.settings;
    const retry = retryable && job.attempt < s.maxAttempts;
    const delay = leaseLost ? 0 : backoffMs(job.attempt, s.backoffBaseMs, s.backoffMaxMs, this.random);
    const retryAt = retry ? at + delay : 0;
    // retryAt must not be 0 for a retry; at is a real epoch time, so it never is.
    this.emit({ kind: "attemptFailed", jobId: job.id, token: job.leaseToken, error, at, retryAt });
  }

  /**
   * Takes back leases that never reached their worker (the poll's caller had
   * gone): the jobs are PENDING again and the attempts are not counted.
   * Leases that moved on since (acked, expired) are left alone.
   */
  returnLeases(leases: readonly Lease[]): void {
    const at = this.clock();
    for (const l of leases) {
      const job = this.state.jobs.get(l.job.id);
      if (job === undefined || job.status !== JobStatus.Running || job.leaseToken !== l.token) continue;
      this.emit({ kind: "returned", jobId: job.id, token: l.token, at });
    }
  }

  progress(jobId: string, token: string, progress: string): void {
    this.fenced(jobId, token);
    checkBytes("progress", progress, this.limits.progressBytesMax);
    this.emit({ kind: "progress", jobId, progress, at: this.clock() });
  }

  /**
   * Extends the leases of the listed jobs that this worker still holds.
   * `tokens`, parallel to `jobIds`, fences the extension like an ack: a job
   * re-leased since (even to this same worker) is reported lost, so a stale
   * attempt can never keep a newer lease alive. An empty token checks the
   * worker only. Returns the new deadline and the ids it no longer holds.
   */
  heartbeat(
    workerId: string,
    jobIds: readonly string[],
    leaseMs?: number,
    tokens?: readonly string[],
  ): { deadline: number; lost: string[] } {
    const deadline = this.clock() + (leaseMs ?? this.defaults.leaseMs);
    const held: string[] = [];
    const lost: string[] = [];
    for (let i = 0; i < jobIds.length; i++) {
      const id = jobIds[i] as string;
      const token = tokens?.[i];
      const j = this.state.jobs.get(id);
      const holds =
        j !== undefined && j.status === JobStatus.Running && j.workerId === workerId && (!token || j.leaseToken === token);
      (holds ? held : lost).push(id);
    }
    if (held.length > 0) this.emit({ kind: "extended", jobIds: held, deadline });
    return { deadline, lost };
  }

  /**
   * Ends the leases a worker holds as failed attempts (the worker, or the
   * incarnation that held them, is gone), except those whose token is in `keep`.
   */
  releaseWorker(workerId: string, reason: string, keep?: ReadonlySet<string>): string[] {
    const set = this.state.byWorker.get(workerId);
    if (set === undefined) return [];
    const jobs = keep === undefined || keep.size === 0 ? [...set] : [...set].filter((j) => !keep.has(j.leaseToken));
    for (const j of jobs) this.failAttempt(j, reason, true, true);
    return jobs.map((j) => j.id);
  }

  /** Worker ids that hold at least one lease (after recovery: the workers to wait for). */
  leaseOwners(): string[] {
    return [...this.state.byWorker.keys()];
  }

  /** Job ids leased to a worker. */
  leasesOf(workerId: string): string[] {
    return [...(this.state.byWorker.get(workerId) ?? [])].map((j) => j.id);
  }

  // ---- control ------------------------------------------------------------

  /** Cancels a job; `workerId` is set when it was running there, so the caller can tell that worker. */
  cancel(jobId: string): { job: JobView; workerId: string } {
    const job = this.getJob(jobId);
    const workerId = job.status === JobStatus.Running ? job.workerId : "";
    if (job.status === JobStatus.Completed || job.status === JobStatus.Failed || job.status === JobStatus.Cancelled) {
      throw failedPrecondition(`job ${jobId} is ${statusNames[job.status]} already; only unfinished jobs can be cancelled`);
    }
    this.emit({ kind: "cancelled", jobId, at: this.clock() });
    return { job: viewOf(job), workerId };
  }

  /** Puts a FAILED or CANCELLED job back in its queue with a fresh attempt budget. */
  retry(jobId: string): JobView {
    const job = this.getJob(jobId);
    if (job.status !== JobStatus.Failed && job.status !== JobStatus.Cancelled) {
      throw failedPrecondition(`job ${jobId} is ${statusNames[job.status]}; only failed or cancelled jobs can be retried`);
    }
    this.emit({ kind: "retried", jobId, at: this.clock() });
    return viewOf(job);
  }

  pause(queue: string): void {
    this.setPaused(queue, true);
  }

  resume(queue: string): void {
    this.setPaused(queue, false);
  }

  private setPaused(queue: string, paused: boolean): void {
    checkName("queue", queue, this.limits.queueLengthMax);
    if ((this.state.queues.get(queue)?.paused ?? false) === paused) return;
    this.emit({ kind: "queuePaused", queue, paused });
  }

  // ---- time ---------------------------------------------------------------

  /** When tick() next has work: a delayed job falls due, a lease or a retention bound ends. */
  nextWakeAt(): number {
    const s = this.state;
    this.dropStale(s.scheduled, JobStatus.Scheduled);
    this.dropStale(s.leases, JobStatus.Running);
    let t = Math.min(s.scheduled.peekKey(), s.leases.peekKey());
    const r = this.retention;
    const c = s.counts;
    const dead = (c[JobStatus.Failed] as number) + (c[JobStatus.Cancelled] as number);
    t = Math.min(
      t,
      this.retentionDue(s.completedLog, r.completedAgeMs, (c[JobStatus.Completed] as number) > r.completedCountMax),
      this.retentionDue(s.deadLog, r.deadAgeMs, dead > r.deadCountMax),
    );
    return t;
  }

  private dropStale(h: JobTable["scheduled"], status: JobStatus): void {
    for (;;) {
      const j = h.peekItem();
      if (j === undefined || (j.status === status && j.stamp === h.peekStamp())) return;
      h.pop();
    }
  }

  /** Past the count bound the head is due now (its finish time, which is not later than now). */
  private retentionDue(log: Deque<Job>, ageMs: number, overCount: boolean): number {
    const j = liveHead(log);
    if (j === undefined) return Number.POSITIVE_INFINITY;
    const finishedAt = j.extra?.finishedAt ?? 0;
    return overCount ? finishedAt : finishedAt + ageMs;
  }

  /** Promotes due jobs, expires due leases, removes finished jobs past retention. Returns records written. */
  tick(): number {
    const now = this.clock();
    let n = 0;
    const s = this.state;
    this.dropStale(s.scheduled, JobStatus.Scheduled);
    if (s.scheduled.peekKey() <= now) {
      this.emit({ kind: "promoted", at: now });
      n++;
    }
    n += this.expireLeases(now);
    n += this.applyRetention(now);
    return n;
  }

  private expireLeases(now: number): number {
    const h = this.state.leases;
    let n = 0;
    for (;;) {
      this.dropStale(h, JobStatus.Running);
      if (h.peekKey() > now) return n;
      const job = h.peekItem() as Job;
      const stamp = h.peekStamp();
      h.pop();
      if (job.leaseDeadline > now) {
        h.push(job.leaseDeadline, job, stamp); // extended by a heartbeat since
        continue;
      }
      this.failAttempt(job, `lease expired: worker ${job.workerId} did not finish or extend it in time`, true, true);
      n++;
    }
  }

  private applyRetention(now: number): number {
    const s = this.state;
    const r = this.retention;
    const ids = [
      ...overRetention(s.completedLog, s.counts[JobStatus.Completed] as number, r.completedCountMax, now - r.completedAgeMs),
      ...overRetention(
        s.deadLog,
        (s.counts[JobStatus.Failed] as number) + (s.counts[JobStatus.Cancelled] as number),
        r.deadCountMax,
        now - r.deadAgeMs,
      ),
    ];
    if (ids.length === 0) return 0;
    this.emit({ kind: "removed", jobIds: ids });
    return 1;
  }

  // ---- inspection ---------------------------------------------------------

  private getJob(jobId: string): Job {
    if (!jobId) throw invalidArgument("job_id must not be empty");
    const job = this.state.jobs.get(jobId);
    if (job === undefined) throw notFound(`job ${jobId} not found`);
    return job;
  }

  get(jobId: string): JobView {
    return viewOf(this.getJob(jobId));
  }

  /** Jobs held, in every state. */
  jobCount(): number {
    return this.state.jobs.size;
  }

  /** Jobs in id (= submit) order, filtered; pageToken is the last id of the previous page. */
  list(f: ListFilter = {}): { jobs: JobView[]; nextPageToken: string } {
    const limit = checkInt("limit", f.limit || undefined, 1, this.limits.listLimitMax) ?? this.defaults.listLimit;
    if (f.status && statusNames[f.status] === undefined) throw invalidArgument(`status ${f.status} is not a job status`);
    const out: JobView[] = [];
    const after = f.pageToken ?? "";
    for (const j of this.state.jobs.values()) {
      if (j.id <= after) continue;
      if (f.queue && j.queue !== f.queue) continue;
      if (f.status && j.status !== f.status) continue;
      if (f.type && j.type !== f.type) continue;
      if (out.length === limit) return { jobs: out, nextPageToken: out[out.length - 1]?.id ?? "" };
      out.push(viewOf(j));
    }
    return { jobs: out, nextPageToken: "" };
  }

  stats(): QueueStatsView[] {
    const now = this.clock();
    const out: QueueStatsView[] = [];
    for (const q of this.state.queues.values()) {
      const c = q.counts;
      out.push({
        queue: q.name,
        paused: q.paused,
        scheduled: c[JobStatus.Scheduled] as number,
        pending: c[JobStatus.Pending] as number,
        running: c[JobStatus.Running] as number,
        completed: c[JobStatus.Completed] as number,
        failed: c[JobStatus.Failed] as number,
        cancelled: c[JobStatus.Cancelled] as number,
        completedTotal: q.completedTotal,
        failedTotal: q.failedTotal,
        completedPerSec: q.completedRate.perSec(now),
        failedPerSec: q.failedRate.perSec(now),
      });
    }
    return out.sort((a, b) => (a.queue < b.queue ? -1 : 1));
  }
}

function liveHead(log: Deque<Job>): Job | undefined {
  while (log.length > 0) {
    const j = log.peekItem() as Job;
    if (j.stamp === log.peekStamp()) return j;
    log.shift();
  }
  return undefined;
}

/** Ids at the head of a finish log that are past the count bound or finished before `cutoff`. */
function overRetention(log: Deque<Job>, count: number, countMax: number, cutoff: number): string[] {
  const ids: string[] = [];
  // Entries taken here belong to jobs the removed record is about to delete.
  while (log.length > 0) {
    const j = liveHead(log);
    if (j === undefined) break;
    if (count - ids.length <= countMax && (j.extra?.finishedAt ?? 0) > cutoff) break;
    ids.push(j.id);
    log.shift();
  }
  return ids;
}

function truncate(s: string, bytesMax: number): string {
  if (Buffer.byteLength(s) <= bytesMax) return s;
  const b = Buffer.from(s);
  let end = bytesMax;
  while (end > 0 && ((b[end] as number) & 0xc0) === 0x80) end--; // back to a character boundary
  return b.subarray(0, end).toString();
}
