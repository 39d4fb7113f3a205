// Job ids: 16 lower-case base-32 characters (0-9, a-v), 10 of milliseconds
// then 6 of a per-millisecond counter, so ids sort by creation time. Lease
// tokens: a random per-process prefix plus a counter, so a token is never
// reused, even across master restarts.

export interface IdSource {
  jobId(now: number): string;
  leaseToken(): string;
  /** Make later ids sort after this one (called at recovery). */
  observe(jobId: string): void;
}

const counterMax = 32 ** 6;

export class MonotonicIds implements IdSource {
  private lastMs = 0;
  private prefix = "";
  private counter = 0;
  private leaseCounter = 0;
  private readonly leasePrefix: string;

  constructor(random: () => number = Math.random) {
    this.leasePrefix = Math.floor(random() * 2 ** 40)
      .toString(32)
      .padStart(8, "0");
  }

  jobId(now: number): string {
    if (now > this.lastMs) this.setMs(now);
    if (this.counter >= counterMax) this.setMs(this.lastMs + 1); // a billion ids in one ms: borrow the next
    return this.prefix + (this.counter++).toString(32).padStart(6, "0");
  }

  private setMs(ms: number): void {
    this.lastMs = ms;
    this.prefix = ms.toString(32).padStart(10, "0");
    this.counter = 0;
  }

  leaseToken(): string {
    return this.leasePrefix + (++this.leaseCounter).toString(36);
  }

  observe(jobId: string): void {
    const t = Number.parseInt(jobId.slice(0, 10), 32);
    if (Number.isFinite(t) && t >= this.lastMs) {
      this.setMs(t);
      this.counter = counterMax; // the next id starts a later millisecond
    }
  }
}
