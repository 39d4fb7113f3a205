// Wire <-> domain mapping, all of it. Field names are the proto's (keepCase);
// enums and longs travel as numbers (see schema.ts). Types come from the
// generated code in ./gen: `X` is what we send, `X__Output` what we receive
// (decoded with defaults filled in).

import type { Grant, Identity, TokenEntry } from "../core/auth.ts";
import type { AckInput, AckOutcome, ActiveLease, Registration, WorkerCommand } from "../core/contract.ts";
import { DomainError, invalidArgument } from "../core/errors.ts";
import type { QueueRetention } from "../core/config.ts";
import type { QueueStatsView } from "../core/queries.ts";
import type { QueueLimits } from "../core/flow.ts";
import type { HeldBy, QueueFlowView } from "../core/flow-view.ts";
import type { GetQueueLimitsResponse, GetQueueLimitsResponse__Output } from "./gen/falconqueue/v1/GetQueueLimitsResponse";
import type { QueueLimits as WireLimits, QueueLimits__Output } from "./gen/falconqueue/v1/QueueLimits";
import type { ScheduleSpec } from "../core/schedule-commands.ts";
import type { Missed, Schedule } from "../core/schedules.ts";
import { DependencyPolicy, JobStatus, type JobView, type Lease } from "../core/types.ts";
import type { DependencyFailure, JobSpec } from "../core/validate.ts";
import type { BatchSpec, BatchView, DependencyResult, FlowNode } from "../core/workflows.ts";
import type { BatchInfo, BatchInfo__Output } from "./gen/falconqueue/v1/BatchInfo";
import type { DependencyResult as WireDependency, DependencyResult__Output } from "./gen/falconqueue/v1/DependencyResult";
import type { FlowNode as WireFlowNode, FlowNode__Output } from "./gen/falconqueue/v1/FlowNode";
import type { StatsView, WorkerView } from "../core/views.ts";
import { fromStatus, toStatus } from "./errors.ts";
import type { AckOutcome as WireAckOutcome, AckOutcome__Output } from "./gen/falconqueue/v1/AckOutcome";
import type { AcknowledgeJobRequest, AcknowledgeJobRequest__Output } from "./gen/falconqueue/v1/AcknowledgeJobRequest";
import type { GetStatsResponse, GetStatsResponse__Output } from "./gen/falconqueue/v1/GetStatsResponse";
import type { Job, Job__Output } from "./gen/falconqueue/v1/Job";
import type { JobOptions, JobOptions__Output } from "./gen/falconqueue/v1/JobOptions";
import type { JobSpec as WireSpec, JobSpec__Output } from "./gen/falconqueue/v1/JobSpec";
import type { LeasedJob, LeasedJob__Output } from "./gen/falconqueue/v1/LeasedJob";
import type { QueueRetention as WireRetention, QueueRetention__Output } from "./gen/falconqueue/v1/QueueRetention";
import type { RegisterWorkerResponse, RegisterWorkerResponse__Output } from "./gen/falconqueue/v1/RegisterWorkerResponse";
import type { WorkerCommand as WireCommand, WorkerCommand__Output } from "./gen/falconqueue/v1/WorkerCommand";
import type { WorkerInfo, WorkerInfo__Output } from "./gen/falconqueue/v1/WorkerInfo";
import type { TokenInfo, TokenInfo__Output } from "./gen/falconqueue/v1/TokenInfo";
import type { Schedule as WireSchedule, Schedule__Output } from "./gen/falconqueue/v1/Schedule";
import type { ResponseOf, ServerResponseOf } from "./wire.ts";

const empty = new Uint8Array(0);

// ---- jobs -------------------------------------------------------------------

/**
 * The wire form of a job, holding only fields that differ from their proto3
 * default (the encoder writes every field present, and most are zero for a
 * queued job); receivers decode with defaults, so nothing is lost.
 * `withPayload` false leaves payload, result and logs out (lists, submit replies).
 */
