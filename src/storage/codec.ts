// Core records and jobs <-> protobuf `WalRecord` / `Job` bytes, exactly as
// proto/falconqueue/v1/service.proto defines them: every record kind is one
// field of the WalRecord oneof (F below), and protobufjs reads and writes the
// same bytes (test/unit/storage/codec.test.ts checks every kind both ways).
// Scalars at their zero value are left out, as proto3 does; decoding skips
// fields it does not know, but refuses a record type it does not know.

import { isRole, type TokenEntry } from "../core/auth.ts";
import type { QueueRetention } from "../core/config.ts";
import type { QueueLimits } from "../core/flow.ts";
import type { WalRecord } from "../core/records.ts";
import type { Missed, Schedule, SkipReason } from "../core/schedules.ts";
import type { Batch, Job } from "../core/types.ts";
import { decodeJob, encodeJob, type SettingsCache } from "./job-codec.ts";
import { PbError, type PbReader, type PbWriter, WIRE_LEN, WIRE_VARINT } from "./pb.ts";

export { decodeJob, encodeJob, SettingsCache } from "./job-codec.ts";

/** WalRecord oneof field numbers. */
const F = {
  submitted: 1,
  leased: 2,
  extended: 3,
  completed: 4,
  attemptFailed: 5,
  cancelled: 6,
  retried: 7,
  removed: 8,
  queuePaused: 9,
  progress: 10,
  promoted: 11,
  returned: 12,
  deleted: 13,
  jobPromoted: 14,
  queueRetention: 15,
  tokenCreated: 16,
  tokenRevoked: 17,
  tokensUsed: 18,
  queueLimits: 19,
  groupPaused: 20,
  debounced: 21,
  scheduleFired: 23,
  scheduleSet: 24,
  scheduleDeleted: 25,
  schedulePaused: 26,
  scheduleSkipped: 27,
  batchCreated: 28,
  batchClosed: 29,
  batchFired: 30,
  flowSubmitted: 31,
} as const;

/** The field of `repeated string logs` in the records that carry one. */
const logsField: Record<number, number> = { [F.completed]: 5, [F.attemptFailed]: 6 };

