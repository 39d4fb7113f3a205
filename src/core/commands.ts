// Producer and operator commands: submit, cancel, retry, delete, promote, pause, queue retention. Each checks
// its input against the current state and emits one record per change.

import { flowConcurrencyMax, flowRateCountMax, flowRatePeriodMsMax, isUnset, type QueueRetention } from "./config.ts";
import { alreadyExists, failedPrecondition, invalidArgument, resourceExhausted } from "./errors.ts";
import { type QueueLimits, noQueueLimits, sameLimits } from "./flow.ts";
import type { JobManager } from "./job-manager.ts";
import { removalFlags } from "./settings.ts";
import type { QueueState } from "./state.ts";
import { quote } from "./text.ts";
import { isTerminal, Job, JobStatus, type JobView, statusNames, viewOf } from "./types.ts";
import { type CheckedSpec, checkInt, checkName, checkSpec, type JobSpec } from "./validate.ts";
import { checkLinks, LinkBudget, linksOf } from "./workflows.ts";

export interface SubmitResult {
  job: JobView;
  /** No job was added: the idempotency key matched, the unique key is held, or the submit was debounced. */
  duplicate: boolean;
  /** With duplicate: why, naming the job; else "". */
  reason: string;
}

/**
 * All or nothing: every spec is checked before any job is created. `batch`:
 * the specs came as a list (messages then name `jobs[i]`, else `job`).
 */
export function submitJobs(m: JobManager, specs: readonly JobSpec[], batch = specs.length > 1): SubmitResult[] {
  if (specs.length > m.limits.submitBatchMax) {
    throw invalidArgument(`batch has ${specs.length} jobs; the limit is ${m.limits.submitBatchMax}`);
  }
  const now = m.clock();
  const checked: CheckedSpec[] = new Array(specs.length);
  const adds = new Map<string, number>();
  // Unique and debounce keys taken by earlier specs of this batch: "queue\0key" -> index (and type).
  const batchUnique = new Map<string, number>();
  const batchDebounce = new Map<string, { i: number; type: string }>();
  const budget = new LinkBudget();
  for (let i = 0; i < specs.length; i++) {
    const path = batch ? `jobs[${i}]` : "job";
    const c = checkSpec(specs[i] as JobSpec, now, m.limits, m.defaults, path);
    checked[i] = c;
    // A known key adds no job, so a full queue must not refuse the client's retry.
    if (c.idempotencyKey && m.state.idempotency.has(c.idempotencyKey)) continue;
    // Refusals come before any job is created (all or nothing); a held key or a waiting job adds none.
    if (!checkKeys(m, c, i, path, now, batchUnique, batchDebounce)) continue;
    if (c.dependsOn.length > 0 || c.batchId) checkLinks(m, c, path, budget);
    adds.set(c.queue, (adds.get(c.queue) ?? 0) + 1);
  }
  for (const [queue, n] of adds) {
    const have = m.state.queues.get(queue)?.unfinished ?? 0;
    if (have + n > m.limits.queueJobsMax) {
      throw resourceExhausted(
        `queue ${queue} holds ${have} unfinished jobs; adding ${n} passes the limit of ${m.limits.queueJobsMax}`,
      );
    }
  }
  const out: SubmitResult[] = new Array(specs.length);
  for (let i = 0; i < checked.length; i++) out[i] = submitChecked(m, checked[i] as CheckedSpec, now);
  return out;
}

/**
 * Refuses a spec that conflicts with a unique key held now (unique_conflict
 * reject) or whose debounce key has a waiting job of another type, counting
 * earlier specs of the batch as if they were submitted. False when the spec
 * will add no job.
 */
function checkKeys(
  m: JobManager,
  c: CheckedSpec,
  i: number,
  path: string,
  now: number,
  batchUnique: Map<string, number>,
  batchDebounce: Map<string, { i: number; type: string }>,
): boolean {
  if (!c.uniqueKey && !c.debounceKey) return true;
  const q = m.state.queues.get(c.queue);
  if (c.uniqueKey) {
    const bk = `${c.queue}\0${c.uniqueKey}`;
    const holder = uniqueHolder(q, c.uniqueKey, now);
    const earlier = batchUnique.get(bk);
    if (holder === undefined && earlier === undefined) {
      batchUnique.set(bk, i);
      return true;
    }
    if (c.uniqueReject) {
      const by = holder !== undefined ? `job ${holder.id} (${holdText(holder)})` : `jobs[${earlier}] of this batch`;
      throw alreadyExists(`${path}: unique key ${quote(c.uniqueKey)} in queue ${c.queue} is held by ${by}`);
    }
    return false;
  }
  if (c.debounceKey) {
    const bk = `${c.queue}\0${c.debounceKey}`;
    const waiting = q?.debounce.get(c.debounceKey);
    const earlier = batchDebounce.get(bk);
    const type = waiting?.type ?? earlier?.type;
    if (type === undefined) {
      batchDebounce.set(bk, { i, type: c.type });
      return true;
    }
    if (type !== c.type) {
      const by = waiting !== undefined ? `job ${waiting.id}` : `jobs[${earlier?.i}] of this batch`;
      throw failedPrecondition(
        `${path}: debounce key ${quote(c.debounceKey)} in queue ${c.queue} has ${by} of type ${type} waiting; a submit of type ${c.type} cannot be debounced into it`,
      );
    }
    return false;
  }
  return true;
}

