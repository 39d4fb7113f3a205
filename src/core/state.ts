// JobTable holds every job and its indexes; apply() is the one transition
// function. The live path (JobManager) and recovery both call apply() with
// the same records in the same order, so they build the same state. Nothing
// here reads a clock or draws a random number.

import { Deque } from "./deque.ts";
import { failedPrecondition } from "./errors.ts";
import { TimerHeap } from "./heap.ts";
import { Lane } from "./lane.ts";
import { RateWindow } from "./rate.ts";
import { assertTransition } from "./lifecycle.ts";
import type { WalRecord } from "./records.ts";
import { isTerminal, type Job, JobStatus } from "./types.ts";

export class QueueState {
  paused = false;
  readonly lanes = new Map<string, Lane>();
  /** Jobs by status (index = JobStatus). */
  readonly counts = [0, 0, 0, 0, 0, 0, 0];
  completedTotal = 0;
  failedTotal = 0;
  /** Jobs finished per second over the last minute (throughput). */
  readonly completedRate = new RateWindow(60);
  readonly failedRate = new RateWindow(60);

  constructor(readonly name: string) {}

  get unfinished(): number {
    const c = this.counts;
    return (c[JobStatus.Scheduled] as number) + (c[JobStatus.Pending] as number) + (c[JobStatus.Running] as number);
  }
}

export type TransitionObserver = (job: Job, from: JobStatus | 0) => void;

/**
 * Lets a background snapshot copy a job before apply() changes it
 * (copy-on-write), so the snapshot shows the state at one WAL position even
 * though it is written over many event-loop turns.
 */
export interface ChangeHooks {
  /** An existing job is about to change or be removed. */
  beforeChange(job: Job): void;
  /** A job was just added. */
  inserted(job: Job): void;
}

export class JobTable {
  readonly jobs = new Map<string, Job>();
  readonly queues = new Map<string, QueueState>();
  readonly idempotency = new Map<string, Job>();
  readonly scheduled = new TimerHeap<Job>();
  readonly leases = new TimerHeap<Job>();
  /** Finished jobs in finish order, for retention. */
  readonly completedLog = new Deque<Job>();
  readonly deadLog = new Deque<Job>();
  readonly byWorker = new Map<string, Set<Job>>();
  /** Jobs by status over all queues (index = JobStatus). */
  readonly counts = [0, 0, 0, 0, 0, 0, 0];
  stampSeq = 0;
  lastJobId = "";
  /** Called for every status change once its record is fully applied; set by the live path only. */
  observer: TransitionObserver | undefined = undefined;
  hooks: ChangeHooks | undefined = undefined;
  // Status changes of the record being applied, for the observer. Reused
  // arrays, not a tuple per change: this runs for every change of every job.
  private readonly changedJobs: Job[] = [];
  private readonly changedFrom: (JobStatus | 0)[] = [];

  noteChange(job: Job, from: JobStatus | 0): void {
    if (this.observer === undefined) return;
    this.changedJobs.push(job);
    this.changedFrom.push(from);
  }

  /**
   * Hands the changes of the record just applied to the observer. The
   * observer must not apply records itself (the broker's only schedules work).
   */
  flushChanges(): void {
    const obs = this.observer;
    const n = this.changedJobs.length;
    if (obs === undefined || n === 0) return;
    for (let i = 0; i < n; i++) obs(this.changedJobs[i] as Job, this.changedFrom[i] as JobStatus | 0);
    this.changedJobs.length = 0;
    this.changedFrom.length = 0;
  }

  queue(name: string): QueueState {
    let q = this.queues.get(name);
    if (q === undefined) {
      q = new QueueState(name);
      this.queues.set(name, q);
    }
    return q;
  }

  /** The job a record names, about to be changed by it. */
  job(id: string): Job {
    const j = this.jobs.get(id);
    if (j === undefined) throw failedPrecondition(`record names unknown job ${id}`);
    this.hooks?.beforeChange(j);
    return j;
  }
}