export function encodeRecord(w: PbWriter, r: WalRecord): void {
  const m = w.begin(F[r.kind]);
  switch (r.kind) {
    case "submitted":
      encodeJob(w, r.job, 1);
      break;
    case "promoted":
      w.int(1, r.at);
      break;
    case "leased":
      w.string(1, r.jobId);
      w.string(2, r.token);
      w.string(3, r.workerId);
      w.int(4, r.deadline);
      w.int(5, r.attempt);
      w.int(6, r.at);
      w.string(7, r.owner ?? "");
      break;
    case "extended":
      for (const id of r.jobIds) w.stringAlways(1, id);
      w.int(2, r.deadline);
      break;
    case "completed":
      w.string(1, r.jobId);
      w.string(2, r.token);
      w.bytes(3, r.result);
      w.int(4, r.at);
      for (const line of r.logs ?? []) w.stringAlways(5, line);
      break;
    case "attemptFailed":
      w.string(1, r.jobId);
      w.string(2, r.token);
      w.string(3, r.error);
      w.int(4, r.at);
      w.int(5, r.retryAt);
      for (const line of r.logs ?? []) w.stringAlways(6, line);
      break;
    case "cancelled":
    case "retried":
    case "deleted":
    case "jobPromoted":
      w.string(1, r.jobId);
      w.int(2, r.at);
      break;
    case "removed":
      for (const id of r.jobIds) w.stringAlways(1, id);
      break;
    case "queuePaused":
      w.string(1, r.queue);
      w.bool(2, r.paused);
      break;
    case "progress":
      w.string(1, r.jobId);
      w.string(2, r.progress);
      w.int(3, r.at);
      break;
    case "returned":
      w.string(1, r.jobId);
      w.string(2, r.token);
      w.int(3, r.at);
      w.int(4, r.retryAt ?? 0);
      break;
    case "queueLimits":
      encodeLimitsFields(w, r.queue, r.limits);
      break;
    case "groupPaused":
      encodeGroupPausedFields(w, r.queue, r.group, r.untilMs);
      break;
    case "queueRetention":
      encodeRetentionFields(w, r.queue, r.retention);
      break;
    case "tokenCreated":
      encodeTokenFields(w, r.token);
      break;
    case "tokenRevoked":
      w.string(1, r.id);
      w.int(2, r.at);
      break;
    case "tokensUsed":
      for (const id of r.ids) w.stringAlways(1, id);
      w.int(2, r.at);
      break;
    case "debounced":
      w.string(1, r.jobId);
      w.bytes(2, r.payload);
      w.int(3, r.runAt);
      w.int(4, r.at);
      w.bool(5, r.payload !== undefined);
      break;
    case "scheduleFired":
      w.string(1, r.name);
      encodeJob(w, r.job, 2);
      w.int(3, r.tickAt);
      w.int(4, r.nextRunAt);
      w.int(5, r.at);
      w.bool(6, r.manual);
      break;
    case "scheduleSet": {
      const sm = w.begin(1);
      encodeScheduleFields(w, r.schedule);
      w.end(sm);
      break;
    }
    case "scheduleDeleted":
      w.string(1, r.name);
      w.int(2, r.at);
      break;
    case "schedulePaused":
      w.string(1, r.name);
      w.bool(2, r.paused);
      w.int(3, r.nextRunAt);
      w.int(4, r.at);
      break;
    case "scheduleSkipped":
      w.string(1, r.name);
      w.int(2, r.reason);
      w.int(3, r.tickAt);
      w.int(4, r.nextRunAt);
      w.int(5, r.at);
      break;
    case "flowSubmitted":
      for (const j of r.jobs) encodeJob(w, j, 1);
      break;
    case "batchCreated":
      encodeBatchFields(w, r.batch);
      break;
    case "batchClosed":
      w.string(1, r.batchId);
      w.int(2, r.at);
      break;
    case "batchFired":
      w.string(1, r.batchId);
      w.int(2, r.at);
      if (r.onComplete !== undefined) encodeJob(w, r.onComplete, 3);
      if (r.onSuccess !== undefined) encodeJob(w, r.onSuccess, 4);
      for (const id of r.dropped) w.stringAlways(5, id);
      break;
  }
  w.end(m);
}

/** The fields of a `Schedule` message (a scheduleSet record's body, or a snapshot entry). */
export function encodeScheduleFields(w: PbWriter, s: Schedule): void {
  w.string(1, s.name);
  w.string(2, s.queue);
  w.string(3, s.type);
  w.bytes(4, s.payload);
  w.int(5, s.priority);
  w.int(6, s.maxAttempts);
  w.int(7, s.timeoutMs);
  w.string(8, s.cron);
  w.string(9, s.timeZone);
  w.int(10, s.everyMs);
  w.int(11, s.missed);
  w.bool(12, s.noOverlap);
  w.bool(13, s.paused);
  w.int(14, s.nextRunAt);
  w.int(15, s.anchorAt);
  w.int(16, s.createdAt);
  w.int(17, s.updatedAt);
  w.int(18, s.lastTickAt);
  w.string(19, s.lastJobId);
  w.int(20, s.firedTotal);
  w.int(21, s.skippedOverlapTotal);
  w.int(22, s.skippedMissedTotal);
  w.int(23, s.skippedFullTotal);
}