export function jobToWire(j: JobView, withPayload = true): Job {
  const w: Job = { id: j.id, queue: j.queue, type: j.type, state: j.status, max_attempts: j.maxAttempts };
  if (withPayload && j.payload.byteLength > 0) w.payload = j.payload as Buffer;
  if (j.priority) w.priority = j.priority;
  if (j.attempt) w.attempt = j.attempt;
  if (j.createdAt) w.created_at_ms = j.createdAt;
  if (j.runAt) w.run_at_ms = j.runAt;
  if (j.startedAt) w.started_at_ms = j.startedAt;
  if (j.finishedAt) w.finished_at_ms = j.finishedAt;
  if (j.updatedAt) w.updated_at_ms = j.updatedAt;
  if (j.timeoutMs) w.timeout_ms = j.timeoutMs;
  if (j.backoffBaseMs) w.backoff_base_ms = j.backoffBaseMs;
  if (j.backoffMaxMs) w.backoff_max_ms = j.backoffMaxMs;
  if (j.idempotencyKey) w.idempotency_key = j.idempotencyKey;
  for (const _ in j.metadata) {
    w.metadata = j.metadata;
    break;
  }
  if (withPayload && j.result && j.result.byteLength > 0) w.result = j.result as Buffer;
  if (j.error) w.error = j.error;
  if (j.progress) w.progress = j.progress;
  if (withPayload && j.logs.length > 0) w.logs = j.logs;
  if (j.workerId) w.worker_id = j.workerId;
  if (j.leaseDeadline) w.lease_deadline_ms = j.leaseDeadline;
  if (j.removeOnComplete) w.remove_on_complete = true;
  if (j.removeOnFail) w.remove_on_fail = true;
  if (j.uniqueKey) w.unique_key = j.uniqueKey;
  if (j.uniqueUntil) w.unique_until_ms = j.uniqueUntil;
  if (j.debounceKey) w.debounce_key = j.debounceKey;
  if (j.uniqueTtlMs) w.unique_ttl_ms = j.uniqueTtlMs;
  if (j.group) w.group = j.group;
  if (j.parentId) w.parent_id = j.parentId;
  if (j.flowId) w.flow_id = j.flowId;
  if (j.dependsOn.length > 0) {
    w.depends_on = j.dependsOn;
    w.on_dependency_failure = j.dependencyPolicy;
  }
  if (j.batchId) w.batch_id = j.batchId;
  if (j.dependenciesUnfinished) w.dependencies_unfinished = j.dependenciesUnfinished;
  return w;
}

export function jobFromWire(w: Job__Output): JobView {
  return {
    id: w.id,
    queue: w.queue,
    type: w.type,
    group: w.group ?? "",
    payload: w.payload ?? empty,
    status: w.state as JobStatus,
    priority: w.priority,
    attempt: w.attempt,
    maxAttempts: w.max_attempts,
    createdAt: w.created_at_ms,
    runAt: w.run_at_ms,
    startedAt: w.started_at_ms,
    finishedAt: w.finished_at_ms,
    updatedAt: w.updated_at_ms,
    timeoutMs: w.timeout_ms,
    backoffBaseMs: w.backoff_base_ms,
    backoffMaxMs: w.backoff_max_ms,
    idempotencyKey: w.idempotency_key,
    metadata: w.metadata ?? {},
    removeOnComplete: w.remove_on_complete,
    removeOnFail: w.remove_on_fail,
    result: w.result && w.result.length > 0 ? w.result : undefined,
    error: w.error,
    progress: w.progress,
    logs: w.logs ?? [],
    workerId: w.worker_id,
    leaseDeadline: w.lease_deadline_ms,
    uniqueKey: w.unique_key ?? "",
    uniqueTtlMs: w.unique_ttl_ms ?? 0,
    uniqueUntil: w.unique_until_ms ?? 0,
    debounceKey: w.debounce_key ?? "",
    dependsOn: w.depends_on ?? [],
    dependencyPolicy: (w.on_dependency_failure || DependencyPolicy.Fail) as DependencyPolicy,
    parentId: w.parent_id ?? "",
    flowId: w.flow_id ?? "",
    batchId: w.batch_id ?? "",
    dependenciesUnfinished: w.dependencies_unfinished ?? 0,
  };
}

/** Zero and empty mean "default", as the proto says. */
const opt = (n: number | undefined): number | undefined => (n ? n : undefined);

export function specFromWire(w: JobSpec__Output | null | undefined, field = "job"): JobSpec {
  if (w === null || w === undefined) throw invalidArgument(`${field} is required`);
  const o = w.options;
  return {
    type: w.type,
    payload: w.payload,
    queue: o?.queue || undefined,
    priority: o?.priority || undefined,
    maxAttempts: opt(o?.max_attempts),
    delayMs: opt(o?.delay_ms),
    runAt: opt(o?.run_at_ms),
    timeoutMs: opt(o?.timeout_ms),
    backoffBaseMs: opt(o?.backoff_base_ms),
    backoffMaxMs: opt(o?.backoff_max_ms),
    idempotencyKey: o?.idempotency_key || undefined,
    metadata: o?.metadata && Object.keys(o.metadata).length > 0 ? o.metadata : undefined,
    removeOnComplete: o?.remove_on_complete || undefined,
    removeOnFail: o?.remove_on_fail || undefined,
    ...(o ? keysFromWire(o, field) : {}),
    group: o?.group || undefined,
    ...(o ? linksFromWire(o, field) : {}),
  };
}

