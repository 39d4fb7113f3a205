// Input checks for JobManager. Each failure names the field and the rule.

import type { Defaults, Limits } from "./config.ts";
import { invalidArgument } from "./errors.ts";
import { quote } from "./text.ts";

export interface JobSpec {
  type: string;
  payload?: Uint8Array;
  queue?: string;
  priority?: number;
  maxAttempts?: number;
  delayMs?: number;
  /** Absolute run time (ms since epoch); alternative to delayMs. */
  runAt?: number;
  timeoutMs?: number;
  backoffBaseMs?: number;
  backoffMaxMs?: number;
  idempotencyKey?: string;
  metadata?: Record<string, string>;
}

const namePattern = /^[A-Za-z0-9_.:\-/]+$/;

export function checkName(field: string, value: string | undefined, max: number): string {
  if (value === undefined || value === "") throw invalidArgument(`${field} must not be empty`);
  if (value.length > max) throw invalidArgument(`${field} is ${value.length} characters; the limit is ${max}`);
  if (!namePattern.test(value)) {
    throw invalidArgument(`${field} ${quote(value)} may hold only letters, digits and _ . : - /`);
  }
  return value;
}

export function checkInt(field: string, value: number | undefined, min: number, max: number): number | undefined {
  if (value === undefined) return undefined;
  if (!Number.isInteger(value)) throw invalidArgument(`${field} must be a whole number, got ${value}`);
  if (value < min || value > max) throw invalidArgument(`${field} is ${value}; it must be between ${min} and ${max}`);
  return value;
}

export function checkBytes(field: string, value: Uint8Array | string | undefined, max: number): void {
  if (value === undefined) return;
  const n = typeof value === "string" ? Buffer.byteLength(value) : value.byteLength;
  if (n > max) throw invalidArgument(`${field} is ${n} bytes; the limit is ${max}`);
}

function checkMetadata(m: Record<string, string> | undefined, limits: Limits): void {
  if (m === undefined) return;
  const keys = Object.keys(m);
  if (keys.length > limits.metadataEntriesMax) {
    throw invalidArgument(`metadata has ${keys.length} entries; the limit is ${limits.metadataEntriesMax}`);
  }
  let bytes = 0;
  for (const k of keys) {
    const v = m[k];
    if (typeof v !== "string") throw invalidArgument(`metadata[${quote(k)}] must be a string`);
    bytes += Buffer.byteLength(k) + Buffer.byteLength(v);
  }
  if (bytes > limits.metadataBytesMax) {
    throw invalidArgument(`metadata is ${bytes} bytes; the limit is ${limits.metadataBytesMax}`);
  }
}

/** Resolved, checked form of a JobSpec. */
export interface CheckedSpec {
  type: string;
  queue: string;
  payload: Uint8Array;
  priority: number;
  maxAttempts: number;
  runAt: number;
  timeoutMs: number;
  backoffBaseMs: number;
  backoffMaxMs: number;
  idempotencyKey: string;
  metadata: Record<string, string> | undefined;
}

const emptyPayload = new Uint8Array(0);

export function checkSpec(spec: JobSpec, now: number, limits: Limits, defaults: Defaults): CheckedSpec {
  const type = checkName("type", spec.type, limits.typeLengthMax);
  const queue = spec.queue ? checkName("queue", spec.queue, limits.queueLengthMax) : defaults.queue;
  checkBytes("payload", spec.payload, limits.payloadBytesMax);
  const priority = checkInt("priority", spec.priority, limits.priorityMin, limits.priorityMax) ?? 0;
  const maxAttempts = checkInt("max_attempts", spec.maxAttempts, 1, limits.maxAttemptsMax) ?? defaults.maxAttempts;
  const delay = checkInt("delay_ms", spec.delayMs, 0, limits.delayMsMax) ?? 0;
  let runAt = now + delay;
  if (spec.runAt !== undefined && spec.runAt !== 0) {
    if (spec.delayMs) throw invalidArgument("give delay_ms or run_at_ms, not both");
    runAt = checkInt("run_at_ms", spec.runAt, 0, now + limits.delayMsMax) as number;
    if (runAt < now) runAt = now;
  }
  const timeoutMs = checkInt("timeout_ms", spec.timeoutMs, 0, limits.timeoutMsMax) ?? defaults.timeoutMs;
  const backoffBaseMs = checkInt("backoff_base_ms", spec.backoffBaseMs, 0, limits.backoffMsMax) ?? defaults.backoffBaseMs;
  const backoffMaxMs = checkInt("backoff_max_ms", spec.backoffMaxMs, 0, limits.backoffMsMax) ?? defaults.backoffMaxMs;
  const key = spec.idempotencyKey ?? "";
  if (key.length > limits.idempotencyKeyLengthMax) {
    throw invalidArgument(`idempotency_key is ${key.length} characters; the limit is ${limits.idempotencyKeyLengthMax}`);
  }
  checkMetadata(spec.metadata, limits);
  return {
    type,
    queue,
    payload: spec.payload ?? emptyPayload,
    priority,
    maxAttempts,
    runAt,
    timeoutMs,
    backoffBaseMs,
    backoffMaxMs,
    idempotencyKey: key,
    metadata: spec.metadata,
  };
}
