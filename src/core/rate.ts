// Events per second over the last `windowS` seconds, in one bucket per
// second. Fed with the timestamps carried by records, so it reads no clock.

export class RateWindow {
  private readonly counts: Float64Array;
  private readonly seconds: Float64Array;

  constructor(readonly windowS = 60) {
    this.counts = new Float64Array(windowS);
    this.seconds = new Float64Array(windowS).fill(-1);
  }

  add(atMs: number): void {
    const sec = Math.floor(atMs / 1000);
    const i = sec % this.windowS;
    if (this.seconds[i] !== sec) {
      this.seconds[i] = sec;
      this.counts[i] = 0;
    }
    this.counts[i] = (this.counts[i] as number) + 1;
  }

  /** Mean events per second over the window ending at `nowMs` (the current second excluded, as it is not over). */
  perSec(nowMs: number): number {
    const now = Math.floor(nowMs / 1000);
    let n = 0;
    for (let i = 0; i < this.windowS; i++) {
      const s = this.seconds[i] as number;
      if (s < now && s >= now - this.windowS) n += this.counts[i] as number;
    }
    return n / this.windowS;
  }
}
