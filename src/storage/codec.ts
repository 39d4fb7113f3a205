// Core records and jobs <-> protobuf `WalRecord` / `Job` bytes
// (proto/falconqueue/v1/service.proto). Two fields are not in the .proto yet
// and are written with the numbers it should give them:
//   WalRecord.promoted = 11 (message { int64 at_ms = 1; })
//   Job.lease_token    = 25 (string; snapshots need it so a RUNNING job keeps
//                            its lease, and its token, across a restart)
// protobufjs skips both as unknown fields, so the files stay readable by it.

import type { WalRecord } from "../core/records.ts";
import { Job, type JobSettings, JobStatus } from "../core/types.ts";
import { type Interned, PbError, type PbReader, type PbWriter, WIRE_LEN, WIRE_VARINT } from "./pb.ts";

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
} as const;

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
      break;
    case "attemptFailed":
      w.string(1, r.jobId);
      w.string(2, r.token);
      w.string(3, r.error);
      w.int(4, r.at);
      w.int(5, r.retryAt);
      break;
    case "cancelled":
    case "retried":
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
  }
  w.end(m);
}

/** Encodes a job as field `field` of the enclosing message, with everything a snapshot needs. */
export function encodeJob(w: PbWriter, j: Job, field: number): void {
  const m = w.begin(field);
  const s = j.settings;
  const x = j.extra;
  w.string(1, j.id);
  w.string(2, j.queue);
  w.string(3, j.type);
  w.bytes(4, j.payload);
  w.int(5, j.status);
  w.int(6, j.priority);
  w.int(7, j.attempt);
  w.int(8, s.maxAttempts);
  w.int(9, j.createdAt);
  w.int(10, j.runAt);
  w.int(13, s.timeoutMs);
  w.int(14, s.backoffBaseMs);
  w.int(15, s.backoffMaxMs);
  for (const k in s.metadata) {
    const e = w.begin(17);
    w.stringAlways(1, k);
    w.stringAlways(2, s.metadata[k] as string);
    w.end(e);
  }
  if (x !== undefined) {
    w.int(11, x.startedAt);
    w.int(12, x.finishedAt);
    w.string(16, x.idempotencyKey);
    w.bytes(18, x.result);
    w.string(19, x.error);
    w.string(20, x.progress);
  }
  w.string(21, j.workerId);
  w.int(22, j.leaseDeadline);
  w.int(23, j.updatedAt);
  w.int(24, j.stamp);
  w.string(25, j.leaseToken);
  w.end(m);
}

export class UnknownRecordError extends PbError {}

/** Decodes one WalRecord message that spans the whole reader. */
export function decodeRecord(r: PbReader, settings: SettingsCache): WalRecord {
  if (!r.more) throw new UnknownRecordError("empty record");
  const tag = r.uvarint();
  const field = tag >>> 3;
  if ((tag & 7) !== WIRE_LEN) throw new UnknownRecordError(`record field ${field} has wire type ${tag & 7}`);
  const end = r.lenEnd();
  const out = decodeBody(r, field, end, settings);
  if (r.pos !== end || r.more) throw new UnknownRecordError("record has trailing bytes after its body");
  return out;
}

interface Flat {
  s: string[];
  n: number[];
  b: Uint8Array | undefined;
  list: string[];
}

function decodeBody(r: PbReader, field: number, end: number, cache: SettingsCache): WalRecord {
  const outerEnd = r.end;
  r.end = end;
  const rec = field === F.submitted ? decodeSubmitted(r, cache) : decodeFlat(field, readFlat(r, field === F.completed));
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
  if (job === undefined) throw new PbError("submitted record without a job");
  return { kind: "submitted", job };
}

