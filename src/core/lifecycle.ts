// The lifecycle of DESIGN §2 as one table. Every status change goes through
// assertTransition; an illegal one is a typed error, never a silent no-op.

import { failedPrecondition } from "./errors.ts";
import { JobStatus, statusNames } from "./types.ts";

const S = JobStatus;

const allowed: Record<JobStatus, readonly JobStatus[]> = {
  [S.Scheduled]: [S.Pending, S.Cancelled],
  // Pending → Scheduled: a debounced submit pushed the start of a job that had not started back.
  [S.Pending]: [S.Running, S.Cancelled, S.Scheduled],
  // Running → Scheduled/Pending: a failed attempt with attempts left (backoff, or none).
  [S.Running]: [S.Completed, S.Failed, S.Scheduled, S.Pending, S.Cancelled],
  [S.Completed]: [],
  [S.Failed]: [S.Pending],
  [S.Cancelled]: [S.Pending],
  // Waiting → Pending/Scheduled: every dependency finished (run_at decides which);
  // → Failed/Cancelled: a dependency failed or was cancelled (the policy decides), or an operator cancelled it.
  [S.Waiting]: [S.Pending, S.Scheduled, S.Failed, S.Cancelled],
};

export function canTransition(from: JobStatus, to: JobStatus): boolean {
  // `from` may be a number that is no status at all (a corrupt record or snapshot).
  return allowed[from]?.includes(to) ?? false;
}

const nameOf = (s: JobStatus): string => statusNames[s] ?? `status ${s}`;

export function assertTransition(jobId: string, from: JobStatus, to: JobStatus): void {
  if (!canTransition(from, to)) {
    throw failedPrecondition(`job ${jobId} is ${nameOf(from)}; it cannot become ${nameOf(to)}`);
  }
}
