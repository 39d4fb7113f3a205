// Worker commands: poll (lease ready jobs), acks, failure reports, progress,
// heartbeats, and ending leases whose worker is gone. Every report about a
// running attempt is fenced by its lease token.

import { backoffMs } from "./backoff.ts";
import { failedPrecondition, invalidArgument, resourceExhausted } from "./errors.ts";
import { isLeaseToken, leaseTokenBytesMax } from "./ids.ts";
import type { JobManager } from "./job-manager.ts";
import type { AnyLane } from "./flow.ts";
import { cutBytes, quote } from "./text.ts";
import { type Job, JobStatus, type JobView, type Lease, statusNames, viewOf } from "./types.ts";
import { checkBytes, checkInt, checkLogs } from "./validate.ts";

export interface PollRequest {
  workerId: string;
  queues: readonly string[];
  /** Types the worker can run; undefined or empty: every type. */
  types?: readonly string[];
  count: number;
  leaseMs?: number;
  /** The credential the worker is bound to (Identity.key), recorded with each lease. */
  owner?: string;
}

export function pollJobs(m: JobManager, req: PollRequest): Lease[] {
  checkInt("count", req.count, 1, m.limits.pollCountMax);
  const held = m.state.byWorker.get(req.workerId)?.size ?? 0;
  const room = Math.min(req.count, m.limits.leasesPerWorkerMax - held);
  if (room <= 0) {
    throw resourceExhausted(`worker ${quote(req.workerId)} holds ${held} leases; the limit is ${m.limits.leasesPerWorkerMax}`);
  }
  const leaseMs = req.leaseMs ?? m.defaults.leaseMs;
  const out: Lease[] = [];
  for (let n = 0; n < room; n++) {
    const lane = bestLane(m, req.queues, req.types);
    if (lane === undefined) break;
    const job = lane.peek() as Job;
    lane.shift();
    out.push(lease(m, job, req.workerId, leaseMs, req.owner));
  }
  return out;
}

export function hasReadyJob(m: JobManager, queues: readonly string[], types?: readonly string[]): boolean {
  return bestLane(m, queues, types) !== undefined;
}

/**
 * The lane whose head should run next: highest priority, then earliest
 * ready. With the durability gate on, a lane whose head's submit is not yet
 * durable yields nothing this time (ids grow with submit order, so one
 * comparison tells).
 */
function bestLane(m: JobManager, queues: readonly string[], types: readonly string[] | undefined): AnyLane | undefined {
  const gate = m.leasesGated ? m.durableJobId : undefined;
  let best: AnyLane | undefined;
  let head: Job | undefined;
  for (const name of queues) {
    const q = m.state.queues.get(name);
    if (q === undefined || q.paused) continue;
    // At its concurrency limit, or out of rate tokens: a hold a `promoted` record lifts when the next token is due.
    if (q.flow?.closed(q.counts[JobStatus.Running])) continue;
    if (types === undefined || types.length === 0) {
      for (const lane of q.lanes.values()) {
        const j = lane.peek();
        if (j !== undefined && runsBefore(j, head, gate)) {
          best = lane;
          head = j;
        }
      }
    } else {
      for (const t of types) {
        const lane = q.lanes.get(t);
        const j = lane?.peek();
        if (j !== undefined && runsBefore(j, head, gate)) {
          best = lane;
          head = j;
        }
      }
    }
  }
  return best;
}

/** True when ready job `j` may be leased (see the gate) and should run before `head`. */
function runsBefore(j: Job, head: Job | undefined, gate: string | undefined): boolean {
  if (gate !== undefined && j.id > gate) return false;
  return head === undefined || j.priority > head.priority || (j.priority === head.priority && j.stamp < head.stamp);
}

function lease(m: JobManager, job: Job, workerId: string, leaseMs: number, owner: string | undefined): Lease {
  const at = m.clock();
  const token = m.ids.leaseToken();
  const deadline = at + leaseMs;
  m.emit({ kind: "leased", jobId: job.id, token, workerId, deadline, attempt: job.attempt + 1, at, ...(owner ? { owner } : {}) });
  return { job: viewOf(job), token, deadline };
}

/**
 * The job, if `token` holds its current lease. A token that cannot be one
 * (empty, or not in the token format) is INVALID_ARGUMENT; a job that is not
 * running, or a token that is not its current lease, is FAILED_PRECONDITION.
 */
export function fenced(m: JobManager, jobId: string, token: string): Job {
  if (!token) throw invalidArgument("lease_token must not be empty");
  if (!isLeaseToken(token)) {
    throw invalidArgument(`lease_token ${quote(token)} is not a lease token (${leaseTokenBytesMax} base64url characters, as a poll returns it)`);
  }
  const job = m.getJob(jobId);
  if (job.status !== JobStatus.Running) {
    throw failedPrecondition(`job ${jobId} is ${statusNames[job.status]}, not running; this lease is no longer valid`);
  }
  if (job.leaseToken !== token) {
    throw failedPrecondition(
      `stale lease token for job ${jobId}: it does not hold the job's current lease (that lease expired or was released, or the token belongs to another job or attempt)`,
    );
  }
  return job;
}

export function completeJob(m: JobManager, jobId: string, token: string, result?: Uint8Array, logs?: string[]): JobView {
  const job = fenced(m, jobId, token);
  checkBytes("result", result, m.limits.resultBytesMax);
  checkLogs(logs, m.limits);
  m.emit({ kind: "completed", jobId, token, result, at: m.clock(), ...logsField(logs) });
  return viewOf(job);
}