function decodeFlat(field: number, v: Flat): WalRecord {
  const [, s1, s2, s3] = v.s as [string, string, string, string];
  const n = v.n as number[] & { [i: number]: number };
  switch (field) {
    case F.promoted:
      return { kind: "promoted", at: n[1] as number };
    case F.leased:
      return { kind: "leased", jobId: s1, token: s2, workerId: s3, deadline: n[4] as number, attempt: n[5] as number, at: n[6] as number };
    case F.extended:
      return { kind: "extended", jobIds: v.list, deadline: n[2] as number };
    case F.completed:
      return { kind: "completed", jobId: s1, token: s2, result: v.b, at: n[4] as number };
    case F.attemptFailed:
      return { kind: "attemptFailed", jobId: s1, token: s2, error: s3, at: n[4] as number, retryAt: n[5] as number };
    case F.cancelled:
      return { kind: "cancelled", jobId: s1, at: n[2] as number };
    case F.retried:
      return { kind: "retried", jobId: s1, at: n[2] as number };
    case F.removed:
      return { kind: "removed", jobIds: v.list };
    case F.queuePaused:
      return { kind: "queuePaused", queue: s1, paused: n[2] === 1 };
    case F.progress:
      return { kind: "progress", jobId: s1, progress: s2, at: n[3] as number };
    default:
      throw new UnknownRecordError(`unknown record type (WalRecord field ${field})`);
  }
}

/**
 * Reads a record body whose fields are all scalars (every record but
 * submitted): strings land in s[field], varints in n[field]; field 1 strings
 * are also collected in list (the repeated job ids of extended/removed);
 * with bytes3, field 3 is the bytes `result` of WalCompleted.
 */
function readFlat(r: PbReader, bytes3: boolean): Flat {
  const v: Flat = { s: ["", "", "", ""], n: [0, 0, 0, 0, 0, 0, 0], b: undefined, list: [] };
  while (r.more) {
    const tag = r.uvarint();
    const f = tag >>> 3;
    const wire = tag & 7;
    if (wire === WIRE_VARINT && f < 7) v.n[f] = r.svarint();
    else if (wire === WIRE_LEN && f === 3 && bytes3) v.b = r.bytes();
    else if (wire === WIRE_LEN && f < 4) {
      const str = r.string();
      v.s[f] = str;
      if (f === 1) v.list.push(str);
    } else r.skip(wire);
  }
  return v;
}

/** Decoding context: jobs with equal settings and no metadata share one frozen settings object, as in JobManager; queue and type names are interned. */
export class SettingsCache {
  private last: JobSettings | undefined;
  readonly queue: Interned = { bytes: undefined, value: "" };
  readonly type: Interned = { bytes: undefined, value: "" };

  get(maxAttempts: number, timeoutMs: number, backoffBaseMs: number, backoffMaxMs: number, metadata: Record<string, string> | undefined): JobSettings {
    const l = this.last;
    if (metadata === undefined && l !== undefined && l.maxAttempts === maxAttempts && l.timeoutMs === timeoutMs && l.backoffBaseMs === backoffBaseMs && l.backoffMaxMs === backoffMaxMs) {
      return l;
    }
    const s: JobSettings = Object.freeze({ maxAttempts, timeoutMs, backoffBaseMs, backoffMaxMs, metadata: Object.freeze(metadata ?? {}) });
    if (metadata === undefined) this.last = s;
    return s;
  }
}

const emptyPayload = new Uint8Array(0);

