// A snapshot written in the background with copy-on-write.
//
// start() runs synchronously at a WAL cut (between two records): it records
// the header and installs JobState.hooks. Afterwards the jobs of the state at
// that cut are written in chunks across event-loop turns. Invariants:
// - every job present at the cut is written exactly once, with its fields as
//   they were at the cut: either by the chunk loop (job not changed since) or
//   by beforeChange() just before its first change (the pre-image);
// - jobs inserted after the cut are never written;
// - COMPLETED jobs past the age retention at the cut are left out (nothing
//   later refers to a completed job except `removed`, which tolerates absence).
// Replaying the segments from the cut on over the snapshot therefore gives
// the live state.

import type { Retention } from "../core/config.ts";
import type { ChangeHooks, JobState } from "../core/state.ts";
import { type Job, JobStatus } from "../core/types.ts";
import { encodeJob } from "./codec.ts";
import { type FileOps, writeAll } from "./file-ops.ts";
import { closeFrame, openFrame } from "./frame.ts";
import { PbWriter } from "./pb.ts";
import { writeHeader, writeTrailer } from "./snapshot-file.ts";

export interface SnapshotWriterOptions {
  state: JobState;
  /** The cut: first segment not covered. */
  walSegment: number;
  tmpPath: string;
  fileOps: FileOps;
  now: number;
  retention: Retention;
  /** Jobs encoded per event-loop turn. */
  chunkJobs: number;
}

export class SnapshotAborted extends Error {}

export class SnapshotWriter {
  private readonly o: SnapshotWriterOptions;
  /** Jobs written (or deliberately left out) already. */
  private readonly done = new Set<Job>();
  /** Jobs inserted after the cut. */
  private readonly fresh = new Set<Job>();
  private readonly iter: Iterator<Job>;
  private w = new PbWriter(1024 * 1024);
  private spare = new PbWriter(1024 * 1024);
  private frames = 1;
  private jobs = 0;
  private aborted = false;
  private hooked = true;
  private readonly completedCutoff: number;

  constructor(o: SnapshotWriterOptions) {
    this.o = o;
    this.completedCutoff = o.now - o.retention.completedAgeMs;
    const s = o.state;
    if (s.hooks !== undefined) throw new Error("another snapshot is running");
    this.iter = s.jobs.values();
    const paused = [...s.queues.values()].filter((q) => q.paused).map((q) => q.name);
    writeHeader(this.w, { walSegment: o.walSegment, takenAt: o.now, pausedQueues: paused, lastJobId: s.lastJobId });
    const hooks: ChangeHooks = {
      beforeChange: (job) => {
        if (this.done.has(job) || this.fresh.has(job)) return;
        this.done.add(job);
        const at = openFrame(this.w);
        this.put(job);
        closeFrame(this.w, at);
        this.frames++;
      },
      inserted: (job) => {
        this.fresh.add(job);
      },
    };
    s.hooks = hooks;
  }

  /** Stops at the next turn; run() then rejects with SnapshotAborted. */
  abort(): void {
    this.aborted = true;
    this.unhook();
  }

  /** Writes the whole snapshot to tmpPath and fsyncs it; the caller renames it. */
  async run(): Promise<void> {
    const ops = this.o.fileOps;
    const fd = await ops.open(this.o.tmpPath, "w", 0o600);
    let pos = 0;
    try {
      for (;;) {
        if (this.aborted) throw new SnapshotAborted("snapshot aborted");
        const more = this.encodeChunk();
        if (!more) {
          this.unhook();
          writeTrailer(this.w, this.frames, this.jobs);
        }
        const w = this.swap();
        await writeAll(ops, fd, w.buf, 0, w.pos, pos);
        pos += w.pos;
        w.pos = 0;
        if (!more) break;
      }
      await ops.fsync(fd);
    } finally {
      this.unhook();
      await ops.close(fd);
    }
  }

  /** Encodes up to chunkJobs jobs as one frame; false when every job at the cut is handled. */
  private encodeChunk(): boolean {
    const at = openFrame(this.w);
    const start = this.w.pos;
    let n = 0;
    let more = true;
    while (n < this.o.chunkJobs) {
      const it = this.iter.next();
      if (it.done) {
        more = false;
        break;
      }
      const job = it.value;
      if (this.done.has(job) || this.fresh.has(job)) continue;
      this.done.add(job);
      this.put(job);
      n++;
    }
    if (this.w.pos === start) this.w.pos = at;
    else {
      closeFrame(this.w, at);
      this.frames++;
    }
    return more;
  }

  private put(job: Job): void {
    if (job.status === JobStatus.Completed && (job.extra?.finishedAt ?? 0) <= this.completedCutoff) return;
    encodeJob(this.w, job, 3);
    this.jobs++;
  }

  /** Hands the filled buffer to the file write; pre-images go to the other one meanwhile. */
  private swap(): PbWriter {
    const full = this.w;
    this.w = this.spare;
    this.spare = full;
    return full;
  }

  private unhook(): void {
    if (!this.hooked) return;
    this.hooked = false;
    this.o.state.hooks = undefined;
  }
}
