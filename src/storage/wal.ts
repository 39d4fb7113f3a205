// FileJournal: the write-ahead log on disk, with group commit.
//
// Byte layout (also in docs/wal.md). A data directory holds numbered segment
// files `NNNNNNNNNNNNNNNN.wal`; each is a plain run of frames, no header:
//
//   +----------------+----------------+------------------------------+
//   | u32 LE length  | u32 LE crc32c  | payload: protobuf WalRecord  |
//   +----------------+----------------+------------------------------+
//     4 bytes          4 bytes          `length` bytes (1 .. 64 MiB)
//
// crc32c covers the payload only. Records are in apply order: segment n+1
// begins where segment n ends, so replaying the segments in number order
// replays every record once, in order.
//
// Invariants:
// - append() encodes into an in-memory batch; one write + one fdatasync
//   (in fsync mode "always") carries every record appended while the
//   previous batch was being written.
// - sync() resolves only after the batch holding the caller's records has
//   been written (and fdatasync'ed in mode "always").
// - A segment boundary (cut) is decided at append time, between two
//   records, so a snapshot started at a cut sees the state after exactly
//   the records of the segments before it.
// - A segment file is created and the directory fsync'ed before any record
//   in it is acknowledged; the previous segment is fdatasync'ed first.
// - Any write or fdatasync error is fatal: pending and later sync() calls
//   reject with a StorageError of kind "io", append() throws UNAVAILABLE,
//   onFatal listeners run; nothing is retried.

import { unavailable } from "../core/errors.ts";
import type { WalRecord } from "../core/records.ts";
import { encodeRecord } from "./codec.ts";
import { Deferred } from "./deferred.ts";
import { StorageError } from "./errors.ts";
import type { FileOps } from "./file-ops.ts";
import { writeAll } from "./file-ops.ts";
import { closeFrame, openFrame } from "./frame.ts";
import type { FsyncMode, Journal } from "./journal.ts";
import { segmentPath } from "./layout.ts";
import { PbWriter } from "./pb.ts";

export interface FileJournalOptions {
  dir: string;
  /** Number of the first segment this journal writes; later ones count up. */
  firstSegment: number;
  fsync: FsyncMode;
  /** In mode "batch": the longest time written records go without an fdatasync. */
  fsyncBatchMs: number;
  segmentBytes: number;
  fileOps: FileOps;
  /**
   * Called synchronously when a new segment begins, before the first record
   * of it is buffered; `appendedBytes` counts every byte appended so far.
   */
  onCut?: (segment: number, appendedBytes: number) => void;
  /** Observes the journal's I/O (metrics); called synchronously, must not throw. */
  observer?: JournalObserver;
  /** Receives every batch's bytes as written (WAL replication); called synchronously, must not throw. */
  replication?: ReplicationSink;
}

/**
 * Where the bytes of each written batch go for replication (docs/ha.md).
 * written() is called once per segment a batch touches, in write order,
 * right after the write() calls and before the fdatasync: `bytes` are whole
 * frames (a copy the sink may keep), now at [offset, offset + bytes.length)
 * of segment `segment`. A batch that begins a segment has offset 0; the
 * segments follow each other without gaps.
 */
export interface ReplicationSink {
  written(segment: number, offset: number, bytes: Uint8Array): void;
}

/** Figures of the group commit, for metrics. Every callback runs once per batch or fdatasync, never per record. */
export interface JournalObserver {
  /** One batch written: `records` records, `bytes` bytes, in `ms` (write calls, plus a segment rotation if one happened). */
  written?(records: number, bytes: number, ms: number): void;
  /** One fdatasync of a segment file took `ms`. */
  synced?(ms: number): void;
}

/** Records buffered for one segment. */
interface Chunk {
  seg: number;
  w: PbWriter;
}

export class FileJournal implements Journal {
  private readonly o: FileJournalOptions;
  private chunks: Chunk[];
  /** Segment that new appends go to and its size in bytes, written or buffered. */
  private seg: number;
  private segBytes = 0;
  private appendedBytes = 0;
  /** append() cuts before a record once appendedBytes has reached this. */
  private cutAtBytes = Number.POSITIVE_INFINITY;
  private appended = 0;
  /** Records in the last batch written. */
  private lastBatch = 0;
  private durable = 0;
  /** Waiters for the batch being written now and what it covers. */
  private inflight: Deferred | undefined;
  private inflightUpTo = 0;
  /** Waiters for records not in the batch being written. */
  private next: Deferred | undefined;
  private running = false;
  private loop: Promise<void> = Promise.resolve();
  private kickQueued = false;
  private fd = -1;
  private fdSeg = -1;
  private filePos = 0;
  private unsynced = false;
  private batchTimer: ReturnType<typeof setInterval> | undefined;
  private failed: Error | undefined;
  private closing: Promise<void> | undefined;
  private readonly fatalListeners: ((e: Error) => void)[] = [];
  private spare: PbWriter[] = [];

