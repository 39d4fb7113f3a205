// The finish logs: finished jobs in finish order, globally and per queue,
// read at the head by retention (timers.ts). apply() appends to them and
// deletes lazily by stamp; this file keeps them from filling up with stale
// entries that never reach a head.

import { deadCount } from "./counts.ts";
import type { Deque } from "./deque.ts";
import type { JobTable, QueueState } from "./state.ts";
import { isTerminal, type Job, JobStatus } from "./types.ts";

/** Gives a finished job a new stamp and appends it to the global and its queue's finish log. */
export function logFinish(s: JobTable, job: Job, q: QueueState): void {
  job.stamp = ++s.stampSeq;
  if (job.status === JobStatus.Completed) {
    s.completedLog.push(job, job.stamp);
    q.completedLog.push(job, job.stamp);
  } else {
    s.deadLog.push(job, job.stamp);
    q.deadLog.push(job, job.stamp);
  }
}

/** Stale entries a finish log may hold beyond as many as it has live ones. */
const staleSlack = 64;
const isLive = (j: Job, stamp: number): boolean => j.stamp === stamp;

function trimLog(log: Deque<Job>, live: number): void {
  if (log.length > 2 * live + staleSlack) log.compact(isLive);
}

/**
 * A job of status `from` left the finish logs (removed, or retried), which
 * drop it lazily. Entries that never reach a head (removed by another
 * queue's bounds, deleted, retried) are compacted away once they are half a
 * log, so each such change costs amortised O(1) and no log outgrows its jobs.
 */
export function trimLogs(s: JobTable, q: QueueState, from: JobStatus): void {
  if (from === JobStatus.Completed) {
    trimLog(s.completedLog, s.counts[JobStatus.Completed]);
    trimLog(q.completedLog, q.counts[JobStatus.Completed]);
  } else if (isTerminal(from)) {
    trimLog(s.deadLog, deadCount(s.counts));
    trimLog(q.deadLog, deadCount(q.counts));
  }
}
