// The hand-written WAL codec against the .proto: every record kind and the
// Job message round-trip through our codec, and cross-check with protobufjs
// in both directions (ours -> protobufjs decode, field by field; protobufjs
// encode -> ours, deep-equal).

import { describe, expect, test } from "bun:test";
import type { TokenEntry } from "../../../src/core/auth.ts";
import type { RecordKind, WalRecord } from "../../../src/core/records.ts";
import type { Schedule } from "../../../src/core/schedules.ts";
import { type Batch, DependencyPolicy, Job, JobStatus } from "../../../src/core/types.ts";
import { messageType } from "../../../src/rpc/schema.ts";
import { decodeJob, decodeRecord, encodeJob, encodeRecord, SettingsCache } from "../../../src/storage/codec.ts";
import { StorageError } from "../../../src/storage/errors.ts";
import { PbReader, PbWriter } from "../../../src/storage/pb.ts";

const T0 = 1_700_000_000_123;
/** A SHA-256's worth of bytes, with the edge values. */
const tokenHash = new Uint8Array(32).map((_, i) => (i * 37 + 255) & 0xff);
const tokenSample: TokenEntry = { id: "0123456789abcdef", name: "ci deploy ✓", role: "producer", queues: ["mail.*", "billing", ""], hash: tokenHash, createdAt: T0, expiresAt: T0 + 86_400_000, lastUsedAt: T0 + 7 };
const settings = Object.freeze({ maxAttempts: 3, timeoutMs: 5000, backoffBaseMs: 1000, backoffMaxMs: 60_000, metadata: Object.freeze({ a: "1", "é": "ü" }), removeOnComplete: true, removeOnFail: true });
const plainSettings = Object.freeze({ maxAttempts: 3, timeoutMs: 0, backoffBaseMs: 1000, backoffMaxMs: 3_600_000, metadata: Object.freeze({}), removeOnComplete: false, removeOnFail: false });
const onFailSettings = Object.freeze({ ...plainSettings, removeOnFail: true });

/** A freshly submitted job, as `submitted` records carry it. */
function job(): Job {
  const j = new Job("0001abcdef000001", "mail", "email.send", new Uint8Array([1, 2, 3]), -7, T0, T0 + 500, settings);
  j.ensureExtra().idempotencyKey = "key-1";
  return j;
}

/** A job with every one of the 29 Job fields set, as a snapshot writes a RUNNING job. */
function runningJob(): Job {
  const j = job();
  j.status = JobStatus.Running;
  j.attempt = 2;
  j.stamp = 12345; // order_stamp = 24
  j.leaseToken = "lt-9"; // lease_token = 25
  j.leaseDeadline = T0 + 99;
  j.workerId = "w7";
  j.group = "customer-42 ✓"; // group = 29
  j.updatedAt = T0 + 3;
  Object.assign(j.ensureExtra(), { startedAt: T0 + 1, finishedAt: T0 + 2, result: new Uint8Array([4, 0, 255]), error: "e ✗", progress: '{"p":5}', logs: ["2026-01-01T00:00:00.000Z INFO one ✓", "", "… 3 more lines dropped"] }); // logs = 27
  return j;
}

/** Every one of the 23 Schedule fields set (cron and every_ms both: the codec does not judge them). */
const scheduleSample: Schedule = {
  name: "nightly ✓", queue: "reports", type: "report.build", payload: new Uint8Array([1, 0, 255]), priority: -3, maxAttempts: 5, timeoutMs: 60_000,
  cron: "*/5 * * * *", timeZone: "Europe/Berlin", everyMs: 90_000, anchorAt: T0 - 9, missed: 2, noOverlap: true, paused: true, nextRunAt: T0 + 300_000,
  createdAt: T0, updatedAt: T0 + 1, lastTickAt: T0 - 300_000, lastJobId: "0001abcdef000009", firedTotal: 2 ** 40, skippedOverlapTotal: 3,
  skippedMissedTotal: 4, skippedFullTotal: 5,
};
/** An interval schedule: everything a cron one leaves empty is set, and the reverse. */
const everySchedule: Schedule = {
  ...scheduleSample, name: "tick", payload: new Uint8Array(0), priority: 0, cron: "", timeZone: "", everyMs: 1000, anchorAt: T0 - 7, missed: 1, noOverlap: false,
  paused: false, lastTickAt: 0, lastJobId: "", firedTotal: 0, skippedOverlapTotal: 0, skippedMissedTotal: 0, skippedFullTotal: 0,
};