/** A length-delimited `Schedule`; the reader points at its length. A missed policy this version does not know is refused. */
export function decodeSchedule(r: PbReader): Schedule {
  const end = r.lenEnd();
  const outerEnd = r.end;
  r.end = end;
  const s: Schedule = {
    name: "", queue: "", type: "", payload: new Uint8Array(0), priority: 0, maxAttempts: 0, timeoutMs: 0, cron: "", timeZone: "",
    everyMs: 0, anchorAt: 0, missed: 1, noOverlap: false, paused: false, nextRunAt: 0, createdAt: 0, updatedAt: 0, lastTickAt: 0,
    lastJobId: "", firedTotal: 0, skippedOverlapTotal: 0, skippedMissedTotal: 0, skippedFullTotal: 0,
  };
  let missed = 0;
  while (r.more) {
    const tag = r.uvarint();
    // biome-ignore format: one line per field reads as the .proto does
    switch (tag) {
      case (1 << 3) | WIRE_LEN: s.name = r.string(); break;
      case (2 << 3) | WIRE_LEN: s.queue = r.string(); break;
      case (3 << 3) | WIRE_LEN: s.type = r.string(); break;
      case (4 << 3) | WIRE_LEN: s.payload = r.bytes(); break;
      case (5 << 3) | WIRE_VARINT: s.priority = r.svarint(); break;
      case (6 << 3) | WIRE_VARINT: s.maxAttempts = r.svarint(); break;
      case (7 << 3) | WIRE_VARINT: s.timeoutMs = r.svarint(); break;
      case (8 << 3) | WIRE_LEN: s.cron = r.string(); break;
      case (9 << 3) | WIRE_LEN: s.timeZone = r.string(); break;
      case (10 << 3) | WIRE_VARINT: s.everyMs = r.svarint(); break;
      case (11 << 3) | WIRE_VARINT: missed = r.svarint(); break;
      case (12 << 3) | WIRE_VARINT: s.noOverlap = r.uvarint() !== 0; break;
      case (13 << 3) | WIRE_VARINT: s.paused = r.uvarint() !== 0; break;
      case (14 << 3) | WIRE_VARINT: s.nextRunAt = r.svarint(); break;
      case (15 << 3) | WIRE_VARINT: s.anchorAt = r.svarint(); break;
      case (16 << 3) | WIRE_VARINT: s.createdAt = r.svarint(); break;
      case (17 << 3) | WIRE_VARINT: s.updatedAt = r.svarint(); break;
      case (18 << 3) | WIRE_VARINT: s.lastTickAt = r.svarint(); break;
      case (19 << 3) | WIRE_LEN: s.lastJobId = r.string(); break;
      case (20 << 3) | WIRE_VARINT: s.firedTotal = r.svarint(); break;
      case (21 << 3) | WIRE_VARINT: s.skippedOverlapTotal = r.svarint(); break;
      case (22 << 3) | WIRE_VARINT: s.skippedMissedTotal = r.svarint(); break;
      case (23 << 3) | WIRE_VARINT: s.skippedFullTotal = r.svarint(); break;
      default: r.skip(tag & 7);
    }
  }
  r.end = outerEnd;
  if (missed !== 1 && missed !== 2) {
    throw new PbError(`schedule ${s.name} has missed policy ${missed}, which this version does not know`, r.pos, "unsupported");
  }
  s.missed = missed as Missed;
  return s;
}

/** The fields of a `StoredBatch` message (a WAL record's body, or a snapshot entry). */
export function encodeBatchFields(w: PbWriter, b: Batch): void {
  w.string(1, b.id);
  w.string(2, b.description);
  if (b.onComplete !== undefined) encodeJob(w, b.onComplete, 3);
  if (b.onSuccess !== undefined) encodeJob(w, b.onSuccess, 4);
  w.int(5, b.createdAt);
  w.bool(6, b.closed);
  w.int(7, b.closedAt);
  w.int(8, b.total);
  w.int(9, b.completed);
  w.int(10, b.failed);
  w.int(11, b.cancelled);
  w.int(12, b.firedAt);
  w.string(13, b.onCompleteJobId);
  w.string(14, b.onSuccessJobId);
}

/** A length-delimited `StoredBatch`; the reader points at its length. */
export function decodeBatch(r: PbReader, cache: SettingsCache): Batch {
  const end = r.lenEnd();
  const outerEnd = r.end;
  r.end = end;
  const b = readBatch(r, cache);
  r.end = outerEnd;
  return b;
}

