// openStore(): the durable master state the server boots from. It takes the
// directory lock, recovers the state, opens the WAL for appends and runs
// snapshots + compaction in the background.
//
// Snapshot policy (docs/durability.md): what counts is the WAL no snapshot
// covers, across restarts. Recovery reports the bytes of the segments it
// replayed on top of the newest snapshot; counting goes on from there as
// records are appended. When the count reaches snapshotBytes the journal cuts
// its segment and a snapshot of the state at that cut starts. Right after
// recovery a snapshot starts at once when the replayed WAL is large (bytes or
// segments: every start opens a new segment), so a master restarted more
// often than it fills a segment still snapshots and its start-up stays short.

import fs from "node:fs";
import { defaultRetention, type Retention } from "../core/config.ts";
import { type Logger, silentLogger } from "../core/log.ts";
import type { JobTable } from "../core/state.ts";
import { StorageError } from "./errors.ts";
import { type FileOps, nodeFileOps } from "./file-ops.ts";
import type { FsyncMode, Journal } from "./journal.ts";
import { parseListing, segmentPath, snapshotPath } from "./layout.ts";
import { acquireLock, type DirLock } from "./lock.ts";
import { recover } from "./recovery.ts";
import { SnapshotAborted, SnapshotWriter } from "./snapshot-writer.ts";
import { FileJournal, type JournalObserver, type ReplicationSink } from "./wal.ts";

/** The store's I/O figures, for metrics (the master's); storage never imports master code. */
export interface StoreObserver extends JournalObserver {
  /** A snapshot was written (temp file, fsync, rename, compaction) in `ms`. */
  snapshot?(ms: number): void;
}

export interface StoreOptions {
  dir: string;
  /** Default "always". */
  fsync?: FsyncMode;
  /** Mode "batch": longest time between fdatasyncs; default 10 ms. */
  fsyncBatchMs?: number;
  /** Skip damaged records and missing segments at start-up instead of refusing to start. */
  repair?: boolean;
  /** A segment is closed once it holds this many bytes; default 16 MiB. */
  segmentBytes?: number;
  /**
   * WAL bytes not covered by a snapshot that start a new one, counted across
   * restarts (the WAL replayed at start-up counts); default 64 MiB. After a
   * failed snapshot the next try waits for this much more WAL.
   */
  snapshotBytes?: number;
  /** WAL replayed at start-up from which a snapshot starts right after recovery; default snapshotBytes. */
  recoverySnapshotBytes?: number;
  /** WAL segments replayed at start-up from which a snapshot starts right after recovery; default 64. */
  recoverySnapshotSegments?: number;
  log?: Logger;
  fileOps?: FileOps;
  /** For leaving COMPLETED jobs past their age out of snapshots; default the core's. */
  retention?: Partial<Retention>;
  clock?: () => number;
  /** Jobs a snapshot encodes per event-loop turn; default 1000. */
  snapshotChunkJobs?: number;
  /** Observes WAL batches, fdatasyncs and snapshots (metrics). */
  observer?: StoreObserver;
  /** Gets every WAL batch's bytes as written (replication to standbys, docs/ha.md). */
  replication?: ReplicationSink;
}

export interface Store {
  readonly dir: string;
  readonly state: JobTable;
  readonly journal: Journal & {
    onFatal(cb: (err: Error) => void): void;
    readonly bytesAppended: number;
    readonly firstSegment: number;
    readonly currentSegment: number;
  };
  /** Warnings from recovery (cut tails, fallbacks, repairs). */
  readonly warnings: string[];
  /** WAL bytes the newest snapshot does not cover, including the WAL replayed at start-up. */
  readonly walBytesSinceSnapshot: number;
  /** Called once if the WAL fails; the server must stop and exit non-zero. */
  onFatal(cb: (err: Error) => void): void;
  /** Starts a snapshot if one is due; resolves when any running snapshot ends. */
  maybeSnapshot(): Promise<void>;
  /** Cuts the WAL here and snapshots; resolves when the snapshot and compaction are done. */
  snapshotNow(): Promise<void>;
  /** Figures from the last snapshot written. */
  readonly lastSnapshot: { walSegment: number; sliceMsMax: number; ms: number } | undefined;
  /** Aborts a running snapshot, flushes and syncs the WAL, releases the lock. */
  close(): Promise<void>;
}