  constructor(o: FileJournalOptions) {
    this.o = o;
    this.seg = o.firstSegment;
    this.chunks = [{ seg: this.seg, w: new PbWriter() }];
    if (o.fsync === "batch") {
      // Checked twice per window, so written records wait at most about 1.5 windows for their fdatasync.
      this.batchTimer = setInterval(() => this.kick(), Math.max(1, o.fsyncBatchMs / 2));
      this.batchTimer.unref?.();
    }
  }

  /** The segment this journal wrote (or writes) first. */
  get firstSegment(): number {
    return this.o.firstSegment;
  }

  /** Segment the next append goes to. */
  get currentSegment(): number {
    return this.seg;
  }

  get bytesAppended(): number {
    return this.appendedBytes;
  }

  /**
   * Makes append() end the segment before the next record once bytesAppended
   * has reached `bytes`, so that onCut sees a WAL-size trigger even when no
   * segment fills. Infinity turns it off.
   */
  cutWhenAppended(bytes: number): void {
    this.cutAtBytes = bytes;
  }

  get fatalError(): Error | undefined {
    return this.failed;
  }

  onFatal(cb: (e: Error) => void): void {
    this.fatalListeners.push(cb);
    if (this.failed) cb(this.failed);
  }

  append(record: WalRecord): void {
    if (this.failed) throw unavailable(`storage has failed (${this.failed.message}); the master accepts no writes`);
    if (this.closing) throw unavailable("storage is closed; the master accepts no writes");
    if (this.segBytes >= this.o.segmentBytes || this.appendedBytes >= this.cutAtBytes) this.cut();
    const w = (this.chunks[this.chunks.length - 1] as Chunk).w;
    const before = w.pos;
    const at = openFrame(w);
    encodeRecord(w, record);
    closeFrame(w, at);
    const n = w.pos - before;
    this.segBytes += n;
    this.appendedBytes += n;
    this.appended++;
    // Records nobody syncs on (leases) still reach the disk soon.
    if (!this.running) this.kickSoon();
  }

  /**
   * Starts the commit loop after the current burst of microtasks: when a
   * batch completes, every resumed submitter appends and syncs before the
   * next batch starts, so they share one write + fdatasync.
   */
  private kickSoon(): void {
    if (this.kickQueued) return;
    this.kickQueued = true;
    queueMicrotask(() => {
      this.kickQueued = false;
      this.kick();
    });
  }

  /**
   * Ends the current segment here, between two records, and returns the
   * number of the segment later records go to. A no-op when the current
   * segment is still empty.
   */
  cut(): number {
    if (this.segBytes === 0) return this.seg;
    this.seg++;
    this.segBytes = 0;
    this.chunks.push({ seg: this.seg, w: this.spare.pop() ?? new PbWriter() });
    this.o.onCut?.(this.seg, this.appendedBytes);
    return this.seg;
  }

  sync(): Promise<void> {
    if (this.failed) return Promise.reject(this.failed);
    if (this.durable === this.appended) return Promise.resolve();
    if (this.inflight !== undefined && this.inflightUpTo >= this.appended) return this.inflight.promise;
    this.next ??= new Deferred();
    const p = this.next.promise;
    // Start at once when half a batch is waiting: the rest of the submitters
    // keep the CPU busy while this batch is on its way to the disk, and they
    // form the next batch (two cohorts, CPU and disk overlapped).
    if (!this.running && this.appended - this.durable >= Math.max(1, this.lastBatch >>> 1)) this.kick();
    else this.kickSoon();
    return p;
  }

  close(): Promise<void> {
    this.closing ??= this.shutdown();
    return this.closing;
  }

  private async shutdown(): Promise<void> {
    if (this.batchTimer) clearInterval(this.batchTimer);
    try {
      if (!this.failed && this.appended > this.durable) await this.sync();
      if (!this.failed && this.fd >= 0 && this.unsynced) await this.o.fileOps.fdatasync(this.fd);
    } catch (e) {
      this.fail(e as Error, "close");
    }
    await this.loop;
    if (this.fd >= 0) await this.o.fileOps.close(this.fd).catch(() => {});
    this.fd = -1;
    if (this.failed) throw this.failed;
  }

