// Every job in id order, for ListJobs paging: seeking to a page token is a
// binary search, not a walk from the first job. The jobs sit in sorted
// chunks of at most chunkMax: new ids are the largest (ids grow with submit
// order), so adding is a push onto the last chunk; retention removes mostly
// the oldest, found by identity near the front of the first chunk; a removal
// anywhere else costs a binary search and one splice inside one chunk.
// Seeking is a binary search over the chunks' last ids, then one inside the
// chunk: O(log n), in either direction; a page then costs its own length.

import type { Job } from "./types.ts";

const chunkMax = 512;
/** Entries at the front checked by identity before a binary search. */
const frontScan = 16;

export class IdOrder {
  private readonly chunks: Job[][] = [];
  private count = 0;

  get size(): number {
    return this.count;
  }

  add(job: Job): void {
    this.count++;
    const last = this.chunks[this.chunks.length - 1];
    if (last === undefined || (last[last.length - 1] as Job).id < job.id) {
      if (last !== undefined && last.length < chunkMax) last.push(job);
      else this.chunks.push(newChunk(job));
      return;
    }
    // An id older than the newest (an injected id source, or a restore that
    // did not insert in id order): insert in place, splitting a full chunk.
    const c = this.chunkFor(job.id);
    const chunk = this.chunks[c] as Job[];
    chunk.splice(upperBound(chunk, job.id), 0, job);
    if (chunk.length > chunkMax) this.chunks.splice(c + 1, 0, chunk.splice(chunkMax >> 1));
  }

  /** Removes the job if it is held; a job not held is ignored. */
  remove(job: Job): void {
    // Retention removes mostly the oldest jobs: look near the front by identity
    // first, which costs no string comparison.
    const first = this.chunks[0];
    if (first === undefined) return;
    const near = Math.min(first.length, frontScan);
    for (let i = 0; i < near; i++) {
      if (first[i] === job) {
        this.removeAt(0, i);
        return;
      }
    }
    const c = this.chunkFor(job.id);
    const chunk = this.chunks[c];
    if (chunk === undefined) return;
    const i = upperBound(chunk, job.id) - 1;
    if (chunk[i] === job) this.removeAt(c, i);
  }

  private removeAt(c: number, i: number): void {
    const chunk = this.chunks[c] as Job[];
    this.count--;
    if (i === 0) chunk.shift();
    else chunk.splice(i, 1);
    if (chunk.length === 0) {
      this.chunks.splice(c, 1);
      return;
    }
    // Keep chunks from thinning out after removals in the middle.
    const next = this.chunks[c + 1];
    if (next !== undefined && chunk.length + next.length <= chunkMax >> 1) {
      for (const j of next) chunk.push(j);
      this.chunks.splice(c + 1, 1);
    }
  }

  /**
   * Calls `visit` for each job with an id greater than `afterId`, in id
   * order, until it returns false.
   */
  scanAfter(afterId: string, visit: (job: Job) => boolean): void {
    const chunks = this.chunks;
    let c = this.chunkFor(afterId);
    if (c >= chunks.length) return;
    let i = upperBound(chunks[c] as Job[], afterId);
    for (; c < chunks.length; c++, i = 0) {
      const chunk = chunks[c] as Job[];
      for (; i < chunk.length; i++) if (!visit(chunk[i] as Job)) return;
    }
  }

  /**
   * Calls `visit` for each job with an id less than `beforeId` ("" = from the
   * newest), newest first, until it returns false.
   */
  scanBefore(beforeId: string, visit: (job: Job) => boolean): void {
    const chunks = this.chunks;
    let c = beforeId === "" ? chunks.length : this.chunkFor(beforeId);
    // `end`: one past the newest job to visit in chunk c.
    let end: number;
    if (c === chunks.length) {
      c--;
      end = c >= 0 ? (chunks[c] as Job[]).length : 0;
    } else {
      end = lowerBound(chunks[c] as Job[], beforeId);
    }
    for (; c >= 0; c--) {
      const chunk = chunks[c] as Job[];
      for (let i = end - 1; i >= 0; i--) if (!visit(chunk[i] as Job)) return;
      end = (chunks[c - 1] as Job[] | undefined)?.length ?? 0;
    }
  }

  /** Jobs with an id greater than `id` (newer): O(log n + n / chunkMax). */
  countAfter(id: string): number {
    const chunks = this.chunks;
    const c = this.chunkFor(id);
    if (c >= chunks.length) return 0;
    let n = (chunks[c] as Job[]).length - upperBound(chunks[c] as Job[], id);
    for (let k = c + 1; k < chunks.length; k++) n += (chunks[k] as Job[]).length;
    return n;
  }

  /** Jobs with an id less than `id` (older). */
  countBefore(id: string): number {
    return this.count - this.countAfter(id) - (this.has(id) ? 1 : 0);
  }

  private has(id: string): boolean {
    const chunk = this.chunks[this.chunkFor(id)];
    if (chunk === undefined) return false;
    const i = lowerBound(chunk, id);
    return (chunk[i] as Job | undefined)?.id === id;
  }

  /** Ids in order (for tests and checks; O(n)). */
  ids(): string[] {
    const out: string[] = [];
    for (const chunk of this.chunks) for (const j of chunk) out.push(j.id);
    return out;
  }

  /** Index of the first chunk whose last id is >= id; chunks.length if none. */
  private chunkFor(id: string): number {
    const chunks = this.chunks;
    let lo = 0;
    let hi = chunks.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      const chunk = chunks[mid] as Job[];
      if ((chunk[chunk.length - 1] as Job).id < id) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }
}

/** A chunk with room for chunkMax jobs up front: growing by push would leave a third of it unused. */
function newChunk(first: Job): Job[] {
  const chunk: Job[] = new Array(chunkMax);
  chunk.length = 0;
  chunk.push(first);
  return chunk;
}

/** Index of the first job in `chunk` whose id is not less than `id`. */
function lowerBound(chunk: readonly Job[], id: string): number {
  let lo = 0;
  let hi = chunk.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((chunk[mid] as Job).id < id) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Index of the first job in `chunk` whose id is greater than `id`. */
function upperBound(chunk: readonly Job[], id: string): number {
  let lo = 0;
  let hi = chunk.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((chunk[mid] as Job).id <= id) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
