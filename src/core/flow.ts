// Flow control: groups, concurrency limits, rate limits and fair scheduling
// (docs/flow-control.md). Everything here changes only through apply(), from
// values carried by records, so the live path and replay build the same
// state: running counts, token buckets, holds and the rings of groups.
//
// A lane that has seen a grouped job is a GroupLane: one sub-lane (a Lane,
// priority then ready order) per group, and a ring of the sub-lanes whose
// group has ready jobs and is not held. Poll takes the head of the ring;
// the `leased` record moves that group to the ring's tail (round-robin). A
// group at its concurrency limit, out of rate tokens or paused leaves every
// ring it is in, and comes back when a slot frees (an ack, a release) or
// when the timer's `promoted` record reaches the end of its hold. So poll
// never walks over groups that cannot run, whatever their number.
//
// Token buckets use whole numbers only: `credit` is tokens × period_ms, it
// grows by `count` per elapsed ms up to burst × period_ms and a start costs
// period_ms. No rounding, so replay and snapshots reproduce it exactly.

import { Lane } from "./lane.ts";
import type { Job } from "./types.ts";

/** A queue's limits; 0 = unlimited. A burst of 0 means `count`. */
export interface QueueLimits {
  concurrency: number;
  groupConcurrency: number;
  rateCount: number;
  ratePeriodMs: number;
  rateBurst: number;
  groupRateCount: number;
  groupRatePeriodMs: number;
  groupRateBurst: number;
}

export const noQueueLimits: Readonly<QueueLimits> = Object.freeze({
  concurrency: 0,
  groupConcurrency: 0,
  rateCount: 0,
  ratePeriodMs: 0,
  rateBurst: 0,
  groupRateCount: 0,
  groupRatePeriodMs: 0,
  groupRateBurst: 0,
});

export const queueLimitKeys = Object.keys(noQueueLimits) as (keyof QueueLimits)[];

export function sameLimits(a: QueueLimits, b: QueueLimits): boolean {
  for (const k of queueLimitKeys) if (a[k] !== b[k]) return false;
  return true;
}

/** A rate: `count` starts per `periodMs`, at most `burst` at once. */
export interface Rate {
  count: number;
  periodMs: number;
  burst: number;
}

export function queueRate(l: QueueLimits): Rate | undefined {
  return l.rateCount > 0 ? { count: l.rateCount, periodMs: l.ratePeriodMs, burst: l.rateBurst || l.rateCount } : undefined;
}

export function groupRate(l: QueueLimits): Rate | undefined {
  return l.groupRateCount > 0
    ? { count: l.groupRateCount, periodMs: l.groupRatePeriodMs, burst: l.groupRateBurst || l.groupRateCount }
    : undefined;
}

/** ceil(a / b) for whole a >= 0, b > 0 below 2^53, exactly. */
function ceilDiv(a: number, b: number): number {
  let q = Math.floor(a / b);
  while (q * b < a) q++;
  while (q > 0 && (q - 1) * b >= a) q--;
  return q;
}

/** A token bucket. Starts full. */
export class Bucket {
  /** tokens × periodMs. */
  credit: number;
  /** When credit was last brought up to date (ms since epoch). */
  at: number;

  constructor(rate: Rate, credit = rate.burst * rate.periodMs, at = 0) {
    this.credit = credit;
    this.at = at;
  }

  /** The credit at `at` (never less than now: time does not run back). */
  creditAt(rate: Rate, at: number): number {
    const cap = rate.burst * rate.periodMs;
    const need = cap - this.credit;
    if (need <= 0) return cap;
    const elapsed = at - this.at;
    if (elapsed <= 0) return this.credit;
    if (elapsed >= ceilDiv(need, rate.count)) return cap;
    return this.credit + elapsed * rate.count;
  }

  /** One start at `at`. */
  spend(rate: Rate, at: number): void {
    this.credit = this.creditAt(rate, at) - rate.periodMs;
    if (at > this.at) this.at = at;
  }

  /** When the next token is there: `at` if one is there already. */
  dueAt(rate: Rate): number {
    if (this.credit >= rate.periodMs) return this.at;
    return this.at + ceilDiv(rate.periodMs - this.credit, rate.count);
  }

  /** Tokens at `at`, for display. */
  tokens(rate: Rate, at: number): number {
    return this.creditAt(rate, at) / rate.periodMs;
  }

  full(rate: Rate, at: number): boolean {
    return this.creditAt(rate, at) >= rate.burst * rate.periodMs;
  }
}

/** A queue's flow state (QueueState.flow); exists once the queue has limits or grouped jobs. */
export class QueueFlow {
  limits: QueueLimits = noQueueLimits;
  rate: Rate | undefined = undefined;
  groupRate: Rate | undefined = undefined;
  bucket: Bucket | undefined = undefined;
  /** > 0: no job of the queue starts until a `promoted` record at or after this (its rate). */
  heldUntil = 0;
  wakeStamp = 0;
  readonly groups = new Map<string, FlowGroup>();
  /** Groups with at least one PENDING job. */
  readyGroups = 0;

  constructor(readonly queue: string) {}

  /** True when no job of this queue may start now. `running`: its RUNNING jobs. */
  closed(running: number): boolean {
    return this.heldUntil > 0 || (this.limits.concurrency > 0 && running >= this.limits.concurrency);
  }
}