/** The fields of a `StoredBatch` up to the reader's end. */
function readBatch(r: PbReader, cache: SettingsCache): Batch {
  let id = "";
  let description = "";
  let onComplete: Job | undefined;
  let onSuccess: Job | undefined;
  const n = [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0];
  let onCompleteJobId = "";
  let onSuccessJobId = "";
  while (r.more) {
    const tag = r.uvarint();
    const f = tag >>> 3;
    const wire = tag & 7;
    if (wire === WIRE_LEN && f === 1) id = r.string();
    else if (wire === WIRE_LEN && f === 2) description = r.string();
    else if (wire === WIRE_LEN && f === 3) onComplete = decodeJob(r, cache);
    else if (wire === WIRE_LEN && f === 4) onSuccess = decodeJob(r, cache);
    else if (wire === WIRE_VARINT && f >= 5 && f <= 12) n[f] = r.svarint();
    else if (wire === WIRE_LEN && f === 13) onCompleteJobId = r.string();
    else if (wire === WIRE_LEN && f === 14) onSuccessJobId = r.string();
    else r.skip(wire);
  }
  const at = (f: number) => n[f] as number;
  return {
    id,
    description,
    onComplete,
    onSuccess,
    createdAt: at(5),
    closed: at(6) !== 0,
    closedAt: at(7),
    total: at(8),
    completed: at(9),
    failed: at(10),
    cancelled: at(11),
    firedAt: at(12),
    onCompleteJobId,
    onSuccessJobId,
  };
}

/** The fields of a `StoredToken` message (a WAL record's body, or a snapshot entry). */
export function encodeTokenFields(w: PbWriter, t: TokenEntry): void {
  w.string(1, t.id);
  w.string(2, t.name);
  w.string(3, t.role);
  for (const q of t.queues) w.stringAlways(4, q);
  w.bytes(5, t.hash);
  w.int(6, t.createdAt);
  w.int(7, t.expiresAt);
  w.int(8, t.lastUsedAt);
}

/** A length-delimited `StoredToken`; the reader points at its length. */
export function decodeToken(r: PbReader): TokenEntry {
  const end = r.lenEnd();
  const outerEnd = r.end;
  r.end = end;
  const t = readToken(r);
  r.end = outerEnd;
  return t;
}

/** The fields of a `StoredToken` up to the reader's end. A role this version does not know is refused. */
function readToken(r: PbReader): TokenEntry {
  const t: TokenEntry = { id: "", name: "", role: "viewer", queues: [], hash: new Uint8Array(0), createdAt: 0, expiresAt: 0, lastUsedAt: 0 };
  let role = "";
  while (r.more) {
    const tag = r.uvarint();
    const f = tag >>> 3;
    const wire = tag & 7;
    if (wire === WIRE_LEN && f === 1) t.id = r.string();
    else if (wire === WIRE_LEN && f === 2) t.name = r.string();
    else if (wire === WIRE_LEN && f === 3) role = r.string();
    else if (wire === WIRE_LEN && f === 4) t.queues.push(r.string());
    else if (wire === WIRE_LEN && f === 5) t.hash = r.bytes();
    else if (wire === WIRE_VARINT && f === 6) t.createdAt = r.svarint();
    else if (wire === WIRE_VARINT && f === 7) t.expiresAt = r.svarint();
    else if (wire === WIRE_VARINT && f === 8) t.lastUsedAt = r.svarint();
    else r.skip(wire);
  }
  if (!isRole(role)) throw new PbError(`token ${t.id} has role ${JSON.stringify(role)}, which this version does not know`, r.pos, "unsupported");
  t.role = role;
  return t;
}

/** The fields of a `QueueLimits` message (a WAL record's body, or a snapshot entry). */
export function encodeLimitsFields(w: PbWriter, queue: string, l: QueueLimits): void {
  w.string(1, queue);
  w.int(2, l.concurrency);
  w.int(3, l.groupConcurrency);
  w.int(4, l.rateCount);
  w.int(5, l.ratePeriodMs);
  w.int(6, l.rateBurst);
  w.int(7, l.groupRateCount);
  w.int(8, l.groupRatePeriodMs);
  w.int(9, l.groupRateBurst);
}

