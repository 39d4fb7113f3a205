// Wire <-> domain conversion for the gRPC service. Field names are the
// proto's (keepCase); enums and longs travel as numbers (see schema.ts).

import { invalidArgument } from "../core/errors.ts";
import { type JobSpec, JobStatus, type JobView, type Lease } from "../core/index.ts";

export interface WireJob {
  id: string;
  queue: string;
  type: string;
  payload: Uint8Array;
  state: number;
  priority: number;
  attempt: number;
  max_attempts: number;
  created_at_ms: number;
  run_at_ms: number;
  started_at_ms: number;
  finished_at_ms: number;
  timeout_ms: number;
  backoff_base_ms: number;
  backoff_max_ms: number;
  idempotency_key: string;
  metadata: Record<string, string>;
  result: Uint8Array;
  error: string;
  progress: string;
  worker_id: string;
  lease_deadline_ms: number;
  updated_at_ms: number;
}

const empty = new Uint8Array(0);

/**
 * The wire form of a job, holding only fields that differ from their proto3
 * default (the encoder writes every field present, and most are zero for a
 * queued job); receivers decode with defaults, so nothing is lost.
 */
export function jobToWire(j: JobView): Partial<WireJob> {
  const w: Partial<WireJob> = { id: j.id, queue: j.queue, type: j.type, state: j.status, max_attempts: j.maxAttempts };
  if (j.payload.byteLength > 0) w.payload = j.payload;
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
  if (j.result && j.result.byteLength > 0) w.result = j.result;
  if (j.error) w.error = j.error;
  if (j.progress) w.progress = j.progress;
  if (j.workerId) w.worker_id = j.workerId;
  if (j.leaseDeadline) w.lease_deadline_ms = j.leaseDeadline;
  return w;
}

export function jobFromWire(w: WireJob): JobView {
  return {
    id: w.id,
    queue: w.queue,
    type: w.type,
    payload: w.payload ?? empty,
    status: w.state as JobStatus,
    priority: w.priority,
    attempt: w.attempt,
    maxAttempts: w.max_attempts,
    createdAt: Number(w.created_at_ms),
    runAt: Number(w.run_at_ms),
    startedAt: Number(w.started_at_ms),
    finishedAt: Number(w.finished_at_ms),
    updatedAt: Number(w.updated_at_ms),
    timeoutMs: Number(w.timeout_ms),
    backoffBaseMs: Number(w.backoff_base_ms),
    backoffMaxMs: Number(w.backoff_max_ms),
    idempotencyKey: w.idempotency_key,
    metadata: w.metadata ?? {},
    result: w.result && w.result.length > 0 ? w.result : undefined,
    error: w.error,
    progress: w.progress,
    workerId: w.worker_id,
    leaseDeadline: Number(w.lease_deadline_ms),
  };
}

export interface WireOptions {
  queue?: string;
  priority?: number;
  max_attempts?: number;
  delay_ms?: number;
  run_at_ms?: number;
  timeout_ms?: number;
  backoff_base_ms?: number;
  backoff_max_ms?: number;
  idempotency_key?: string;
  metadata?: Record<string, string>;
}

export interface WireSpec {
  type: string;
  payload?: Uint8Array;
  options?: WireOptions | null;
}

/** Zero and empty mean "default", as the proto says. */
const opt = (n: number | undefined): number | undefined => (n ? Number(n) : undefined);

export function specFromWire(w: WireSpec | null | undefined, field = "job"): JobSpec {
  if (w === null || w === undefined) throw invalidArgument(`${field} is required`);
  const o = w.options ?? {};
  return {
    type: w.type,
    payload: w.payload,
    queue: o.queue || undefined,
    priority: o.priority || undefined,
    maxAttempts: opt(o.max_attempts),
    delayMs: opt(o.delay_ms),
    runAt: opt(o.run_at_ms),
    timeoutMs: opt(o.timeout_ms),
    backoffBaseMs: opt(o.backoff_base_ms),
    backoffMaxMs: opt(o.backoff_max_ms),
    idempotencyKey: o.idempotency_key || undefined,
    metadata: o.metadata && Object.keys(o.metadata).length > 0 ? o.metadata : undefined,
  };
}

/** The wire form of a spec; only the options that are set (zero means default anyway). */
export function specToWire(s: JobSpec): WireSpec {
  const o: WireOptions = {};
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
  return { type: s.type, payload: s.payload, options: o };
}

export function leaseToWire(l: Lease) {
  return { job: jobToWire(l.job), lease_token: l.token, lease_deadline_ms: l.deadline };
}

export function leaseFromWire(w: { job: WireJob; lease_token: string; lease_deadline_ms: number }): Lease {
  return { job: jobFromWire(w.job), token: w.lease_token, deadline: Number(w.lease_deadline_ms) };
}

/** A wire JobState filter: 0 = any; anything else must name a state. */
export function statusFilterFromWire(n: number | undefined): JobStatus | undefined {
  if (!n) return undefined;
  if (!Object.values(JobStatus).includes(n as JobStatus)) {
    throw invalidArgument(`state ${n} is not a JobState (1 scheduled … 6 cancelled)`);
  }
  return n as JobStatus;
}
