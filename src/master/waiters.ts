// Parked long-polls. A poll that finds nothing waits here until a job becomes
// ready for it (the broker calls serve() after such a change) or its wait
// ends. Waiters are served in arrival order, so no poller starves. They are
// indexed by queue (Sets keep arrival order and make finishing a wait O(1)),
// so a job becoming ready is offered only to the polls of its own queue, and
// the offer stops as soon as that queue has nothing ready.

import { parkedPollsPerWorkerMax } from "../core/config.ts";
import { resourceExhausted } from "../core/errors.ts";
import type { Lease } from "../core/types.ts";

export interface Waiter {
  workerId: string;
  queues: readonly string[];
  types: readonly string[];
  count: number;
  resolve(leases: Lease[]): void;
  timer: ReturnType<typeof setTimeout> | undefined;
}

export class Waiters {
  private readonly all = new Set<Waiter>();
  private readonly perWorker = new Map<string, Set<Waiter>>();
  private readonly perQueue = new Map<string, Set<Waiter>>();

  get size(): number {
    return this.all.size;
  }

  /** Polls this worker has parked now. */
  countFor(workerId: string): number {
    return this.perWorker.get(workerId)?.size ?? 0;
  }

  private add(w: Waiter): void {
    this.all.add(w);
    indexed(this.perWorker, w.workerId).add(w);
    for (const q of w.queues) indexed(this.perQueue, q).add(w);
  }

  /** Parks a poll for up to `waitMs`, or until `signal` aborts (it then ends empty). */
  park(req: Omit<Waiter, "resolve" | "timer">, waitMs: number, signal: AbortSignal | undefined): Promise<Lease[]> {
    if (this.countFor(req.workerId) >= parkedPollsPerWorkerMax) {
      throw resourceExhausted(
        `worker ${req.workerId} has ${parkedPollsPerWorkerMax} polls waiting already; the limit is ${parkedPollsPerWorkerMax}`,
      );
    }
    return new Promise((resolve) => {
      const waiter: Waiter = { ...req, resolve, timer: undefined };
      const leave = () => this.finish(waiter, []);
      waiter.timer = setTimeout(leave, waitMs);
      signal?.addEventListener("abort", leave, { once: true });
      this.add(waiter);
    });
  }

  /** Ends a wait with whatever `leases` holds (an empty list on time-out). */
  finish(w: Waiter, leases: Lease[]): void {
    if (!this.all.delete(w)) return;
    unindex(this.perWorker, w.workerId, w);
    for (const q of w.queues) unindex(this.perQueue, q, w);
    if (w.timer !== undefined) clearTimeout(w.timer);
    w.resolve(leases);
  }

  /**
   * Offers the ready jobs of `queues` to the polls parked on those queues, in
   * arrival order. `take` leases jobs for one waiter (empty when none fit
   * it). A queue's walk stops as soon as `anyReady(queue)` says it has
   * nothing left.
   */
  serve(queues: Iterable<string>, take: (w: Waiter) => Lease[], anyReady: (queue: string) => boolean): void {
    for (const q of queues) {
      for (const w of this.perQueue.get(q) ?? []) {
        if (!anyReady(q)) break;
        const leases = take(w);
        if (leases.length > 0) this.finish(w, leases); // deleting the visited entry is safe in a Set walk
      }
    }
  }

  /** Ends every wait of a worker (it expired or left). */
  dropWorker(workerId: string): void {
    for (const w of [...(this.perWorker.get(workerId) ?? [])]) this.finish(w, []);
  }

  /** Ends every wait (shutdown). */
  clear(): void {
    for (const w of [...this.all]) this.finish(w, []);
  }
}

function indexed(m: Map<string, Set<Waiter>>, key: string): Set<Waiter> {
  let set = m.get(key);
  if (set === undefined) m.set(key, (set = new Set()));
  return set;
}

function unindex(m: Map<string, Set<Waiter>>, key: string, w: Waiter): void {
  const set = m.get(key);
  set?.delete(w);
  if (set?.size === 0) m.delete(key);
}