const policies = { 1: "fail", 2: "cancel", 3: "run_anyway" } as const satisfies Record<DependencyPolicy, DependencyFailure>;

/** JobOptions' depends_on, on_dependency_failure and batch_id; absent when not set. */
function linksFromWire(o: JobOptions__Output, field: string): Pick<JobSpec, "dependsOn" | "onDependencyFailure" | "batchId"> {
  const out: Pick<JobSpec, "dependsOn" | "onDependencyFailure" | "batchId"> = {};
  if (o.depends_on && o.depends_on.length > 0) out.dependsOn = o.depends_on;
  const p = enumFromWire(`${field}.options.on_dependency_failure`, o.on_dependency_failure, policies, "DependencyPolicy");
  if (p !== undefined) out.onDependencyFailure = p;
  if (o.batch_id) out.batchId = o.batch_id;
  return out;
}

function policyToWire(p: DependencyFailure): DependencyPolicy {
  for (const [n, name] of Object.entries(policies)) if (name === p) return Number(n) as DependencyPolicy;
  throw invalidArgument(`onDependencyFailure must be fail, cancel or run_anyway, got ${JSON.stringify(p)}`);
}

/** A flow tree from the wire, checked only for shape here (the core checks the rest). Iterative: no recursion over input. */
export function flowFromWire(root: FlowNode__Output | null | undefined): FlowNode {
  if (root === null || root === undefined) throw invalidArgument("root is required");
  const top: FlowNode = { type: "" };
  const stack: [FlowNode__Output, FlowNode, string][] = [[root, top, "root"]];
  while (stack.length > 0) {
    const [w, into, path] = stack.pop() as [FlowNode__Output, FlowNode, string];
    Object.assign(into, specFromWire(w.job, `${path}.job`));
    if (w.ref) into.ref = w.ref;
    if (w.depends_on_refs.length > 0) into.dependsOnRefs = w.depends_on_refs;
    if (w.children.length > 0) {
      const kids: FlowNode[] = w.children.map(() => ({ type: "" }));
      into.children = kids;
      for (const [i, c] of w.children.entries()) stack.push([c, kids[i] as FlowNode, `${path}.children[${i}]`]);
    }
  }
  return top;
}

/** The wire form of a flow tree (client side). */
export function flowToWire(root: FlowNode): WireFlowNode {
  const top: WireFlowNode = {};
  const stack: [FlowNode, WireFlowNode][] = [[root, top]];
  while (stack.length > 0) {
    const [n, into] = stack.pop() as [FlowNode, WireFlowNode];
    const { ref, children, dependsOnRefs, ...spec } = n;
    into.job = specToWire(spec);
    if (ref) into.ref = ref;
    if (dependsOnRefs && dependsOnRefs.length > 0) into.depends_on_refs = dependsOnRefs;
    if (children && children.length > 0) {
      const kids: WireFlowNode[] = children.map(() => ({}));
      into.children = kids;
      for (const [i, c] of children.entries()) stack.push([c, kids[i] as WireFlowNode]);
    }
  }
  return top;
}

export function batchSpecFromWire(r: { on_complete: JobSpec__Output | null; on_success: JobSpec__Output | null; description: string }): BatchSpec {
  return {
    onComplete: r.on_complete ? specFromWire(r.on_complete, "on_complete") : undefined,
    onSuccess: r.on_success ? specFromWire(r.on_success, "on_success") : undefined,
    description: r.description || undefined,
  };
}

export function batchToWire(b: BatchView): BatchInfo {
  return {
    id: b.id,
    description: b.description,
    created_at_ms: b.createdAt,
    closed: b.closed,
    closed_at_ms: b.closedAt,
    total: b.total,
    completed: b.completed,
    failed: b.failed,
    cancelled: b.cancelled,
    unfinished: b.unfinished,
    fired_at_ms: b.firedAt,
    on_complete_type: b.onCompleteType,
    on_complete_queue: b.onCompleteQueue,
    on_success_type: b.onSuccessType,
    on_success_queue: b.onSuccessQueue,
    on_complete_job_id: b.onCompleteJobId,
    on_success_job_id: b.onSuccessJobId,
  };
}