/** The fields of a `QueueLimits` message up to the reader's end. */
function readLimits(r: PbReader): { queue: string; limits: QueueLimits } {
  let queue = "";
  const n = [0, 0, 0, 0, 0, 0, 0, 0, 0, 0];
  while (r.more) {
    const tag = r.uvarint();
    const f = tag >>> 3;
    const wire = tag & 7;
    if (wire === WIRE_LEN && f === 1) queue = r.string();
    else if (wire === WIRE_VARINT && f >= 2 && f <= 9) n[f] = r.svarint();
    else r.skip(wire);
  }
  return {
    queue,
    limits: {
      concurrency: n[2] as number,
      groupConcurrency: n[3] as number,
      rateCount: n[4] as number,
      ratePeriodMs: n[5] as number,
      rateBurst: n[6] as number,
      groupRateCount: n[7] as number,
      groupRatePeriodMs: n[8] as number,
      groupRateBurst: n[9] as number,
    },
  };
}

/** A length-delimited `QueueLimits`; the reader points at its length. */
export function decodeLimits(r: PbReader): { queue: string; limits: QueueLimits } {
  return nested(r, readLimits);
}

/** The fields of a `GroupPaused` message (a WAL record's body, or a snapshot entry). */
export function encodeGroupPausedFields(w: PbWriter, queue: string, group: string, untilMs: number): void {
  w.string(1, queue);
  w.string(2, group);
  w.int(3, untilMs);
}

function readGroupPaused(r: PbReader): { queue: string; group: string; untilMs: number } {
  const v = { queue: "", group: "", untilMs: 0 };
  while (r.more) {
    const tag = r.uvarint();
    const f = tag >>> 3;
    const wire = tag & 7;
    if (wire === WIRE_LEN && f === 1) v.queue = r.string();
    else if (wire === WIRE_LEN && f === 2) v.group = r.string();
    else if (wire === WIRE_VARINT && f === 3) v.untilMs = r.svarint();
    else r.skip(wire);
  }
  return v;
}

/** A length-delimited `GroupPaused`; the reader points at its length. */
export function decodeGroupPaused(r: PbReader): { queue: string; group: string; untilMs: number } {
  return nested(r, readGroupPaused);
}

/** A snapshot's `RateBucket`: a token bucket's state (flow-apply.ts FlowSnapshot). */
export interface StoredBucket {
  queue: string;
  group: string;
  queueWide: boolean;
  credit: number;
  at: number;
}

export function encodeBucketFields(w: PbWriter, b: StoredBucket): void {
  w.string(1, b.queue);
  w.string(2, b.group);
  w.bool(3, b.queueWide);
  w.int(4, b.credit);
  w.int(5, b.at);
}

function readBucket(r: PbReader): StoredBucket {
  const b: StoredBucket = { queue: "", group: "", queueWide: false, credit: 0, at: 0 };
  while (r.more) {
    const tag = r.uvarint();
    const f = tag >>> 3;
    const wire = tag & 7;
    if (wire === WIRE_LEN && f === 1) b.queue = r.string();
    else if (wire === WIRE_LEN && f === 2) b.group = r.string();
    else if (wire === WIRE_VARINT && f === 3) b.queueWide = r.uvarint() !== 0;
    else if (wire === WIRE_VARINT && f === 4) b.credit = r.svarint();
    else if (wire === WIRE_VARINT && f === 5) b.at = r.svarint();
    else r.skip(wire);
  }
  return b;
}

export function decodeBucket(r: PbReader): StoredBucket {
  return nested(r, readBucket);
}

/** Reads a length-delimited message with `read`; the reader points at its length. */
function nested<T>(r: PbReader, read: (r: PbReader) => T): T {
  const end = r.lenEnd();
  const outerEnd = r.end;
  r.end = end;
  const v = read(r);
  r.end = outerEnd;
  return v;
}

/** The fields of a `QueueRetention` message (a WAL record's body, or a snapshot entry). */
export function encodeRetentionFields(w: PbWriter, queue: string, r: QueueRetention): void {
  w.string(1, queue);
  w.int(2, r.completedCountMax);
  w.int(3, r.completedAgeMs);
  w.int(4, r.deadCountMax);
  w.int(5, r.deadAgeMs);
}

