// Work that falls due with time: delayed jobs become ready, queues and groups
// held by flow control (a rate's next token, a handler's pause) may run again
// (both by one `promoted` record), leases past their deadline end as failed
// attempts, finished jobs past retention are removed.
// The caller runs tick() when nextWakeAt() is due; nothing here keeps a timer.
//
// Retention has global bounds (m.retention) and, for queues that set them,
// per-queue bounds on top. Each is checked at the head of a finish log (the
// global logs, and one pair per queue), so a check costs O(1) per removed job
// plus O(queues with their own bounds) per wake-up.

import type { QueueRetention, Retention } from "./config.ts";
import { deadCount, type StatusCounts } from "./counts.ts";
import type { Deque } from "./deque.ts";
import type { TimerHeap } from "./heap.ts";
import type { JobManager } from "./job-manager.ts";
import { failAttempt } from "./leases.ts";
import { dropStaleSchedules, fireDueSchedules } from "./schedule-commands.ts";
import { type Job, JobStatus } from "./types.ts";

export function nextWakeAt(m: JobManager): number {
  const s = m.state;
  // A batch left due by a crash between its last job's record and its batch_fired record.
  if (s.batchesDue.size > 0) return m.clock();
  dropStale(s.scheduled, JobStatus.Scheduled);
  dropStale(s.leases, JobStatus.Running);
  dropStaleSchedules(m);
  const r = m.retention;
  const c = s.counts;
  dropStaleWakes(m);
  let at = Math.min(
    s.scheduled.peekKey(),
    s.flowWakes.peekKey(),
    s.leases.peekKey(),
    s.scheduleDue.peekKey(),
    retentionDue(s.completedLog, r.completedAgeMs, c[JobStatus.Completed] > r.completedCountMax),
    retentionDue(s.deadLog, r.deadAgeMs, deadCount(c) > r.deadCountMax),
  );
  for (const q of s.retained) {
    const b = bounds(q.retention as QueueRetention);
    at = Math.min(
      at,
      retentionDue(q.completedLog, b.completedAgeMs, q.counts[JobStatus.Completed] > b.completedCountMax),
      retentionDue(q.deadLog, b.deadAgeMs, deadCount(q.counts) > b.deadCountMax),
    );
  }
  return at;
}

/** A queue's bounds with the unset ones (0) made unbounded. */
function bounds(r: QueueRetention): Retention {
  const or = (n: number) => n || Number.POSITIVE_INFINITY;
  return { completedAgeMs: or(r.completedAgeMs), completedCountMax: or(r.completedCountMax), deadAgeMs: or(r.deadAgeMs), deadCountMax: or(r.deadCountMax) };
}

export function tick(m: JobManager): number {
  const now = m.clock();
  const s = m.state;
  // Schedules first: a job a tick creates is PENDING at once, so the promotion below need not see it.
  let n = m.fireBatches();
  n += fireDueSchedules(m, now);
  dropStale(s.scheduled, JobStatus.Scheduled);
  dropStaleWakes(m);
  if (s.scheduled.peekKey() <= now || s.flowWakes.peekKey() <= now) {
    m.emit({ kind: "promoted", at: now });
    n++;
  }
  n += expireLeases(m, now);
  n += applyRetention(m, now);
  return n;
}

/** Pops wake-ups of holds that were lifted or replaced since (see flow-apply.ts hold()). */
function dropStaleWakes(m: JobManager): void {
  const h = m.state.flowWakes;
  for (;;) {
    const x = h.peekItem();
    if (x === undefined || x.wakeStamp === h.peekStamp()) return;
    h.pop();
  }
}

/** Pops heap entries of jobs that moved on (lazy deletion: the stamp no longer matches). */
function dropStale(h: TimerHeap<Job>, status: JobStatus): void {
  for (;;) {
    const j = h.peekItem();
    if (j === undefined || (j.status === status && j.stamp === h.peekStamp())) return;
    h.pop();
  }
}

/** Past the count bound the head is due now (its finish time, which is not later than now). */
function retentionDue(log: Deque<Job>, ageMs: number, overCount: boolean): number {
  const j = liveHead(log);
  if (j === undefined) return Number.POSITIVE_INFINITY;
  const finishedAt = j.extra?.finishedAt ?? 0;
  return overCount ? finishedAt : finishedAt + ageMs;
}

function expireLeases(m: JobManager, now: number): number {
  const h = m.state.leases;
  let n = 0;
  for (;;) {
    dropStale(h, JobStatus.Running);
    if (h.peekKey() > now) return n;
    const job = h.peekItem() as Job;
    const stamp = h.peekStamp();
    h.pop();
    if (job.leaseDeadline > now) {
      h.push(job.leaseDeadline, job, stamp); // extended by a heartbeat since
      continue;
    }
    failAttempt(m, job, `lease expired: worker ${job.workerId} did not finish or extend it in time`, true, true);
    n++;
  }
}

/**
 * Global bounds first; then each queue's own bounds over what is left (the
 * first record is applied by then, so counts and log heads are current).
 * At most two `removed` records; the queues' jobs are disjoint.
 */
function applyRetention(m: JobManager, now: number): number {
  const s = m.state;
  let n = 0;
  const global: string[] = [];
  collectOver(s.completedLog, s.deadLog, s.counts, m.retention, now, global);
  if (global.length > 0) {
    m.emit({ kind: "removed", jobIds: global });
    n++;
  }
  const perQueue: string[] = [];
  for (const q of s.retained) collectOver(q.completedLog, q.deadLog, q.counts, bounds(q.retention as QueueRetention), now, perQueue);
  if (perQueue.length > 0) {
    m.emit({ kind: "removed", jobIds: perQueue });
    n++;
  }
  return n;
}

/** Appends to `ids` the jobs of a pair of finish logs past these bounds. */
function collectOver(done: Deque<Job>, dead: Deque<Job>, c: StatusCounts, r: Retention, now: number, ids: string[]): void {
  overRetention(done, c[JobStatus.Completed], r.completedCountMax, now - r.completedAgeMs, ids);
  overRetention(dead, deadCount(c), r.deadCountMax, now - r.deadAgeMs, ids);
}

function liveHead(log: Deque<Job>): Job | undefined {
  while (log.length > 0) {
    const j = log.peekItem() as Job;
    if (j.stamp === log.peekStamp()) return j;
    log.shift();
  }
  return undefined;
}

/** Appends to `ids` the ids at the head of a finish log that are past the count bound or finished before `cutoff`. */
function overRetention(log: Deque<Job>, count: number, countMax: number, cutoff: number, ids: string[]): void {
  let taken = 0;
  // Entries taken here belong to jobs the removed record is about to delete.
  while (log.length > 0) {
    const j = liveHead(log);
    if (j === undefined) break;
    if (count - taken <= countMax && (j.extra?.finishedAt ?? 0) > cutoff) break;
    ids.push(j.id);
    taken++;
    log.shift();
  }
}