export function batchFromWire(w: BatchInfo__Output | null): BatchView {
  if (w === null) throw invalidArgument("the reply came without its batch");
  return {
    id: w.id,
    description: w.description,
    createdAt: w.created_at_ms,
    closed: w.closed,
    closedAt: w.closed_at_ms,
    total: w.total,
    completed: w.completed,
    failed: w.failed,
    cancelled: w.cancelled,
    unfinished: w.unfinished,
    firedAt: w.fired_at_ms,
    onCompleteType: w.on_complete_type,
    onCompleteQueue: w.on_complete_queue,
    onSuccessType: w.on_success_type,
    onSuccessQueue: w.on_success_queue,
    onCompleteJobId: w.on_complete_job_id,
    onSuccessJobId: w.on_success_job_id,
  };
}

export function dependencyToWire(d: DependencyResult): WireDependency {
  const w: WireDependency = { id: d.id, type: d.type, state: d.status };
  if (d.result && d.result.byteLength > 0) w.result = d.result as Buffer;
  if (d.error) w.error = d.error;
  if (d.resultOmitted) w.result_omitted = true;
  return w;
}

export function dependencyFromWire(w: DependencyResult__Output): DependencyResult {
  return {
    id: w.id,
    type: w.type,
    status: w.state as JobStatus | 0,
    result: w.result && w.result.length > 0 ? w.result : undefined,
    error: w.error,
    resultOmitted: w.result_omitted,
  };
}

const scopes = { 1: "unfinished", 2: "ttl" } as const;
const conflicts = { 1: "return", 2: "reject" } as const;
const modes = { 1: "replace", 2: "extend" } as const;

/** An enum value on the wire: 0 is the default (undefined); one this version does not know is INVALID_ARGUMENT. */
function enumFromWire<T>(field: string, n: number | undefined, names: Record<number, T>, type: string): T | undefined {
  if (!n) return undefined;
  const v = names[n];
  if (v === undefined) throw invalidArgument(`${field} is ${n}, which is no ${type}`);
  return v;
}

/** The wire number of an option's name; a name this version does not know fails before anything is sent. */
function enumToWire<T extends string>(field: string, v: T, names: Record<1 | 2, T>): 1 | 2 {
  if (names[1] === v) return 1;
  if (names[2] === v) return 2;
  throw invalidArgument(`${field} must be ${names[1]} or ${names[2]}, got ${JSON.stringify(v)}`);
}

/** JobOptions' unique_* and debounce_* fields as the core's nested options; absent when none is set. */
function keysFromWire(o: JobOptions__Output, field: string): Pick<JobSpec, "unique" | "debounce"> {
  const out: Pick<JobSpec, "unique" | "debounce"> = {};
  const f = `${field}.options`;
  const scope = enumFromWire(`${f}.unique_scope`, o.unique_scope, scopes, "UniqueScope");
  const onConflict = enumFromWire(`${f}.unique_conflict`, o.unique_conflict, conflicts, "UniqueConflict");
  if (o.unique_key || scope || o.unique_ttl_ms || onConflict) {
    out.unique = { key: o.unique_key ?? "", scope, ttlMs: opt(o.unique_ttl_ms), onConflict };
  }
  const mode = enumFromWire(`${f}.debounce_mode`, o.debounce_mode, modes, "DebounceMode");
  if (o.debounce_key || o.debounce_delay_ms || mode) {
    out.debounce = { key: o.debounce_key ?? "", delayMs: opt(o.debounce_delay_ms), mode };
  }
  return out;
}