/** A job a schedule's tick created: its metadata names the schedule and the tick. */
function scheduledJob(): Job {
  const s = { ...plainSettings, metadata: Object.freeze({ "falconq.schedule": "nightly ✓", "falconq.tick": "2023-11-14T22:13:20.123Z" }) };
  return new Job("0001abcdef000005", "reports", "report.build", new Uint8Array([1]), 2, T0 + 3, T0 + 3, Object.freeze(s));
}

/** A queued job with defaults: no extra, no metadata, zero fields left out. */
function bareJob(): Job {
  const j = new Job("0001abcdef000002", "default", "t", new Uint8Array(0), 0, T0, T0, plainSettings);
  j.stamp = 7;
  return j;
}

/** Only one of the two removal flags, so each is seen to travel on its own. */
function removeOnFailJob(): Job {
  return new Job("0001abcdef000003", "default", "t", new Uint8Array(0), 0, T0, T0, onFailSettings);
}

/** A job with unique-key fields (unique_key = 30, unique_until_ms = 31, unique_ttl_ms = 33), finished. */
function uniqueJob(): Job {
  const j = new Job("0001abcdef000004", "reports", "report.build", new Uint8Array([7]), 0, T0, T0, plainSettings);
  j.status = JobStatus.Completed;
  j.keys = { uniqueKey: "report:2026-01 ✓", uniqueTtlMs: 3_600_000, uniqueUntil: T0 + 3_600_000, debounceKey: "" };
  Object.assign(j.ensureExtra(), { startedAt: T0, finishedAt: T0 });
  return j;
}

/** A waiting job with a debounce key (debounce_key = 32). */
function debounceJob(): Job {
  const j = new Job("0001abcdef000005", "search", "reindex", new Uint8Array([8, 9]), 0, T0, T0 + 5000, plainSettings);
  j.status = JobStatus.Scheduled;
  j.keys = { uniqueKey: "", uniqueTtlMs: 0, uniqueUntil: 0, debounceKey: "user:42" };
  return j;
}

/** A waiting flow job in a batch with every link field (parent_id = 34 … batch_id = 38). */
function linkedJob(): Job {
  const j = new Job("0001abcdef000006", "etl", "merge", new Uint8Array([5]), 0, T0, T0, plainSettings);
  j.status = JobStatus.Waiting;
  j.links = { dependsOn: ["0001abcdef000001", "0001abcdef000002"], policy: DependencyPolicy.RunAnyway, parentId: "0001abcdef000009", flowId: "0001abcdef00000a", batchId: "b0001abcdef000007", waitingOn: 0 };
  return j;
}

/** A batch member only: links without dependencies. */
function batchOnlyJob(): Job {
  const j = new Job("0001abcdef000008", "etl", "merge", new Uint8Array(0), 0, T0, T0, plainSettings);
  j.links = { dependsOn: [], policy: DependencyPolicy.Fail, parentId: "", flowId: "", batchId: "b1", waitingOn: 0 };
  return j;
}

/** A callback template as StoredBatch keeps it: id "", created 0, run_at the delay. */
function template(type: string): Job {
  return new Job("", "hooks", type, new Uint8Array([1]), 2, 0, 1500, settings);
}

const batchSample: Batch = {
  id: "b0001abcdef000007", description: "nightly ✓", onComplete: template("done"), onSuccess: template("ok"), createdAt: T0, closed: true, closedAt: T0 + 1,
  total: 2 ** 33, completed: 5, failed: 6, cancelled: 7, firedAt: T0 + 2, onCompleteJobId: "0001abcdef00000b", onSuccessJobId: "0001abcdef00000c",
};
const openBatch: Batch = { ...batchSample, onComplete: undefined, onSuccess: undefined, closed: false, closedAt: 0, total: 0, completed: 0, failed: 0, cancelled: 0, firedAt: 0, onCompleteJobId: "", onSuccessJobId: "", description: "" };

