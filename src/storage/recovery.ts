// Start-up recovery: the newest snapshot that passes its checks, then every
// later WAL segment replayed through apply(), the transition the live path
// uses. Damage handling (item 5 of the durability issue, docs/durability.md):
// - a torn, short or zero-filled tail of the last segment is cut back to the
//   last valid record; the cut bytes go to a .broken file; a warning says how
//   many bytes;
// - a damaged record with valid records after it, an undecodable record, a
//   record apply() rejects, or a missing segment stops start-up with a
//   StorageError naming the file and offset, unless `repair` is set: then it is
//   skipped, logged, and the caller takes a fresh snapshot;
// - a snapshot that fails its checks falls back to the older one plus WAL;
//   when no usable base remains, start-up fails rather than start empty.

import fs from "node:fs";
import path from "node:path";
import type { Logger } from "../core/log.ts";
import { apply, restore } from "../core/apply.ts";
import { JobTable } from "../core/state.ts";
import { decodeRecord, SettingsCache } from "./codec.ts";
import { corrupt, StorageError, type StorageErrorKind, type StorageErrorWhere } from "./errors.ts";
import { type DirListing, parseListing, segmentName, segmentPath, snapshotName, snapshotPath } from "./layout.ts";
import { PbReader } from "./pb.ts";
import { type Damage, scanFrames } from "./replay.ts";
import { type LoadedSnapshot, readSnapshot } from "./snapshot-file.ts";

export interface RecoverOptions {
  dir: string;
  repair: boolean;
  log: Logger;
}

export interface Recovered {
  state: JobTable;
  warnings: string[];
  /** Segment the journal writes first. */
  nextSegment: number;
  /** Bytes of WAL replayed on top of the snapshot: the WAL no snapshot covers. */
  walBytes: number;
  /** WAL segments replayed on top of the snapshot. */
  walSegments: number;
  /** Something was skipped under repair; a new snapshot should replace the damaged history. */
  repaired: boolean;
  records: number;
}

export function recover(o: RecoverOptions): Recovered {
  const listing = parseListing(fs.readdirSync(o.dir));
  for (const t of listing.temps) fs.rmSync(path.join(o.dir, t), { force: true });
  const ctx = new Recovery(o, listing);
  return ctx.run();
}

class Recovery {
  readonly warnings: string[] = [];
  readonly state = new JobTable();
  repaired = false;
  walBytes = 0;
  records = 0;
  private readonly cache = new SettingsCache();

  constructor(
    private readonly o: RecoverOptions,
    private readonly listing: DirListing,
  ) {}

  warn(msg: string): void {
    this.warnings.push(msg);
    this.o.log.warn(msg);
  }

  /** A StorageError (kind `corrupt` unless told) that stops start-up, or under repair a warning. */
  damage(msg: string, where: StorageErrorWhere, kind: StorageErrorKind = "corrupt"): void {
    if (!this.o.repair) throw new StorageError(kind, `${msg}; start with --repair to skip it (damaged files are kept as .broken)`, where);
    this.repaired = true;
    this.warn(`repair: ${msg}; skipped`);
  }

  run(): Recovered {
    const base = this.loadBase();
    const segs = this.listing.segments.filter((n) => n >= base);
    this.checkContiguous(base, segs);
    for (let i = 0; i < segs.length; i++) this.replaySegment(segs[i] as number, i === segs.length - 1);
    const last = this.listing.segments[this.listing.segments.length - 1] ?? 0;
    const nextSegment = Math.max(base, last + 1);
    if (this.records > 0) this.o.log.info(`recovered ${this.state.jobs.size} jobs; replayed ${this.records} records from ${segs.length} segments`);
    return {
      state: this.state,
      warnings: this.warnings,
      nextSegment,
      walBytes: this.walBytes,
      walSegments: segs.length,
      repaired: this.repaired,
      records: this.records,
    };
  }

