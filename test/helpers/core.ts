// Test harness for the pure core: a fake clock, a seeded random, and a sink
// that copies every record at append time (as a real journal encodes it), so
// tests can replay the records into a fresh JobTable.

import { expect } from "bun:test";
import { DomainError, type ErrorKind } from "../../src/core/errors.ts";
import { JobManager, type ManagerOptions } from "../../src/core/job-manager.ts";
import type { WalRecord } from "../../src/core/records.ts";
import { apply } from "../../src/core/apply.ts";
import type { GroupLane } from "../../src/core/flow.ts";
import { JobTable } from "../../src/core/state.ts";
import { Job, JobStatus, type JobView, type Lease, viewOf } from "../../src/core/types.ts";
import type { JobSpec } from "../../src/core/validate.ts";

export const T0 = 1_700_000_000_000;

/** Has the form of a lease token, but no job holds it. */
export const foreignToken = "AAAAAAAAAAAAAAAAAAAAAA";

/** A deep, detached copy of a job, as a snapshot or a WAL decoder would produce. */
export function cloneJob(j: Job): Job {
  const c = new Job(j.id, j.queue, j.type, j.payload.slice(), j.priority, j.createdAt, j.runAt, j.settings);
  c.status = j.status;
  c.attempt = j.attempt;
  c.stamp = j.stamp;
  c.leaseToken = j.leaseToken;
  c.leaseDeadline = j.leaseDeadline;
  c.workerId = j.workerId;
  c.group = j.group;
  c.updatedAt = j.updatedAt;
  if (j.extra !== undefined) c.extra = { ...j.extra, result: j.extra.result?.slice() };
  if (j.keys !== undefined) c.keys = { ...j.keys };
  if (j.links !== undefined) c.links = { ...j.links, dependsOn: [...j.links.dependsOn], waitingOn: 0 };
  return c;
}

function cloneTemplate(j: Job | undefined): Job | undefined {
  return j === undefined ? undefined : cloneJob(j);
}

/** A copy of a record that shares no object with the live state. */
export function copyRecord(r: WalRecord): WalRecord {
  if (r.kind === "submitted") return { kind: "submitted", job: cloneJob(r.job) };
  if (r.kind === "scheduleFired") return { ...r, job: cloneJob(r.job) };
  if (r.kind === "scheduleSet") return { kind: "scheduleSet", schedule: { ...r.schedule, payload: r.schedule.payload.slice() } };
  if (r.kind === "flowSubmitted") return { kind: "flowSubmitted", jobs: r.jobs.map(cloneJob) };
  if (r.kind === "batchCreated") {
    const b = r.batch;
    return { kind: "batchCreated", batch: { ...b, onComplete: cloneTemplate(b.onComplete), onSuccess: cloneTemplate(b.onSuccess) } };
  }
  if (r.kind === "batchFired") {
    return { ...r, onComplete: cloneTemplate(r.onComplete), onSuccess: cloneTemplate(r.onSuccess), dropped: [...r.dropped] };
  }
  return structuredClone(r);
}

export class Harness {
  now = T0;
  readonly records: WalRecord[] = [];
  readonly m: JobManager;

  constructor(o: ManagerOptions = {}) {
    this.m = new JobManager({
      clock: () => this.now,
      random: () => 0.5,
      sink: { append: (r) => this.records.push(copyRecord(r)) },
      ...o,
    });
  }

  advance(ms: number): void {
    this.now += ms;
  }

  submit(type = "t", spec: Partial<JobSpec> = {}): JobView {
    return this.m.submit({ type, ...spec }).job;
  }

  poll(workerId = "w1", count = 1, queues: string[] = ["default"], types?: string[]): Lease[] {
    return this.m.poll({ workerId, queues, count, types });
  }

  /** Leases exactly one job; fails the test when none is ready. */
  pollOne(workerId = "w1", queues: string[] = ["default"]): Lease {
    const [l] = this.poll(workerId, 1, queues);
    if (l === undefined) throw new Error("expected a ready job");
    return l;
  }

  /** Heartbeats the jobs with the token each holds now ("" for a job not running). */
  heartbeat(workerId: string, jobIds: string[], leaseMs?: number): { deadline: number; lost: string[] } {
    const tokens = jobIds.map((id) => this.m.state.jobs.get(id)?.leaseToken ?? "");
    return this.m.heartbeat(workerId, jobIds, leaseMs, tokens);
  }

  /** The token of the job's latest lease, read from the records. */
  token(id: string): string {
    for (let i = this.records.length - 1; i >= 0; i--) {
      const r = this.records[i] as WalRecord;
      if (r.kind === "leased" && r.jobId === id) return r.token;
    }
    throw new Error(`job ${id} was never leased`);
  }

  kinds(): string[] {
    return this.records.map((r) => r.kind);
  }
}

