// Job <-> protobuf `Job` bytes, as submitted records and snapshots carry
// them. Field numbers follow proto/falconqueue/v1/service.proto, including
// the snapshot-only `order_stamp = 24` and `lease_token = 25`, the removal
// flags `remove_on_complete = 26` and `remove_on_fail = 28`, `logs = 27`,
// `group = 29`, the unique/debounce keys `unique_key = 30`,
// `unique_until_ms = 31`, `debounce_key = 32`, `unique_ttl_ms = 33`, and the
// workflow links `parent_id = 34`, `flow_id = 35`, `depends_on = 36`,
// `on_dependency_failure = 37`, `batch_id = 38` (docs/workflows.md).

import { RemoveOnComplete, RemoveOnFail, SettingsInterner } from "../core/settings.ts";
import { type DependencyPolicy, Job, JobStatus, noLogs } from "../core/types.ts";
import { type Interned, type PbReader, type PbWriter, WIRE_LEN, WIRE_VARINT } from "./pb.ts";

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
    for (const line of x.logs) w.stringAlways(27, line);
  }
  w.string(21, j.workerId);
  w.int(22, j.leaseDeadline);
  w.int(23, j.updatedAt);
  w.int(24, j.stamp);
  w.string(25, j.leaseToken);
  w.bool(26, s.removeOnComplete);
  w.bool(28, s.removeOnFail);
  w.string(29, j.group);
  const k = j.keys;
  if (k !== undefined) {
    w.string(30, k.uniqueKey);
    w.int(31, k.uniqueUntil);
    w.string(32, k.debounceKey);
    w.int(33, k.uniqueTtlMs);
  }
  const l = j.links;
  if (l !== undefined) {
    w.string(34, l.parentId);
    w.string(35, l.flowId);
    for (const id of l.dependsOn) w.stringAlways(36, id);
    if (l.dependsOn.length > 0) w.int(37, l.policy);
    w.string(38, l.batchId);
  }
  w.string(40, j.extra?.leaseOwner ?? "");
  w.end(m);
}

/** Decoding context: settings shared between jobs as on the live path (see SettingsInterner); queue and type names interned. */
export class SettingsCache extends SettingsInterner {
  readonly queue: Interned = { bytes: undefined, value: "" };
  readonly type: Interned = { bytes: undefined, value: "" };
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
  let group = "";
  let payload: Uint8Array = emptyPayload;
  let result: Uint8Array | undefined;
  let metadata: Record<string, string> | undefined;
  let logs: string[] | undefined;
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
  let removal = 0;
  let uniqueKey = "";
  let uniqueUntil = 0;
  let debounceKey = "";
  let uniqueTtl = 0;
  let parentId = "";
  let flowId = "";
  let dependsOn: string[] | undefined;
  let policy = 0;
  let batchId = "";
  let leaseOwner = "";
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
      case (27 << 3) | WIRE_LEN: logs ??= []; logs.push(r.string()); break;
      case (26 << 3) | WIRE_VARINT: if (r.uvarint() !== 0) removal |= RemoveOnComplete; break;
      case (28 << 3) | WIRE_VARINT: if (r.uvarint() !== 0) removal |= RemoveOnFail; break;
      case (29 << 3) | WIRE_LEN: group = r.string(); break;
      case (30 << 3) | WIRE_LEN: uniqueKey = r.string(); break;
      case (31 << 3) | WIRE_VARINT: uniqueUntil = r.svarint(); break;
      case (32 << 3) | WIRE_LEN: debounceKey = r.string(); break;
      case (33 << 3) | WIRE_VARINT: uniqueTtl = r.svarint(); break;
      case (34 << 3) | WIRE_LEN: parentId = r.string(); break;
      case (35 << 3) | WIRE_LEN: flowId = r.string(); break;
      case (36 << 3) | WIRE_LEN: dependsOn ??= []; dependsOn.push(r.string()); break;
      case (37 << 3) | WIRE_VARINT: policy = r.svarint(); break;
      case (38 << 3) | WIRE_LEN: batchId = r.string(); break;
      case (40 << 3) | WIRE_LEN: leaseOwner = r.string(); break;
      default: r.skip(tag & 7);
    }
  }
  r.end = outerEnd;
  const settings = cache.get(maxAttempts, timeoutMs, backoffBase, backoffMax, metadata, removal);
  const job = new Job(id, queue, type, payload, priority, createdAt, runAt, settings);
  job.status = (status || JobStatus.Pending) as JobStatus;
  job.attempt = attempt;
  job.stamp = stamp;
  job.leaseToken = token;
  job.leaseDeadline = deadline;
  job.workerId = worker;
  job.group = group;
  job.updatedAt = updatedAt || createdAt;
  if (startedAt || finishedAt || idem || error || progress || result !== undefined || logs !== undefined || leaseOwner) {
    const x = job.ensureExtra();
    if (leaseOwner) x.leaseOwner = leaseOwner;
    x.startedAt = startedAt;
    x.finishedAt = finishedAt;
    x.idempotencyKey = idem;
    x.result = result;
    x.error = error;
    x.progress = progress;
    x.logs = logs ?? noLogs;
  }
  // A retried job may keep a unique key and lose its debounce key: any of the four makes the object.
  if (uniqueKey || debounceKey || uniqueUntil || uniqueTtl) job.keys = { uniqueKey, uniqueTtlMs: uniqueTtl, uniqueUntil, debounceKey };
  if (dependsOn !== undefined || parentId || flowId || batchId) {
    // An unknown policy (a newer version's) reads as the default, fail.
    const p = (policy >= 1 && policy <= 3 ? policy : 1) as DependencyPolicy;
    job.links = { dependsOn: dependsOn ?? [], policy: p, parentId, flowId, batchId, waitingOn: 0 };
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