/** Every record kind (the `satisfies` makes a new kind a compile error here), each with its edge values. */
const samples = {
  submitted: [{ kind: "submitted", job: job() }, { kind: "submitted", job: runningJob() }, { kind: "submitted", job: bareJob() },
    { kind: "submitted", job: removeOnFailJob() }, { kind: "submitted", job: uniqueJob() }, { kind: "submitted", job: debounceJob() },
  ],
  promoted: [{ kind: "promoted", at: T0 + 1 }],
  leased: [
    { kind: "leased", jobId: "j1", token: "tok", workerId: "w1", deadline: T0 + 30_000, attempt: 2, at: T0 },
    { kind: "leased", jobId: "j1", token: "tok", workerId: "w1", deadline: T0 + 30_000, attempt: 2, at: T0, owner: "token:0123456789abcdef" },
  ],
  extended: [
    { kind: "extended", jobIds: ["j1", "j2", ""], deadline: T0 + 9 },
    { kind: "extended", jobIds: [], deadline: T0 },
  ],
  completed: [
    { kind: "completed", jobId: "j1", token: "tok", result: new Uint8Array([9, 9]), at: T0 },
    { kind: "completed", jobId: "j1", token: "tok", result: undefined, at: T0 },
    { kind: "completed", jobId: "j1", token: "tok", result: undefined, at: T0, logs: ["2026-01-01T00:00:00.000Z INFO a ✓", ""] },
  ],
  attemptFailed: [
    { kind: "attemptFailed", jobId: "j1", token: "tok", error: "bad ✗", at: T0, retryAt: T0 + 1000 },
    { kind: "attemptFailed", jobId: "j1", token: "tok", error: "", at: T0, retryAt: 0 },
    { kind: "attemptFailed", jobId: "j1", token: "tok", error: "x", at: T0, retryAt: 0, logs: ["2026-01-01T00:00:00.000Z WARN b", "c"] },
  ],
  cancelled: [{ kind: "cancelled", jobId: "j1", at: T0 }],
  retried: [{ kind: "retried", jobId: "j1", at: T0 }],
  removed: [{ kind: "removed", jobIds: ["a", "b"] }],
  queuePaused: [
    { kind: "queuePaused", queue: "mail", paused: true },
    { kind: "queuePaused", queue: "mail", paused: false },
  ],
  progress: [{ kind: "progress", jobId: "j1", progress: '{"p":1}', at: T0 }],
  returned: [
    { kind: "returned", jobId: "j1", token: "tok", at: T0 + 4 },
    { kind: "returned", jobId: "j1", token: "tok", at: T0 + 4, retryAt: T0 + 60_004 },
  ],
  queueLimits: [
    {
      kind: "queueLimits",
      queue: "mail",
      limits: { concurrency: 10, groupConcurrency: 2, rateCount: 50, ratePeriodMs: 60_000, rateBurst: 75, groupRateCount: 5, groupRatePeriodMs: 1000, groupRateBurst: 1_000_000 },
    },
    {
      kind: "queueLimits",
      queue: "m",
      limits: { concurrency: 0, groupConcurrency: 0, rateCount: 0, ratePeriodMs: 0, rateBurst: 0, groupRateCount: 0, groupRatePeriodMs: 0, groupRateBurst: 0 },
    },
  ],
  groupPaused: [
    { kind: "groupPaused", queue: "mail", group: "customer-42 ✓", untilMs: T0 + 30_000 },
    { kind: "groupPaused", queue: "", group: "", untilMs: 0 },
  ],
  deleted: [{ kind: "deleted", jobId: "j1", at: T0 + 5 }],
  jobPromoted: [{ kind: "jobPromoted", jobId: "j1", at: T0 + 6 }],
  queueRetention: [
    { kind: "queueRetention", queue: "mail", retention: { completedCountMax: 10, completedAgeMs: 3_600_000, deadCountMax: 2 ** 40, deadAgeMs: 7 } },
    { kind: "queueRetention", queue: "mail", retention: { completedCountMax: 0, completedAgeMs: 0, deadCountMax: 0, deadAgeMs: 0 } },
  ],
  tokenCreated: [
    { kind: "tokenCreated", token: tokenSample },
    { kind: "tokenCreated", token: { id: "fedcba9876543210", name: "a", role: "admin", queues: ["*"], hash: new Uint8Array(0), createdAt: 0, expiresAt: 0, lastUsedAt: 0 } },
  ],
  tokenRevoked: [
    { kind: "tokenRevoked", id: "0123456789abcdef", at: T0 + 8 },
    { kind: "tokenRevoked", id: "", at: 0 },
  ],
  tokensUsed: [
    { kind: "tokensUsed", ids: ["0123456789abcdef", "fedcba9876543210", ""], at: T0 + 9 },
    { kind: "tokensUsed", ids: [], at: T0 },
  ],
  debounced: [
    { kind: "debounced", jobId: "j1", payload: new Uint8Array([1, 0, 255]), runAt: T0 + 5000, at: T0 },
    { kind: "debounced", jobId: "j1", payload: undefined, runAt: T0 + 5000, at: T0 },
    { kind: "debounced", jobId: "j1", payload: new Uint8Array(0), runAt: T0, at: T0 },
  ],
  scheduleFired: [
    { kind: "scheduleFired", name: "nightly ✓", job: scheduledJob(), tickAt: T0, nextRunAt: T0 + 60_000, at: T0 + 3, manual: false },
    { kind: "scheduleFired", name: "n", job: bareJob(), tickAt: T0, nextRunAt: T0, at: T0, manual: true },
  ],
  scheduleSet: [{ kind: "scheduleSet", schedule: scheduleSample }, { kind: "scheduleSet", schedule: everySchedule }],
  scheduleDeleted: [{ kind: "scheduleDeleted", name: "nightly ✓", at: T0 + 9 }],
  schedulePaused: [
    { kind: "schedulePaused", name: "nightly", paused: true, nextRunAt: T0 + 5, at: T0 },
    { kind: "schedulePaused", name: "nightly", paused: false, nextRunAt: 0, at: T0 },
  ],
  scheduleSkipped: [
    { kind: "scheduleSkipped", name: "nightly", reason: 1, tickAt: T0, nextRunAt: T0 + 1000, at: T0 + 2 },
    { kind: "scheduleSkipped", name: "nightly", reason: 2, tickAt: T0, nextRunAt: T0 + 1000, at: T0 + 2 },
    { kind: "scheduleSkipped", name: "nightly", reason: 3, tickAt: T0, nextRunAt: 0, at: T0 + 2 },
  ],
  flowSubmitted: [
    { kind: "flowSubmitted", jobs: [bareJob(), linkedJob(), batchOnlyJob()] },
    { kind: "flowSubmitted", jobs: [] },
  ],
  batchCreated: [
    { kind: "batchCreated", batch: batchSample },
    { kind: "batchCreated", batch: openBatch },
  ],
  batchClosed: [{ kind: "batchClosed", batchId: "b0001abcdef000007", at: T0 + 3 }],
  batchFired: [
    { kind: "batchFired", batchId: "b1", at: T0 + 4, onComplete: job(), onSuccess: bareJob(), dropped: ["b0", ""] },
    { kind: "batchFired", batchId: "b1", at: T0, onComplete: undefined, onSuccess: undefined, dropped: [] },
  ],
} satisfies { [K in RecordKind]: Extract<WalRecord, { kind: K }>[] };

