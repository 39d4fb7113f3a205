// Work that falls due with time: delayed jobs become ready, leases past their
// deadline end as failed attempts, finished jobs past retention are removed.
// The caller runs tick() when nextWakeAt() is due; nothing here keeps a timer.

import { deadCount } from "./counts.ts";
import type { Deque } from "./deque.ts";
import type { TimerHeap } from "./heap.ts";
import type { JobManager } from "./job-manager.ts";
import { failAttempt } from "./leases.ts";
import { type Job, JobStatus } from "./types.ts";

export function nextWakeAt(m: JobManager): number {
  const s = m.state;
  dropStale(s.scheduled, JobStatus.Scheduled);
  dropStale(s.leases, JobStatus.Running);
  const r = m.retention;
  const c = s.counts;
  return Math.min(
    s.scheduled.peekKey(),
    s.leases.peekKey(),
    retentionDue(s.completedLog, r.completedAgeMs, c[JobStatus.Completed] > r.completedCountMax),
    retentionDue(s.deadLog, r.deadAgeMs, deadCount(c) > r.deadCountMax),
  );
}

export function tick(m: JobManager): number {
  const now = m.clock();
  let n = 0;
  const s = m.state;
  dropStale(s.scheduled, JobStatus.Scheduled);
  if (s.scheduled.peekKey() <= now) {
    m.emit({ kind: "promoted", at: now });
    n++;
  }
  n += expireLeases(m, now);
  n += applyRetention(m, now);
  return n;
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

function applyRetention(m: JobManager, now: number): number {
  const s = m.state;
  const r = m.retention;
  const ids = overRetention(s.completedLog, s.counts[JobStatus.Completed], r.completedCountMax, now - r.completedAgeMs);
  for (const id of overRetention(s.deadLog, deadCount(s.counts), r.deadCountMax, now - r.deadAgeMs)) ids.push(id);
  if (ids.length === 0) return 0;
  m.emit({ kind: "removed", jobIds: ids });
  return 1;
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