/** The wire form of a spec; only the options that are set (zero means default anyway). */
export function specToWire(s: JobSpec): WireSpec {
  const o: JobOptions = {};
  if (s.queue) o.queue = s.queue;
  if (s.priority) o.priority = s.priority;
  if (s.maxAttempts) o.max_attempts = s.maxAttempts;
  if (s.delayMs) o.delay_ms = s.delayMs;
  if (s.runAt) o.run_at_ms = s.runAt;
  if (s.timeoutMs) o.timeout_ms = s.timeoutMs;
  if (s.backoffBaseMs) o.backoff_base_ms = s.backoffBaseMs;
  if (s.backoffMaxMs) o.backoff_max_ms = s.backoffMaxMs;
  if (s.idempotencyKey) o.idempotency_key = s.idempotencyKey;
  if (s.metadata && Object.keys(s.metadata).length > 0) o.metadata = s.metadata;
  if (s.removeOnComplete) o.remove_on_complete = true;
  if (s.removeOnFail) o.remove_on_fail = true;
  const u = s.unique;
  if (u) {
    if (u.key) o.unique_key = u.key;
    if (u.scope) o.unique_scope = enumToWire("unique.scope", u.scope, scopes);
    if (u.ttlMs) o.unique_ttl_ms = u.ttlMs;
    if (u.onConflict) o.unique_conflict = enumToWire("unique.onConflict", u.onConflict, conflicts);
  }
  const d = s.debounce;
  if (d) {
    if (d.key) o.debounce_key = d.key;
    if (d.delayMs) o.debounce_delay_ms = d.delayMs;
    if (d.mode) o.debounce_mode = enumToWire("debounce.mode", d.mode, modes);
  }
  if (s.group) o.group = s.group;
  if (s.dependsOn && s.dependsOn.length > 0) o.depends_on = s.dependsOn;
  if (s.onDependencyFailure) o.on_dependency_failure = policyToWire(s.onDependencyFailure);
  if (s.batchId) o.batch_id = s.batchId;
  return { type: s.type, payload: s.payload as Buffer | undefined, options: o };
}

/** A wire JobState filter: 0 = any; anything else must name a state. */
export function statusFilterFromWire(n: number | undefined): JobStatus | undefined {
  if (!n) return undefined;
  if (!Object.values(JobStatus).includes(n as JobStatus)) {
    throw invalidArgument(`state is ${n}; it must be a JobState (1 scheduled … 7 waiting) or 0 for any`);
  }
  return n as JobStatus;
}

/** A wire ListOrder: 0 or 1 oldest first, 2 newest first; anything else is refused. */
export function newestFirstFromWire(n: number | undefined): boolean {
  if (!n || n === 1) return false;
  if (n === 2) return true;
  throw invalidArgument(`order is ${n}; it must be a ListOrder (1 oldest first, 2 newest first) or 0 for the default`);
}

/** The wire ListOrder of a client's choice (undefined: the master's default, oldest first). */
export function orderToWire(newestFirst: boolean | undefined): 0 | 1 | 2 {
  return newestFirst === undefined ? 0 : newestFirst ? 2 : 1;
}

// ---- workers ----------------------------------------------------------------

export function leaseToWire(l: Lease): LeasedJob {
  return { job: jobToWire(l.job), lease_token: l.token, lease_deadline_ms: l.deadline };
}

export function leaseFromWire(w: LeasedJob__Output): Lease {
  if (w.job === null) throw invalidArgument("a leased job came without its job");
  return { job: jobFromWire(w.job), token: w.lease_token, deadline: w.lease_deadline_ms };
}

/** Job ids with their lease tokens, sent as two parallel lists. */
export function leasesFromWire(field: string, ids: readonly string[], tokens: readonly string[]): ActiveLease[] {
  if (tokens.length !== ids.length) {
    throw invalidArgument(
      `${field} holds ${ids.length} ids but the lease tokens beside it hold ${tokens.length}; give one token per id`,
    );
  }
  const out: ActiveLease[] = new Array(ids.length);
  for (let i = 0; i < ids.length; i++) {
    const token = tokens[i] as string;
    if (!token) throw invalidArgument(`the lease token for ${field}[${i}] is empty; every lease is fenced by its token`);
    out[i] = { jobId: ids[i] as string, token };
  }
  return out;
}

export function registrationToWire(r: Registration): RegisterWorkerResponse {
  return {
    worker_id: r.workerId,
    heartbeat_interval_ms: r.heartbeatIntervalMs,
    lease_ms: r.leaseMs,
    worker_timeout_ms: r.workerTimeoutMs,
  };
}

export function registrationFromWire(r: RegisterWorkerResponse__Output): Registration {
  return {
    workerId: r.worker_id,
    heartbeatIntervalMs: r.heartbeat_interval_ms,
    leaseMs: r.lease_ms,
    workerTimeoutMs: r.worker_timeout_ms,
  };
}

export function commandToWire(c: WorkerCommand): WireCommand {
  if ("cancelJobId" in c) return { cancel_job_id: c.cancelJobId };
  if ("quiet" in c) return { quiet: true };
  return { shutdown: true };
}