const records: WalRecord[] = Object.values(samples).flat();
const cases = records.map((r, i) => [`${r.kind} #${i}`, r] as const);

/** The WalRecord oneof member of each kind, as named in the .proto. */
const oneofName: Record<RecordKind, string> = {
  submitted: "submitted",
  promoted: "promoted",
  leased: "leased",
  extended: "extended",
  completed: "completed",
  attemptFailed: "attempt_failed",
  cancelled: "cancelled",
  retried: "retried",
  removed: "removed",
  queuePaused: "queue_paused",
  progress: "progress",
  returned: "returned",
  deleted: "deleted",
  jobPromoted: "job_promoted",
  queueRetention: "queue_retention",
  tokenCreated: "token_created",
  tokenRevoked: "token_revoked",
  tokensUsed: "tokens_used",
  queueLimits: "queue_limits",
  groupPaused: "group_paused",
  debounced: "debounced",
  scheduleFired: "schedule_fired",
  scheduleSet: "schedule_set",
  scheduleDeleted: "schedule_deleted",
  schedulePaused: "schedule_paused",
  scheduleSkipped: "schedule_skipped",
  flowSubmitted: "flow_submitted",
  batchCreated: "batch_created",
  batchClosed: "batch_closed",
  batchFired: "batch_fired",
};

/** The proto `Schedule`, every field present. */
function scheduleProto(s: Schedule): Record<string, unknown> {
  return {
    name: s.name, queue: s.queue, type: s.type, payload: s.payload, priority: s.priority, max_attempts: s.maxAttempts, timeout_ms: s.timeoutMs,
    cron: s.cron, time_zone: s.timeZone, every_ms: s.everyMs, missed: s.missed, no_overlap: s.noOverlap, paused: s.paused,
    next_run_at_ms: s.nextRunAt, anchor_at_ms: s.anchorAt, created_at_ms: s.createdAt, updated_at_ms: s.updatedAt,
    last_tick_at_ms: s.lastTickAt, last_job_id: s.lastJobId, fired_total: s.firedTotal, skipped_overlap_total: s.skippedOverlapTotal,
    skipped_missed_total: s.skippedMissedTotal, skipped_full_total: s.skippedFullTotal,
  };
}