/** The job that holds a unique key at `now`: an unfinished one, or a finished TTL one until its unique_until. */
export function uniqueHolder(q: QueueState | undefined, key: string, now: number): Job | undefined {
  const j = q?.unique.get(key);
  if (j === undefined) return undefined;
  if (!isTerminal(j.status)) return j;
  return (j.keys?.uniqueUntil ?? 0) > now ? j : undefined;
}

function holdText(j: Job): string {
  const st = statusNames[j.status];
  return isTerminal(j.status) ? `${st}; held until ${new Date(j.keys?.uniqueUntil ?? 0).toISOString()}` : st;
}

function submitChecked(m: JobManager, c: CheckedSpec, now: number): SubmitResult {
  if (c.idempotencyKey) {
    const existing = m.state.idempotency.get(c.idempotencyKey);
    if (existing !== undefined) return { job: viewOf(existing), duplicate: true, reason: `idempotency key matched job ${existing.id}` };
  }
  const q = c.uniqueKey || c.debounceKey ? m.state.queues.get(c.queue) : undefined;
  if (c.uniqueKey) {
    const holder = uniqueHolder(q, c.uniqueKey, now);
    if (holder !== undefined) {
      // checkKeys refused reject conflicts before the batch began; this is the "return" answer.
      return { job: viewOf(holder), duplicate: true, reason: `unique key ${quote(c.uniqueKey)} held by job ${holder.id} (${holdText(holder)})` };
    }
  }
  if (c.debounceKey) {
    const waiting = q?.debounce.get(c.debounceKey);
    if (waiting !== undefined) {
      m.emit({ kind: "debounced", jobId: waiting.id, payload: c.debounceReplace ? c.payload : undefined, runAt: c.runAt, at: now });
      return { job: viewOf(waiting), duplicate: true, reason: `debounced into job ${waiting.id}` };
    }
  }
  const settings = m.settings.get(c.maxAttempts, c.timeoutMs, c.backoffBaseMs, c.backoffMaxMs, c.metadata, removalFlags(c));
  const job = new Job(m.ids.jobId(now), c.queue, c.type, c.payload, c.priority, now, c.runAt, settings);
  if (c.idempotencyKey) job.ensureExtra().idempotencyKey = c.idempotencyKey;
  if (c.uniqueKey || c.debounceKey) {
    job.keys = { uniqueKey: c.uniqueKey, uniqueTtlMs: c.uniqueTtlMs, uniqueUntil: 0, debounceKey: c.debounceKey };
  }
  if (c.group) job.group = c.group;
  job.links = linksOf(c, c.dependsOn, "", "");
  m.emit({ kind: "submitted", job });
  return { job: viewOf(job), duplicate: false, reason: "" };
}

export function cancelJob(m: JobManager, jobId: string): { job: JobView; workerId: string } {
  const job = m.getJob(jobId);
  if (isTerminal(job.status)) {
    throw failedPrecondition(`job ${jobId} is ${statusNames[job.status]} already; only unfinished jobs can be cancelled`);
  }
  const workerId = job.status === JobStatus.Running ? job.workerId : "";
  m.emit({ kind: "cancelled", jobId, at: m.clock() });
  return { job: viewOf(job), workerId };
}

export function retryJob(m: JobManager, jobId: string): JobView {
  const job = m.getJob(jobId);
  if (job.status !== JobStatus.Failed && job.status !== JobStatus.Cancelled) {
    throw failedPrecondition(`job ${jobId} is ${statusNames[job.status]}; only failed or cancelled jobs can be retried`);
  }
  const key = job.keys?.uniqueKey;
  if (key) {
    const holder = uniqueHolder(m.state.queues.get(job.queue), key, m.clock());
    if (holder !== undefined && holder !== job) {
      throw failedPrecondition(`job ${jobId} cannot be retried: its unique key ${quote(key)} is held by job ${holder.id} (${holdText(holder)})`);
    }
  }
  m.emit({ kind: "retried", jobId, at: m.clock() });
  return viewOf(job);
}

