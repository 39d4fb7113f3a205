// The leader's side of WAL replication (docs/ha.md, "Replication").
//
// The FileJournal hands every written batch to this ReplicationSink. The
// leader keeps the newest batches in memory (bufferBytes) and streams them,
// in order and tagged (epoch, segment, offset), to each connected standby;
// a standby behind that window is served from the segment files, and one
// whose position the leader no longer holds (compacted, or diverged: a
// deposed leader's tail) first gets the newest snapshot file.
//
// Positions. Every byte of the log has a "global" coordinate: bytes this
// process wrote count up from 0 in write order; the bytes of the segments
// that were already on disk at start count up to 0 from below. An ack of
// (segment, offset) maps to one such number, and a write is covered by a
// standby once its ack reaches the journal's bytesAppended at sync() time.
//
// Durability. journal(inner).sync() resolves once the leader's own
// fdatasync covers the caller's records AND at least minInsync standbys of
// the in-sync set have acknowledged (written and fdatasync'ed) them. A
// standby is in sync while it follows and its acknowledged position is
// within maxLagBytes and maxLagMs of what the leader has written. If the
// quorum is not reached within ackTimeoutMs, sync() rejects UNAVAILABLE:
// the caller is told its write is not acknowledged (the records stay in the
// leader's log and reach standbys when they return).

import fs from "node:fs";
import { DomainError, failedPrecondition, unavailable } from "../core/errors.ts";
import type { Logger } from "../core/log.ts";
import { silentLogger } from "../core/log.ts";
import { crc32c } from "../storage/crc32c.ts";
import { checkFrame, FRAME_HEADER_BYTES } from "../storage/frame.ts";
import type { Journal } from "../storage/journal.ts";
import { parseListing, segmentPath, snapshotPath } from "../storage/layout.ts";
import type { SegmentDigest } from "../storage/replica-log.ts";
import type { ReplicationSink } from "../storage/wal.ts";

const MiB = 1024 * 1024;

/** Named limits of replication; see docs/ha.md. */
export interface ReplicationLimits {
  /** Standbys that must acknowledge a write (besides the leader's own fdatasync); 0 = none. Default 1. */
  minInsync: number;
  /** A standby whose acknowledged position is more than this many bytes behind leaves the in-sync set. Default 4 MiB. */
  maxLagBytes: number;
  /** ... or whose oldest unacknowledged byte was written more than this long ago. Default 2000 ms. */
  maxLagMs: number;
  /** A write waits this long for its quorum, then fails UNAVAILABLE. Default 5000 ms. */
  ackTimeoutMs: number;
  /** Newest written bytes kept in memory for streaming; older ones are read from the segment files. Default 32 MiB. */
  bufferBytes: number;
  /** Largest frames or snapshot part sent in one chunk (a larger single frame is sent whole). Default 1 MiB. */
  chunkBytesMax: number;
}

export const replicationDefaults: ReplicationLimits = {
  minInsync: 1,
  maxLagBytes: 4 * MiB,
  maxLagMs: 2000,
  ackTimeoutMs: 5000,
  bufferBytes: 32 * MiB,
  chunkBytesMax: 1 * MiB,
};

export interface LogPosition {
  segment: number;
  offset: number;
}

export interface FollowRequest extends LogPosition {
  followerId: string;
  /** Highest leader epoch the standby has seen. */
  epoch: number;
  /** Its segments past its newest snapshot, to detect divergence. */
  segments: SegmentDigest[];
}

/** One message of the stream: frames to write at (segment, offset), or a part of a snapshot covering segments before `segment`. */
export type Chunk =
  | { kind: "frames"; epoch: number; segment: number; offset: number; bytes: Uint8Array }
  | { kind: "snapshot"; epoch: number; segment: number; totalBytes: number; partOffset: number; data: Uint8Array; last: boolean };

export interface FollowerStatus {
  id: string;
  connected: boolean;
  inSync: boolean;
  acked: LogPosition;
  lagBytes: number;
  lagMs: number;
}

export interface ReplicationLeaderOptions extends Partial<ReplicationLimits> {
  /** The leader epoch (the integrator: the etcd election key's create_revision). Read for every chunk. */
  epoch: () => number;
  log?: Logger;
  now?: () => number;
  /** A standby reported a higher epoch: another leader exists (the integrator steps down). */
  onDeposed?: (epoch: number) => void;
  /**
   * Cluster mode: the standbys that must ALL have acknowledged a write before
   * it is acknowledged (the in-sync set as stored in etcd; those members may
   * be elected). Unset: any minInsync of the in-sync set.
   */
  quorum?: () => readonly string[];
  /** Checked before every acknowledgement: false (a fenced leader) fails the write UNAVAILABLE. */
  mayAcknowledge?: () => boolean;
}

