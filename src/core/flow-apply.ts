// The flow-control half of apply(): how records change running counts,
// buckets, holds and rings (flow.ts). Called only from apply.ts and
// restore(); reads no clock, every time comes from a record.

import {
  Bucket,
  FlowGroup,
  type GroupLane,
  type QueueLimits,
  QueueFlow,
  groupRate,
  noQueueLimits,
  queueRate,
  type Rate,
  sameLimits,
} from "./flow.ts";
import type { JobTable, QueueState } from "./state.ts";
import { type Job, JobStatus } from "./types.ts";

export function ensureFlow(q: QueueState): QueueFlow {
  q.flow ??= new QueueFlow(q.name);
  return q.flow;
}

export function groupOf(s: JobTable, queue: string, group: string): FlowGroup {
  const f = ensureFlow(s.queue(queue));
  let g = f.groups.get(group);
  if (g === undefined) {
    g = new FlowGroup(f, group);
    f.groups.set(group, g);
  }
  return g;
}

/**
 * A grouped job changes status (`from` 0: it is new to the table; `to` 0:
 * it leaves it). Keeps the group's pending and running counts; a freed
 * running slot may let the group back into its rings. `at` is the record's
 * time, or undefined when restoring a snapshot.
 */
export function groupMove(s: JobTable, job: Job, from: JobStatus | 0, to: JobStatus | 0, at: number | undefined): void {
  const f = s.queues.get(job.queue)?.flow;
  let g = f?.groups.get(job.group);
  if (g === undefined) {
    if (to !== JobStatus.Pending && to !== JobStatus.Running) return;
    g = groupOf(s, job.queue, job.group);
  }
  const flow = g.flow;
  if (from === JobStatus.Pending && --g.pending === 0) flow.readyGroups--;
  else if (from === JobStatus.Running) {
    g.running--;
    const gc = flow.limits.groupConcurrency;
    if (gc > 0 && g.running === gc - 1 && g.heldUntil === 0) {
      g.linkAll();
      s.onFlowOpen?.(flow.queue);
    }
  }
  if (to === JobStatus.Pending && ++g.pending === 1) flow.readyGroups++;
  else if (to === JobStatus.Running) g.running++;
  if (at !== undefined && g.idle(at)) dropGroup(g);
}

/** Forgets a group that has nothing to remember (see FlowGroup.idle). */
function dropGroup(g: FlowGroup): void {
  for (const sub of g.subs) sub.owner.drop(sub);
  g.flow.groups.delete(g.name);
}

/** A RUNNING job of a flow-controlled queue ended (ack, expiry, release, return, cancel). */
export function runningEnded(s: JobTable, q: QueueState): void {
  const f = q.flow;
  if (f === undefined) return;
  const c = f.limits.concurrency;
  if (c > 0 && q.counts[JobStatus.Running] === c - 1 && f.heldUntil === 0) s.onFlowOpen?.(q.name);
}

/** A job of a flow-controlled queue started at `at` (the `leased` record): spend tokens, rotate its group, hold what ran dry. */
export function jobStarted(s: JobTable, q: QueueState, f: QueueFlow, job: Job, at: number): void {
  if (f.rate !== undefined && f.bucket !== undefined) {
    f.bucket.spend(f.rate, at);
    if (f.bucket.credit < f.rate.periodMs) hold(s, f, f.bucket.dueAt(f.rate));
  }
  const lane = q.lanes.get(job.type);
  if (lane?.grouped) (lane as GroupLane).rotate(job.group);
  if (job.group === "") return;
  const g = f.groups.get(job.group);
  if (g === undefined) return;
  const r = f.groupRate;
  if (r !== undefined) {
    g.bucket ??= new Bucket(r);
    g.bucket.spend(r, at);
    if (g.bucket.credit < r.periodMs) hold(s, g, g.bucket.dueAt(r));
  }
  if (g.blocked()) g.unlinkAll();
}

/** Holds a queue or group until `until` (the later of this and an existing hold); a `promoted` record at or past it wakes it. */
function hold(s: JobTable, x: QueueFlow | FlowGroup, until: number): void {
  if (until <= x.heldUntil) return;
  x.heldUntil = until;
  x.wakeStamp = ++s.stampSeq;
  s.flowWakes.push(until, x, x.wakeStamp);
  if (x instanceof FlowGroup) x.unlinkAll();
}

/** The `promoted` record at `at`: ends the holds due by then. */
export function wakeFlows(s: JobTable, at: number): void {
  const h = s.flowWakes;
  while (h.peekKey() <= at) {
    const x = h.peekItem() as QueueFlow | FlowGroup;
    const live = x.wakeStamp === h.peekStamp();
    h.pop();
    if (!live) continue;
    x.heldUntil = 0;
    x.wakeStamp = 0;
    if (x instanceof FlowGroup) {
      if (x.pausedUntil <= at) x.pausedUntil = 0;
      if (!x.blocked()) x.linkAll();
      s.onFlowOpen?.(x.flow.queue);
      if (x.idle(at)) dropGroup(x);
    } else {
      s.onFlowOpen?.(x.queue);
    }
  }
}