/** The proto `Job` of a job, every field present (defaults included), bytes as Uint8Array. */
function jobProto(j: Job): Record<string, unknown> {
  const x = j.extra;
  return {
    id: j.id,
    queue: j.queue,
    type: j.type,
    payload: j.payload,
    state: j.status,
    priority: j.priority,
    attempt: j.attempt,
    max_attempts: j.settings.maxAttempts,
    created_at_ms: j.createdAt,
    run_at_ms: j.runAt,
    started_at_ms: x?.startedAt ?? 0,
    finished_at_ms: x?.finishedAt ?? 0,
    timeout_ms: j.settings.timeoutMs,
    backoff_base_ms: j.settings.backoffBaseMs,
    backoff_max_ms: j.settings.backoffMaxMs,
    idempotency_key: x?.idempotencyKey ?? "",
    metadata: { ...j.settings.metadata },
    result: x?.result ?? new Uint8Array(0),
    error: x?.error ?? "",
    progress: x?.progress ?? "",
    worker_id: j.workerId,
    lease_deadline_ms: j.leaseDeadline,
    updated_at_ms: j.updatedAt,
    order_stamp: j.stamp,
    lease_token: j.leaseToken,
    logs: [...(x?.logs ?? [])],
    remove_on_complete: j.settings.removeOnComplete,
    remove_on_fail: j.settings.removeOnFail,
    group: j.group,
    unique_key: j.keys?.uniqueKey ?? "",
    unique_until_ms: j.keys?.uniqueUntil ?? 0,
    debounce_key: j.keys?.debounceKey ?? "",
    unique_ttl_ms: j.keys?.uniqueTtlMs ?? 0,
    parent_id: j.links?.parentId ?? "",
    flow_id: j.links?.flowId ?? "",
    depends_on: [...(j.links?.dependsOn ?? [])],
    on_dependency_failure: j.links !== undefined && j.links.dependsOn.length > 0 ? j.links.policy : 0,
    batch_id: j.links?.batchId ?? "",
    dependencies_unfinished: 0, // replies only: derived, never stored
    lease_owner: j.extra?.leaseOwner ?? "",
  };
}

/** The proto `StoredBatch` of a batch, every field present. */
function batchProto(b: Batch): Record<string, unknown> {
  return {
    id: b.id,
    description: b.description,
    on_complete: b.onComplete ? jobProto(b.onComplete) : null, // protobufjs: an absent message is null
    on_success: b.onSuccess ? jobProto(b.onSuccess) : null,
    created_at_ms: b.createdAt,
    closed: b.closed,
    closed_at_ms: b.closedAt,
    total: b.total,
    completed: b.completed,
    failed: b.failed,
    cancelled: b.cancelled,
    fired_at_ms: b.firedAt,
    on_complete_job_id: b.onCompleteJobId,
    on_success_job_id: b.onSuccessJobId,
  };
}

/** The proto `StoredToken` of a token entry, every field present. */
function tokenProto(t: TokenEntry): Record<string, unknown> {
  return {
    id: t.id,
    name: t.name,
    role: t.role,
    queues: t.queues,
    hash: t.hash,
    created_at_ms: t.createdAt,
    expires_at_ms: t.expiresAt,
    last_used_at_ms: t.lastUsedAt,
  };
}

/** The body of the record's oneof member, every field present. */
function bodyProto(r: WalRecord): Record<string, unknown> {
  switch (r.kind) {
    case "submitted":
      return { job: jobProto(r.job) };
    case "promoted":
      return { at_ms: r.at };
    case "leased":
      return { job_id: r.jobId, lease_token: r.token, worker_id: r.workerId, deadline_ms: r.deadline, attempt: r.attempt, at_ms: r.at, owner: r.owner ?? "" };
    case "extended":
      return { job_ids: r.jobIds, deadline_ms: r.deadline };
    case "completed":
      return { job_id: r.jobId, lease_token: r.token, result: r.result ?? new Uint8Array(0), at_ms: r.at, logs: r.logs ?? [] };
    case "attemptFailed":
      return { job_id: r.jobId, lease_token: r.token, error: r.error, at_ms: r.at, retry_at_ms: r.retryAt, logs: r.logs ?? [] };
    case "cancelled":
    case "retried":
    case "deleted":
    case "jobPromoted":
      return { job_id: r.jobId, at_ms: r.at };
    case "removed":
      return { job_ids: r.jobIds };
    case "queuePaused":
      return { queue: r.queue, paused: r.paused };
    case "progress":
      return { job_id: r.jobId, progress: r.progress, at_ms: r.at };
    case "returned":
      return { job_id: r.jobId, lease_token: r.token, at_ms: r.at, retry_at_ms: r.retryAt ?? 0 };
    case "queueLimits": {
      const l = r.limits;
      return {
        queue: r.queue,
        concurrency: l.concurrency,
        group_concurrency: l.groupConcurrency,
        rate_count: l.rateCount,
        rate_period_ms: l.ratePeriodMs,
        rate_burst: l.rateBurst,
        group_rate_count: l.groupRateCount,
        group_rate_period_ms: l.groupRatePeriodMs,
        group_rate_burst: l.groupRateBurst,
      };
    }
    case "groupPaused":
      return { queue: r.queue, group: r.group, until_ms: r.untilMs };
    case "queueRetention": {
      const q = r.retention;
      return { queue: r.queue, completed_count_max: q.completedCountMax, completed_age_ms: q.completedAgeMs, failed_count_max: q.deadCountMax, failed_age_ms: q.deadAgeMs };
    }
    case "tokenCreated":
      return tokenProto(r.token);
    case "tokenRevoked":
      return { id: r.id, at_ms: r.at };
    case "tokensUsed":
      return { ids: r.ids, at_ms: r.at };
    case "debounced":
      return { job_id: r.jobId, payload: r.payload ?? new Uint8Array(0), run_at_ms: r.runAt, at_ms: r.at, replace_payload: r.payload !== undefined };
    case "scheduleFired":
      return { name: r.name, job: jobProto(r.job), tick_at_ms: r.tickAt, next_run_at_ms: r.nextRunAt, at_ms: r.at, manual: r.manual };
    case "scheduleSet":
      return { schedule: scheduleProto(r.schedule) };
    case "scheduleDeleted":
      return { name: r.name, at_ms: r.at };
    case "schedulePaused":
      return { name: r.name, paused: r.paused, next_run_at_ms: r.nextRunAt, at_ms: r.at };
    case "scheduleSkipped":
      return { name: r.name, reason: r.reason, tick_at_ms: r.tickAt, next_run_at_ms: r.nextRunAt, at_ms: r.at };
    case "flowSubmitted":
      return { jobs: r.jobs.map(jobProto) };
    case "batchCreated":
      return batchProto(r.batch);
    case "batchClosed":
      return { batch_id: r.batchId, at_ms: r.at };
    case "batchFired":
      return {
        batch_id: r.batchId,
        at_ms: r.at,
        on_complete: r.onComplete ? jobProto(r.onComplete) : null,
        on_success: r.onSuccess ? jobProto(r.onSuccess) : null,
        dropped_batch_ids: r.dropped,
      };
    default:
      return r satisfies never;
  }
}