/** What the leader needs of the store once it is open. */
export interface LeaderStore {
  dir: string;
  journal: Journal & { readonly bytesAppended: number; readonly firstSegment: number };
}

interface Entry {
  segment: number;
  offset: number;
  bytes: Uint8Array;
  /** Global coordinate of the first byte. */
  start: number;
  at: number;
}

interface Follower {
  id: string;
  session: number;
  connected: boolean;
  acked: LogPosition;
  ackedGlobal: number;
  inSync: boolean;
}

interface Waiter {
  target: number;
  resolve: () => void;
  reject: (e: Error) => void;
  timer: ReturnType<typeof setTimeout>;
}

export class ReplicationLeader implements ReplicationSink {
  readonly limits: ReplicationLimits;
  private readonly log: Logger;
  private readonly now: () => number;
  private store: LeaderStore | undefined;
  /** Global coordinate of offset 0 of each segment known (old ones from the files, then this process's). */
  private readonly segStart = new Map<number, number>();
  /** Sizes of the segments on disk at start (sealed). */
  private readonly oldSize = new Map<number, number>();
  private ring: Entry[] = [];
  private ringBytes = 0;
  private writtenGlobal = 0;
  private end: LogPosition = { segment: 0, offset: 0 };
  private readonly followers = new Map<string, Follower>();
  private waiters: Waiter[] = [];
  private wake: { promise: Promise<void>; resolve: () => void };
  private sessions = 0;
  private timer: ReturnType<typeof setInterval> | undefined;
  private closed = false;
  private readonly inSyncListeners: ((ids: string[]) => void)[] = [];
  private lastInSync = "";

  constructor(private readonly o: ReplicationLeaderOptions) {
    this.limits = { ...replicationDefaults, ...definedOnly(o) };
    if (this.limits.bufferBytes < this.limits.maxLagBytes) this.limits.bufferBytes = this.limits.maxLagBytes;
    this.log = o.log ?? silentLogger;
    this.now = o.now ?? Date.now;
    this.wake = deferred();
  }

  /** Call once the store is open, before any record is appended. */
  attach(store: LeaderStore): void {
    this.store = store;
    const l = parseListing(fs.readdirSync(store.dir));
    const first = store.journal.firstSegment;
    const old = l.segments.filter((n) => n < first);
    let at = 0;
    for (let i = old.length - 1; i >= 0; i--) {
      const n = old[i] as number;
      const size = fs.statSync(segmentPath(store.dir, n)).size;
      at -= size;
      this.segStart.set(n, at);
      this.oldSize.set(n, size);
    }
    this.segStart.set(first, 0);
    this.end = { segment: first, offset: 0 };
    const tick = Math.max(10, Math.min(250, this.limits.maxLagMs / 4));
    this.timer = setInterval(() => this.review(), tick);
    this.timer.unref?.();
  }

  // ---- the journal's side ------------------------------------------------

  written(segment: number, offset: number, bytes: Uint8Array): void {
    if (offset === 0 && !this.segStart.has(segment)) this.segStart.set(segment, this.writtenGlobal);
    this.ring.push({ segment, offset, bytes, start: this.writtenGlobal, at: this.now() });
    this.ringBytes += bytes.length;
    this.writtenGlobal += bytes.length;
    this.end = { segment, offset: offset + bytes.length };
    while (this.ring.length > 1 && this.ringBytes > this.limits.bufferBytes) this.ringBytes -= (this.ring.shift() as Entry).bytes.length;
    this.notify();
  }

  /** The journal the broker uses: sync() also waits for the standbys' quorum. */
  journal(inner: Journal & { readonly bytesAppended: number }): Journal {
    return {
      append: (r) => inner.append(r),
      close: () => inner.close(),
      sync: () => {
        const target = inner.bytesAppended;
        const own = inner.sync();
        const may = this.o.mayAcknowledge;
        const check = () => {
          if (may !== undefined && !may()) throw unavailable("not the leader any more: the write is not acknowledged (retry it against the new leader)");
        };
        if (this.limits.minInsync <= 0) return own.then(check);
        return Promise.all([own, this.quorum(target)]).then(check);
      },
    };
  }

