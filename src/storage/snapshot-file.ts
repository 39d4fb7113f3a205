// Snapshot file format (also in docs/wal.md):
//
//   "FQSNAP01"                       8-byte magic
//   frame: Snapshot{wal_segment, taken_at_ms, paused_queues, last_job_id, queue_retention, tokens,
//                   queue_limits, group_pauses, rate_buckets, batches}
//   frame: Snapshot{schedules: [schedule]}   one per schedule (field 15)
//   frame: Snapshot{jobs: [...]}     any number, each a chunk of jobs
//   frame: Snapshot{jobs: [job]}     the last `pre` frames: pre-images (below)
//   trailer, 20 bytes:
//     u32 LE 0xFFFFFFFF              never a valid frame length
//     u32 LE crc32c of the next 12 bytes
//     u32 LE number of frames before the trailer
//     u32 LE number of jobs
//     u32 LE pre: number of pre-image frames, one job each
//
// A pre-image is the state at the snapshot's cut of a job that changed while
// the snapshot was being written; an earlier frame may hold the same job
// with the same content, and the reader keeps only the pre-image.
// Frames are framed exactly like WAL records (frame.ts). Concatenating the
// frame payloads gives one valid protobuf `Snapshot`, as repeated fields
// concatenate. A file without a matching trailer at its very end is
// incomplete or damaged, and recovery falls back to the older snapshot.

import fs from "node:fs";
import type { TokenEntry } from "../core/auth.ts";
import type { Batch, Job } from "../core/types.ts";
import type { QueueRetention } from "../core/config.ts";
import type { FlowSnapshot } from "../core/flow-apply.ts";
import type { Schedule } from "../core/schedules.ts";
import {
  decodeBatch,
  decodeBucket,
  decodeGroupPaused,
  decodeJob,
  decodeLimits,
  decodeRetention,
  decodeSchedule,
  decodeToken,
  encodeBatchFields,
  encodeBucketFields,
  encodeGroupPausedFields,
  encodeLimitsFields,
  encodeRetentionFields,
  encodeScheduleFields,
  encodeTokenFields,
  SettingsCache,
} from "./codec.ts";
import { crc32c } from "./crc32c.ts";
import { corrupt } from "./errors.ts";
import { checkFrame, closeFrame, FRAME_HEADER_BYTES, openFrame } from "./frame.ts";
import { PbReader, type PbWriter, WIRE_LEN, WIRE_VARINT } from "./pb.ts";

export const SNAPSHOT_MAGIC = Buffer.from("FQSNAP01");
const TRAILER_MARK = 0xffffffff;
export const TRAILER_BYTES = 20;

export interface SnapshotHeader {
  walSegment: number;
  takenAt: number;
  pausedQueues: string[];
  lastJobId: string;
  /** Queues with their own retention bounds (SetQueueRetention). */
  queueRetention: { queue: string; retention: QueueRetention }[];
  /** API tokens, lastUsedAt included. */
  tokens: TokenEntry[];
  /** Queue limits, group pauses and token buckets (flow-control.md). */
  flow: FlowSnapshot;
  /** Schedules, each written in a frame of its own after the header's (see writeSchedules). */
  schedules: Schedule[];
  /** Batches with their counts (their jobs may be gone); absent in older files. */
  batches?: Batch[];
}

/** Writes the magic, the header frame and one frame per schedule; returns the frames written. */
export function writeHeader(w: PbWriter, h: SnapshotHeader): number {
  w.ensure(SNAPSHOT_MAGIC.length);
  w.buf.set(SNAPSHOT_MAGIC, w.pos);
  w.pos += SNAPSHOT_MAGIC.length;
  const at = openFrame(w);
  w.int(1, h.walSegment);
  w.int(2, h.takenAt);
  for (const q of h.pausedQueues) w.stringAlways(4, q);
  w.string(5, h.lastJobId);
  for (const q of h.queueRetention) {
    const m = w.begin(6);
    encodeRetentionFields(w, q.queue, q.retention);
    w.end(m);
  }
  for (const t of h.tokens) {
    const m = w.begin(7);
    encodeTokenFields(w, t);
    w.end(m);
  }
  for (const l of h.flow.limits) {
    const m = w.begin(8);
    encodeLimitsFields(w, l.queue, l.limits);
    w.end(m);
  }
  for (const p of h.flow.pauses) {
    const m = w.begin(9);
    encodeGroupPausedFields(w, p.queue, p.group, p.untilMs);
    w.end(m);
  }
  for (const b of h.flow.buckets) {
    const m = w.begin(12);
    encodeBucketFields(w, b);
    w.end(m);
  }
  for (const b of h.batches ?? []) {
    const m = w.begin(13);
    encodeBatchFields(w, b);
    w.end(m);
  }
  closeFrame(w, at);
  // A frame per schedule: 10,000 schedules with 64 KiB payloads would not fit one frame.
  for (const s of h.schedules) {
    const f = openFrame(w);
    const m = w.begin(15);
    encodeScheduleFields(w, s);
    w.end(m);
    closeFrame(w, f);
  }
  return 1 + h.schedules.length;
}

