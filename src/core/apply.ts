// apply(): the one transition function. Every change of job state is a
// record; the live path applies each record right after appending it to the
// journal, and recovery applies the same records in the same order, so both
// build the same JobTable, down to the order in which ready jobs are handed
// out. It reads no clock and draws no random number: a record carries every
// value its effect depends on.

import { copyToken, type TokenEntry } from "./auth.ts";
import { isUnset, type QueueRetention } from "./config.ts";
import { moveCount } from "./counts.ts";
import { logFinish, trimLogs } from "./finish-log.ts";
import { failedPrecondition } from "./errors.ts";
import { GroupLane } from "./flow.ts";
import { type FlowSnapshot, groupMove, groupOf, jobStarted, pauseGroup, restoreFlow, runningEnded, setQueueLimits, wakeFlows } from "./flow-apply.ts";
import { Lane } from "./lane.ts";
import { assertTransition } from "./lifecycle.ts";
import type { WalRecord } from "./records.ts";
import { copySchedule, type Schedule, type ScheduleEntry, SkipReason } from "./schedules.ts";
import type { JobTable, QueueState } from "./state.ts";
import { type Batch, DependencyPolicy, isTerminal, type Job, JobStatus, noLogs, statusNames } from "./types.ts";

export function apply(s: JobTable, r: WalRecord): void {
  applyRecord(s, r);
  s.flushChanges();
}

