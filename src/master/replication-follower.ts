// A standby master's side of WAL replication (docs/ha.md, "Replication").
//
// It holds its own data directory (locked like a master's), recovers it at
// start exactly as a master would, then follows the leader: every chunk of
// frames is written at the leader's segment and offset (ReplicaLog, same
// files and format), fdatasync'ed, acknowledged, decoded and applied with
// the same apply() to its JobTable. A snapshot transfer replaces its whole
// log, and its state is recovered again from the installed snapshot. So the
// directory, opened as a normal master once this one is promoted, recovers
// to the state the standby holds, which is the leader's.
//
// Fencing: a chunk whose epoch is lower than the highest epoch this standby
// has seen (kept in the data directory's EPOCH file) is refused, the stream
// is dropped and nothing of it is written.

import fs from "node:fs";
import { apply } from "../core/apply.ts";
import type { Logger } from "../core/log.ts";
import { silentLogger } from "../core/log.ts";
import type { WalRecord } from "../core/records.ts";
import type { JobTable } from "../core/state.ts";
import { SettingsCache } from "../storage/codec.ts";
import { type FileOps, nodeFileOps, writeAll } from "../storage/file-ops.ts";
import { snapshotPath } from "../storage/layout.ts";
import { acquireLock, type DirLock } from "../storage/lock.ts";
import { recover } from "../storage/recovery.ts";
import { decodeFramedRecords } from "../storage/replay.ts";
import { type LogPosition, ReplicaLog, readEpoch, writeEpoch } from "../storage/replica-log.ts";
import type { Chunk, FollowRequest } from "./replication-leader.ts";

/** How a standby reaches its leader; the gRPC one is src/server/replication-client.ts. */
export interface ReplicationTransport {
  /** The leader's chunks from the request's position on; ends (or throws) when the stream does. Aborting `signal` cancels it. */
  follow(req: FollowRequest, signal: AbortSignal): AsyncIterable<Chunk>;
  ack(a: { followerId: string; epoch: number; segment: number; offset: number }): Promise<void>;
}

export interface ReplicationFollowerOptions {
  dir: string;
  followerId: string;
  transport: ReplicationTransport;
  log?: Logger;
  fileOps?: FileOps;
  /** Wait before following again after the stream ended or failed; default 200 ms, doubling to 5 s. */
  reconnectMs?: number;
  /** Called after a snapshot transfer replaced the state (the old JobTable is no longer updated). */
  onReset?: (state: JobTable) => void;
  /** Called after each applied record, with the state it changed. */
  onRecord?: (r: WalRecord) => void;
}

export class FencedError extends Error {}

export class ReplicationFollower {
  private readonly o: ReplicationFollowerOptions;
  private readonly log: Logger;
  private readonly ops: FileOps;
  private lock: DirLock | undefined;
  private replica!: ReplicaLog;
  private table!: JobTable;
  private cache = new SettingsCache();
  private seenEpoch = 0;
  private abort: AbortController | undefined;
  private loop: Promise<void> | undefined;
  private stopped = false;
  private paused: { promise: Promise<void>; resolve: () => void } | undefined;
  private snapshotTmp: { fd: number; path: string; segment: number; total: number; at: number } | undefined;
  /** Chunks refused for a stale epoch (fencing), for tests and metrics. */
  refusedChunks = 0;
  /** Snapshot transfers installed. */
  snapshotsInstalled = 0;
  /** Position last acknowledged to the leader. */
  acked: LogPosition = { segment: 0, offset: 0 };
  private lastError: Error | undefined;
  private wakeSleep: (() => void) | undefined;
  private kicked = false;

  private constructor(o: ReplicationFollowerOptions) {
    this.o = o;
    this.log = o.log ?? silentLogger;
    this.ops = o.fileOps ?? nodeFileOps;
  }

  /** Locks and recovers the data directory (created when missing); call start() to follow. */
  static open(o: ReplicationFollowerOptions): ReplicationFollower {
    fs.mkdirSync(o.dir, { recursive: true, mode: 0o700 });
    const f = new ReplicationFollower(o);
    f.lock = acquireLock(o.dir);
    try {
      f.table = recover({ dir: o.dir, repair: false, log: f.log }).state;
      f.replica = ReplicaLog.open(o.dir, f.ops);
      f.seenEpoch = readEpoch(o.dir);
    } catch (e) {
      f.lock.release();
      throw e;
    }
    return f;
  }

  get dir(): string {
    return this.o.dir;
  }

  /** The standby's state: the leader's as of `position`. */
  get state(): JobTable {
    return this.table;
  }

  get position(): LogPosition {
    return this.replica.position;
  }

  /** Highest leader epoch seen. */
  get epoch(): number {
    return this.seenEpoch;
  }

  get error(): Error | undefined {
    return this.lastError;
  }

  start(): void {
    this.loop ??= this.run();
  }

  /** Stops taking chunks (they wait in the stream) until resume(): tests use it to hold acknowledgements back. */
  pause(): void {
    if (this.paused === undefined) {
      let resolve!: () => void;
      const promise = new Promise<void>((r) => (resolve = r));
      this.paused = { promise, resolve };
    }
  }

  resume(): void {
    const p = this.paused;
    this.paused = undefined;
    p?.resolve();
  }