function setStatus(s: JobTable, job: Job, to: JobStatus, at: number): void {
  const from = job.status;
  assertTransition(job.id, from, to);
  const q = s.queue(job.queue);
  (q.counts[from] as number)--;
  (q.counts[to] as number)++;
  (s.counts[from] as number)--;
  (s.counts[to] as number)++;
  job.status = to;
  job.updatedAt = at;
  s.noteChange(job, from);
}

function makeReady(s: JobTable, job: Job, q: QueueState = s.queue(job.queue)): void {
  job.stamp = ++s.stampSeq;
  let lane = q.lanes.get(job.type);
  if (lane === undefined) {
    lane = new Lane();
    q.lanes.set(job.type, lane);
  }
  lane.push(job);
}

function schedule(s: JobTable, job: Job): void {
  job.stamp = ++s.stampSeq;
  s.scheduled.push(job.runAt, job, job.stamp);
}

function holdLease(s: JobTable, job: Job): void {
  job.stamp = ++s.stampSeq;
  s.leases.push(job.leaseDeadline, job, job.stamp);
  let set = s.byWorker.get(job.workerId);
  if (set === undefined) {
    set = new Set();
    s.byWorker.set(job.workerId, set);
  }
  set.add(job);
}

function releaseLease(s: JobTable, job: Job): void {
  const set = s.byWorker.get(job.workerId);
  if (set !== undefined) {
    set.delete(job);
    if (set.size === 0) s.byWorker.delete(job.workerId);
  }
  job.leaseToken = "";
  job.leaseDeadline = 0;
}

function finish(s: JobTable, job: Job, to: JobStatus, at: number): void {
  setStatus(s, job, to, at);
  job.ensureExtra().finishedAt = at;
  job.stamp = ++s.stampSeq;
  (to === JobStatus.Completed ? s.completedLog : s.deadLog).push(job, job.stamp);
  const q = s.queue(job.queue);
  if (to === JobStatus.Completed) {
    q.completedTotal++;
    q.completedRate.add(at);
  } else if (to === JobStatus.Failed) {
    q.failedTotal++;
    q.failedRate.add(at);
  }
}

function runningWithToken(s: JobTable, id: string, token: string): Job {
  const job = s.job(id);
  if (job.status !== JobStatus.Running || job.leaseToken !== token) {
    throw failedPrecondition(`record for job ${id} carries a lease token the job does not hold`);
  }
  return job;
}

/** Inserts a job that is new to the state, indexed for its status. */
export function insertJob(s: JobTable, job: Job): void {
  if (s.jobs.has(job.id)) throw failedPrecondition(`job ${job.id} exists already`);
  s.jobs.set(job.id, job);
  if (job.id > s.lastJobId) s.lastJobId = job.id;
  const key = job.extra?.idempotencyKey;
  if (key) s.idempotency.set(key, job);
  const q = s.queue(job.queue);
  (q.counts[job.status] as number)++;
  (s.counts[job.status] as number)++;
  switch (job.status) {
    case JobStatus.Scheduled:
      schedule(s, job);
      return;
    case JobStatus.Pending:
      makeReady(s, job, q);
      return;
    case JobStatus.Running:
      holdLease(s, job);
      return;
    default:
      job.stamp = ++s.stampSeq;
      (job.status === JobStatus.Completed ? s.completedLog : s.deadLog).push(job, job.stamp);
  }
}

function removeJob(s: JobTable, id: string): void {
  const job = s.jobs.get(id);
  if (job === undefined) return;
  if (!isTerminal(job.status)) throw failedPrecondition(`cannot remove job ${id}: it is not finished`);
  s.hooks?.beforeChange(job);
  s.jobs.delete(id);
  const key = job.extra?.idempotencyKey;
  if (key && s.idempotency.get(key) === job) s.idempotency.delete(key);
  const q = s.queue(job.queue);
  (q.counts[job.status] as number)--;
  (s.counts[job.status] as number)--;
  job.stamp = -1; // invalidates its retention-log entry
}

export function apply(s: JobTable, r: WalRecord): void {
  applyRecord(s, r);
  s.flushChanges();
}