  /** Resolves once minInsync in-sync standbys acknowledged everything up to global `target`. */
  quorum(target: number): Promise<void> {
    if (this.closed) return Promise.reject(unavailable("master is shutting down"));
    if (this.covered(target)) return Promise.resolve();
    return new Promise<void>((resolve, reject) => {
      const w: Waiter = {
        target,
        resolve,
        reject,
        timer: setTimeout(() => {
          this.waiters = this.waiters.filter((x) => x !== w);
          const have = this.inSync().length;
          reject(
            unavailable(
              `write not acknowledged: ${this.limits.minInsync} in-sync standby acknowledgement(s) needed within ${this.limits.ackTimeoutMs} ms ` +
                `(in sync now: ${have}); the write may still be applied and retried safely with an idempotency key`,
            ),
          );
        }, this.limits.ackTimeoutMs),
      };
      this.waiters.push(w);
    });
  }

  /** Re-checks waiting writes (the quorum() set changed). */
  recheck(): void {
    this.settle();
  }

  /** Highest global position every write so far covers (for a member joining the quorum). */
  get writtenEnd(): number {
    return this.writtenGlobal;
  }

  /** A follower's acknowledged global position, or -1. */
  ackedOf(id: string): number {
    return this.followers.get(id)?.ackedGlobal ?? -1;
  }

  private covered(target: number): boolean {
    const q = this.o.quorum?.();
    if (q !== undefined) {
      if (q.length < this.limits.minInsync) return false;
      return q.every((id) => (this.followers.get(id)?.ackedGlobal ?? -1) >= target);
    }
    let n = 0;
    for (const f of this.followers.values()) if (f.inSync && f.ackedGlobal >= target) n++;
    return n >= this.limits.minInsync;
  }

  private settle(): void {
    if (this.waiters.length === 0) return;
    const keep: Waiter[] = [];
    for (const w of this.waiters) {
      if (this.covered(w.target)) {
        clearTimeout(w.timer);
        w.resolve();
      } else keep.push(w);
    }
    this.waiters = keep;
  }

  // ---- in-sync set -------------------------------------------------------

  inSync(): string[] {
    return [...this.followers.values()].filter((f) => f.inSync).map((f) => f.id).sort();
  }

  /** Called with the new in-sync set whenever it changes (the integrator stores it in etcd). */
  onInSyncChange(cb: (ids: string[]) => void): void {
    this.inSyncListeners.push(cb);
  }

  status(): FollowerStatus[] {
    return [...this.followers.values()].map((f) => ({
      id: f.id,
      connected: f.connected,
      inSync: f.inSync,
      acked: { ...f.acked },
      lagBytes: this.lagBytes(f),
      lagMs: this.lagMs(f),
    }));
  }

  private lagBytes(f: Follower): number {
    return Number.isFinite(f.ackedGlobal) ? Math.max(0, this.writtenGlobal - f.ackedGlobal) : Number.POSITIVE_INFINITY;
  }