export function writeTrailer(w: PbWriter, frames: number, jobs: number, preImages: number): void {
  w.ensure(TRAILER_BYTES);
  const b = w.buf;
  b.writeUInt32LE(TRAILER_MARK, w.pos);
  b.writeUInt32LE(frames, w.pos + 8);
  b.writeUInt32LE(jobs, w.pos + 12);
  b.writeUInt32LE(preImages, w.pos + 16);
  b.writeUInt32LE(crc32c(b, w.pos + 8, w.pos + 20), w.pos + 4);
  w.pos += TRAILER_BYTES;
}

export interface LoadedSnapshot extends SnapshotHeader {
  jobs: Job[];
  batches: Batch[];
}

/** Reads and checks a whole snapshot file; throws a `corrupt` StorageError (or PbError) saying why it is not usable. */
export function readSnapshot(path: string): LoadedSnapshot {
  const buf = fs.readFileSync(path);
  const bad = (msg: string, offset?: number) => corrupt(msg, { file: path, offset });
  if (buf.length < SNAPSHOT_MAGIC.length || !buf.subarray(0, SNAPSHOT_MAGIC.length).equals(SNAPSHOT_MAGIC)) {
    throw bad("not a snapshot file (bad magic)", 0);
  }
  const out: LoadedSnapshot = { walSegment: 0, takenAt: 0, pausedQueues: [], lastJobId: "", queueRetention: [], tokens: [], flow: { limits: [], pauses: [], buckets: [] }, schedules: [], jobs: [], batches: [] };
  const cache = new SettingsCache();
  let at = SNAPSHOT_MAGIC.length;
  let frames = 0;
  for (;;) {
    if (buf.length - at >= 4 && buf.readUInt32LE(at) === TRAILER_MARK) return checkTrailer(buf, at, frames, out, bad);
    const next = checkFrame(buf, at, buf.length);
    if (typeof next !== "number") throw bad(`damaged frame at offset ${at}: ${next}`, at);
    readSnapshotFields(new PbReader(buf, at + FRAME_HEADER_BYTES, next), out, cache);
    frames++;
    at = next;
  }
}

function checkTrailer(buf: Buffer, at: number, frames: number, out: LoadedSnapshot, bad: (msg: string, offset?: number) => Error): LoadedSnapshot {
  if (buf.length - at !== TRAILER_BYTES) throw bad(`trailer at offset ${at} is not at the end of the file`, at);
  if (crc32c(buf, at + 8, at + 20) !== buf.readUInt32LE(at + 4)) throw bad("trailer checksum mismatch", at);
  if (buf.readUInt32LE(at + 8) !== frames || buf.readUInt32LE(at + 12) !== out.jobs.length) {
    throw bad(`trailer counts ${buf.readUInt32LE(at + 8)} frames / ${buf.readUInt32LE(at + 12)} jobs, file has ${frames} / ${out.jobs.length}`, at);
  }
  if (out.walSegment === 0) throw bad("snapshot header has no wal_segment", SNAPSHOT_MAGIC.length);
  const pre = buf.readUInt32LE(at + 16);
  if (pre > out.jobs.length) throw bad(`trailer counts ${pre} pre-images, file has ${out.jobs.length} jobs`, at);
  if (pre > 0) out.jobs = withoutShadowed(out.jobs, pre);
  return out;
}

/** Drops earlier copies of the jobs whose pre-images are the last `pre` entries. */
function withoutShadowed(jobs: Job[], pre: number): Job[] {
  const split = jobs.length - pre;
  const ids = new Set<string>();
  for (let i = split; i < jobs.length; i++) ids.add((jobs[i] as Job).id);
  const out: Job[] = [];
  for (let i = 0; i < split; i++) if (!ids.has((jobs[i] as Job).id)) out.push(jobs[i] as Job);
  for (let i = split; i < jobs.length; i++) out.push(jobs[i] as Job);
  return out;
}

function readSnapshotFields(r: PbReader, out: LoadedSnapshot, cache: SettingsCache): void {
  while (r.more) {
    const tag = r.uvarint();
    const f = tag >>> 3;
    const wire = tag & 7;
    if (f === 1 && wire === WIRE_VARINT) out.walSegment = r.uvarint();
    else if (f === 2 && wire === WIRE_VARINT) out.takenAt = r.svarint();
    else if (f === 3 && wire === WIRE_LEN) out.jobs.push(decodeJob(r, cache));
    else if (f === 4 && wire === WIRE_LEN) out.pausedQueues.push(r.string());
    else if (f === 5 && wire === WIRE_LEN) out.lastJobId = r.string();
    else if (f === 6 && wire === WIRE_LEN) out.queueRetention.push(decodeRetention(r));
    else if (f === 7 && wire === WIRE_LEN) out.tokens.push(decodeToken(r));
    else if (f === 8 && wire === WIRE_LEN) out.flow.limits.push(decodeLimits(r));
    else if (f === 9 && wire === WIRE_LEN) out.flow.pauses.push(decodeGroupPaused(r));
    else if (f === 12 && wire === WIRE_LEN) out.flow.buckets.push(decodeBucket(r));
    else if (f === 15 && wire === WIRE_LEN) out.schedules.push(decodeSchedule(r));
    else if (f === 13 && wire === WIRE_LEN) out.batches.push(decodeBatch(r, cache));
    else r.skip(wire);
  }
}