function applyRecord(s: JobTable, r: WalRecord): void {
  switch (r.kind) {
    case "submitted":
      addJob(s, r.job);
      return;
    case "flowSubmitted":
      // In dependency order: every job of the flow a job depends on is in the table before it.
      for (const job of r.jobs) addJob(s, job);
      return;
    case "batchCreated": {
      if (s.batches.has(r.batch.id)) throw failedPrecondition(`batch ${r.batch.id} exists already`);
      s.batches.set(r.batch.id, copyBatch(r.batch));
      s.unfiredBatches++;
      return;
    }
    case "batchClosed": {
      const b = s.batches.get(r.batchId);
      if (b === undefined || b.closed) throw failedPrecondition(`batch_closed record names batch ${r.batchId}, which is not open`);
      b.closed = true;
      b.closedAt = r.at;
      checkDue(s, b);
      return;
    }
    case "batchFired":
      fireBatch(s, r.batchId, r.at, r.onComplete, r.onSuccess, r.dropped);
      return;
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
      if (s.flowWakes.peekKey() <= r.at) wakeFlows(s, r.at);
      return;
    case "leased": {
      const job = s.job(r.jobId);
      setStatus(s, job, JobStatus.Running, r.at);
      job.attempt = r.attempt;
      job.leaseToken = r.token;
      job.leaseDeadline = r.deadline;
      job.workerId = r.workerId;
      const lx = job.ensureExtra();
      lx.startedAt = r.at;
      lx.leaseOwner = r.owner ?? "";
      holdLease(s, job);
      leaveDebounce(s, job); // started: later submits with its key make a follow-up job
      const q = s.queue(job.queue);
      if (q.flow !== undefined) jobStarted(s, q, q.flow, job, r.at);
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
      x.logs = r.logs ?? noLogs;
      finish(s, job, JobStatus.Completed, r.at);
      return;
    }
    case "attemptFailed": {
      const job = runningWithToken(s, r.jobId, r.token);
      releaseLease(s, job);
      const x = job.ensureExtra();
      x.error = r.error;
      // The last attempt's lines replace earlier ones; a lost lease delivered none.
      x.logs = r.logs ?? noLogs;
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
      const from = job.status;
      setStatus(s, job, JobStatus.Pending, r.at);
      job.attempt = 0;
      job.runAt = r.at;
      job.ensureExtra().finishedAt = 0;
      makeReady(s, job); // its finish log entries go stale with the new stamp
      trimLogs(s, s.queue(job.queue), from);
      countBatch(s, job, from, -1); // unfinished again: no longer counted as failed or cancelled
      const k = job.keys;
      if (k !== undefined) {
        // It holds its unique key again (commands checked that no other job holds it);
        // an operator's re-run takes no debounced submits.
        k.uniqueUntil = 0;
        if (k.uniqueKey) claimUnique(s, s.queue(job.queue), k.uniqueKey, job);
        k.debounceKey = "";
      }
      return;
    }
    case "removed":
      for (const id of r.jobIds) removeJob(s, id, false, 0);
      return;
    case "deleted":
      removeJob(s, r.jobId, true, r.at);
      return;
    case "jobPromoted": {
      const job = s.job(r.jobId);
      // Its entry in the scheduled heap goes stale: makeReady gives it a new stamp.
      setStatus(s, job, JobStatus.Pending, r.at);
      job.runAt = r.at;
      makeReady(s, job);
      return;
    }
    case "queuePaused":
      s.queue(r.queue).paused = r.paused;
      return;
    case "queueRetention":
      setQueueRetention(s, r.queue, r.retention);
      return;
    case "returned": {
      const job = runningWithToken(s, r.jobId, r.token);
      releaseLease(s, job);
      job.attempt--;
      const retryAt = r.retryAt ?? 0;
      if (retryAt > r.at) {
        job.runAt = retryAt;
        setStatus(s, job, JobStatus.Scheduled, r.at);
        schedule(s, job);
      } else {
        setStatus(s, job, JobStatus.Pending, r.at);
        makeReady(s, job);
      }
      return;
    }
    case "queueLimits":
      setQueueLimits(s, r.queue, r.limits);
      return;
    case "groupPaused":
      pauseGroup(s, r.queue, r.group, r.untilMs);
      return;
    case "progress": {
      const job = s.job(r.jobId);
      job.ensureExtra().progress = r.progress;
      job.updatedAt = r.at;
      s.noteChange(job, job.status); // no status change, but watchers want the progress
      return;
    }
    case "debounced": {
      const job = s.job(r.jobId);
      if (job.status !== JobStatus.Scheduled && job.status !== JobStatus.Pending) {
        throw failedPrecondition(`debounced record names job ${r.jobId}, which is not waiting to start`);
      }
      if (r.payload !== undefined) job.payload = r.payload;
      job.runAt = r.runAt;
      if (r.runAt > r.at) {
        if (job.status === JobStatus.Pending) setStatus(s, job, JobStatus.Scheduled, r.at);
        else touch(s, job, r.at);
        schedule(s, job); // a new stamp: its ready lane or older heap entry goes stale
      } else if (job.status === JobStatus.Scheduled) {
        setStatus(s, job, JobStatus.Pending, r.at);
        makeReady(s, job);
      } else {
        touch(s, job, r.at); // stays PENDING in its place
      }
      return;
    }
    case "tokenCreated":
      if (s.tokens.has(r.token.id)) throw failedPrecondition(`token ${r.token.id} exists already`);
      s.tokens.set(r.token.id, copyToken(r.token));
      return;
    case "tokenRevoked":
      s.tokens.delete(r.id);
      return;
    case "scheduleSet": {
      const old = s.schedules.get(r.schedule.name);
      if (old !== undefined) old.stamp = -1;
      const e: ScheduleEntry = { ...copySchedule(r.schedule), stamp: 0 };
      s.schedules.set(e.name, e);
      armSchedule(s, e);
      return;
    }
    case "scheduleFired": {
      const e = scheduleNamed(s, r.name, r.kind);
      addJob(s, r.job);
      e.lastJobId = r.job.id;
      e.lastTickAt = r.tickAt;
      e.firedTotal++;
      e.updatedAt = r.at;
      if (!r.manual) {
        e.nextRunAt = r.nextRunAt;
        armSchedule(s, e);
      }
      return;
    }
    case "scheduleSkipped": {
      const e = scheduleNamed(s, r.name, r.kind);
      if (r.reason === SkipReason.Overlap) e.skippedOverlapTotal++;
      else if (r.reason === SkipReason.Missed) e.skippedMissedTotal++;
      else e.skippedFullTotal++;
      e.nextRunAt = r.nextRunAt;
      e.updatedAt = r.at;
      armSchedule(s, e);
      return;
    }
    case "schedulePaused": {
      const e = scheduleNamed(s, r.name, r.kind);
      e.paused = r.paused;
      e.nextRunAt = r.nextRunAt;
      e.updatedAt = r.at;
      armSchedule(s, e);
      return;
    }
    case "scheduleDeleted": {
      const e = scheduleNamed(s, r.name, r.kind);
      e.stamp = -1;
      s.schedules.delete(r.name);
      return;
    }
    case "tokensUsed":
      for (const id of r.ids) {
        const t = s.tokens.get(id);
        // Unknown: revoked since the use was noted. Replaced, not changed in place (see JobTable.tokens).
        if (t !== undefined && r.at > t.lastUsedAt) s.tokens.set(id, { ...t, lastUsedAt: r.at });
      }
      return;
  }
}