const MiB = 1024 * 1024;

export async function openStore(opts: StoreOptions): Promise<Store> {
  fs.mkdirSync(opts.dir, { recursive: true, mode: 0o700 });
  const mode = fs.statSync(opts.dir).mode & 0o777;
  if ((mode & 0o077) !== 0) {
    opts.log?.warn(`data directory ${opts.dir} is open to other users (mode ${mode.toString(8).padStart(4, "0")}): job payloads and token hashes live here; chmod 700 it`);
  }
  const lock = acquireLock(opts.dir);
  try {
    const store = new FileStore(opts, lock);
    await store.init();
    return store;
  } catch (e) {
    lock.release();
    throw e;
  }
}

class FileStore implements Store {
  readonly dir: string;
  state!: JobTable;
  journal!: FileJournal;
  warnings: string[] = [];
  private readonly log: Logger;
  private readonly ops: FileOps;
  private readonly snapshotBytes: number;
  /** Journal byte counter where the WAL not covered by the newest snapshot begins; negative by the WAL replayed at start. */
  private bytesAtBase = 0;
  /** Journal byte counter at which the next snapshot is due. */
  private dueAt = 0;
  private writer: SnapshotWriter | undefined;
  private running: Promise<void> = Promise.resolve();
  private closed: Promise<void> | undefined;
  lastSnapshot: { walSegment: number; sliceMsMax: number; ms: number } | undefined;

  constructor(
    private readonly o: StoreOptions,
    private readonly lock: DirLock,
  ) {
    this.dir = o.dir;
    this.log = o.log ?? silentLogger;
    this.ops = o.fileOps ?? nodeFileOps;
    this.snapshotBytes = o.snapshotBytes ?? 64 * MiB;
  }

  async init(): Promise<void> {
    const r = recover({ dir: this.dir, repair: this.o.repair ?? false, log: this.log });
    this.state = r.state;
    this.warnings = r.warnings;
    this.bytesAtBase = -r.walBytes;
    this.dueAt = this.bytesAtBase + this.snapshotBytes;
    this.journal = new FileJournal({
      dir: this.dir,
      firstSegment: r.nextSegment,
      fsync: this.o.fsync ?? "always",
      fsyncBatchMs: this.o.fsyncBatchMs ?? 10,
      segmentBytes: this.o.segmentBytes ?? 16 * MiB,
      fileOps: this.ops,
      onCut: (seg, appended) => this.onCut(seg, appended),
      observer: this.o.observer,
      replication: this.o.replication,
    });
    this.journal.onFatal(() => this.writer?.abort());
    this.journal.cutWhenAppended(this.dueAt);
    // After a repair the damaged history must not be needed again: cover it by a snapshot.
    if (r.repaired) {
      await this.snapshotNow();
      return;
    }
    const bytesMin = this.o.recoverySnapshotBytes ?? this.snapshotBytes;
    const segmentsMin = this.o.recoverySnapshotSegments ?? 64;
    if (r.walBytes > 0 && (r.walBytes >= bytesMin || r.walSegments >= segmentsMin)) {
      const mib = (r.walBytes / MiB).toFixed(1);
      this.log.info(`replayed ${mib} MiB of WAL in ${r.walSegments} segments not covered by a snapshot; taking one in the background`);
      void this.snapshotNow();
    }
  }

  get walBytesSinceSnapshot(): number {
    return this.journal.bytesAppended - this.bytesAtBase;
  }

  onFatal(cb: (err: Error) => void): void {
    this.journal.onFatal(cb);
  }

  private due(appended: number): boolean {
    return this.writer === undefined && !this.closed && appended >= this.dueAt;
  }

