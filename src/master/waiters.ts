// Parked long-polls. A poll that finds nothing waits here until a job becomes
// ready for it (the broker calls serve() after such a change) or its wait
// ends. Waiters are served in arrival order, so no poller starves. Sets keep
// arrival order and make finishing a wait O(1), so thousands of parked polls
// cost nothing per job handed out.

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

  get size(): number {
    return this.all.size;
  }

  /** Polls this worker has parked now. */
  countFor(workerId: string): number {
    return this.perWorker.get(workerId)?.size ?? 0;
  }

  add(w: Waiter): void {
    this.all.add(w);
    let mine = this.perWorker.get(w.workerId);
    if (mine === undefined) this.perWorker.set(w.workerId, (mine = new Set()));
    mine.add(w);
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
    const mine = this.perWorker.get(w.workerId);
    mine?.delete(w);
    if (mine?.size === 0) this.perWorker.delete(w.workerId);
    if (w.timer !== undefined) clearTimeout(w.timer);
    w.resolve(leases);
  }

  /**
   * Offers ready jobs to waiters in arrival order. `take` leases jobs for one
   * waiter (empty when none fit it). Stops early when `anyReady` says nothing
   * is left for anyone.
   */
  serve(take: (w: Waiter) => Lease[], anyReady: () => boolean): void {
    for (const w of this.all) {
      if (!anyReady()) return;
      const leases = take(w);
      if (leases.length > 0) this.finish(w, leases); // deleting the visited entry is safe in a Set walk
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