/** A fresh job joins the table (a submit, or a schedule's tick). */
function scheduleNamed(s: JobTable, name: string, kind: string): ScheduleEntry {
  const e = s.schedules.get(name);
  if (e === undefined) throw failedPrecondition(`${kind} record names unknown schedule ${name}`);
  return e;
}

/** A new heap stamp (older entries go stale); an unpaused schedule with a next tick joins the due heap. */
function armSchedule(s: JobTable, e: ScheduleEntry): void {
  e.stamp = ++s.scheduleSeq;
  if (!e.paused && e.nextRunAt > 0) s.scheduleDue.push(e.nextRunAt, e, e.stamp);
}

/**
 * Rebuilds the table from a snapshot's jobs (and its queue settings and API tokens). They join the job map and the
 * id order by id, as on the live path, then the status indexes in stamp
 * order, so ready lanes and retention logs keep the order they had when the
 * snapshot was taken.
 */
export function restore(
  s: JobTable,
  jobs: Job[],
  pausedQueues: string[],
  queueRetention: readonly { queue: string; retention: QueueRetention }[] = [],
  tokens: readonly TokenEntry[] = [],
  flow?: FlowSnapshot,
  schedules: readonly Schedule[] = [],
  batches: readonly Batch[] = [],
): void {
  jobs.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  for (const job of jobs) register(s, job);
  // Reverse dependency edges in id (= submit) order, as the live path added them.
  for (const job of jobs) if (job.status === JobStatus.Waiting) linkDependencies(s, job);
  for (const b of batches) {
    const c = copyBatch(b);
    s.batches.set(c.id, c);
    if (c.firedAt === 0) s.unfiredBatches++;
    checkDue(s, c);
  }
  jobs.sort((a, b) => a.stamp - b.stamp);
  for (const job of jobs) indexByStatus(s, job);
  for (const job of jobs) if (job.keys !== undefined) restoreKeys(s, job);
  for (const q of pausedQueues) s.queue(q).paused = true;
  for (const r of queueRetention) setQueueRetention(s, r.queue, r.retention);
  for (const t of tokens) s.tokens.set(t.id, copyToken(t));
  if (flow !== undefined) restoreFlow(s, flow);
  for (const sch of schedules) {
    const e: ScheduleEntry = { ...copySchedule(sch), stamp: 0 };
    s.schedules.set(e.name, e);
    armSchedule(s, e);
  }
}

function setQueueRetention(s: JobTable, name: string, r: QueueRetention): void {
  const q = s.queue(name);
  if (isUnset(r)) {
    q.retention = undefined;
    s.retained.delete(q);
  } else {
    q.retention = { ...r };
    s.retained.add(q);
  }
}

/**
 * A new job (a submit, a flow's, a batch callback). With dependencies it is
 * WAITING while any is unfinished; one already FAILED or CANCELLED ends it at
 * once by its policy (unless run anyway); all of them finished: it starts as
 * a job without dependencies would.
 */
