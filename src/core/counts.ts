// Jobs per status, as a tuple indexed by JobStatus (slot 0 unused): counting
// a status change is two array writes, with no allocation and no casts.

import { JobStatus } from "./types.ts";

export type StatusCounts = [
  unused: number,
  scheduled: number,
  pending: number,
  running: number,
  completed: number,
  failed: number,
  cancelled: number,
  waiting: number,
];

export function statusCounts(): StatusCounts {
  return [0, 0, 0, 0, 0, 0, 0, 0];
}

/** Scheduled, pending, running and waiting: the jobs that still hold a place in their queue. */
export function unfinishedCount(c: StatusCounts): number {
  return c[JobStatus.Scheduled] + c[JobStatus.Pending] + c[JobStatus.Running] + c[JobStatus.Waiting];
}

/** Failed and cancelled: the finished jobs that share one retention bound. */
export function deadCount(c: StatusCounts): number {
  return c[JobStatus.Failed] + c[JobStatus.Cancelled];
}

/** Moves one job from one status to another. */
export function moveCount(c: StatusCounts, from: JobStatus, to: JobStatus): void {
  c[from]--;
  c[to]++;
}
