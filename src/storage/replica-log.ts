// A standby's copy of the leader's WAL (docs/ha.md, "Replication"): the
// leader's bytes written at the same segment and offset, in the same files
// and format as FileJournal's, so that the data directory opened as a normal
// master recovers the leader's state. Snapshot transfers replace the whole
// history with the leader's snapshot file.
//
// Invariants:
// - write() only extends the log: the bytes go at the end of the newest
//   segment, or at offset 0 of the segment after it (a new file, whose
//   directory entry is fsync'ed before anything in it is acknowledged).
// - sync() fdatasyncs the open segment; the position it returns is durable.
// - installSnapshot() writes the file to a temp name and fsyncs it, removes
//   every segment and snapshot, then renames it into place: a crash in
//   between leaves an older (or empty) state, never the new snapshot mixed
//   with the segments it replaces.

import fs from "node:fs";
import path from "node:path";
import { crc32c } from "./crc32c.ts";
import { StorageError } from "./errors.ts";
import { type FileOps, nodeFileOps, writeAll } from "./file-ops.ts";
import { parseListing, segmentPath, snapshotPath } from "./layout.ts";

export interface LogPosition {
  /** Newest segment; 0 for an empty log. */
  segment: number;
  /** Bytes in it. */
  offset: number;
}

export interface SegmentDigest {
  segment: number;
  bytes: number;
  crc32c: number;
}

/** File holding the highest leader epoch the standby has seen (fencing across restarts). */
export const EPOCH_FILE = "EPOCH";

export class ReplicaLog {
  private fd = -1;
  private fdSeg = -1;
  private unsynced = false;
  /** Per segment past the newest snapshot: bytes and running CRC-32C. */
  private readonly digests = new Map<number, { bytes: number; crc: number }>();
  private end: LogPosition;

  private constructor(
    readonly dir: string,
    private readonly ops: FileOps,
  ) {
    const l = parseListing(fs.readdirSync(dir));
    const base = l.snapshots[l.snapshots.length - 1] ?? 0;
    for (const n of l.segments) {
      if (n < base) continue;
      const buf = fs.readFileSync(segmentPath(dir, n));
      this.digests.set(n, { bytes: buf.length, crc: crc32c(buf) });
    }
    const last = l.segments[l.segments.length - 1];
    if (last !== undefined && last >= base) this.end = { segment: last, offset: this.digests.get(last)?.bytes ?? 0 };
    // A snapshot with no segment after it: the log continues at the snapshot's segment.
    else this.end = base > 0 ? { segment: base, offset: 0 } : { segment: 0, offset: 0 };
  }

  /** Reads the end of the log in `dir` (recovery has already cut any torn tail). */
  static open(dir: string, ops: FileOps = nodeFileOps): ReplicaLog {
    return new ReplicaLog(dir, ops);
  }

  get position(): LogPosition {
    return { ...this.end };
  }

  /** A digest of every segment past the newest snapshot, oldest first. */
  segmentDigests(): SegmentDigest[] {
    return [...this.digests.entries()].sort((a, b) => a[0] - b[0]).map(([segment, d]) => ({ segment, bytes: d.bytes, crc32c: d.crc }));
  }

  /** Writes `bytes` (whole frames) at (segment, offset); the log must end exactly there, or the segment must be the next one at 0. */
  async write(segment: number, offset: number, bytes: Uint8Array): Promise<void> {
    const e = this.end;
    const extends_ = segment === e.segment && offset === e.offset;
    const next = offset === 0 && (segment === e.segment + 1 || (e.segment === 0 && e.offset === 0));
    if (!extends_ && !next) {
      throw new StorageError("corrupt", `replicated bytes at segment ${segment} offset ${offset} do not continue the log, which ends at segment ${e.segment} offset ${e.offset}`, {
        file: segmentPath(this.dir, segment),
        offset,
      });
    }
    if (this.fdSeg !== segment) await this.openSegment(segment);
    await writeAll(this.ops, this.fd, bytes, 0, bytes.length, offset);
    this.unsynced = true;
    const d = this.digests.get(segment) ?? { bytes: 0, crc: 0 };
    d.crc = crc32c(bytes, 0, bytes.length, d.crc);
    d.bytes += bytes.length;
    this.digests.set(segment, d);
    this.end = { segment, offset: offset + bytes.length };
  }

  /** Makes everything written durable; returns the durable end. */
  async sync(): Promise<LogPosition> {
    const at = this.position;
    if (this.fd >= 0 && this.unsynced) {
      this.unsynced = false;
      await this.ops.fdatasync(this.fd);
    }
    return at;
  }

  private async openSegment(segment: number): Promise<void> {
    await this.closeFile(true);
    const file = segmentPath(this.dir, segment);
    const exists = fs.existsSync(file);
    this.fd = await this.ops.open(file, exists ? "r+" : "wx", 0o600);
    this.fdSeg = segment;
    if (!exists) await this.ops.syncDir(this.dir);
  }

  private async closeFile(flush: boolean): Promise<void> {
    if (this.fd < 0) return;
    const fd = this.fd;
    this.fd = -1;
    this.fdSeg = -1;
    try {
      if (flush && this.unsynced) await this.ops.fdatasync(fd);
    } finally {
      this.unsynced = false;
      await this.ops.close(fd).catch(() => {});
    }
  }

  /**
   * Replaces the whole log by the snapshot file `tmp` (already written and
   * fsync'ed) covering the segments before `segment`; a `tmp` of undefined
   * means an empty state with the log starting at `segment`.
   */
  async installSnapshot(segment: number, tmp: string | undefined): Promise<void> {
    await this.closeFile(false);
    const l = parseListing(fs.readdirSync(this.dir));
    for (const n of l.segments) await this.ops.unlink(segmentPath(this.dir, n));
    for (const n of l.snapshots) await this.ops.unlink(snapshotPath(this.dir, n));
    await this.ops.syncDir(this.dir);
    if (tmp !== undefined) {
      await this.ops.rename(tmp, snapshotPath(this.dir, segment));
      await this.ops.syncDir(this.dir);
    }
    this.digests.clear();
    // Without a snapshot the next write is (segment, 0), a new file after the (absent) segment before it.
    this.end = tmp !== undefined ? { segment, offset: 0 } : { segment: Math.max(0, segment - 1), offset: 0 };
  }

  /** Closes the open segment; `flush` false drops it without an fdatasync (a crash, in tests). */
  close(flush = true): Promise<void> {
    return this.closeFile(flush);
  }
}

/** The highest leader epoch recorded in `dir`, 0 when none. */
export function readEpoch(dir: string): number {
  try {
    const n = Number(fs.readFileSync(path.join(dir, EPOCH_FILE), "utf8").trim());
    return Number.isSafeInteger(n) && n > 0 ? n : 0;
  } catch {
    return 0;
  }
}

/** Records `epoch` durably (temp file, fsync, rename, directory fsync). */
export async function writeEpoch(dir: string, epoch: number, ops: FileOps = nodeFileOps): Promise<void> {
  const file = path.join(dir, EPOCH_FILE);
  const tmp = `${file}.tmp`;
  const fd = await ops.open(tmp, "w", 0o600);
  try {
    const b = Buffer.from(`${epoch}\n`);
    await writeAll(ops, fd, b, 0, b.length, 0);
    await ops.fsync(fd);
  } finally {
    await ops.close(fd);
  }
  await ops.rename(tmp, file);
  await ops.syncDir(dir);
}