function applyRecord(s: JobTable, r: WalRecord): void {
  switch (r.kind) {
    case "submitted": {
      const job = r.job;
      job.status = job.runAt > job.createdAt ? JobStatus.Scheduled : JobStatus.Pending;
      insertJob(s, job);
      s.hooks?.inserted(job);
      s.noteChange(job, 0);
      return;
    }
    case "promoted":
      while (s.scheduled.peekKey() <= r.at) {
        const job = s.scheduled.peekItem() as Job;
        const live = job.status === JobStatus.Scheduled && job.stamp === s.scheduled.peekStamp();
        s.scheduled.pop();
        if (!live) continue;
        s.hooks?.beforeChange(job);
        setStatus(s, job, JobStatus.Pending, r.at);
        makeReady(s, job);
      }
      return;
    case "leased": {
      const job = s.job(r.jobId);
      setStatus(s, job, JobStatus.Running, r.at);
      job.attempt = r.attempt;
      job.leaseToken = r.token;
      job.leaseDeadline = r.deadline;
      job.workerId = r.workerId;
      job.ensureExtra().startedAt = r.at;
      holdLease(s, job);
      return;
    }
    case "extended":
      for (const id of r.jobIds) {
        const job = s.jobs.get(id);
        if (job === undefined || job.status !== JobStatus.Running) continue;
        s.hooks?.beforeChange(job);
        job.leaseDeadline = r.deadline;
      }
      return;
    case "completed": {
      const job = runningWithToken(s, r.jobId, r.token);
      releaseLease(s, job);
      const x = job.ensureExtra();
      x.result = r.result;
      x.error = "";
      finish(s, job, JobStatus.Completed, r.at);
      return;
    }
    case "attemptFailed": {
      const job = runningWithToken(s, r.jobId, r.token);
      releaseLease(s, job);
      job.ensureExtra().error = r.error;
      if (r.retryAt === 0) {
        finish(s, job, JobStatus.Failed, r.at);
        return;
      }
      job.runAt = r.retryAt;
      if (r.retryAt > r.at) {
        setStatus(s, job, JobStatus.Scheduled, r.at);
        schedule(s, job);
      } else {
        setStatus(s, job, JobStatus.Pending, r.at);
        makeReady(s, job);
      }
      return;
    }
    case "cancelled": {
      const job = s.job(r.jobId);
      if (job.status === JobStatus.Running) releaseLease(s, job);
      finish(s, job, JobStatus.Cancelled, r.at);
      return;
    }
    case "retried": {
      const job = s.job(r.jobId);
      setStatus(s, job, JobStatus.Pending, r.at);
      job.attempt = 0;
      job.runAt = r.at;
      job.ensureExtra().finishedAt = 0;
      makeReady(s, job);
      return;
    }
    case "removed":
      for (const id of r.jobIds) removeJob(s, id);
      return;
    case "queuePaused":
      s.queue(r.queue).paused = r.paused;
      return;
    case "returned": {
      const job = runningWithToken(s, r.jobId, r.token);
      releaseLease(s, job);
      job.attempt--;
      setStatus(s, job, JobStatus.Pending, r.at);
      makeReady(s, job);
      return;
    }
    case "progress": {
      const job = s.job(r.jobId);
      job.ensureExtra().progress = r.progress;
      job.updatedAt = r.at;
      return;
    }
  }
}

/**
 * Rebuilds indexes from a snapshot's jobs. Jobs are inserted in stamp order,
 * so ready lanes and retention logs keep the order they had when the
 * snapshot was taken.
 */
export function restore(s: JobTable, jobs: Job[], pausedQueues: string[]): void {
  jobs.sort((a, b) => a.stamp - b.stamp);
  for (const job of jobs) insertJob(s, job);
  // JobManager.list() pages in map order, which must be id order as on the live path.
  const byId = [...s.jobs.values()].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  s.jobs.clear();
  for (const job of byId) s.jobs.set(job.id, job);
  for (const q of pausedQueues) s.queue(q).paused = true;
}
