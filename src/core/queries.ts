// Read-only views of the state: listing (paged by id) and per-queue stats.
// Nothing here emits a record.

import { invalidArgument } from "./errors.ts";
import type { JobManager } from "./job-manager.ts";
import { type JobStatus, type JobView, statusNames, viewOf } from "./types.ts";
import { checkInt } from "./validate.ts";

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

/**
 * Seeks to the page token in the id order (O(log n)), then walks forward
 * until the page is full and one more match shows there is a next page.
 */
export function listJobs(m: JobManager, f: ListFilter): { jobs: JobView[]; nextPageToken: string } {
  const limit = checkInt("limit", f.limit || undefined, 1, m.limits.listLimitMax) ?? m.defaults.listLimit;
  if (f.status && statusNames[f.status] === undefined) throw invalidArgument(`status ${f.status} is not a job status`);
  const out: JobView[] = [];
  let more = false;
  m.state.idOrder.scanAfter(f.pageToken ?? "", (j) => {
    if ((f.queue && j.queue !== f.queue) || (f.status && j.status !== f.status) || (f.type && j.type !== f.type)) return true;
    if (out.length === limit) {
      more = true;
      return false;
    }
    out.push(viewOf(j));
    return true;
  });
  return { jobs: out, nextPageToken: more ? (out[out.length - 1] as JobView).id : "" };
}

export function queueStats(m: JobManager): QueueStatsView[] {
  const now = m.clock();
  const out: QueueStatsView[] = [];
  for (const q of m.state.queues.values()) {
    const [, scheduled, pending, running, completed, failed, cancelled] = q.counts;
    out.push({
      queue: q.name,
      paused: q.paused,
      scheduled,
      pending,
      running,
      completed,
      failed,
      cancelled,
      completedTotal: q.completedTotal,
      failedTotal: q.failedTotal,
      completedPerSec: q.completedRate.perSec(now),
      failedPerSec: q.failedRate.perSec(now),
    });
  }
  return out.sort((a, b) => (a.queue < b.queue ? -1 : 1));
}