/** The queue and bounds of a `QueueRetention` message read by readFlat. */
function retentionOf(v: Flat): { queue: string; retention: QueueRetention } {
  const n = v.n;
  return {
    queue: v.s[1] as string,
    retention: {
      completedCountMax: n[2] as number,
      completedAgeMs: n[3] as number,
      deadCountMax: n[4] as number,
      deadAgeMs: n[5] as number,
    },
  };
}

/** A length-delimited `QueueRetention`; the reader points at its length. */
export function decodeRetention(r: PbReader): { queue: string; retention: QueueRetention } {
  const end = r.lenEnd();
  const outerEnd = r.end;
  r.end = end;
  const v = readFlat(r, false, 0);
  r.end = outerEnd;
  return retentionOf(v);
}

/** A record that is not one this version can apply: refused, never skipped. */
export class UnknownRecordError extends PbError {
  constructor(message: string, offset?: number, kind: "corrupt" | "unsupported" = "corrupt") {
    super(message, offset, kind);
    this.name = "UnknownRecordError";
  }
}

/** Decodes one WalRecord message that spans the whole reader. */
export function decodeRecord(r: PbReader, settings: SettingsCache): WalRecord {
  if (!r.more) throw new UnknownRecordError("empty record", r.pos);
  const tag = r.uvarint();
  const field = tag >>> 3;
  if ((tag & 7) !== WIRE_LEN) throw new UnknownRecordError(`record field ${field} has wire type ${tag & 7}`, r.pos);
  const end = r.lenEnd();
  const out = decodeBody(r, field, end, settings);
  if (r.pos !== end || r.more) throw new UnknownRecordError("record has trailing bytes after its body", r.pos);
  return out;
}

interface Flat {
  s: string[];
  n: number[];
  b: Uint8Array | undefined;
  list: string[];
  /** The repeated `logs` strings of WalCompleted (field 5) and WalAttemptFailed (field 6). */
  logs: string[];
}

function decodeBody(r: PbReader, field: number, end: number, cache: SettingsCache): WalRecord {
  const outerEnd = r.end;
  r.end = end;
  const rec =
    field === F.submitted
      ? decodeSubmitted(r, cache)
      : field === F.tokenCreated
        ? ({ kind: "tokenCreated", token: readToken(r) } as const)
        : field === F.debounced
          ? decodeDebounced(r)
          : field === F.queueLimits
            ? ({ kind: "queueLimits", ...readLimits(r) } as const)
            : field === F.groupPaused
              ? ({ kind: "groupPaused", ...readGroupPaused(r) } as const)
          : field === F.scheduleFired
            ? decodeScheduleFired(r, cache)
            : field === F.scheduleSet
              ? decodeScheduleSet(r)
          : field === F.flowSubmitted
            ? decodeFlow(r, cache)
            : field === F.batchCreated
              ? ({ kind: "batchCreated", batch: readBatch(r, cache) } as const)
              : field === F.batchFired
                ? decodeFired(r, cache)
                : decodeFlat(field, readFlat(r, field === F.completed, logsField[field] ?? 0));
  r.end = outerEnd;
  return rec;
}

function decodeSubmitted(r: PbReader, cache: SettingsCache): WalRecord {
  let job: Job | undefined;
  while (r.more) {
    const tag = r.uvarint();
    if (tag === ((1 << 3) | WIRE_LEN)) job = decodeJob(r, cache);
    else r.skip(tag & 7);
  }
  if (job === undefined) throw new PbError("submitted record without a job", r.pos);
  return { kind: "submitted", job };
}

