// Registered workers: identity, liveness and pending commands. A worker that
// has not been heard from (heartbeat, poll or ack) for timeoutMs is expired;
// the broker then releases its leases. Expiry times sit in a heap with lazy
// entries: touching a worker only stores the time, and an entry that reaches
// the top early is pushed back with the worker's real expiry. So no call on
// the hot path looks at more than one worker.

import { randomUUID } from "node:crypto";
import type { WorkerCommand } from "../core/contract.ts";
import { TimerHeap } from "../core/heap.ts";
import type { WorkerView } from "../core/views.ts";

export type WorkerInfo = WorkerView;

export type NewWorker = Omit<WorkerInfo, "workerId" | "lastSeenAt" | "registeredAt" | "active" | "quiet"> & { workerId?: string };

interface Entry {
  info: WorkerInfo;
  /** Stamp of this worker's live heap entry. */
  stamp: number;
  commands: WorkerCommand[] | undefined;
  /** The credential that registered it (Identity.key): only it may act as this worker. */
  owner: string;
}

export class WorkerRegistry {
  private readonly workers = new Map<string, Entry>();
  private readonly expiries = new TimerHeap<Entry>();
  private stampSeq = 0;
  /** Owners of leases recovered at start that have not registered since, and when they are given up. */
  private owners: Set<string> | undefined;
  private ownersDueAt = Number.POSITIVE_INFINITY;

  constructor(readonly timeoutMs: number) {}

  /**
   * After recovery: these workers hold leases this process never saw them
   * take. They get one timeout to come back (register) before ownersGone()
   * names them.
   */
  awaitOwners(workerIds: readonly string[], now: number): void {
    if (workerIds.length === 0) return;
    this.owners = new Set(workerIds);
    this.ownersDueAt = now + this.timeoutMs;
  }

  /** Recovered owners that did not come back in time (once, when due). */
  ownersGone(now: number): string[] {
    if (this.owners === undefined || now < this.ownersDueAt) return [];
    const gone = [...this.owners].filter((id) => !this.workers.has(id));
    this.owners = undefined;
    this.ownersDueAt = Number.POSITIVE_INFINITY;
    return gone;
  }

  /** The credential key that registered this worker, if it is registered. */
  ownerOf(workerId: string): string | undefined {
    return this.workers.get(workerId)?.owner;
  }

  register(info: NewWorker, now: number, owner = "anonymous"): WorkerInfo {
    const workerId = info.workerId || `w-${randomUUID().slice(0, 12)}`;
    this.owners?.delete(workerId);
    const prev = this.workers.get(workerId);
    const w: WorkerInfo = {
      ...info,
      workerId,
      active: prev?.info.active ?? 0,
      lastSeenAt: now,
      registeredAt: prev?.info.registeredAt ?? now,
      quiet: prev?.info.quiet ?? false,
    };
    if (prev !== undefined) {
      prev.info = w;
      return w;
    }
    const e: Entry = { info: w, stamp: ++this.stampSeq, commands: undefined, owner };
    this.workers.set(workerId, e);
    this.expiries.push(this.expiryOf(w), e, e.stamp);
    return w;
  }

  get(workerId: string): WorkerInfo | undefined {
    return this.workers.get(workerId)?.info;
  }

  /** Marks the worker alive; false when it is not registered. */
  touch(workerId: string, now: number): boolean {
    const e = this.workers.get(workerId);
    if (e === undefined) return false;
    e.info.lastSeenAt = now;
    return true;
  }

  remove(workerId: string): boolean {
    const e = this.workers.get(workerId);
    if (e === undefined) return false;
    e.stamp = -1; // its heap entry is dead
    return this.workers.delete(workerId);
  }

  private expiryOf(w: WorkerInfo): number {
    return w.lastSeenAt + this.timeoutMs + 1;
  }

  /** Workers silent for longer than the timeout, removed from the registry. */
  expire(now: number): WorkerInfo[] {
    const gone: WorkerInfo[] = [];
    const h = this.expiries;
    while (h.peekKey() <= now) {
      const e = h.peekItem() as Entry;
      const live = e.stamp === h.peekStamp();
      h.pop();
      if (!live) continue;
      const due = this.expiryOf(e.info);
      if (due > now) {
        e.stamp = ++this.stampSeq; // heard from since: wait for the real expiry
        h.push(due, e, e.stamp);
        continue;
      }
      this.remove(e.info.workerId);
      gone.push(e.info);
    }
    return gone;
  }

  /** No later than the next worker would expire if it stays silent (or recovered owners are due). */
  nextExpiryAt(): number {
    return Math.min(this.expiries.peekKey(), this.ownersDueAt);
  }

  command(workerId: string, c: WorkerCommand): void {
    const e = this.workers.get(workerId);
    if (e === undefined) return;
    // Remembered for `workers`: the worker obeys at its next heartbeat and stays quiet until it exits.
    if ("quiet" in c || "shutdown" in c) e.info.quiet = true;
    (e.commands ??= []).push(c);
  }

  takeCommands(workerId: string): WorkerCommand[] {
    const e = this.workers.get(workerId);
    const list = e?.commands ?? [];
    if (e !== undefined) e.commands = undefined;
    return list;
  }

  list(): WorkerInfo[] {
    return [...this.workers.values()].map((e) => e.info);
  }

  /** Ids of the registered workers (no copy). */
  ids(): IterableIterator<string> {
    return this.workers.keys();
  }

  get size(): number {
    return this.workers.size;
  }
}