/** Ids in the order repeated one-job polls lease them (leases every ready job). */
export function drainOrder(m: JobManager, queues: string[], workerId = "drain"): string[] {
  const ids: string[] = [];
  for (;;) {
    const [l] = m.poll({ workerId, queues, count: 1 });
    if (l === undefined) return ids;
    ids.push(l.job.id);
  }
}

/** Applies copies of the records to a fresh state, as recovery does. */
export function replay(records: readonly WalRecord[]): JobTable {
  const s = new JobTable();
  for (const r of records) apply(s, copyRecord(r));
  return s;
}

/** Everything observable about a state, in a form toEqual can compare. */
export function summarize(s: JobTable) {
  const jobs = [...s.jobs.values()]
    .sort((a, b) => (a.id < b.id ? -1 : 1))
    .map((j) => ({ ...viewOf(j), stamp: j.stamp, leaseToken: j.leaseToken }));
  const queues = [...s.queues.values()]
    .sort((a, b) => (a.name < b.name ? -1 : 1))
    .map((q) => ({
      name: q.name,
      paused: q.paused,
      counts: [...q.counts],
      completedTotal: q.completedTotal,
      failedTotal: q.failedTotal,
      unique: [...q.unique.entries()].map(([k, j]) => [k, j.id]).sort(),
      debounce: [...q.debounce.entries()].map(([k, j]) => [k, j.id]).sort(),
    }));
  const idempotency = [...s.idempotency.entries()].map(([k, j]) => [k, j.id]).sort();
  const byWorker = [...s.byWorker.entries()].map(([w, set]) => [w, [...set].map((j) => j.id).sort()]).sort();
  // The paging index and the job map both hold every job in id order.
  const idOrder = s.idOrder.ids();
  expect(idOrder).toEqual(jobs.map((j) => j.id));
  expect([...s.jobs.keys()]).toEqual(idOrder);
  // Dependency index: each WAITING job's count, and the waiting dependents of every job (stale entries left out).
  const waiting = [...s.jobs.values()]
    .filter((j) => j.status === JobStatus.Waiting)
    .map((j) => [j.id, j.links?.waitingOn ?? 0])
    .sort();
  const dependents = [...s.jobs.values()]
    .map((j) => [j.id, (j.dependents ?? []).filter((d) => d.status === JobStatus.Waiting && s.jobs.get(d.id) === d).map((d) => d.id)] as const)
    .filter(([, ds]) => ds.length > 0)
    .sort();
  const batches = [...s.batches.values()]
    .sort((a, b) => (a.id < b.id ? -1 : 1))
    .map((b) => ({ ...b, onComplete: b.onComplete?.type, onSuccess: b.onSuccess?.type }));
  const due = [...s.batchesDue].map((b) => b.id).sort();
  return {
    jobs,
    queues,
    idempotency,
    byWorker,
    idOrder,
    counts: [...s.counts],
    stampSeq: s.stampSeq,
    lastJobId: s.lastJobId,
    waiting,
    dependents,
    batches,
    due,
    unfiredBatches: s.unfiredBatches,
  };
}

/** Runs fn and asserts it throws a DomainError of `kind` whose message matches. */
export function expectDomainError(fn: () => unknown, kind: ErrorKind, message: RegExp | string): DomainError {
  let caught: unknown;
  try {
    fn();
  } catch (e) {
    caught = e;
  }
  expect(caught).toBeInstanceOf(DomainError);
  const e = caught as DomainError;
  expect(e.kind).toBe(kind);
  if (typeof message === "string") expect(e.message).toContain(message);
  else expect(e.message).toMatch(message);
  return e;
}

export const bytes = (s: string): Uint8Array => new TextEncoder().encode(s);

/**
 * The flow-control state of a table (flow.ts) in a form toEqual can compare:
 * limits, buckets, holds, group counts, and each grouped lane's ring (groups
 * with ready jobs, in ring order; the live path drops emptied groups lazily).
 */
export function flowSummary(s: JobTable) {
  const out: unknown[] = [];
  for (const q of [...s.queues.values()].sort((a, b) => (a.name < b.name ? -1 : 1))) {
    const f = q.flow;
    if (f === undefined) continue;
    const groups = [...f.groups.values()]
      .map((g) => ({ name: g.name, pending: g.pending, running: g.running, bucket: g.bucket && { ...g.bucket }, pausedUntil: g.pausedUntil, heldUntil: g.heldUntil }))
      .filter((g) => g.pending > 0 || g.running > 0 || g.heldUntil > 0 || g.bucket !== undefined)
      .sort((a, b) => (a.name < b.name ? -1 : 1));
    const rings: [string, string[]][] = [];
    for (const [type, lane] of q.lanes) {
      if (!lane.grouped) continue;
      const gl = lane as GroupLane;
      rings.push([type, gl.ring().filter((g) => gl.subs.get(g)?.lane.peek() !== undefined)]);
    }
    out.push({ queue: q.name, limits: { ...f.limits }, bucket: f.bucket && { ...f.bucket }, heldUntil: f.heldUntil, readyGroups: f.readyGroups, groups, rings });
  }
  return out;
}