/** A command this version does not know is dropped (undefined). */
export function commandFromWire(c: WorkerCommand__Output): WorkerCommand | undefined {
  if (c.command === "cancel_job_id" && c.cancel_job_id) return { cancelJobId: c.cancel_job_id };
  if (c.command === "quiet") return { quiet: true };
  if (c.command === "shutdown") return { shutdown: true };
  return undefined;
}

export function ackToWire(workerId: string, a: AckInput): AcknowledgeJobRequest {
  return {
    worker_id: workerId,
    job_id: a.jobId,
    lease_token: a.token,
    success: a.success,
    result: a.result as Buffer | undefined,
    error: a.error ?? "",
    non_retryable: a.retryable === false,
    logs: a.logs ?? [],
    retry_after_ms: a.retryAfterMs ?? 0,
    pause_group: a.pauseGroup ?? false,
  };
}

export function ackFromWire(r: AcknowledgeJobRequest__Output): AckInput {
  return {
    jobId: r.job_id,
    token: r.lease_token,
    success: r.success,
    result: r.result,
    error: r.error,
    retryable: !r.non_retryable,
    logs: r.logs ?? [],
    retryAfterMs: r.retry_after_ms || undefined,
    pauseGroup: r.pause_group || undefined,
  };
}

export function ackOutcomeToWire(o: AckOutcome): WireAckOutcome {
  if (o.error === undefined) return { job_id: o.jobId, ok: true };
  const st = toStatus(o.error);
  return { job_id: o.jobId, ok: false, code: st.code, message: st.details };
}

export function ackOutcomeFromWire(o: AckOutcome__Output): AckOutcome {
  if (o.ok) return { jobId: o.job_id };
  return { jobId: o.job_id, error: fromStatus(o.code, o.message) ?? new DomainError("unavailable", o.message) };
}

export function workerToWire(w: WorkerView): WorkerInfo {
  return {
    worker_id: w.workerId,
    hostname: w.hostname,
    pid: w.pid,
    queues: w.queues,
    types: w.types,
    concurrency: w.concurrency,
    version: w.version,
    active: w.active,
    last_heartbeat_ms: w.lastSeenAt,
    registered_at_ms: w.registeredAt,
    quiet: w.quiet,
  };
}

export function workerFromWire(w: WorkerInfo__Output): WorkerView {
  return {
    workerId: w.worker_id,
    hostname: w.hostname,
    pid: w.pid,
    queues: w.queues,
    types: w.types,
    concurrency: w.concurrency,
    version: w.version,
    active: w.active,
    lastSeenAt: w.last_heartbeat_ms,
    registeredAt: w.registered_at_ms,
    quiet: w.quiet,
  };
}

// ---- operations -------------------------------------------------------------

export function statsToWire(s: StatsView): GetStatsResponse {
  return {
    queues: s.queues.map((q) => ({
      queue: q.queue,
      paused: q.paused,
      scheduled: q.scheduled,
      pending: q.pending,
      running: q.running,
      completed: q.completed,
      failed: q.failed,
      cancelled: q.cancelled,
      completed_total: q.completedTotal,
      failed_total: q.failedTotal,
      completed_per_sec: q.completedPerSec,
      failed_per_sec: q.failedPerSec,
      held_by: q.heldBy,
      ready_groups: q.readyGroups,
      oldest_pending_age_ms: q.oldestPendingAgeMs,
      waiting: q.waiting,
    })),
    jobs_total: s.jobsTotal,
    workers: s.workers,
    uptime_ms: s.uptimeMs,
    version: s.version,
    wait_samples: s.waitMs.samples,
    wait_p50_ms: s.waitMs.p50,
    wait_p95_ms: s.waitMs.p95,
    wait_p99_ms: s.waitMs.p99,
  };
}

export function statsFromWire(r: GetStatsResponse__Output): StatsView {
  return {
    queues: r.queues.map(
      (q): QueueStatsView => ({
        queue: q.queue,
        paused: q.paused,
        scheduled: q.scheduled,
        pending: q.pending,
        running: q.running,
        completed: q.completed,
        failed: q.failed,
        cancelled: q.cancelled,
        completedTotal: q.completed_total,
        failedTotal: q.failed_total,
        completedPerSec: q.completed_per_sec,
        failedPerSec: q.failed_per_sec,
        heldBy: (q.held_by ?? "") as HeldBy,
        readyGroups: q.ready_groups ?? 0,
        oldestPendingAgeMs: q.oldest_pending_age_ms ?? 0,
        waiting: q.waiting ?? 0,
      }),
    ),
    jobsTotal: r.jobs_total,
    workers: r.workers,
    uptimeMs: r.uptime_ms,
    version: r.version,
    waitMs: { samples: r.wait_samples ?? 0, p50: r.wait_p50_ms ?? 0, p95: r.wait_p95_ms ?? 0, p99: r.wait_p99_ms ?? 0 },
  };
}