function addJob(s: JobTable, job: Job): void {
  const l = job.links;
  let failedDep: Job | undefined;
  let unfinished = 0;
  if (l !== undefined) {
    for (const id of l.dependsOn) {
      const d = s.jobs.get(id);
      if (d === undefined) throw failedPrecondition(`job ${job.id} depends on unknown job ${id}`);
      if (!isTerminal(d.status)) unfinished++;
      else if (d.status !== JobStatus.Completed && l.policy !== DependencyPolicy.RunAnyway) failedDep ??= d;
    }
  }
  if (failedDep !== undefined || unfinished > 0) job.status = JobStatus.Waiting;
  else job.status = job.runAt > job.createdAt ? JobStatus.Scheduled : JobStatus.Pending;
  insertJob(s, job);
  takeKeys(s, job);
  joinBatch(s, job);
  s.hooks?.inserted(job);
  s.noteChange(job, 0);
  if (failedDep !== undefined) endByDependency(s, job, failedDep, failedDep.status, job.createdAt);
  else if (unfinished > 0) linkDependencies(s, job);
}

/** A WAITING job joins the dependents of each unfinished dependency and counts them. */
function linkDependencies(s: JobTable, job: Job): void {
  const l = job.links;
  if (l === undefined) return;
  let n = 0;
  for (const id of l.dependsOn) {
    const d = s.jobs.get(id);
    // Gone (a restore after retention removed it): it finished before.
    if (d === undefined || isTerminal(d.status)) continue;
    n++;
    if (d.dependents === undefined) d.dependents = [job];
    else d.dependents.push(job);
  }
  l.waitingOn = n;
}

/**
 * `first` left the unfinished states as `outcome` (finished, or deleted):
 * each WAITING job waiting on it counts one dependency less and starts when
 * none is left, or, when `outcome` is not COMPLETED, ends by its policy and
 * passes that on to its own dependents. A worklist, not recursion, so a long
 * chain cannot overflow the stack; only the dependents of finishing jobs are
 * visited, never the other WAITING jobs.
 */
function wakeDependents(s: JobTable, first: Job, outcome: JobStatus, at: number): void {
  const jobs: Job[] = [first];
  const outcomes: JobStatus[] = [outcome];
  while (jobs.length > 0) {
    const x = jobs.pop() as Job;
    const xs = outcomes.pop() as JobStatus;
    const list = x.dependents;
    if (list === undefined) continue;
    x.dependents = undefined; // a retry makes it unfinished again; later dependents join anew
    for (const d of list) {
      // Entries of jobs that stopped waiting (cancelled, deleted, ended by another dependency) are skipped.
      if (d.status !== JobStatus.Waiting || s.jobs.get(d.id) !== d) continue;
      const l = d.links as NonNullable<Job["links"]>;
      s.hooks?.beforeChange(d);
      l.waitingOn--;
      if (xs !== JobStatus.Completed && l.policy !== DependencyPolicy.RunAnyway) {
        const to = endByDependency(s, d, x, xs, at);
        if (d.dependents !== undefined) {
          jobs.push(d);
          outcomes.push(to);
        }
      } else if (l.waitingOn === 0) {
        if (d.runAt > at) {
          setStatus(s, d, JobStatus.Scheduled, at);
          schedule(s, d);
        } else {
          setStatus(s, d, JobStatus.Pending, at);
          makeReady(s, d);
        }
      }
    }
  }
}

/** Ends a WAITING job because dependency `dep` ended `depStatus`: FAILED or CANCELLED by its policy. */
function endByDependency(s: JobTable, job: Job, dep: Job, depStatus: JobStatus, at: number): JobStatus {
  const to = job.links?.policy === DependencyPolicy.Cancel ? JobStatus.Cancelled : JobStatus.Failed;
  job.ensureExtra().error = `dependency ${dep.id} (${dep.type}) ${depStatus === JobStatus.Waiting || !isTerminal(depStatus) ? "was deleted" : statusNames[depStatus]}`;
  finishOne(s, job, to, at);
  return to;
}