function decodeScheduleFired(r: PbReader, cache: SettingsCache): WalRecord {
  let name = "";
  let job: Job | undefined;
  let tickAt = 0;
  let nextRunAt = 0;
  let at = 0;
  let manual = false;
  while (r.more) {
    const tag = r.uvarint();
    // biome-ignore format: one line per field reads as the .proto does
    switch (tag) {
      case (1 << 3) | WIRE_LEN: name = r.string(); break;
      case (2 << 3) | WIRE_LEN: job = decodeJob(r, cache); break;
      case (3 << 3) | WIRE_VARINT: tickAt = r.svarint(); break;
      case (4 << 3) | WIRE_VARINT: nextRunAt = r.svarint(); break;
      case (5 << 3) | WIRE_VARINT: at = r.svarint(); break;
      case (6 << 3) | WIRE_VARINT: manual = r.uvarint() !== 0; break;
      default: r.skip(tag & 7);
    }
  }
  if (job === undefined) throw new PbError("schedule_fired record without a job", r.pos);
  return { kind: "scheduleFired", name, job, tickAt, nextRunAt, at, manual };
}

function decodeScheduleSet(r: PbReader): WalRecord {
  let schedule: Schedule | undefined;
  while (r.more) {
    const tag = r.uvarint();
    if (tag === ((1 << 3) | WIRE_LEN)) schedule = decodeSchedule(r);
    else r.skip(tag & 7);
  }
  if (schedule === undefined) throw new PbError("schedule_set record without a schedule", r.pos);
  return { kind: "scheduleSet", schedule };
}

function decodeFlow(r: PbReader, cache: SettingsCache): WalRecord {
  const jobs: Job[] = [];
  while (r.more) {
    const tag = r.uvarint();
    if (tag === ((1 << 3) | WIRE_LEN)) jobs.push(decodeJob(r, cache));
    else r.skip(tag & 7);
  }
  return { kind: "flowSubmitted", jobs };
}

function decodeFired(r: PbReader, cache: SettingsCache): WalRecord {
  let batchId = "";
  let at = 0;
  let onComplete: Job | undefined;
  let onSuccess: Job | undefined;
  const dropped: string[] = [];
  while (r.more) {
    const tag = r.uvarint();
    // biome-ignore format: one line per field reads as the .proto does
    switch (tag) {
      case (1 << 3) | WIRE_LEN: batchId = r.string(); break;
      case (2 << 3) | WIRE_VARINT: at = r.svarint(); break;
      case (3 << 3) | WIRE_LEN: onComplete = decodeJob(r, cache); break;
      case (4 << 3) | WIRE_LEN: onSuccess = decodeJob(r, cache); break;
      case (5 << 3) | WIRE_LEN: dropped.push(r.string()); break;
      default: r.skip(tag & 7);
    }
  }
  return { kind: "batchFired", batchId, at, onComplete, onSuccess, dropped };
}

function decodeDebounced(r: PbReader): WalRecord {
  let jobId = "";
  let payload: Uint8Array = new Uint8Array(0);
  let runAt = 0;
  let at = 0;
  let replace = false;
  while (r.more) {
    const tag = r.uvarint();
    // biome-ignore format: one line per field reads as the .proto does
    switch (tag) {
      case (1 << 3) | WIRE_LEN: jobId = r.string(); break;
      case (2 << 3) | WIRE_LEN: payload = r.bytes(); break;
      case (3 << 3) | WIRE_VARINT: runAt = r.svarint(); break;
      case (4 << 3) | WIRE_VARINT: at = r.svarint(); break;
      case (5 << 3) | WIRE_VARINT: replace = r.uvarint() !== 0; break;
      default: r.skip(tag & 7);
    }
  }
  return { kind: "debounced", jobId, payload: replace ? payload : undefined, runAt, at };
}