// ---- queues -------------------------------------------------------------------

/** A queue's retention bounds as SetQueueRetention carries them ("failed" on the wire covers FAILED and CANCELLED). */
export function retentionToWire(queue: string, r: QueueRetention): WireRetention {
  return {
    queue,
    completed_count_max: r.completedCountMax,
    completed_age_ms: r.completedAgeMs,
    failed_count_max: r.deadCountMax,
    failed_age_ms: r.deadAgeMs,
  };
}

export function retentionFromWire(w: QueueRetention__Output | null | undefined): { queue: string; retention: QueueRetention } {
  if (w === null || w === undefined) throw invalidArgument("retention is required");
  return {
    queue: w.queue,
    retention: {
      completedCountMax: w.completed_count_max,
      completedAgeMs: w.completed_age_ms,
      deadCountMax: w.failed_count_max,
      deadAgeMs: w.failed_age_ms,
    },
  };
}

/** A queue's limits as the wire carries them. */
export function limitsToWire(queue: string, l: QueueLimits): WireLimits {
  return {
    queue,
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

export function limitsFromWire(w: QueueLimits__Output | null | undefined): { queue: string; limits: QueueLimits } {
  if (w === null || w === undefined) throw invalidArgument("limits is required");
  return {
    queue: w.queue,
    limits: {
      concurrency: w.concurrency,
      groupConcurrency: w.group_concurrency,
      rateCount: w.rate_count,
      ratePeriodMs: w.rate_period_ms,
      rateBurst: w.rate_burst,
      groupRateCount: w.group_rate_count,
      groupRatePeriodMs: w.group_rate_period_ms,
      groupRateBurst: w.group_rate_burst,
    },
  };
}

export function queueFlowToWire(v: QueueFlowView): GetQueueLimitsResponse {
  return {
    limits: limitsToWire(v.queue, v.limits),
    held_by: v.heldBy,
    held_until_ms: v.heldUntil,
    tokens: v.tokens,
    groups: v.groups,
    ready_groups: v.readyGroups,
    held_groups: v.heldGroups,
    top_groups: v.topGroups.map((g) => ({ group: g.group, running: g.running, pending: g.pending, held_by: g.heldBy, held_until_ms: g.heldUntil })),
  };
}

export function queueFlowFromWire(r: GetQueueLimitsResponse__Output): QueueFlowView {
  const { queue, limits } = limitsFromWire(r.limits);
  return {
    queue,
    limits,
    heldBy: r.held_by as HeldBy,
    heldUntil: r.held_until_ms,
    tokens: r.tokens,
    groups: r.groups,
    readyGroups: r.ready_groups,
    heldGroups: r.held_groups,
    topGroups: r.top_groups.map((g) => ({ group: g.group, running: g.running, pending: g.pending, heldBy: g.held_by as HeldBy, heldUntil: g.held_until_ms })),
  };
}

/** A token as the wire shows it: never its hash. */
export function tokenToWire(t: TokenEntry): TokenInfo {
  return {
    id: t.id,
    name: t.name,
    role: t.role,
    queues: [...t.queues],
    created_at_ms: t.createdAt,
    expires_at_ms: t.expiresAt,
    last_used_at_ms: t.lastUsedAt,
  };
}

export function identityToWire(who: Identity, authRequired: boolean): ServerResponseOf<"WhoAmI"> {
  return { name: who.name, via: who.via, grants: who.grants.map((g) => ({ role: g.role, queues: [...g.queues] })), auth_required: authRequired };
}

/** A token as clients see it (TokenEntry without its hash). */
export type TokenView = Omit<TokenEntry, "hash">;

export function tokenFromWire(t: TokenInfo__Output | null | undefined): TokenView {
  if (t == null) throw new DomainError("invalid_argument", "the master sent a reply without its token");
  return {
    id: t.id,
    name: t.name,
    role: t.role as TokenEntry["role"],
    queues: t.queues,
    createdAt: t.created_at_ms,
    expiresAt: t.expires_at_ms,
    lastUsedAt: t.last_used_at_ms,
  };
}

/** Who the master takes the caller for. */
export interface WhoAmI {
  name: string;
  via: Identity["via"];
  grants: Grant[];
  /** false: the master accepts calls without credentials. */
  authRequired: boolean;
}

export function whoAmIFromWire(r: ResponseOf<"WhoAmI">): WhoAmI {
  return {
    name: r.name,
    via: r.via as Identity["via"],
    grants: r.grants.map((g) => ({ role: g.role as Grant["role"], queues: g.queues })),
    authRequired: r.auth_required,
  };
}

// ---- schedules ----------------------------------------------------------------

/** A schedule as the wire shows it, payload included (it is bounded by schedulePayloadBytesMax). */
export function scheduleToWire(s: Schedule): WireSchedule {
  return {
    name: s.name,
    queue: s.queue,
    type: s.type,
    payload: s.payload as Buffer,
    priority: s.priority,
    max_attempts: s.maxAttempts,
    timeout_ms: s.timeoutMs,
    cron: s.cron,
    time_zone: s.timeZone,
    every_ms: s.everyMs,
    missed: s.missed,
    no_overlap: s.noOverlap,
    paused: s.paused,
    next_run_at_ms: s.nextRunAt,
    anchor_at_ms: s.anchorAt,
    created_at_ms: s.createdAt,
    updated_at_ms: s.updatedAt,
    last_tick_at_ms: s.lastTickAt,
    last_job_id: s.lastJobId,
    fired_total: s.firedTotal,
    skipped_overlap_total: s.skippedOverlapTotal,
    skipped_missed_total: s.skippedMissedTotal,
    skipped_full_total: s.skippedFullTotal,
  };
}

export function scheduleFromWire(w: Schedule__Output | null | undefined): Schedule {
  if (w == null) throw new DomainError("invalid_argument", "the master sent a reply without its schedule");
  return {
    name: w.name,
    queue: w.queue,
    type: w.type,
    payload: new Uint8Array(w.payload),
    priority: w.priority,
    maxAttempts: w.max_attempts,
    timeoutMs: w.timeout_ms,
    cron: w.cron,
    timeZone: w.time_zone,
    everyMs: w.every_ms,
    anchorAt: w.anchor_at_ms,
    missed: (w.missed === 2 ? 2 : 1) as Missed,
    noOverlap: w.no_overlap,
    paused: w.paused,
    nextRunAt: w.next_run_at_ms,
    createdAt: w.created_at_ms,
    updatedAt: w.updated_at_ms,
    lastTickAt: w.last_tick_at_ms,
    lastJobId: w.last_job_id,
    firedTotal: w.fired_total,
    skippedOverlapTotal: w.skipped_overlap_total,
    skippedMissedTotal: w.skipped_missed_total,
    skippedFullTotal: w.skipped_full_total,
  };
}

/** A CreateSchedule request's definition; the master's own fields (next run, counters) are ignored. */
export function scheduleSpecFromWire(w: Schedule__Output | null | undefined): ScheduleSpec {
  if (w == null) throw invalidArgument("schedule is required");
  const missed = w.missed as number;
  if (missed !== 0 && missed !== 1 && missed !== 2) throw invalidArgument(`schedule.missed ${missed} is not a ScheduleMissed value`);
  return {
    name: w.name,
    type: w.type,
    payload: w.payload.length > 0 ? new Uint8Array(w.payload) : undefined,
    queue: w.queue || undefined,
    priority: w.priority,
    maxAttempts: w.max_attempts || undefined,
    timeoutMs: w.timeout_ms || undefined,
    cron: w.cron || undefined,
    timeZone: w.time_zone || undefined,
    everyMs: w.every_ms || undefined,
    missed: missed === 2 ? "run-once" : "skip",
    noOverlap: w.no_overlap,
    paused: w.paused,
  };
}

export function scheduleSpecToWire(s: ScheduleSpec): WireSchedule {
  return {
    name: s.name,
    type: s.type,
    payload: s.payload as Buffer | undefined,
    queue: s.queue,
    priority: s.priority,
    max_attempts: s.maxAttempts,
    timeout_ms: s.timeoutMs,
    cron: s.cron,
    time_zone: s.timeZone,
    every_ms: s.everyMs,
    missed: s.missed === "run-once" ? 2 : s.missed === "skip" ? 1 : 0,
    no_overlap: s.noOverlap,
    paused: s.paused,
  };
}