function copyBatch(b: Batch): Batch {
  return { ...b };
}

/** A new job with a batch_id joins its batch, which must be open. */
function joinBatch(s: JobTable, job: Job): void {
  const id = job.links?.batchId;
  if (!id) return;
  const b = s.batches.get(id);
  if (b === undefined || b.closed) throw failedPrecondition(`job ${job.id} joins batch ${id}, which is not open`);
  b.total++;
}

/** A batch job finished as `to` (delta 1), or a finished one was retried (delta -1). Fired batches count no more. */
function countBatch(s: JobTable, job: Job, to: JobStatus, delta: number): void {
  const id = job.links?.batchId;
  if (!id) return;
  const b = s.batches.get(id);
  if (b === undefined || b.firedAt !== 0) return;
  if (to === JobStatus.Completed) b.completed += delta;
  else if (to === JobStatus.Failed) b.failed += delta;
  else if (to === JobStatus.Cancelled) b.cancelled += delta;
  checkDue(s, b);
}

/** A closed, unfired batch whose jobs all finished is due to fire. */
function checkDue(s: JobTable, b: Batch): void {
  if (b.closed && b.firedAt === 0 && b.completed + b.failed + b.cancelled === b.total) s.batchesDue.add(b);
  else s.batchesDue.delete(b);
}

function fireBatch(s: JobTable, id: string, at: number, onComplete: Job | undefined, onSuccess: Job | undefined, dropped: readonly string[]): void {
  const b = s.batches.get(id);
  if (b === undefined || !s.batchesDue.has(b)) throw failedPrecondition(`batch_fired record names batch ${id}, which is not due to fire`);
  if ((onComplete === undefined) !== (b.onComplete === undefined)) throw failedPrecondition(`batch_fired record for batch ${id} does not match its on_complete`);
  if (onSuccess !== undefined && (b.onSuccess === undefined || b.completed !== b.total)) {
    throw failedPrecondition(`batch_fired record for batch ${id} fires on_success, which the batch does not`);
  }
  b.firedAt = at;
  s.batchesDue.delete(b);
  s.unfiredBatches--;
  if (onComplete !== undefined) {
    addJob(s, onComplete);
    b.onCompleteJobId = onComplete.id;
  }
  if (onSuccess !== undefined) {
    addJob(s, onSuccess);
    b.onSuccessJobId = onSuccess.id;
  }
  for (const d of dropped) {
    const old = s.batches.get(d);
    if (old === undefined || old.firedAt === 0) throw failedPrecondition(`batch_fired record drops batch ${d}, which has not fired`);
    s.batches.delete(d);
  }
}

/** Inserts a job that is new to the table, indexed for its status. */
function insertJob(s: JobTable, job: Job): void {
  register(s, job);
  indexByStatus(s, job);
}

/** A new job takes its unique key and becomes the waiting job of its debounce key. */
function takeKeys(s: JobTable, job: Job): void {
  const k = job.keys;
  if (k === undefined) return;
  const q = s.queue(job.queue);
  if (k.uniqueKey) claimUnique(s, q, k.uniqueKey, job);
  if (k.debounceKey) {
    const waiting = q.debounce.get(k.debounceKey);
    if (waiting !== undefined) throw failedPrecondition(`job ${job.id} takes debounce key ${k.debounceKey}, which job ${waiting.id} waits under`);
    q.debounce.set(k.debounceKey, job);
  }
}

/**
 * `job` takes a unique key (a submit, or a retry). The job that had it last
 * must be finished, and its hold over (commands checked that against the
 * submit's time); its unique_until is cleared, so that only the current
 * taker of a key has one and a snapshot's jobs name the taker unambiguously.
 */