export function failJob(m: JobManager, jobId: string, token: string, error: string, retryable: boolean, logs?: string[]): JobView {
  const job = fenced(m, jobId, token);
  checkLogs(logs, m.limits);
  failAttempt(m, job, cutBytes(error, m.limits.errorBytesMax), retryable, false, logs);
  return viewOf(job);
}

/** Records carry `logs` only when there are lines, as their decoded form does. */
function logsField(logs: string[] | undefined): { logs?: string[] } {
  return logs !== undefined && logs.length > 0 ? { logs } : {};
}

/**
 * Ends the running attempt as failed. A lost lease (`leaseLost`: the worker
 * died or went silent) still counts as an attempt, so a job that kills its
 * worker cannot loop forever, but it is queued again at once: the job did
 * not fail, its worker did, and waiting a backoff would only delay it.
 */
export function failAttempt(m: JobManager, job: Job, error: string, retryable: boolean, leaseLost = false, logs?: string[]): void {
  const at = m.clock();
  const s = job.settings;
  const retry = retryable && job.attempt < s.maxAttempts;
  const delay = leaseLost ? 0 : backoffMs(job.attempt, s.backoffBaseMs, s.backoffMaxMs, m.random);
  const retryAt = retry ? at + delay : 0;
  // retryAt must not be 0 for a retry; at is a real epoch time, so it never is.
  m.emit({ kind: "attemptFailed", jobId: job.id, token: job.leaseToken, error, at, retryAt, ...logsField(logs) });
}

/** Leases that moved on since they were handed out (acked, expired) are left alone. */
export function returnLeases(m: JobManager, leases: readonly Lease[]): void {
  const at = m.clock();
  for (const l of leases) {
    const job = m.state.jobs.get(l.job.id);
    if (job === undefined || job.status !== JobStatus.Running || job.leaseToken !== l.token) continue;
    m.emit({ kind: "returned", jobId: job.id, token: l.token, at });
  }
}

/**
 * The handler was rate limited (RateLimitedError): the job waits
 * `retryAfterMs` as SCHEDULED (0: PENDING at once) and gets its attempt
 * back; with `pauseGroup`, no job of its group starts before then either (a
 * job without a group pauses nothing).
 */
export function rateLimitJob(m: JobManager, jobId: string, token: string, retryAfterMs: number, pauseGroup: boolean): JobView {
  const job = fenced(m, jobId, token);
  checkInt("retry_after_ms", retryAfterMs, 0, m.limits.delayMsMax);
  const at = m.clock();
  const until = at + retryAfterMs;
  if (pauseGroup && job.group !== "" && retryAfterMs > 0) {
    m.emit({ kind: "groupPaused", queue: job.queue, group: job.group, untilMs: until });
  }
  m.emit(retryAfterMs > 0 ? { kind: "returned", jobId, token, at, retryAt: until } : { kind: "returned", jobId, token, at });
  return viewOf(job);
}

export function reportProgress(m: JobManager, jobId: string, token: string, progress: string): void {
  fenced(m, jobId, token);
  checkBytes("progress", progress, m.limits.progressBytesMax);
  m.emit({ kind: "progress", jobId, progress, at: m.clock() });
}

export function heartbeatLeases(
  m: JobManager,
  workerId: string,
  jobIds: readonly string[],
  leaseMs: number | undefined,
  tokens: readonly string[],
): { deadline: number; lost: string[] } {
  if (tokens.length !== jobIds.length) {
    throw invalidArgument(`${jobIds.length} job ids but ${tokens.length} lease tokens; give one token per job`);
  }
  const deadline = m.clock() + (leaseMs ?? m.defaults.leaseMs);
  const held: string[] = [];
  const lost: string[] = [];
  for (let i = 0; i < jobIds.length; i++) {
    const id = jobIds[i] as string;
    const token = tokens[i] as string;
    const j = m.state.jobs.get(id);
    const holds =
      j !== undefined && j.status === JobStatus.Running && j.workerId === workerId && token !== "" && j.leaseToken === token;
    (holds ? held : lost).push(id);
  }
  if (held.length > 0) m.emit({ kind: "extended", jobIds: held, deadline });
  return { deadline, lost };
}

/**
 * Hands back every lease a worker still holds (it is leaving cleanly): each
 * job is PENDING again and its attempt is not counted, since the worker gave
 * it up rather than failing it. Returns the job ids.
 */
export function returnWorkerLeases(m: JobManager, workerId: string): string[] {
  const set = m.state.byWorker.get(workerId);
  if (set === undefined) return [];
  const jobs = [...set];
  const at = m.clock();
  for (const j of jobs) m.emit({ kind: "returned", jobId: j.id, token: j.leaseToken, at });
  return jobs.map((j) => j.id);
}

export function releaseWorkerLeases(m: JobManager, workerId: string, reason: string, keep?: ReadonlySet<string>): string[] {
  const set = m.state.byWorker.get(workerId);
  if (set === undefined) return [];
  const jobs = keep === undefined || keep.size === 0 ? [...set] : [...set].filter((j) => !keep.has(j.leaseToken));
  for (const j of jobs) failAttempt(m, j, reason, true, true);
  return jobs.map((j) => j.id);
}