  private kick(): void {
    if (this.running || this.failed) return;
    const work = this.appended > this.durable || (this.o.fsync === "batch" && this.unsynced && this.batchDue());
    if (!work) return;
    this.running = true;
    this.loop = this.run().finally(() => {
      this.running = false;
      this.kick();
    });
  }

  /** The group-commit loop: one batch at a time, until nothing is buffered. */
  private async run(): Promise<void> {
    while (!this.failed) {
      const upTo = this.appended;
      if (upTo === this.durable) {
        if (this.o.fsync === "batch" && this.unsynced && this.batchDue()) await this.syncFile();
        return;
      }
      const chunks = this.chunks;
      const last = chunks[chunks.length - 1] as Chunk;
      this.chunks = [{ seg: last.seg, w: this.spare.pop() ?? new PbWriter() }];
      this.inflight = this.next ?? new Deferred();
      this.inflightUpTo = upTo;
      this.lastBatch = upTo - this.durable;
      this.next = undefined;
      try {
        const obs = this.o.observer;
        const t0 = obs === undefined ? 0 : performance.now();
        for (const c of chunks) await this.writeChunk(c);
        if (obs?.written !== undefined) {
          let bytes = 0;
          for (const c of chunks) bytes += c.w.pos;
          obs.written(this.lastBatch, bytes, performance.now() - t0);
        }
        if (this.o.fsync === "always" || (this.o.fsync === "batch" && this.unsynced && this.batchDue())) {
          await this.syncFile();
        }
      } catch (e) {
        this.fail(e as Error, `segment ${this.fdSeg}`);
        return;
      }
      for (const c of chunks) this.recycle(c.w);
      this.durable = upTo;
      const done = this.inflight;
      this.inflight = undefined;
      done.resolve();
    }
  }

  private lastSyncAt = 0;

  private batchDue(): boolean {
    return performance.now() - this.lastSyncAt >= this.o.fsyncBatchMs;
  }

  private async syncFile(): Promise<void> {
    if (this.fd < 0 || !this.unsynced) return;
    this.unsynced = false;
    const t0 = performance.now();
    await this.o.fileOps.fdatasync(this.fd);
    this.lastSyncAt = performance.now();
    this.o.observer?.synced?.(this.lastSyncAt - t0);
  }

  private async writeChunk(c: Chunk): Promise<void> {
    if (c.seg !== this.fdSeg) await this.rotate(c.seg);
    if (c.w.pos === 0) return;
    await writeAll(this.o.fileOps, this.fd, c.w.buf, 0, c.w.pos, this.filePos);
    // A copy: the writer is recycled for a later batch.
    this.o.replication?.written(c.seg, this.filePos, Buffer.from(c.w.buf.subarray(0, c.w.pos)));
    this.filePos += c.w.pos;
    this.unsynced = true;
  }

  /** Finishes the open segment and creates `seg`, making its directory entry durable first. */
  private async rotate(seg: number): Promise<void> {
    const ops = this.o.fileOps;
    if (this.fd >= 0) {
      if (this.o.fsync !== "never") await this.syncFile();
      await ops.close(this.fd);
      this.fd = -1;
    }
    this.fd = await ops.open(segmentPath(this.o.dir, seg), "wx", 0o600);
    this.fdSeg = seg;
    this.filePos = 0;
    if (this.o.fsync !== "never") await ops.syncDir(this.o.dir);
    await ops.point("wal:after-rotate");
  }

  private recycle(w: PbWriter): void {
    // Keep two writers of modest size; a burst's big buffer is dropped.
    if (this.spare.length < 2 && w.buf.length <= 4 * 1024 * 1024) {
      w.pos = 0;
      this.spare.push(w);
    }
  }

  /** Fail-stop: see the invariants at the top. */
  private fail(e: Error, where: string): void {
    if (this.failed) return;
    const file = this.fdSeg >= 0 ? segmentPath(this.o.dir, this.fdSeg) : undefined;
    const err = new StorageError("io", `WAL write failed (${where} in ${this.o.dir}): ${e.message}`, { file, cause: e });
    this.failed = err;
    if (this.batchTimer) clearInterval(this.batchTimer);
    this.inflight?.reject(err);
    this.next?.reject(err);
    this.inflight = undefined;
    this.next = undefined;
    for (const cb of this.fatalListeners) cb(err);
  }
}