  /** Restores the newest usable snapshot; returns the first segment to replay. */
  private loadBase(): number {
    const snaps = this.listing.snapshots;
    for (let i = snaps.length - 1; i >= 0; i--) {
      const n = snaps[i] as number;
      const file = snapshotPath(this.o.dir, n);
      let snap: LoadedSnapshot;
      try {
        snap = readSnapshot(file);
        if (snap.walSegment !== n) throw corrupt(`it says it covers segments before ${snap.walSegment}, its name says ${n}`, { file });
      } catch (e) {
        // Renamed aside so that compaction never counts it as one of the two snapshots it keeps.
        fs.renameSync(file, `${file}.broken`);
        this.warn(
          `snapshot ${file} is unusable (${(e as Error).message}); moved to ${file}.broken, falling back to an older snapshot and the WAL`,
        );
        continue;
      }
      restore(this.state, snap.jobs, snap.pausedQueues, snap.queueRetention, snap.tokens, snap.flow, snap.schedules, snap.batches);
      if (snap.lastJobId > this.state.lastJobId) this.state.lastJobId = snap.lastJobId;
      return n;
    }
    const first = this.listing.segments[0];
    if (snaps.length > 0 && (first === undefined || first > 1)) {
      throw corrupt(
        `no usable snapshot in ${this.o.dir} (tried ${snaps.map(snapshotName).join(", ")}) and the WAL segments before ` +
          `${segmentName(first ?? 1)} were compacted away; refusing to start with a partial state`,
        { file: this.o.dir },
      );
    }
    if (first !== undefined && first > 1) {
      this.damage(`${this.o.dir}: the WAL starts at ${segmentName(first)} but there is no snapshot covering the segments before it`, {
        file: segmentPath(this.o.dir, first),
      });
    }
    return 1;
  }

  private checkContiguous(base: number, segs: number[]): void {
    let want = base;
    for (const n of segs) {
      if (n !== want) {
        const missing = want === n - 1 ? segmentName(want) : `${segmentName(want)} .. ${segmentName(n - 1)}`;
        this.damage(`${this.o.dir}: WAL segment ${missing} is missing (the next one present is ${segmentName(n)})`, {
          file: segmentPath(this.o.dir, want),
        });
      }
      want = n + 1;
    }
  }

  private replaySegment(n: number, isLast: boolean): void {
    const file = segmentPath(this.o.dir, n);
    const buf = fs.readFileSync(file);
    this.walBytes += buf.length;
    const reader = new PbReader(buf, 0, 0);
    let from = 0;
    for (;;) {
      const d = scanFrames(buf, from, (start, end, offset) => this.replayFrame(reader, start, end, file, offset));
      if (d === undefined) return;
      if (d.resumesAt < 0) {
        this.cutTail(file, buf, d, isLast);
        return;
      }
      this.damage(`${file}: damaged record at offset ${d.offset} (${d.reason}) with valid records after it, from offset ${d.resumesAt}`, {
        file,
        offset: d.offset,
      });
      this.keepBroken(file, buf, 0);
      from = d.resumesAt;
    }
  }

  private replayFrame(r: PbReader, start: number, end: number, file: string, offset: number): void {
    r.pos = start;
    r.end = end;
    let rec: ReturnType<typeof decodeRecord>;
    try {
      rec = decodeRecord(r, this.cache);
    } catch (e) {
      // A record type this version does not know (written by a newer one) is `unsupported`, not damage.
      const kind = e instanceof StorageError && e.kind === "unsupported" ? "unsupported" : "corrupt";
      this.damage(`${file}: undecodable record at offset ${offset}: ${(e as Error).message}`, { file, offset, cause: e }, kind);
      return;
    }
    try {
      apply(this.state, rec);
      this.records++;
    } catch (e) {
      this.damage(`${file}: record at offset ${offset} (${rec.kind}) does not apply: ${(e as Error).message}`, { file, offset, cause: e });
    }
  }

  /** Cuts a torn tail: keeps the bytes in a .broken file, then truncates durably. */
  private cutTail(file: string, buf: Buffer, d: Damage, isLast: boolean): void {
    const cut = buf.length - d.offset;
    if (!isLast) {
      this.damage(`${file}: damaged tail at offset ${d.offset} (${d.reason}, ${cut} bytes) but later segments exist`, { file, offset: d.offset });
    }
    const kept = this.keepBroken(file, buf, d.offset);
    const fd = fs.openSync(file, "r+");
    try {
      fs.ftruncateSync(fd, d.offset);
      fs.fsyncSync(fd);
    } finally {
      fs.closeSync(fd);
    }
    this.walBytes -= cut;
    this.warn(`${file}: cut ${cut} bytes of torn tail at offset ${d.offset} (${d.reason}); the bytes are kept in ${kept}`);
  }

  /** Copies buf[from..] next to the segment as `<segment>.<from>.broken`, durably. */
  private keepBroken(file: string, buf: Buffer, from: number): string {
    const out = `${file}.${from}.broken`;
    if (fs.existsSync(out)) return out;
    const fd = fs.openSync(out, "w", 0o600);
    try {
      fs.writeSync(fd, buf, from, buf.length - from, 0);
      fs.fsyncSync(fd);
    } finally {
      fs.closeSync(fd);
    }
    const dfd = fs.openSync(this.o.dir, "r");
    fs.fsyncSync(dfd);
    fs.closeSync(dfd);
    return out;
  }
}
