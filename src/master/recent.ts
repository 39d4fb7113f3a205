// The last N submit-to-start waits, for stats: a fixed ring of numbers, so
// noting a start is O(1) and a stats call sorts at most N values.

/** Starts whose wait the ring keeps. */
export const recentWaitsMax = 1000;

export interface WaitSummary {
  /** Starts the figures are over (at most recentWaitsMax, the most recent). */
  samples: number;
  p50: number;
  p95: number;
  p99: number;
}

export class RecentWaits {
  private readonly ring = new Float64Array(recentWaitsMax);
  private next = 0;
  private count = 0;

  note(ms: number): void {
    this.ring[this.next] = ms;
    this.next = (this.next + 1) % recentWaitsMax;
    if (this.count < recentWaitsMax) this.count++;
  }

  summary(): WaitSummary {
    const n = this.count;
    if (n === 0) return { samples: 0, p50: 0, p95: 0, p99: 0 };
    const sorted = this.ring.slice(0, n).sort();
    const at = (p: number) => sorted[Math.min(n - 1, Math.floor(p * n))] as number;
    return { samples: n, p50: at(0.5), p95: at(0.95), p99: at(0.99) };
  }
}