/** One group of one queue. Jobs without a group are in no FlowGroup. */
export class FlowGroup {
  pending = 0;
  running = 0;
  bucket: Bucket | undefined = undefined;
  /** Paused by a handler (RateLimitedError with pauseGroup) until this time. */
  pausedUntil = 0;
  /** > 0: out of the rings until a `promoted` record at or after this (paused, or out of tokens). */
  heldUntil = 0;
  wakeStamp = 0;
  /** Its sub-lane in each lane (job type) it has had ready jobs in. */
  readonly subs: SubLane[] = [];

  constructor(
    readonly flow: QueueFlow,
    readonly name: string,
  ) {}

  blocked(): boolean {
    const gc = this.flow.limits.groupConcurrency;
    return this.heldUntil > 0 || (gc > 0 && this.running >= gc);
  }

  /** Nothing to remember: no jobs, no hold, a full bucket (or none). */
  idle(at: number): boolean {
    if (this.pending !== 0 || this.running !== 0 || this.heldUntil !== 0) return false;
    const r = this.flow.groupRate;
    return this.bucket === undefined || r === undefined || this.bucket.full(r, at);
  }

  /** Leaves every ring. */
  unlinkAll(): void {
    for (const sub of this.subs) sub.owner.unlink(sub);
  }

  /** Joins the rings of the lanes where it has ready jobs (at their tails). */
  linkAll(): void {
    for (const sub of this.subs) if (!sub.linked && sub.lane.peek() !== undefined) sub.owner.linkTail(sub);
  }
}

/** A group's ready jobs in one GroupLane, and its place in that lane's ring. */
export class SubLane {
  readonly lane: Lane;
  prev: SubLane | undefined = undefined;
  next: SubLane | undefined = undefined;
  linked = false;

  constructor(
    readonly owner: GroupLane,
    readonly group: string,
    readonly fg: FlowGroup | undefined,
    lane?: Lane,
  ) {
    this.lane = lane ?? new Lane();
  }
}

/**
 * The ready jobs of one (queue, type) once grouped jobs arrived: a sub-lane
 * per group and a ring of the groups that may run. peek() and shift() act as
 * Lane's do, on the group at the head of the ring.
 */
export class GroupLane {
  readonly grouped = true;
  readonly subs = new Map<string, SubLane>();
  private head: SubLane | undefined = undefined;
  private tail: SubLane | undefined = undefined;
  /** Sub-lanes in the ring (some may have gone empty; peek drops them). */
  ringSize = 0;

  /** Takes over a plain lane's jobs as the group "" (jobs without a group). */
  static from(lane: Lane | undefined): GroupLane {
    const g = new GroupLane();
    if (lane !== undefined) {
      const sub = new SubLane(g, "", undefined, lane);
      g.subs.set("", sub);
      if (lane.peek() !== undefined) g.linkTail(sub);
    }
    return g;
  }

  /** For metrics: the oldest ready job over every group (O(groups × priorities); a scrape, never a poll). */
  oldest(): Job | undefined {
    let best: Job | undefined;
    for (const sub of this.subs.values()) {
      const j = sub.lane.oldest();
      if (j !== undefined && (best === undefined || j.stamp < best.stamp)) best = j;
    }
    return best;
  }

  /** Adds a ready job; its group joins the ring's tail if it was not in it, or had no ready job. */
  push(job: Job, fg: FlowGroup | undefined): void {
    let sub = this.subs.get(job.group);
    if (sub === undefined) {
      sub = new SubLane(this, job.group, fg);
      this.subs.set(job.group, sub);
      fg?.subs.push(sub);
    }
    const wasEmpty = sub.lane.peek() === undefined;
    sub.lane.push(job);
    if (fg?.blocked()) return;
    if (sub.linked && wasEmpty) this.unlink(sub); // an empty group left in the ring goes to the tail, as if dropped
    if (!sub.linked) this.linkTail(sub);
  }

  /** The job that should run next: the best of the group at the head of the ring. */
  peek(): Job | undefined {
    for (;;) {
      const sub = this.head;
      if (sub === undefined) return undefined;
      const j = sub.lane.peek();
      if (j !== undefined) return j;
      this.unlink(sub);
    }
  }

  shift(): void {
    this.head?.lane.shift();
  }

  /** After one of its jobs started: the group goes to the ring's tail. */
  rotate(group: string): void {
    const sub = this.subs.get(group);
    if (sub === undefined || !sub.linked || sub === this.tail) return;
    this.unlink(sub);
    this.linkTail(sub);
  }

  /** Drops a group's (empty) sub-lane. */
  drop(sub: SubLane): void {
    this.unlink(sub);
    this.subs.delete(sub.group);
  }

  linkTail(sub: SubLane): void {
    if (sub.linked) return;
    sub.prev = this.tail;
    sub.next = undefined;
    if (this.tail !== undefined) this.tail.next = sub;
    else this.head = sub;
    this.tail = sub;
    sub.linked = true;
    this.ringSize++;
  }

  unlink(sub: SubLane): void {
    if (!sub.linked) return;
    if (sub.prev !== undefined) sub.prev.next = sub.next;
    else this.head = sub.next;
    if (sub.next !== undefined) sub.next.prev = sub.prev;
    else this.tail = sub.prev;
    sub.prev = sub.next = undefined;
    sub.linked = false;
    this.ringSize--;
  }

  /** Group names in ring order (tests, inspection). */
  ring(): string[] {
    const out: string[] = [];
    for (let s = this.head; s !== undefined; s = s.next) out.push(s.group);
    return out;
  }
}

export type AnyLane = Lane | GroupLane;