function claimUnique(s: JobTable, q: QueueState, key: string, job: Job): void {
  const old = q.unique.get(key);
  if (old !== undefined && old !== job) {
    if (!isTerminal(old.status)) throw failedPrecondition(`job ${job.id} takes unique key ${key}, which unfinished job ${old.id} holds`);
    const k = old.keys;
    if (k !== undefined && k.uniqueUntil !== 0) {
      s.hooks?.beforeChange(old);
      k.uniqueUntil = 0;
    }
  }
  q.unique.set(key, job);
}

/**
 * Rebuilds the key indexes from a snapshot's jobs, exactly as the live path
 * left them: an unfinished job holds its unique key, else the finished TTL
 * job that still has a unique_until (only the last taker keeps one, see
 * claimUnique); a job that never started while SCHEDULED or PENDING is the
 * waiting job of its debounce key (a retried job has lost its debounce key).
 */
function restoreKeys(s: JobTable, job: Job): void {
  const k = job.keys as NonNullable<Job["keys"]>;
  const q = s.queue(job.queue);
  const unfinished = !isTerminal(job.status);
  if (k.uniqueKey && (unfinished || (k.uniqueTtlMs > 0 && k.uniqueUntil > 0))) {
    const cur = q.unique.get(k.uniqueKey);
    if (cur === undefined || (unfinished ? isTerminal(cur.status) || job.id > cur.id : isTerminal(cur.status) && laterFinish(job, cur))) {
      q.unique.set(k.uniqueKey, job);
    }
  }
  const waiting = job.status === JobStatus.Scheduled || job.status === JobStatus.Pending;
  if (k.debounceKey && waiting && (job.extra?.startedAt ?? 0) === 0) {
    const cur = q.debounce.get(k.debounceKey);
    if (cur === undefined || job.id > cur.id) q.debounce.set(k.debounceKey, job);
  }
}

function laterFinish(a: Job, b: Job): boolean {
  const fa = a.extra?.finishedAt ?? 0;
  const fb = b.extra?.finishedAt ?? 0;
  return fa > fb || (fa === fb && a.id > b.id);
}

function leaveDebounce(s: JobTable, job: Job): void {
  const key = job.keys?.debounceKey;
  if (!key) return;
  const q = s.queue(job.queue);
  if (q.debounce.get(key) === job) q.debounce.delete(key);
}

/** The job finished: scope unfinished gives its unique key up, scope TTL holds it ttl longer. */
function releaseKeysOnFinish(s: JobTable, job: Job, at: number): void {
  const k = job.keys;
  if (k === undefined) return;
  leaveDebounce(s, job);
  if (!k.uniqueKey) return;
  if (k.uniqueTtlMs > 0) {
    k.uniqueUntil = at + k.uniqueTtlMs;
    return;
  }
  const q = s.queue(job.queue);
  if (q.unique.get(k.uniqueKey) === job) q.unique.delete(k.uniqueKey);
}

/** A change without a status change, for watchers. */
function touch(s: JobTable, job: Job, at: number): void {
  job.updatedAt = at;
  s.noteChange(job, job.status);
}

function register(s: JobTable, job: Job): void {
  if (s.jobs.has(job.id)) throw failedPrecondition(`job ${job.id} exists already`);
  s.jobs.set(job.id, job);
  s.idOrder.add(job);
  if (job.id > s.lastJobId) s.lastJobId = job.id;
  const key = job.extra?.idempotencyKey;
  if (key) s.idempotency.set(key, job);
}

function indexByStatus(s: JobTable, job: Job): void {
  const q = s.queue(job.queue);
  q.counts[job.status]++;
  s.counts[job.status]++;
  if (job.group !== "") groupMove(s, job, 0, job.status, undefined);
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
    case JobStatus.Waiting:
      return; // in no index: only the dependents lists of its dependencies lead to it
    default:
      logFinish(s, job, q);
  }
}

/**
 * Drops a job and every index entry of it. Retention removes finished jobs
 * only; an operator's delete (`unfinished`) may also take a PENDING or
 * SCHEDULED one, never a RUNNING one (its lease would dangle).
 */
