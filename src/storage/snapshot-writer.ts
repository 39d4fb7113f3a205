// A snapshot written in the background with copy-on-write.
//
// The constructor runs synchronously at a WAL cut (between two records): it
// records the header and installs JobTable.hooks. Afterwards the jobs of the
// state at that cut are written in chunks across event-loop turns. Invariants:
// - every job present at the cut is written with its fields as they were at
//   the cut: by the chunk loop if it has not changed since, and by
//   beforeChange() just before its first change (the pre-image). A job the
//   loop wrote and that changes later is written twice, identically; the
//   pre-images go last and the reader drops earlier copies of their ids;
// - apply() gives a job a new stamp only after beforeChange() or on insert,
//   so a job with a stamp above the cut's stampSeq that was not pre-imaged
//   was inserted after the cut, and is never written;
// - COMPLETED jobs past the age retention at the cut are left out (nothing
//   later refers to a completed job except `removed`, which tolerates absence).
// Replaying the segments from the cut on over the snapshot therefore gives
// the live state.

import { flowSnapshot } from "../core/flow-apply.ts";
import type { Retention } from "../core/config.ts";
import type { ChangeHooks, JobTable } from "../core/state.ts";
import { type Job, JobStatus } from "../core/types.ts";
import { encodeJob } from "./codec.ts";
import { StorageError } from "./errors.ts";
import { type FileOps, writeAll } from "./file-ops.ts";
import { closeFrame, openFrame } from "./frame.ts";
import { PbWriter } from "./pb.ts";
import { writeHeader, writeTrailer } from "./snapshot-file.ts";

export interface SnapshotWriterOptions {
  state: JobTable;
  /** The cut: first segment not covered. */
  walSegment: number;
  tmpPath: string;
  fileOps: FileOps;
  now: number;
  retention: Retention;
  /** Jobs encoded per event-loop turn. */
  chunkJobs: number;
}

/** run() was stopped by abort() (the store is closing or its WAL failed). */
export class SnapshotAborted extends StorageError {
  constructor(file: string) {
    super("closed", "snapshot aborted", { file });
    this.name = "SnapshotAborted";
  }
}

const SYNC_EVERY_BYTES = 4 * 1024 * 1024;
/**
 * A chunk frame is closed once it holds this many bytes, whatever chunkJobs
 * says: a frame must stay far below FRAME_BYTES_MAX (1000 jobs with 1 MiB
 * payloads would not), and a turn of the event loop short.
 */
const CHUNK_BYTES_MAX = 4 * 1024 * 1024;

export class SnapshotWriter {
  private readonly o: SnapshotWriterOptions;
  /**
   * Jobs whose pre-image is written. Only jobs changed during the snapshot
   * land here; no set holds all jobs (rehashing one stalls for tens of ms).
   */
  private readonly preImaged = new Set<Job>();
  private readonly stampAtCut: number;
  private readonly iter: Iterator<Job>;
  private w = new PbWriter(1024 * 1024);
  private spare = new PbWriter(1024 * 1024);
  /** Pre-images, kept apart and written after all chunks. */
  private readonly pre = new PbWriter(64 * 1024);
  private preCount = 0;
  private frames: number;
  private jobs = 0;
  private aborted = false;
  private hooked = true;
  private readonly completedCutoff: number;
  /** Longest synchronous slice of work on the event loop, for the benchmark. */
  sliceMsMax = 0;

  constructor(o: SnapshotWriterOptions) {
    this.o = o;
    this.completedCutoff = o.now - o.retention.completedAgeMs;
    const s = o.state;
    if (s.hooks !== undefined) throw new StorageError("busy", "another snapshot is running", { file: o.tmpPath });
    this.iter = s.jobs.values();
    this.stampAtCut = s.stampSeq;
    const paused = [...s.queues.values()].filter((q) => q.paused).map((q) => q.name);
    const queueRetention = [...s.retained].map((q) => ({ queue: q.name, retention: q.retention as Retention }));
    // Tokens go whole into the header, here at the cut: at most tokensMax small entries.
    const tokens = [...s.tokens.values()];
    const flow = flowSnapshot(s);
    // Schedules too, whole, at the cut (at most schedulesMax entries of bounded size).
    const schedules = [...s.schedules.values()];
    // Batches too (at most batchesOpenMax + batchesKeptMax small entries): their counts change in place.
    const batches = [...s.batches.values()];
    this.frames = writeHeader(this.w, { walSegment: o.walSegment, takenAt: o.now, pausedQueues: paused, lastJobId: s.lastJobId, queueRetention, tokens, flow, schedules, batches });
    const hooks: ChangeHooks = {
      beforeChange: (job) => {
        if (this.preImaged.has(job) || job.stamp > this.stampAtCut) return;
        this.preImaged.add(job);
        if (this.omitted(job)) return;
        const at = openFrame(this.pre);
        encodeJob(this.pre, job, 3);
        closeFrame(this.pre, at);
        this.preCount++;
      },
      inserted: () => {},
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
    let syncedAt = 0;
    try {
      for (;;) {
        if (this.aborted) throw new SnapshotAborted(this.o.tmpPath);
        const t0 = performance.now();
        const more = this.encodeChunk();
        if (!more) {
          this.unhook();
          this.appendPreImages();
          writeTrailer(this.w, this.frames, this.jobs, this.preCount);
        }
        const w = this.swap();
        this.sliceMsMax = Math.max(this.sliceMsMax, performance.now() - t0);
        await writeAll(ops, fd, w.buf, 0, w.pos, pos);
        pos += w.pos;
        w.pos = 0;
        if (!more) break;
        if (pos - syncedAt >= SYNC_EVERY_BYTES) {
          // Little dirty data at a time: a WAL fdatasync must not wait behind a big writeback of ours.
          await ops.fdatasync(fd);
          syncedAt = pos;
        }
      }
      await ops.fsync(fd);
    } finally {
      this.unhook();
      await ops.close(fd);
    }
  }

  /** Encodes up to chunkJobs jobs (and about CHUNK_BYTES_MAX) as one frame; false when every job at the cut is handled. */
  private encodeChunk(): boolean {
    const at = openFrame(this.w);
    const start = this.w.pos;
    let n = 0;
    let more = true;
    while (n < this.o.chunkJobs && this.w.pos - start < CHUNK_BYTES_MAX) {
      const it = this.iter.next();
      if (it.done) {
        more = false;
        break;
      }
      const job = it.value;
      if (job.stamp > this.stampAtCut || this.preImaged.has(job) || this.omitted(job)) continue;
      encodeJob(this.w, job, 3);
      this.jobs++;
      n++;
    }
    if (this.w.pos === start) this.w.pos = at;
    else {
      closeFrame(this.w, at);
      this.frames++;
    }
    return more;
  }

  private omitted(job: Job): boolean {
    return job.status === JobStatus.Completed && (job.extra?.finishedAt ?? 0) <= this.completedCutoff;
  }

  private appendPreImages(): void {
    const p = this.pre;
    this.w.ensure(p.pos);
    p.buf.copy(this.w.buf, this.w.pos, 0, p.pos);
    this.w.pos += p.pos;
    this.frames += this.preCount;
    this.jobs += this.preCount;
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