  /** Age of the oldest byte written that the standby has not acknowledged. */
  private lagMs(f: Follower): number {
    if (f.ackedGlobal >= this.writtenGlobal) return 0;
    if (f.ackedGlobal < 0) return Number.POSITIVE_INFINITY;
    const r = this.ring;
    if (r.length === 0 || f.ackedGlobal < (r[0] as Entry).start) return Number.POSITIVE_INFINITY;
    let lo = 0;
    let hi = r.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      const e = r[mid] as Entry;
      if (e.start + e.bytes.length <= f.ackedGlobal) lo = mid + 1;
      else hi = mid;
    }
    return Math.max(0, this.now() - (r[lo] as Entry).at);
  }

  /** Re-evaluates who is in sync, tells listeners of a change, and releases covered writes. */
  private review(): void {
    for (const f of this.followers.values()) {
      const ok = f.connected && f.ackedGlobal >= 0 && this.lagBytes(f) <= this.limits.maxLagBytes && this.lagMs(f) <= this.limits.maxLagMs;
      if (ok !== f.inSync) {
        f.inSync = ok;
        this.log.info(`standby ${f.id} ${ok ? "joined" : "left"} the in-sync set (lag ${fmt(this.lagBytes(f))} bytes, ${fmt(this.lagMs(f))} ms)`);
      }
    }
    const set = this.inSync();
    const key = set.join("\n");
    if (key !== this.lastInSync) {
      this.lastInSync = key;
      for (const cb of this.inSyncListeners) {
        try {
          cb(set);
        } catch (e) {
          this.log.error(`onInSyncChange listener failed: ${(e as Error).message}`);
        }
      }
    }
    this.settle();
  }

  // ---- standbys ----------------------------------------------------------

  /** A standby's acknowledgement: its log is durable up to `pos`. */
  ack(followerId: string, epoch: number, pos: LogPosition): void {
    this.checkEpoch(epoch);
    const f = this.followers.get(followerId);
    if (f === undefined || !f.connected) return; // not following this leader: its log may not be ours
    const g = this.globalOf(pos);
    if (g === undefined || g < f.ackedGlobal) return; // stale (acks may overtake each other) or ahead of the log
    f.acked = { ...pos };
    f.ackedGlobal = g;
    this.review();
  }

  private checkEpoch(epoch: number): void {
    const mine = this.o.epoch();
    if (epoch > mine) {
      this.o.onDeposed?.(epoch);
      throw failedPrecondition(`a standby has seen leader epoch ${epoch}, newer than this leader's ${mine}: this master is no longer the leader`);
    }
  }

  /** Global coordinate of a position, -Infinity before the oldest byte known, undefined past the written end. */
  private globalOf(p: LogPosition): number | undefined {
    if (p.segment > this.end.segment || (p.segment === this.end.segment && p.offset > this.end.offset)) return undefined;
    const s = this.segStart.get(p.segment);
    if (s === undefined) return Number.NEGATIVE_INFINITY;
    return s + p.offset;
  }

  /** Size of a sealed segment (one before the written end), or undefined. */
  private sealedSize(seg: number): number | undefined {
    if (seg >= this.end.segment) return undefined;
    const old = this.oldSize.get(seg);
    if (old !== undefined) return old;
    const a = this.segStart.get(seg);
    const b = this.segStart.get(seg + 1);
    return a !== undefined && b !== undefined ? b - a : undefined;
  }

  /**
   * The stream for one standby: a snapshot transfer when needed, then frames
   * from its position on, until `signal` aborts, the leader closes, or an
   * error (the transport reports it; the standby reconnects).
   */
  async *follow(req: FollowRequest, signal: AbortSignal): AsyncGenerator<Chunk> {
    const store = this.store;
    if (store === undefined || this.closed) throw unavailable("master is not serving replication yet");
    this.checkEpoch(req.epoch);
    const session = ++this.sessions;
    const old = this.followers.get(req.followerId);
    const f: Follower = old ?? { id: req.followerId, session, connected: true, acked: { segment: 0, offset: 0 }, ackedGlobal: Number.NEGATIVE_INFINITY, inSync: false };
    f.session = session;
    f.connected = true;
    f.acked = { segment: req.segment, offset: req.offset };
    f.ackedGlobal = Number.NEGATIVE_INFINITY;
    this.followers.set(f.id, f);
    this.log.info(`standby ${f.id} follows from segment ${req.segment} offset ${req.offset} (its epoch ${req.epoch})`);
    try {
      let cursor = this.startFor(req);
      if (cursor === "snapshot") cursor = yield* this.sendSnapshot(store.dir);
      else {
        // Its log is a prefix of ours: its position counts.
        const g = this.globalOf(cursor);
        if (g !== undefined) f.ackedGlobal = g;
      }
      this.review();
      while (!signal.aborted && !this.closed && f.session === session) {
        cursor = this.normalize(cursor);
        // At the written end, or at the start of a segment cut but not written yet (a snapshot's).
        const e = this.end;
        if (cursor.segment > e.segment || (cursor.segment === e.segment && cursor.offset >= e.offset)) {
          await this.waitForData(signal);
          continue;
        }
        const c = this.nextChunk(cursor, store.dir);
        if (c === undefined) throw failedPrecondition(`segment ${cursor.segment} is gone from this leader (compacted); follow again for a snapshot`);
        yield c;
        cursor = { segment: c.segment, offset: c.offset + c.bytes.length };
      }
    } finally {
      if (f.session === session) {
        f.connected = false;
        this.review();
        this.log.info(`standby ${f.id} stopped following`);
      }
    }
  }

  /** Where to stream from for this request, or "snapshot" when the leader must send one first. */
  private startFor(req: FollowRequest): LogPosition | "snapshot" {
    const dir = (this.store as LeaderStore).dir;
    const l = parseListing(fs.readdirSync(dir));
    const firstHeld = l.segments[0] ?? this.end.segment;
    if (req.segment === 0) {
      // An empty standby: from the start of the log when the leader holds all of it.
      if (l.snapshots.length === 0 && firstHeld <= 1) return { segment: 1, offset: 0 };
      return "snapshot";
    }
    if (req.segment < firstHeld && !(req.offset === 0 && l.snapshots.includes(req.segment))) return "snapshot";
    const diverged = this.divergence(req, dir);
    if (diverged !== undefined) {
      this.log.warn(`standby ${req.followerId} diverges from this leader's log (${diverged}); it gets a snapshot`);
      return "snapshot";
    }
    return { segment: req.segment, offset: req.offset };
  }

  /** Why the standby's log is not a prefix of the leader's, or undefined when it is. */
  private divergence(req: FollowRequest, dir: string): string | undefined {
    const w = this.end;
    if (req.segment > w.segment || (req.segment === w.segment && req.offset > w.offset)) {
      return `it ends at segment ${req.segment} offset ${req.offset}, past this leader's end (segment ${w.segment} offset ${w.offset})`;
    }
    for (const d of req.segments) {
      const file = segmentPath(dir, d.segment);
      if (!fs.existsSync(file)) {
        if (d.segment >= w.segment && d.bytes === 0) continue;
        if (d.segment < (parseListing(fs.readdirSync(dir)).segments[0] ?? 0)) continue; // compacted here: not comparable
        return `segment ${d.segment} is not in this leader's log`;
      }
      const sealed = this.sealedSize(d.segment);
      const held = d.segment === w.segment ? w.offset : (sealed ?? fs.statSync(file).size);
      if (d.bytes > held) return `segment ${d.segment} holds ${d.bytes} bytes there, ${held} here`;
      if (d.segment < req.segment && d.bytes !== held) return `its segment ${d.segment} ends at ${d.bytes}, this leader's at ${held}`;
      if (crcOfFile(file, d.bytes) !== d.crc32c) return `segment ${d.segment} differs in its first ${d.bytes} bytes`;
    }
    return undefined;
  }

  /** Streams the newest snapshot file (or an empty state); returns where the frames continue. */
  private async *sendSnapshot(dir: string): AsyncGenerator<Chunk, LogPosition> {
    const l = parseListing(fs.readdirSync(dir));
    const n = l.snapshots[l.snapshots.length - 1];
    const epoch = this.o.epoch();
    if (n === undefined) {
      const first = l.segments[0] ?? this.end.segment;
      this.log.info(`sending an empty state (no snapshot), log from segment ${first}`);
      yield { kind: "snapshot", epoch, segment: first, totalBytes: 0, partOffset: 0, data: new Uint8Array(0), last: true };
      return { segment: first, offset: 0 };
    }
    // Opened first: compaction may unlink the file meanwhile, the open descriptor still reads it.
    const fd = fs.openSync(snapshotPath(dir, n), "r");
    try {
      const total = fs.fstatSync(fd).size;
      this.log.info(`sending snapshot ${snapshotPath(dir, n)} (${total} bytes)`);
      let at = 0;
      do {
        const len = Math.min(this.limits.chunkBytesMax, total - at);
        const buf = Buffer.allocUnsafe(len);
        const got = len === 0 ? 0 : fs.readSync(fd, buf, 0, len, at);
        if (got !== len) throw unavailable(`snapshot ${snapshotPath(dir, n)} shrank while being sent`);
        yield { kind: "snapshot", epoch: this.o.epoch(), segment: n, totalBytes: total, partOffset: at, data: buf, last: at + len >= total };
        at += len;
      } while (at < total);
    } finally {
      fs.closeSync(fd);
    }
    return { segment: n, offset: 0 };
  }

  /** (s, end of sealed s) is (s+1, 0). */
  private normalize(p: LogPosition): LogPosition {
    let c = p;
    for (let i = 0; i < 1_000_000; i++) {
      const size = this.sealedSize(c.segment);
      if (size === undefined || c.offset < size) return c;
      c = { segment: c.segment + 1, offset: 0 };
    }
    return c;
  }

  /** The frames at `cursor` (not the written end): from memory when still there, else from the segment file. */
  private nextChunk(cursor: LogPosition, dir: string): Extract<Chunk, { kind: "frames" }> | undefined {
    const epoch = this.o.epoch();
    const g = this.globalOf(cursor);
    const r = this.ring;
    if (g !== undefined && r.length > 0 && g >= (r[0] as Entry).start) {
      let lo = 0;
      let hi = r.length - 1;
      while (lo < hi) {
        const mid = (lo + hi) >>> 1;
        if ((r[mid] as Entry).start < g) lo = mid + 1;
        else hi = mid;
      }
      const e = r[lo] as Entry;
      if (e.start === g && e.segment === cursor.segment && e.offset === cursor.offset) {
        return { kind: "frames", epoch, segment: e.segment, offset: e.offset, bytes: e.bytes };
      }
    }
    // From the file: everything before the oldest buffered batch (or the written end) is written, in whole frames.
    const first = r[0];
    let limit: number;
    if (first !== undefined && first.segment === cursor.segment) limit = first.offset;
    else if (cursor.segment === this.end.segment) limit = this.end.offset;
    else limit = this.sealedSize(cursor.segment) ?? -1;
    const file = segmentPath(dir, cursor.segment);
    let fd: number;
    try {
      fd = fs.openSync(file, "r");
    } catch {
      return undefined;
    }
    try {
      if (limit < 0) limit = fs.fstatSync(fd).size;
      const want = Math.min(limit - cursor.offset, Math.max(this.limits.chunkBytesMax, FRAME_HEADER_BYTES));
      let buf = Buffer.allocUnsafe(want);
      let got = fs.readSync(fd, buf, 0, want, cursor.offset);
      let end = wholeFrames(buf, got);
      if (end === 0 && got >= FRAME_HEADER_BYTES) {
        // One frame larger than a chunk: send it whole.
        const len = buf.readUInt32LE(0) + FRAME_HEADER_BYTES;
        buf = Buffer.allocUnsafe(len);
        got = fs.readSync(fd, buf, 0, len, cursor.offset);
        end = wholeFrames(buf, got);
      }
      if (end === 0) throw unavailable(`segment ${file} has no whole frame at offset ${cursor.offset}`);
      return { kind: "frames", epoch, segment: cursor.segment, offset: cursor.offset, bytes: buf.subarray(0, end) };
    } finally {
      fs.closeSync(fd);
    }
  }

  private notify(): void {
    const w = this.wake;
    this.wake = deferred();
    w.resolve();
  }

  private waitForData(signal: AbortSignal): Promise<void> {
    if (signal.aborted) return Promise.resolve();
    return new Promise<void>((resolve) => {
      const done = () => {
        signal.removeEventListener("abort", done);
        resolve();
      };
      signal.addEventListener("abort", done);
      void this.wake.promise.then(done);
    });
  }

  /** Ends every stream and fails pending writes' quorum waits. */
  close(): void {
    if (this.closed) return;
    this.closed = true;
    if (this.timer !== undefined) clearInterval(this.timer);
    for (const w of this.waiters) {
      clearTimeout(w.timer);
      w.reject(unavailable("master is shutting down"));
    }
    this.waiters = [];
    this.notify();
  }
}