function removeJob(s: JobTable, id: string, unfinished: boolean, at: number): void {
  const job = s.jobs.get(id);
  if (job === undefined) return;
  if (job.status === JobStatus.Running || (!unfinished && !isTerminal(job.status))) {
    throw failedPrecondition(`cannot remove job ${id}: it is ${job.status === JobStatus.Running ? "running" : "not finished"}`);
  }
  s.hooks?.beforeChange(job);
  s.jobs.delete(id);
  s.idOrder.remove(job);
  const key = job.extra?.idempotencyKey;
  if (key && s.idempotency.get(key) === job) s.idempotency.delete(key);
  const q = s.queue(job.queue);
  const k = job.keys;
  if (k !== undefined) {
    if (k.uniqueKey && q.unique.get(k.uniqueKey) === job) q.unique.delete(k.uniqueKey);
    if (k.debounceKey && q.debounce.get(k.debounceKey) === job) q.debounce.delete(k.debounceKey);
  }
  q.counts[job.status]--;
  s.counts[job.status]--;
  if (job.group !== "") groupMove(s, job, job.status, 0, at);
  job.stamp = -1; // invalidates its entry in a ready lane, the scheduled heap or a retention log
  trimLogs(s, q, job.status);
  if (!isTerminal(job.status)) {
    // An operator deleted an unfinished job: its batch counts it cancelled, its dependents as if it was.
    countBatch(s, job, JobStatus.Cancelled, 1);
    if (job.dependents !== undefined) wakeDependents(s, job, JobStatus.Waiting, at);
  }
}

function setStatus(s: JobTable, job: Job, to: JobStatus, at: number): void {
  const from = job.status;
  assertTransition(job.id, from, to);
  const q = s.queue(job.queue);
  moveCount(q.counts, from, to);
  moveCount(s.counts, from, to);
  job.status = to;
  job.updatedAt = at;
  if (job.group !== "") groupMove(s, job, from, to, at);
  if (from === JobStatus.Running && q.flow !== undefined) runningEnded(s, q);
  s.noteChange(job, from);
}

function makeReady(s: JobTable, job: Job, q: QueueState = s.queue(job.queue)): void {
  job.stamp = ++s.stampSeq;
  let lane = q.lanes.get(job.type);
  if (job.group !== "" || (lane?.grouped)) {
    let gl = lane as GroupLane | undefined;
    if (gl === undefined || !gl.grouped) {
      gl = GroupLane.from(lane as Lane | undefined);
      q.lanes.set(job.type, gl);
    }
    gl.push(job, job.group === "" ? undefined : groupOf(s, job.queue, job.group));
    return;
  }
  if (lane === undefined) {
    lane = new Lane();
    q.lanes.set(job.type, lane);
  }
  (lane as Lane).push(job);
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

/**
 * Ends a job. One asked to be removed on this outcome (removeOnComplete,
 * removeOnFail) is dropped by this same record, so replay drops it too; the
 * observer still gets its final state, noted by setStatus before the drop.
 */
function finish(s: JobTable, job: Job, to: JobStatus, at: number): void {
  finishOne(s, job, to, at);
  if (job.dependents !== undefined) wakeDependents(s, job, to, at);
}

/** finish() without waking dependents. */
function finishOne(s: JobTable, job: Job, to: JobStatus, at: number): void {
  setStatus(s, job, to, at);
  job.ensureExtra().finishedAt = at;
  releaseKeysOnFinish(s, job, at);
  countFinish(s, job, to, at);
  countBatch(s, job, to, 1);
  const st = job.settings;
  if (to === JobStatus.Completed ? st.removeOnComplete : to === JobStatus.Failed && st.removeOnFail) {
    removeJob(s, job.id, false, at);
    return;
  }
  logFinish(s, job, s.queue(job.queue));
}

function countFinish(s: JobTable, job: Job, to: JobStatus, at: number): void {
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