/** A handler paused a group until `until`. */
export function pauseGroup(s: JobTable, queue: string, group: string, until: number): void {
  const g = groupOf(s, queue, group);
  if (until > g.pausedUntil) g.pausedUntil = until;
  hold(s, g, until);
}

function sameRate(a: Rate | undefined, b: Rate | undefined): boolean {
  return a === undefined || b === undefined ? a === b : a.count === b.count && a.periodMs === b.periodMs && a.burst === b.burst;
}

/**
 * A queue's limits change. A rate that changed starts its buckets full
 * again (and lifts the holds it caused); groups then join or leave their
 * rings as the new limits say. O(groups of the queue): an operator's act.
 */
export function setQueueLimits(s: JobTable, name: string, limits: QueueLimits): void {
  const q = s.queue(name);
  if (q.flow === undefined && sameLimits(limits, noQueueLimits)) return;
  const f = ensureFlow(q);
  f.limits = { ...limits };
  const qr = queueRate(limits);
  if (!sameRate(qr, f.rate)) {
    f.rate = qr;
    f.bucket = qr === undefined ? undefined : new Bucket(qr);
    f.heldUntil = 0;
    f.wakeStamp = 0;
  }
  const gr = groupRate(limits);
  const groupRateChanged = !sameRate(gr, f.groupRate);
  f.groupRate = gr;
  for (const g of f.groups.values()) {
    if (groupRateChanged) {
      g.bucket = undefined;
      g.heldUntil = 0;
      g.wakeStamp = 0;
      if (g.pausedUntil > 0) hold(s, g, g.pausedUntil);
    }
    if (g.blocked()) g.unlinkAll();
    else g.linkAll();
  }
  s.onFlowOpen?.(name);
}

/** Flow state a snapshot keeps besides the jobs. */
export interface FlowSnapshot {
  limits: { queue: string; limits: QueueLimits }[];
  pauses: { queue: string; group: string; untilMs: number }[];
  /** group "" with queueWide: the queue's own bucket. credit is tokens × period_ms. */
  buckets: { queue: string; group: string; queueWide: boolean; credit: number; at: number }[];
}

export function flowSnapshot(s: JobTable): FlowSnapshot {
  const out: FlowSnapshot = { limits: [], pauses: [], buckets: [] };
  for (const q of s.queues.values()) {
    const f = q.flow;
    if (f === undefined) continue;
    if (!sameLimits(f.limits, noQueueLimits)) out.limits.push({ queue: q.name, limits: { ...f.limits } });
    if (f.bucket !== undefined) out.buckets.push({ queue: q.name, group: "", queueWide: true, credit: f.bucket.credit, at: f.bucket.at });
    for (const g of f.groups.values()) {
      if (g.pausedUntil > 0) out.pauses.push({ queue: q.name, group: g.name, untilMs: g.pausedUntil });
      if (g.bucket !== undefined) out.buckets.push({ queue: q.name, group: g.name, queueWide: false, credit: g.bucket.credit, at: g.bucket.at });
    }
  }
  return out;
}

/** Rebuilds flow state after a snapshot's jobs are restored: limits, buckets, pauses, then holds and rings. */
export function restoreFlow(s: JobTable, snap: FlowSnapshot): void {
  for (const l of snap.limits) setQueueLimits(s, l.queue, l.limits);
  for (const b of snap.buckets) {
    const f = ensureFlow(s.queue(b.queue));
    if (b.queueWide) {
      if (f.rate !== undefined) f.bucket = new Bucket(f.rate, b.credit, b.at);
    } else if (f.groupRate !== undefined) {
      groupOf(s, b.queue, b.group).bucket = new Bucket(f.groupRate, b.credit, b.at);
    }
  }
  for (const p of snap.pauses) pauseGroup(s, p.queue, p.group, p.untilMs);
  for (const q of s.queues.values()) {
    const f = q.flow;
    if (f === undefined) continue;
    if (f.rate !== undefined && f.bucket !== undefined && f.bucket.credit < f.rate.periodMs) hold(s, f, f.bucket.dueAt(f.rate));
    const r = f.groupRate;
    for (const g of f.groups.values()) {
      if (r !== undefined && g.bucket !== undefined && g.bucket.credit < r.periodMs) hold(s, g, g.bucket.dueAt(r));
      if (g.blocked()) g.unlinkAll();
    }
  }
}