  /** At every cut: the state now is the state after all segments before `seg`. */
  private onCut(seg: number, appended: number): void {
    if (this.due(appended)) this.start(seg, appended);
  }

  maybeSnapshot(): Promise<void> {
    if (this.due(this.journal.bytesAppended)) return this.snapshotNow();
    return this.running;
  }

  snapshotNow(): Promise<void> {
    if (this.closed) return Promise.reject(new StorageError("closed", `store ${this.dir} is closed`, { file: this.dir }));
    if (this.writer !== undefined) return this.running;
    // cut() calls onCut, which starts the snapshot when one is due; start it here otherwise.
    const seg = this.journal.cut();
    if (this.writer === undefined) this.start(seg, this.journal.bytesAppended);
    return this.running;
  }

  private start(seg: number, appended: number): void {
    const now = (this.o.clock ?? Date.now)();
    const tmp = `${snapshotPath(this.dir, seg)}.tmp`;
    const w = new SnapshotWriter({
      state: this.state,
      walSegment: seg,
      tmpPath: tmp,
      fileOps: this.ops,
      now,
      retention: { ...defaultRetention, ...this.o.retention },
      chunkJobs: this.o.snapshotChunkJobs ?? 1000,
    });
    this.writer = w;
    this.journal.cutWhenAppended(Number.POSITIVE_INFINITY);
    // Success or failure, the next snapshot is due after snapshotBytes more WAL: a
    // failing disk is not retried on every append.
    this.dueAt = appended + this.snapshotBytes;
    const t0 = performance.now();
    this.running = this.finish(w, seg, tmp)
      .then(() => {
        this.bytesAtBase = appended;
        this.lastSnapshot = { walSegment: seg, sliceMsMax: w.sliceMsMax, ms: performance.now() - t0 };
        this.o.observer?.snapshot?.(this.lastSnapshot.ms);
      })
      .catch((e) => {
        if (!(e instanceof SnapshotAborted)) this.log.warn(`snapshot ${snapshotPath(this.dir, seg)} failed: ${(e as Error).message}; the WAL still holds everything`);
        return this.ops.unlink(tmp).catch(() => {});
      })
      .finally(() => {
        this.writer = undefined;
        if (!this.closed) this.journal.cutWhenAppended(this.dueAt);
      });
  }

  /** Temp file, fsync, rename, directory fsync, then compaction. */
  private async finish(w: SnapshotWriter, seg: number, tmp: string): Promise<void> {
    const ops = this.ops;
    await w.run();
    await ops.point("snapshot:after-temp-write");
    await ops.rename(tmp, snapshotPath(this.dir, seg));
    await ops.point("snapshot:after-rename");
    await ops.point("snapshot:before-dir-fsync");
    await ops.syncDir(this.dir);
    await ops.point("snapshot:before-delete-segments");
    await this.compact(seg);
    this.log.info(`snapshot ${snapshotPath(this.dir, seg)} written`);
  }

  /**
   * Keeps the two newest snapshots and the segments the older of them needs,
   * so a newest snapshot that later fails its checksum still has a fallback.
   */
  private async compact(newest: number): Promise<void> {
    const l = parseListing(fs.readdirSync(this.dir));
    const snaps = l.snapshots.filter((n) => n <= newest);
    const keepFrom = snaps.length >= 2 ? (snaps[snaps.length - 2] as number) : 0;
    if (keepFrom === 0) return;
    for (const n of l.snapshots) if (n < keepFrom) await this.ops.unlink(snapshotPath(this.dir, n));
    for (const n of l.segments) if (n < keepFrom) await this.ops.unlink(segmentPath(this.dir, n));
    await this.ops.syncDir(this.dir);
  }

  close(): Promise<void> {
    this.closed ??= (async () => {
      this.writer?.abort();
      await this.running;
      try {
        await this.journal.close();
      } finally {
        this.lock.release();
      }
    })();
    return this.closed;
  }
}