/** Bytes as plain arrays and int64s as numbers, whether protobufjs hands out numbers or Longs. */
function norm(v: unknown): unknown {
  if (v instanceof Uint8Array) return [...v];
  if (Array.isArray(v)) return v.map(norm);
  if (v !== null && typeof v === "object") {
    const long = v as { toNumber?: () => number };
    if (typeof long.toNumber === "function") return long.toNumber();
    return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, norm(x)]));
  }
  return v;
}

/** A job as plain data, to compare decoded jobs with the originals. */
function plainJob(j: Job): unknown {
  return norm({ ...j, extra: j.extra && { ...j.extra }, settings: { ...j.settings, metadata: { ...j.settings.metadata } } });
}

function plainTemplate(j: Job | undefined): unknown {
  return j === undefined ? undefined : plainJob(j);
}

function plain(r: WalRecord): unknown {
  switch (r.kind) {
    case "submitted":
      return { kind: r.kind, job: plainJob(r.job) };
    case "scheduleFired":
      return { ...(norm({ ...r, job: undefined }) as object), job: plainJob(r.job) };
    case "flowSubmitted":
      return { kind: r.kind, jobs: r.jobs.map(plainJob) };
    case "batchCreated":
      return { kind: r.kind, batch: norm({ ...r.batch, onComplete: plainTemplate(r.batch.onComplete), onSuccess: plainTemplate(r.batch.onSuccess) }) };
    case "batchFired":
      return norm({ ...r, onComplete: plainTemplate(r.onComplete), onSuccess: plainTemplate(r.onSuccess) });
    default:
      return norm(r);
  }
}

function ours(r: WalRecord): Uint8Array {
  const w = new PbWriter(16);
  encodeRecord(w, r);
  return w.buf.subarray(0, w.pos);
}

function decodeOurs(bytes: Uint8Array): WalRecord {
  const b = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  return decodeRecord(new PbReader(b, 0, b.length), new SettingsCache());
}

const toObjectAll = { longs: Number, defaults: true, arrays: true, objects: true, oneofs: true } as const;