/** Is this the error a failed quorum wait rejects with (not a storage failure)? */
export function isQuorumError(e: unknown): boolean {
  return e instanceof DomainError;
}

function wholeFrames(buf: Uint8Array, len: number): number {
  let at = 0;
  while (at < len) {
    const next = checkFrame(buf, at, len);
    if (typeof next !== "number") break;
    at = next;
  }
  return at;
}

function crcOfFile(file: string, bytes: number): number {
  const fd = fs.openSync(file, "r");
  try {
    let crc = 0;
    const buf = Buffer.allocUnsafe(Math.min(bytes, 4 * MiB) || 1);
    for (let at = 0; at < bytes; ) {
      const got = fs.readSync(fd, buf, 0, Math.min(buf.length, bytes - at), at);
      if (got <= 0) return -1;
      crc = crc32c(buf, 0, got, crc);
      at += got;
    }
    return crc;
  } finally {
    fs.closeSync(fd);
  }
}

function deferred(): { promise: Promise<void>; resolve: () => void } {
  let resolve!: () => void;
  const promise = new Promise<void>((r) => (resolve = r));
  return { promise, resolve };
}

function definedOnly(o: Partial<ReplicationLimits>): Partial<ReplicationLimits> {
  const out: Partial<ReplicationLimits> = {};
  for (const k of Object.keys(replicationDefaults) as (keyof ReplicationLimits)[]) if (o[k] !== undefined) out[k] = o[k];
  return out;
}

function fmt(n: number): string {
  return Number.isFinite(n) ? String(Math.round(n)) : "∞";
}