  /** Follows again at once (the leader changed): ends the current stream and any reconnect wait. */
  kick(): void {
    this.kicked = true;
    this.abort?.abort();
    this.wakeSleep?.();
  }

  private async run(): Promise<void> {
    const base = this.o.reconnectMs ?? 200;
    let wait = base;
    while (!this.stopped) {
      const ac = new AbortController();
      this.abort = ac;
      let got = false;
      try {
        const req: FollowRequest = { followerId: this.o.followerId, epoch: this.seenEpoch, ...this.replica.position, segments: this.replica.segmentDigests() };
        for await (const c of this.o.transport.follow(req, ac.signal)) {
          if (this.paused) await this.paused.promise;
          if (this.stopped) break;
          await this.take(c);
          got = true;
        }
        this.lastError = undefined;
      } catch (e) {
        if (this.stopped) break;
        this.lastError = e as Error;
        this.log.warn(`replication stream from the leader ended: ${(e as Error).message}`);
      } finally {
        ac.abort();
        await this.dropSnapshotTmp();
      }
      if (this.stopped) break;
      wait = got ? base : Math.min(5000, wait * 2);
      if (this.kicked) {
        this.kicked = false;
        wait = base;
        continue;
      }
      await new Promise<void>((r) => {
        const t = setTimeout(r, wait);
        this.wakeSleep = () => {
          clearTimeout(t);
          r();
        };
      });
      this.wakeSleep = undefined;
    }
  }

  /** One chunk: fencing, then a snapshot part or frames. */
  private async take(c: Chunk): Promise<void> {
    if (c.epoch < this.seenEpoch) {
      this.refusedChunks++;
      throw new FencedError(`refused a chunk of leader epoch ${c.epoch}: epoch ${this.seenEpoch} was seen already (a deposed leader)`);
    }
    if (c.epoch > this.seenEpoch) {
      await writeEpoch(this.o.dir, c.epoch, this.ops);
      this.seenEpoch = c.epoch;
    }
    if (c.kind === "snapshot") return this.takeSnapshotPart(c);
    await this.replica.write(c.segment, c.offset, c.bytes);
    await this.replica.sync();
    decodeFramedRecords(c.bytes, this.cache, (r) => {
      apply(this.table, r);
      this.o.onRecord?.(r);
    });
    await this.sendAck();
  }

  private async sendAck(): Promise<void> {
    const pos = this.replica.position;
    this.acked = pos;
    // Not awaited in order: the leader keeps the highest position it was told.
    this.o.transport.ack({ followerId: this.o.followerId, epoch: this.seenEpoch, ...pos }).catch((e) => {
      if (!this.stopped) this.log.warn(`acknowledgement to the leader failed: ${(e as Error).message}`);
    });
  }

  private async takeSnapshotPart(c: Extract<Chunk, { kind: "snapshot" }>): Promise<void> {
    if (c.totalBytes === 0) {
      this.log.info(`leader sent an empty state: replacing the log, starting at segment ${c.segment}`);
      await this.replica.installSnapshot(c.segment, undefined);
      this.reset();
      return;
    }
    let t = this.snapshotTmp;
    if (c.partOffset === 0) {
      await this.dropSnapshotTmp();
      const path = `${snapshotPath(this.o.dir, c.segment)}.tmp`;
      t = { fd: await this.ops.open(path, "w", 0o600), path, segment: c.segment, total: c.totalBytes, at: 0 };
      this.snapshotTmp = t;
    }
    if (t === undefined || t.segment !== c.segment || t.at !== c.partOffset) throw new Error(`snapshot part at ${c.partOffset} out of order`);
    await writeAll(this.ops, t.fd, c.data, 0, c.data.length, t.at);
    t.at += c.data.length;
    if (!c.last) return;
    if (t.at !== t.total) throw new Error(`snapshot transfer ended at ${t.at} of ${t.total} bytes`);
    await this.ops.fsync(t.fd);
    await this.ops.close(t.fd);
    this.snapshotTmp = undefined;
    await this.replica.installSnapshot(t.segment, t.path);
    this.log.info(`installed the leader's snapshot covering segments before ${t.segment} (${t.total} bytes)`);
    this.reset();
    await this.sendAck();
  }

  /** The state again from the directory (the snapshot just installed). */
  private reset(): void {
    this.table = recover({ dir: this.o.dir, repair: false, log: this.log }).state;
    this.cache = new SettingsCache();
    this.snapshotsInstalled++;
    this.o.onReset?.(this.table);
  }

  private async dropSnapshotTmp(): Promise<void> {
    const t = this.snapshotTmp;
    if (t === undefined) return;
    this.snapshotTmp = undefined;
    await this.ops.close(t.fd).catch(() => {});
    await this.ops.unlink(t.path).catch(() => {});
  }

  /**
   * Stops following and releases the data directory. `flush` false closes
   * the open segment without an fdatasync, as a killed process would.
   */
  async close(flush = true): Promise<void> {
    if (this.lock === undefined) return;
    this.stopped = true;
    this.abort?.abort();
    this.wakeSleep?.();
    this.resume();
    await this.loop?.catch(() => {});
    await this.dropSnapshotTmp();
    await this.replica.close(flush);
    this.lock.release();
    this.lock = undefined;
  }
}