/** Decodes a length-delimited Job; the reader points at its length. Locals, not arrays: this runs a million times at start-up. */
export function decodeJob(r: PbReader, cache: SettingsCache): Job {
  const end = r.lenEnd();
  const outerEnd = r.end;
  r.end = end;
  let id = "";
  let queue = "";
  let type = "";
  let idem = "";
  let error = "";
  let progress = "";
  let worker = "";
  let token = "";
  let payload: Uint8Array = emptyPayload;
  let result: Uint8Array | undefined;
  let metadata: Record<string, string> | undefined;
  let status = 0;
  let priority = 0;
  let attempt = 0;
  let maxAttempts = 0;
  let createdAt = 0;
  let runAt = 0;
  let startedAt = 0;
  let finishedAt = 0;
  let timeoutMs = 0;
  let backoffBase = 0;
  let backoffMax = 0;
  let deadline = 0;
  let updatedAt = 0;
  let stamp = 0;
  while (r.more) {
    const tag = r.uvarint();
    // biome-ignore format: one line per field reads as the .proto does
    switch (tag) {
      case (1 << 3) | WIRE_LEN: id = r.string(); break;
      case (2 << 3) | WIRE_LEN: queue = r.internedString(cache.queue); break;
      case (3 << 3) | WIRE_LEN: type = r.internedString(cache.type); break;
      case (4 << 3) | WIRE_LEN: payload = r.bytes(); break;
      case (5 << 3) | WIRE_VARINT: status = r.svarint(); break;
      case (6 << 3) | WIRE_VARINT: priority = r.svarint(); break;
      case (7 << 3) | WIRE_VARINT: attempt = r.svarint(); break;
      case (8 << 3) | WIRE_VARINT: maxAttempts = r.svarint(); break;
      case (9 << 3) | WIRE_VARINT: createdAt = r.svarint(); break;
      case (10 << 3) | WIRE_VARINT: runAt = r.svarint(); break;
      case (11 << 3) | WIRE_VARINT: startedAt = r.svarint(); break;
      case (12 << 3) | WIRE_VARINT: finishedAt = r.svarint(); break;
      case (13 << 3) | WIRE_VARINT: timeoutMs = r.svarint(); break;
      case (14 << 3) | WIRE_VARINT: backoffBase = r.svarint(); break;
      case (15 << 3) | WIRE_VARINT: backoffMax = r.svarint(); break;
      case (16 << 3) | WIRE_LEN: idem = r.string(); break;
      case (17 << 3) | WIRE_LEN: metadata ??= {}; readMapEntry(r, metadata); break;
      case (18 << 3) | WIRE_LEN: result = r.bytes(); break;
      case (19 << 3) | WIRE_LEN: error = r.string(); break;
      case (20 << 3) | WIRE_LEN: progress = r.string(); break;
      case (21 << 3) | WIRE_LEN: worker = r.string(); break;
      case (22 << 3) | WIRE_VARINT: deadline = r.svarint(); break;
      case (23 << 3) | WIRE_VARINT: updatedAt = r.svarint(); break;
      case (24 << 3) | WIRE_VARINT: stamp = r.svarint(); break;
      case (25 << 3) | WIRE_LEN: token = r.string(); break;
      default: r.skip(tag & 7);
    }
  }
  r.end = outerEnd;
  const settings = cache.get(maxAttempts, timeoutMs, backoffBase, backoffMax, metadata);
  const job = new Job(id, queue, type, payload, priority, createdAt, runAt, settings);
  job.status = (status || JobStatus.Pending) as JobStatus;
  job.attempt = attempt;
  job.stamp = stamp;
  job.leaseToken = token;
  job.leaseDeadline = deadline;
  job.workerId = worker;
  job.updatedAt = updatedAt || createdAt;
  if (startedAt || finishedAt || idem || error || progress || result !== undefined) {
    const x = job.ensureExtra();
    x.startedAt = startedAt;
    x.finishedAt = finishedAt;
    x.idempotencyKey = idem;
    x.result = result;
    x.error = error;
    x.progress = progress;
  }
  return job;
}

function readMapEntry(r: PbReader, into: Record<string, string>): void {
  const end = r.lenEnd();
  const outerEnd = r.end;
  r.end = end;
  let k = "";
  let v = "";
  while (r.more) {
    const tag = r.uvarint();
    if (tag === ((1 << 3) | WIRE_LEN)) k = r.string();
    else if (tag === ((2 << 3) | WIRE_LEN)) v = r.string();
    else r.skip(tag & 7);
  }
  r.end = outerEnd;
  into[k] = v;
}
