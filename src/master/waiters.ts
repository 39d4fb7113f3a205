// Parked long-polls. A poll that finds nothing waits here until a job becomes
// ready for it (the broker calls serve() after such a change) or its wait
// ends. Waiters are served in arrival order, so no poller starves.

import type { Lease } from "../core/index.ts";

export interface Waiter {
  workerId: string;
  queues: readonly string[];
  types: readonly string[];
  count: number;
  resolve(leases: Lease[]): void;
  timer: ReturnType<typeof setTimeout> | undefined;
}

export class Waiters {
  private list: Waiter[] = [];
  private readonly perWorker = new Map<string, number>();

  get size(): number {
    return this.list.length;
  }

  /** Polls this worker has parked now. */
  countFor(workerId: string): number {
    return this.perWorker.get(workerId) ?? 0;
  }

  add(w: Waiter): void {
    this.list.push(w);
    this.perWorker.set(w.workerId, this.countFor(w.workerId) + 1);
  }

  /** Ends a wait with whatever `leases` holds (an empty list on time-out). */
  finish(w: Waiter, leases: Lease[]): void {
    const i = this.list.indexOf(w);
    if (i < 0) return;
    this.list.splice(i, 1);
    const n = this.countFor(w.workerId) - 1;
    if (n > 0) this.perWorker.set(w.workerId, n);
    else this.perWorker.delete(w.workerId);
    if (w.timer !== undefined) clearTimeout(w.timer);
    w.resolve(leases);
  }

  /**
   * Offers ready jobs to waiters in arrival order. `take` leases jobs for one
   * waiter (empty when none fit it). Stops early when `anyReady` says nothing
   * is left for anyone.
   */
  serve(take: (w: Waiter) => Lease[], anyReady: () => boolean): void {
    for (const w of [...this.list]) {
      if (!anyReady()) return;
      const leases = take(w);
      if (leases.length > 0) this.finish(w, leases);
    }
  }

  /** Ends every wait of a worker (it expired or left). */
  dropWorker(workerId: string): void {
    for (const w of this.list.filter((x) => x.workerId === workerId)) this.finish(w, []);
  }

  /** Ends every wait (shutdown). */
  clear(): void {
    for (const w of [...this.list]) this.finish(w, []);
  }
}
