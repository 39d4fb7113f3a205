// Read-only views of the state: listing (paged by id, either direction,
// filtered and searched with a bounded scan) and per-queue stats. Nothing
// here emits a record.

import { type HeldBy, queueHeldBy } from "./flow-view.ts";
import { invalidArgument } from "./errors.ts";
import type { JobManager } from "./job-manager.ts";
import type { QueueState } from "./state.ts";
import { type Job, JobStatus, type JobView, statusNames, viewOf } from "./types.ts";
import { checkInt } from "./validate.ts";

export interface ListFilter {
  queue?: string;
  status?: JobStatus;
  type?: string;
  limit?: number;
  pageToken?: string;
  /** Newest first (ids descending); default oldest first. */
  newestFirst?: boolean;
  /** Substring of the id, type, a metadata key or value, or the payload as UTF-8 (case-sensitive). */
  search?: string;
}

export interface ListPage {
  jobs: JobView[];
  /** "" on the last page; else the id to pass as pageToken for the next one. */
  nextPageToken: string;
  /** The call stopped at its scan bound (limits.listScanMax jobs examined) before the page was full. */
  partial: boolean;
  /** Jobs after this page in list order when nothing was filtered or searched; else 0 (unknown). */
  remaining: number;
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
  /** WAITING for dependencies (docs/workflows.md). */
  waiting: number;
  completedTotal: number;
  failedTotal: number;
  /** Mean over the last minute. */
  completedPerSec: number;
  failedPerSec: number;
  /** Why no job of the queue starts now: "paused", "concurrency", "rate", or "" (flow-control.md). */
  heldBy: HeldBy;
  /** Groups with at least one PENDING job (0 for a queue without grouped jobs). */
  readyGroups: number;
  /** How long the longest-waiting PENDING job has been ready (now − run_at), ms; 0 when none is. */
  oldestPendingAgeMs: number;
}

/**
 * Seeks to the page token in the id order (O(log n)), then walks in the
 * asked direction until the page is full and one more match shows there is
 * a next page, or until limits.listScanMax jobs were examined: then the page
 * is `partial` and its token is the last id examined, so no call walks every
 * job however little its filter matches.
 */
export function listJobs(m: JobManager, f: ListFilter): ListPage {
  const limit = checkInt("limit", f.limit || undefined, 1, m.limits.listLimitMax) ?? m.defaults.listLimit;
  if (f.status && statusNames[f.status] === undefined) throw invalidArgument(`status ${f.status} is not a job status`);
  const match = matcher(f, m.limits.searchBytesMax);
  const scanMax = m.limits.listScanMax;
  const out: JobView[] = [];
  let examined = 0;
  let more = false;
  let stoppedAt = "";
  const visit = (j: Job): boolean => {
    if (match(j)) {
      if (out.length === limit) {
        more = true;
        return false;
      }
      out.push(viewOf(j));
    }
    if (++examined < scanMax) return true;
    stoppedAt = j.id;
    return false;
  };
  const token = f.pageToken ?? "";
  if (f.newestFirst) m.state.idOrder.scanBefore(token, visit);
  else m.state.idOrder.scanAfter(token, visit);
  const nextPageToken = more ? (out[out.length - 1] as JobView).id : stoppedAt;
  return {
    jobs: out,
    nextPageToken,
    partial: !more && stoppedAt !== "" && out.length < limit,
    remaining: remainingAfter(m, f, nextPageToken),
  };
}

/** Jobs after `token` in list order, for an unfiltered list (a count needs no scan then). */
export function remainingAfter(m: JobManager, f: ListFilter, token: string): number {
  if (!token || f.queue || f.status || f.type || f.search) return 0;
  return f.newestFirst ? m.state.idOrder.countBefore(token) : m.state.idOrder.countAfter(token);
}

function matcher(f: ListFilter, searchBytesMax: number): (j: Job) => boolean {
  const { queue, status, type, search } = f;
  let needle: Buffer | undefined;
  if (search) {
    needle = Buffer.from(search, "utf8");
    if (needle.length > searchBytesMax) {
      throw invalidArgument(`search is ${needle.length} bytes; the limit is ${searchBytesMax} bytes`);
    }
  }
  return (j) =>
    (!queue || j.queue === queue) &&
    (!status || j.status === status) &&
    (!type || j.type === type) &&
    (needle === undefined || found(j, search as string, needle));
}

function found(j: Job, text: string, bytes: Buffer): boolean {
  if (j.id.includes(text) || j.type.includes(text)) return true;
  const meta = j.settings.metadata;
  for (const k in meta) if (k.includes(text) || (meta[k] as string).includes(text)) return true;
  const p = j.payload;
  if (p.byteLength < bytes.length) return false;
  return Buffer.from(p.buffer, p.byteOffset, p.byteLength).indexOf(bytes) >= 0;
}

/**
 * A queue exists while it holds jobs (unfinished, or finished ones retention
 * still keeps), is paused, or finished a job within the rate window (a
 * minute). Stats list only these, so a queue whose last job was deleted or
 * aged out leaves them a minute later; only these can be resumed.
 */
export function queueExists(m: JobManager, name: string, now = m.clock()): boolean {
  const q = m.state.queues.get(name);
  if (q === undefined) return false;
  return q.paused || q.counts.some((n) => n > 0) || q.completedRate.perSec(now) > 0 || q.failedRate.perSec(now) > 0;
}

/** O(lanes × priorities) of one queue: for stats, never a poll. */
function oldestPendingAge(q: QueueState, now: number): number {
  if (q.counts[JobStatus.Pending] === 0) return 0;
  let runAt = Number.POSITIVE_INFINITY;
  for (const lane of q.lanes.values()) {
    const j = lane.oldest();
    if (j !== undefined && j.runAt < runAt) runAt = j.runAt;
  }
  return Number.isFinite(runAt) ? Math.max(0, now - runAt) : 0;
}

export function queueStats(m: JobManager): QueueStatsView[] {
  const now = m.clock();
  const out: QueueStatsView[] = [];
  for (const q of m.state.queues.values()) {
    if (!queueExists(m, q.name, now)) continue;
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
      waiting: q.counts[JobStatus.Waiting],
      completedTotal: q.completedTotal,
      failedTotal: q.failedTotal,
      completedPerSec: q.completedRate.perSec(now),
      failedPerSec: q.failedRate.perSec(now),
      heldBy: queueHeldBy(q),
      readyGroups: q.flow?.readyGroups ?? 0,
      oldestPendingAgeMs: oldestPendingAge(q, now),
    });
  }
  return out.sort((a, b) => (a.queue < b.queue ? -1 : 1));
}