/** Removes a job that is not running; returns it as it was. A running job must be cancelled first. */
export function deleteJob(m: JobManager, jobId: string): JobView {
  const job = m.getJob(jobId);
  if (job.status === JobStatus.Running) {
    throw failedPrecondition(`job ${jobId} is running; cancel it first, then delete it`);
  }
  const view = viewOf(job);
  m.emit({ kind: "deleted", jobId, at: m.clock() });
  return view;
}

/** Makes a SCHEDULED job PENDING now, ahead of its run_at. */
export function promoteJob(m: JobManager, jobId: string): JobView {
  const job = m.getJob(jobId);
  if (job.status !== JobStatus.Scheduled) {
    throw failedPrecondition(`job ${jobId} is ${statusNames[job.status]}; only scheduled jobs can be promoted`);
  }
  m.emit({ kind: "jobPromoted", jobId, at: m.clock() });
  return viewOf(job);
}

export function pauseQueue(m: JobManager, queue: string, paused: boolean): void {
  checkName("queue", queue, m.limits.queueBytesMax);
  if ((m.state.queues.get(queue)?.paused ?? false) === paused) return;
  m.emit({ kind: "queuePaused", queue, paused });
}

/** Sets a queue's own retention bounds (0 = unset; all 0 clears); a record only when they change. */
export function setQueueRetention(m: JobManager, queue: string, r: QueueRetention): void {
  checkName("retention.queue", queue, m.limits.queueBytesMax);
  const max = Number.MAX_SAFE_INTEGER;
  const retention: QueueRetention = {
    completedCountMax: checkInt("retention.completed_count_max", r.completedCountMax, 0, max) ?? 0,
    completedAgeMs: checkInt("retention.completed_age_ms", r.completedAgeMs, 0, max) ?? 0,
    deadCountMax: checkInt("retention.failed_count_max", r.deadCountMax, 0, max) ?? 0,
    deadAgeMs: checkInt("retention.failed_age_ms", r.deadAgeMs, 0, max) ?? 0,
  };
  const now = m.state.queues.get(queue)?.retention;
  const same = now === undefined ? isUnset(retention) : (Object.keys(retention) as (keyof QueueRetention)[]).every((k) => now[k] === retention[k]);
  if (same) return;
  m.emit({ kind: "queueRetention", queue, retention });
}

/**
 * Sets a queue's limits (0 = unlimited; all 0 clears them); a record only
 * when they change. A rate needs both its count and its period; its burst 0
 * means `count`.
 */
export function setQueueLimits(m: JobManager, queue: string, l: Partial<QueueLimits>): void {
  checkName("queue", queue, m.limits.queueBytesMax);
  const c = (field: string, v: number | undefined, max: number) => checkInt(field, v, 0, max) ?? 0;
  const limits: QueueLimits = {
    concurrency: c("concurrency", l.concurrency, flowConcurrencyMax),
    groupConcurrency: c("group_concurrency", l.groupConcurrency, flowConcurrencyMax),
    rateCount: c("rate_count", l.rateCount, flowRateCountMax),
    ratePeriodMs: c("rate_period_ms", l.ratePeriodMs, flowRatePeriodMsMax),
    rateBurst: c("rate_burst", l.rateBurst, flowRateCountMax),
    groupRateCount: c("group_rate_count", l.groupRateCount, flowRateCountMax),
    groupRatePeriodMs: c("group_rate_period_ms", l.groupRatePeriodMs, flowRatePeriodMsMax),
    groupRateBurst: c("group_rate_burst", l.groupRateBurst, flowRateCountMax),
  };
  checkRate("rate", limits.rateCount, limits.ratePeriodMs, limits.rateBurst);
  checkRate("group_rate", limits.groupRateCount, limits.groupRatePeriodMs, limits.groupRateBurst);
  const now = m.state.queues.get(queue)?.flow?.limits ?? noQueueLimits;
  if (sameLimits(now, limits)) return;
  m.emit({ kind: "queueLimits", queue, limits });
}

function checkRate(name: string, count: number, periodMs: number, burst: number): void {
  if (count === 0 && (periodMs !== 0 || burst !== 0)) {
    throw invalidArgument(`${name}_period_ms and ${name}_burst need ${name}_count; give a count, or leave all three 0`);
  }
  if (count > 0 && periodMs === 0) throw invalidArgument(`${name}_count needs ${name}_period_ms between 1 and ${flowRatePeriodMsMax}`);
}

/** A queue's limits; all 0 when it has none. */
export function queueLimitsOf(m: JobManager, queue: string): QueueLimits {
  return { ...(m.state.queues.get(queue)?.flow?.limits ?? noQueueLimits) };
}
