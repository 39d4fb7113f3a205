// The ready (PENDING) jobs of one (queue, type): a FIFO per priority, highest
// priority first. Entries are (job, stamp); an entry is live only while the
// job is PENDING with that stamp, so cancels need no search.

import { Deque } from "./deque.ts";
import { type Job, JobStatus } from "./types.ts";

export class Lane {
  /** False: not a GroupLane (flow.ts). */
  readonly grouped = false;
  private readonly buckets = new Map<number, Deque<Job>>();
  /** Priorities that have a bucket, highest first. */
  private readonly prios: number[] = [];

  push(job: Job): void {
    let b = this.buckets.get(job.priority);
    if (b === undefined) {
      b = new Deque<Job>();
      this.buckets.set(job.priority, b);
      let i = 0;
      while (i < this.prios.length && (this.prios[i] as number) > job.priority) i++;
      this.prios.splice(i, 0, job.priority);
    }
    b.push(job, job.stamp);
  }

  /** The job that should run next, or undefined; drops stale entries on the way. */
  peek(): Job | undefined {
    while (this.prios.length > 0) {
      const p = this.prios[0] as number;
      const b = this.buckets.get(p) as Deque<Job>;
      while (b.length > 0) {
        const j = b.peekItem() as Job;
        if (j.status === JobStatus.Pending && j.stamp === b.peekStamp()) return j;
        b.shift();
      }
      this.buckets.delete(p);
      this.prios.shift();
    }
    return undefined;
  }

  /**
   * The live job queued earliest (lowest stamp) among the heads of the
   * priority buckets, whatever its priority; drops stale heads like peek().
   * O(priorities). For metrics: the oldest ready job of this lane.
   */
  oldest(): Job | undefined {
    let best: Job | undefined;
    for (const b of this.buckets.values()) {
      while (b.length > 0) {
        const j = b.peekItem() as Job;
        if (j.status === JobStatus.Pending && j.stamp === b.peekStamp()) {
          if (best === undefined || j.stamp < best.stamp) best = j;
          break;
        }
        b.shift();
      }
    }
    return best;
  }

  /** Removes the entry peek() returned. */
  shift(): void {
    const p = this.prios[0];
    if (p !== undefined) this.buckets.get(p)?.shift();
  }
}