function decodeFlat(field: number, v: Flat): WalRecord {
  const [, s1, s2, s3] = v.s as [string, string, string, string];
  const n = v.n as number[] & { [i: number]: number };
  switch (field) {
    case F.promoted:
      return { kind: "promoted", at: n[1] as number };
    case F.leased:
      return {
        kind: "leased",
        jobId: s1,
        token: s2,
        workerId: s3,
        deadline: n[4] as number,
        attempt: n[5] as number,
        at: n[6] as number,
        ...(v.s[7] ? { owner: v.s[7] } : {}),
      };
    case F.extended:
      return { kind: "extended", jobIds: v.list, deadline: n[2] as number };
    case F.completed:
      return { kind: "completed", jobId: s1, token: s2, result: v.b, at: n[4] as number, ...logsOf(v) };
    case F.attemptFailed:
      return { kind: "attemptFailed", jobId: s1, token: s2, error: s3, at: n[4] as number, retryAt: n[5] as number, ...logsOf(v) };
    case F.cancelled:
      return { kind: "cancelled", jobId: s1, at: n[2] as number };
    case F.retried:
      return { kind: "retried", jobId: s1, at: n[2] as number };
    case F.removed:
      return { kind: "removed", jobIds: v.list };
    case F.deleted:
      return { kind: "deleted", jobId: s1, at: n[2] as number };
    case F.jobPromoted:
      return { kind: "jobPromoted", jobId: s1, at: n[2] as number };
    case F.queuePaused:
      return { kind: "queuePaused", queue: s1, paused: n[2] === 1 };
    case F.progress:
      return { kind: "progress", jobId: s1, progress: s2, at: n[3] as number };
    case F.returned:
      return n[4] ? { kind: "returned", jobId: s1, token: s2, at: n[3] as number, retryAt: n[4] } : { kind: "returned", jobId: s1, token: s2, at: n[3] as number };
    case F.queueRetention:
      return { kind: "queueRetention", ...retentionOf(v) };
    case F.tokenRevoked:
      return { kind: "tokenRevoked", id: s1, at: n[2] as number };
    case F.tokensUsed:
      return { kind: "tokensUsed", ids: v.list, at: n[2] as number };
    case F.scheduleDeleted:
      return { kind: "scheduleDeleted", name: s1, at: n[2] as number };
    case F.schedulePaused:
      return { kind: "schedulePaused", name: s1, paused: n[2] === 1, nextRunAt: n[3] as number, at: n[4] as number };
    case F.scheduleSkipped: {
      const reason = n[2] as number;
      if (reason < 1 || reason > 3) throw new UnknownRecordError(`schedule_skipped record has reason ${reason}, which this version does not know`, undefined, "unsupported");
      return { kind: "scheduleSkipped", name: s1, reason: reason as SkipReason, tickAt: n[3] as number, nextRunAt: n[4] as number, at: n[5] as number };
    }
    case F.batchClosed:
      return { kind: "batchClosed", batchId: s1, at: n[2] as number };
    default:
      throw new UnknownRecordError(`unknown record type (WalRecord field ${field})`, undefined, "unsupported");
  }
}

/** Absent when there are no lines, as the live path emits it. */
function logsOf(v: Flat): { logs?: string[] } {
  return v.logs.length > 0 ? { logs: v.logs } : {};
}

/**
 * Reads a record body whose fields are all scalars (every record but
 * submitted): strings land in s[field], varints in n[field]; field 1 strings
 * are also collected in list (the repeated ids of extended/removed/tokensUsed);
 * with bytes3, field 3 is the bytes `result` of WalCompleted; strings of
 * field `logs` (0: none) are the record's log lines.
 */
function readFlat(r: PbReader, bytes3: boolean, logs: number): Flat {
  const v: Flat = { s: ["", "", "", ""], n: [0, 0, 0, 0, 0, 0, 0], b: undefined, list: [], logs: [] };
  while (r.more) {
    const tag = r.uvarint();
    const f = tag >>> 3;
    const wire = tag & 7;
    if (wire === WIRE_LEN && f === logs && logs !== 0) v.logs.push(r.string());
    else if (wire === WIRE_VARINT && f < 7) v.n[f] = r.svarint();
    else if (wire === WIRE_LEN && f === 3 && bytes3) v.b = r.bytes();
    else if (wire === WIRE_LEN && f === 7) v.s[7] = r.string(); // WalLeased.owner
    else if (wire === WIRE_LEN && f < 4) {
      const str = r.string();
      v.s[f] = str;
      if (f === 1) v.list.push(str);
    } else r.skip(wire);
  }
  return v;
}