describe("WAL record codec", () => {
  test("the samples cover every record kind of the .proto's WalRecord oneof", () => {
    const T = messageType("WalRecord");
    const inProto = T.oneofs.record?.fieldsArray.map((f) => `${f.id}:${f.name}`).sort();
    const covered = Object.keys(samples).map((k) => {
      const name = oneofName[k as RecordKind];
      return `${T.fields[name]?.id}:${name}`;
    });
    expect(covered.sort()).toEqual(inProto as string[]);
    expect(inProto).toHaveLength(30);
  });

  test.each(cases)("%s survives encode + decode", (_k, r) => {
    expect(plain(decodeOurs(ours(r)))).toEqual(plain(r));
  });

  test.each(cases)("%s: our bytes decode with protobufjs to the same fields", (_k, r) => {
    const T = messageType("WalRecord");
    const o = T.toObject(T.decode(ours(r)), toObjectAll);
    expect(o.record).toBe(oneofName[r.kind]);
    expect(norm(o)).toEqual(norm({ [oneofName[r.kind]]: bodyProto(r), record: oneofName[r.kind] }));
  });

  test.each(cases)("%s: protobufjs bytes decode with ours to the same record", (_k, r) => {
    const T = messageType("WalRecord");
    const body = bodyProto(r);
    // An absent result stays absent; protobufjs writes every field it is given, zeros included.
    if (r.kind === "completed" && r.result === undefined) delete body.result;
    if ((r.kind === "submitted" || r.kind === "scheduleFired") && r.job.extra?.result === undefined) delete (body.job as Record<string, unknown>).result;
    // The same for the jobs inside flow, batch and fired records.
    const noResult = (j: Job | undefined, o: unknown) => {
      if (j !== undefined && j.extra?.result === undefined) delete (o as Record<string, unknown>).result;
    };
    if (r.kind === "flowSubmitted") {
      for (const [i, j] of r.jobs.entries()) noResult(j, (body.jobs as unknown[])[i]);
    }
    if (r.kind === "batchCreated") {
      noResult(r.batch.onComplete, body.on_complete);
      noResult(r.batch.onSuccess, body.on_success);
    }
    if (r.kind === "batchFired") {
      noResult(r.onComplete, body.on_complete);
      noResult(r.onSuccess, body.on_success);
    }
    const bytes = T.encode(T.fromObject({ [oneofName[r.kind]]: body })).finish();
    expect(plain(decodeOurs(bytes))).toEqual(plain(r));
  });

  test.each([samples.tokenCreated[0], samples.tokenRevoked[0], samples.tokensUsed[0], samples.debounced[0], samples.scheduleSet[0], samples.scheduleSkipped[0], samples.schedulePaused[0], samples.scheduleDeleted[0], samples.batchClosed[0]] as WalRecord[])(
    "$kind: our bytes equal protobufjs's byte for byte (every field set)",
    (r) => {
      const T = messageType("WalRecord");
      const theirs = T.encode(T.fromObject({ [oneofName[r.kind]]: bodyProto(r) })).finish();
      expect([...ours(r)]).toEqual([...theirs]);
    },
  );

  test("Schedule has no field the codec does not write; snapshots hold schedules as field 15", () => {
    const S = messageType("Schedule");
    expect(Object.keys(scheduleProto(scheduleSample)).sort()).toEqual(S.fieldsArray.map((f) => f.name).sort());
    expect(messageType("Snapshot").fields.schedules?.id).toBe(15);
  });

  test("a schedule with a missed policy this version does not know is refused as unsupported", () => {
    const T = messageType("WalRecord");
    const bytes = T.encode(T.fromObject({ schedule_set: { schedule: { ...scheduleProto(scheduleSample), missed: 9 } } })).finish();
    expect(() => decodeOurs(bytes)).toThrow(/missed policy 9/);
  });

  test("StoredToken has no field the codec does not write", () => {
    const S = messageType("StoredToken");
    expect(Object.keys(tokenProto(tokenSample)).sort()).toEqual(S.fieldsArray.map((f) => f.name).sort());
    expect(messageType("Snapshot").fields.tokens?.type).toBe("StoredToken");
  });

  test("a token with a role this version does not know is refused as unsupported", () => {
    const T = messageType("WalRecord");
    const body = { ...tokenProto(tokenSample), role: "superuser" };
    const bytes = T.encode(T.fromObject({ token_created: body })).finish();
    let err: unknown;
    try {
      decodeOurs(bytes);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(StorageError);
    expect(err).toMatchObject({ kind: "unsupported" });
    expect((err as Error).message).toContain('"superuser"');
  });

  test("an unknown record type is refused as unsupported, not skipped", () => {
    const w = new PbWriter();
    const m = w.begin(99);
    w.int(1, 5);
    w.end(m);
    let err: unknown;
    try {
      decodeRecord(new PbReader(w.buf, 0, w.pos), new SettingsCache());
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(StorageError);
    expect(err).toMatchObject({ kind: "unsupported", message: "unknown record type (WalRecord field 99)" });
  });

  test("a record cut short is a corrupt StorageError with the offset it stopped at", () => {
    const bytes = ours(samples.leased[0] as WalRecord).subarray(0, 9);
    let err: unknown;
    try {
      decodeOurs(bytes);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(StorageError);
    expect(err).toMatchObject({ kind: "corrupt", message: "length-delimited field runs past its message" });
  });

  test("large and negative varints round-trip", () => {
    for (const v of [0, 1, 127, 128, 2 ** 31, 2 ** 32 + 5, 2 ** 53 - 1, -1, -(2 ** 31), -1_000_000]) {
      const w = new PbWriter(1);
      w.int(1, v);
      const r = new PbReader(w.buf, 0, w.pos);
      if (v !== 0) {
        r.uvarint();
        expect(r.svarint()).toBe(v);
      }
    }
  });
});

describe("Job codec", () => {
  const jobs = [
    ["submitted", job()],
    ["running, all 29 fields", runningJob()],
    ["bare", bareJob()],
    ["remove on fail only", removeOnFailJob()],
    ["unique key, scope ttl, finished", uniqueJob()],
    ["debounce key, waiting", debounceJob()],
    ["waiting flow job in a batch, every link field", linkedJob()],
    ["batch member without dependencies", batchOnlyJob()],
  ] as const;

  /** Our encoding of the Job message alone (without the enclosing field's tag and length). */
  function ourJobBytes(j: Job): Uint8Array {
    const w = new PbWriter(8);
    encodeJob(w, j, 3);
    const r = new PbReader(w.buf, 0, w.pos);
    r.uvarint(); // tag
    const end = r.lenEnd();
    return w.buf.subarray(r.pos, end);
  }

  test.each(jobs)("%s job keeps every field a snapshot needs through encode + decode", (_n, j) => {
    const w = new PbWriter(8);
    encodeJob(w, j, 3);
    const r = new PbReader(w.buf, 0, w.pos);
    r.uvarint(); // tag
    expect(plainJob(decodeJob(r, new SettingsCache()))).toEqual(plainJob(j));
  });

  test.each(jobs)("%s job: our bytes decode with protobufjs to the same fields, order_stamp and lease_token included", (_n, j) => {
    const J = messageType("Job");
    const o = J.toObject(J.decode(ourJobBytes(j)), toObjectAll);
    expect(norm(o)).toEqual(norm(jobProto(j)));
  });

  test.each(jobs)("%s job: protobufjs bytes decode with ours to the same job", (_n, j) => {
    const J = messageType("Job");
    const body = jobProto(j);
    if (j.extra?.result === undefined) delete body.result;
    const delimited = J.encodeDelimited(J.fromObject(body)).finish();
    const back = decodeJob(new PbReader(Buffer.from(delimited), 0, delimited.length), new SettingsCache());
    expect(plainJob(back)).toEqual(plainJob(j));
  });

  test("fields 24 and 25 are order_stamp and lease_token in the .proto", () => {
    const J = messageType("Job");
    expect([J.fieldsById[24]?.name, J.fieldsById[24]?.type]).toEqual(["order_stamp", "int64"]);
    expect([J.fieldsById[25]?.name, J.fieldsById[25]?.type]).toEqual(["lease_token", "string"]);
  });

  test("field 27 is the repeated logs in Job, as in WalCompleted (5) and WalAttemptFailed (6)", () => {
    const at = (m: string, id: number) => {
      const f = messageType(m).fieldsById[id];
      return [f?.name, f?.type, f?.repeated];
    };
    expect(at("Job", 27)).toEqual(["logs", "string", true]);
    expect(at("WalCompleted", 5)).toEqual(["logs", "string", true]);
    expect(at("WalAttemptFailed", 6)).toEqual(["logs", "string", true]);
  });

  test("fields 26 and 28 are the removal flags, and Job has no field the codec does not write", () => {
    const J = messageType("Job");
    expect([J.fieldsById[26]?.name, J.fieldsById[26]?.type]).toEqual(["remove_on_complete", "bool"]);
    expect([J.fieldsById[28]?.name, J.fieldsById[28]?.type]).toEqual(["remove_on_fail", "bool"]);
    expect(Object.keys(jobProto(runningJob())).sort()).toEqual(J.fieldsArray.map((f) => f.name).sort());
  });

  test("fields 34–39 are the workflow links; StoredBatch has no field the codec does not write", () => {
    const J = messageType("Job");
    const at = (id: number) => [J.fieldsById[id]?.name, J.fieldsById[id]?.repeated];
    expect([34, 35, 36, 37, 38, 39].map(at)).toEqual([
      ["parent_id", false], ["flow_id", false], ["depends_on", true], ["on_dependency_failure", false], ["batch_id", false], ["dependencies_unfinished", false],
    ]);
    expect(Object.keys(batchProto(batchSample)).sort()).toEqual(messageType("StoredBatch").fieldsArray.map((f) => f.name).sort());
    expect(messageType("Snapshot").fieldsById[13]?.name).toBe("batches");
  });
});
