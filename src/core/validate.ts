// Input checks for JobManager. Each failure names the field and the rule.

import type { Defaults, Limits } from "./config.ts";
import { invalidArgument } from "./errors.ts";
import { checkOptionalId, checkId } from "./input.ts";
import { quote } from "./text.ts";
import { DependencyPolicy } from "./types.ts";

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
  /** Group key for fair scheduling and group limits; "" or absent: none. */
  group?: string;
  metadata?: Record<string, string>;
  /** Remove the job as soon as it is COMPLETED (default: keep it for retention). */
  removeOnComplete?: boolean;
  /** Remove the job as soon as it is FAILED (default: keep it for retention). */
  removeOnFail?: boolean;
  /** At most one job per (queue, key) holds the key (docs/unique-debounce.md). */
  unique?: UniqueOptions;
  /** At most one not-yet-started job per (queue, key); later submits update it. */
  debounce?: DebounceOptions;
  /** Ids of existing jobs this one runs after; it is WAITING until they finish (docs/workflows.md). */
  dependsOn?: string[];
  /** When a dependency ends FAILED or CANCELLED: "fail" (default), "cancel", or "run_anyway". */
  onDependencyFailure?: DependencyFailure;
  /** An open batch the job joins (CreateBatch). */
  batchId?: string;
}

export type DependencyFailure = "fail" | "cancel" | "run_anyway";

const policies: Record<DependencyFailure, DependencyPolicy> = {
  fail: DependencyPolicy.Fail,
  cancel: DependencyPolicy.Cancel,
  run_anyway: DependencyPolicy.RunAnyway,
};

export interface UniqueOptions {
  key: string;
  /** "unfinished" (default; "ttl" when ttlMs is given): held while the job is not finished; "ttl": and ttlMs after. */
  scope?: "unfinished" | "ttl";
  ttlMs?: number;
  /** "return" (default): a submit while the key is held returns the holder (duplicate); "reject": ALREADY_EXISTS. */
  onConflict?: "return" | "reject";
}

export interface DebounceOptions {
  key: string;
  /** The job starts this long after the latest submit with the key; default 0. */
  delayMs?: number;
  /** "replace" (default): the waiting job takes the latest payload; "extend": it keeps its first payload. */
  mode?: "replace" | "extend";
}

const namePattern = /^[A-Za-z0-9_.:\-/]+$/;

export function checkName(field: string, value: string | undefined, max: number): string {
  if (value === undefined || value === "") throw invalidArgument(`${field} must not be empty`);
  if (value.length > max || Buffer.byteLength(value) > max) {
    throw invalidArgument(`${field} is ${Buffer.byteLength(value)} bytes; the limit is ${max} bytes`);
  }
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
  if (n > max) throw invalidArgument(`${field} is ${n} bytes; the limit is ${max} bytes`);
}

/** A handler's log lines for one attempt: at most jobLogLinesMax lines of jobLogBytesMax UTF-8 bytes together. */
export function checkLogs(logs: readonly string[] | undefined, limits: Limits): void {
  if (logs === undefined) return;
  if (logs.length > limits.jobLogLinesMax) {
    throw invalidArgument(`logs has ${logs.length} lines; the limit is ${limits.jobLogLinesMax} lines`);
  }
  let n = 0;
  for (const line of logs) n += Buffer.byteLength(line);
  if (n > limits.jobLogBytesMax) throw invalidArgument(`logs are ${n} bytes; the limit is ${limits.jobLogBytesMax} bytes`);
}

function checkMetadata(field: string, m: Record<string, string> | undefined, limits: Limits): void {
  if (m === undefined) return;
  const keys = Object.keys(m);
  if (keys.length > limits.metadataEntriesMax) {
    throw invalidArgument(`${field} has ${keys.length} entries; the limit is ${limits.metadataEntriesMax}`);
  }
  let bytes = 0;
  for (const k of keys) {
    const v = m[k];
    if (typeof v !== "string") throw invalidArgument(`${field}[${quote(k)}] must be a string`);
    bytes += Buffer.byteLength(k) + Buffer.byteLength(v);
  }
  if (bytes > limits.metadataBytesMax) {
    throw invalidArgument(`${field} is ${bytes} bytes of keys and values; the limit is ${limits.metadataBytesMax} bytes`);
  }
}

/** A group key: up to `max` UTF-8 bytes, no control characters; absent or "" is no group. */
export function checkGroup(field: string, value: string | undefined, max: number): string {
  if (value === undefined || value === "") return "";
  if (typeof value !== "string") throw invalidArgument(`${field} must be a string`);
  if (value.length > max || Buffer.byteLength(value) > max) {
    throw invalidArgument(`${field} is ${Buffer.byteLength(value)} bytes; the limit is ${max} bytes`);
  }
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what it refuses
  if (/[\u0000-\u001f\u007f]/.test(value)) throw invalidArgument(`${field} ${quote(value)} must not hold control characters`);
  return value;
}

/** An optional boolean option; SDK callers in plain JavaScript may pass anything. */
function checkFlag(field: string, value: boolean | undefined): boolean {
  if (value === undefined) return false;
  if (typeof value !== "boolean") throw invalidArgument(`${field} must be true or false`);
  return value;
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
  group: string;
  metadata: Record<string, string> | undefined;
  removeOnComplete: boolean;
  removeOnFail: boolean;
  /** "": none. */
  uniqueKey: string;
  /** > 0: scope TTL. */
  uniqueTtlMs: number;
  uniqueReject: boolean;
  /** "": none. */
  debounceKey: string;
  debounceDelayMs: number;
  debounceReplace: boolean;
  /** Distinct job ids; empty: none. */
  dependsOn: string[];
  policy: DependencyPolicy;
  /** "": none. */
  batchId: string;
}

const emptyPayload = new Uint8Array(0);

/**
 * Checks a spec; `path` names it in messages as the request does ("job", or
 * "jobs[3]" in a batch), so a field reads `job.options.idempotency_key`.
 */
export function checkSpec(spec: JobSpec, now: number, limits: Limits, defaults: Defaults, path = "job"): CheckedSpec {
  const o = `${path}.options`;
  const type = checkName(`${path}.type`, spec.type, limits.typeBytesMax);
  const queue = spec.queue ? checkName(`${o}.queue`, spec.queue, limits.queueBytesMax) : defaults.queue;
  checkBytes(`${path}.payload`, spec.payload, limits.payloadBytesMax);
  const priority = checkInt(`${o}.priority`, spec.priority, limits.priorityMin, limits.priorityMax) ?? 0;
  const maxAttempts = checkInt(`${o}.max_attempts`, spec.maxAttempts, 1, limits.maxAttemptsMax) ?? defaults.maxAttempts;
  const delay = checkInt(`${o}.delay_ms`, spec.delayMs, 0, limits.delayMsMax) ?? 0;
  let runAt = now + delay;
  if (spec.runAt !== undefined && spec.runAt !== 0) {
    if (spec.delayMs) throw invalidArgument(`${o}: give delay_ms or run_at_ms, not both`);
    runAt = checkInt(`${o}.run_at_ms`, spec.runAt, 0, now + limits.delayMsMax) as number;
    if (runAt < now) runAt = now;
  }
  const timeoutMs = checkInt(`${o}.timeout_ms`, spec.timeoutMs, 0, limits.timeoutMsMax) ?? defaults.timeoutMs;
  const backoffBaseMs = checkInt(`${o}.backoff_base_ms`, spec.backoffBaseMs, 0, limits.backoffMsMax) ?? defaults.backoffBaseMs;
  const backoffMaxMs = checkInt(`${o}.backoff_max_ms`, spec.backoffMaxMs, 0, limits.backoffMsMax) ?? defaults.backoffMaxMs;
  const key = spec.idempotencyKey ?? "";
  if (key.length > limits.idempotencyKeyBytesMax || Buffer.byteLength(key) > limits.idempotencyKeyBytesMax) {
    throw invalidArgument(
      `${o}.idempotency_key is ${Buffer.byteLength(key)} bytes; the limit is ${limits.idempotencyKeyBytesMax} bytes`,
    );
  }
  const group = checkGroup(`${o}.group`, spec.group, limits.groupBytesMax);
  checkMetadata(`${o}.metadata`, spec.metadata, limits);
  const u = checkUnique(o, spec.unique, limits);
  const d = checkDebounce(o, spec.debounce, limits);
  if (u.uniqueKey && d.debounceKey) throw invalidArgument(`${o}: give unique_key or debounce_key, not both`);
  if (d.debounceKey) {
    if (spec.delayMs || spec.runAt) throw invalidArgument(`${o}: debounce_delay_ms sets the start; give it or delay_ms/run_at_ms, not both`);
    runAt = now + d.debounceDelayMs;
  }
  const dependsOn = checkDependsOn(`${o}.depends_on`, spec.dependsOn, limits);
  if (dependsOn.length > 0 && d.debounceKey) throw invalidArgument(`${o}: a job with depends_on cannot have a debounce_key`);
  const pol = spec.onDependencyFailure ?? "fail";
  const policy = Object.hasOwn(policies, pol) ? policies[pol] : undefined;
  if (policy === undefined) {
    throw invalidArgument(`${o}.on_dependency_failure must be fail, cancel or run_anyway, got ${quote(String(pol))}`);
  }
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
    group,
    metadata: spec.metadata,
    removeOnComplete: checkFlag(`${o}.remove_on_complete`, spec.removeOnComplete),
    removeOnFail: checkFlag(`${o}.remove_on_fail`, spec.removeOnFail),
    ...u,
    ...d,
    dependsOn,
    policy,
    batchId: checkOptionalId(`${o}.batch_id`, spec.batchId),
  };
}

/** At most dependenciesMax distinct job ids. */
function checkDependsOn(field: string, ids: readonly string[] | undefined, limits: Limits): string[] {
  if (ids === undefined || ids === null) return [];
  if (!Array.isArray(ids)) throw invalidArgument(`${field} must be a list of job ids`);
  if (ids.length > limits.dependenciesMax) {
    throw invalidArgument(`${field} has ${ids.length} ids; the limit is ${limits.dependenciesMax}`);
  }
  const seen = new Set<string>();
  for (let i = 0; i < ids.length; i++) {
    const id = checkId(`${field}[${i}]`, ids[i]);
    if (seen.has(id)) throw invalidArgument(`${field}[${i}] names job ${id} twice`);
    seen.add(id);
  }
  return ids.length === 0 ? [] : [...ids];
}

/** A unique or debounce key: a non-empty string of at most uniqueKeyBytesMax UTF-8 bytes. */
function checkKey(field: string, key: unknown, limits: Limits): string {
  if (typeof key !== "string" || key === "") throw invalidArgument(`${field} must be a non-empty string`);
  const n = Buffer.byteLength(key);
  if (key.length > limits.uniqueKeyBytesMax || n > limits.uniqueKeyBytesMax) {
    throw invalidArgument(`${field} is ${n} bytes; the limit is ${limits.uniqueKeyBytesMax} bytes`);
  }
  return key;
}

function checkUnique(o: string, u: UniqueOptions | undefined, limits: Limits): Pick<CheckedSpec, "uniqueKey" | "uniqueTtlMs" | "uniqueReject"> {
  if (u === undefined || u === null) return { uniqueKey: "", uniqueTtlMs: 0, uniqueReject: false };
  if (typeof u !== "object") throw invalidArgument(`${o}.unique must be an object`);
  if (u.key === undefined || u.key === "") {
    if (u.scope !== undefined || u.ttlMs || u.onConflict !== undefined) {
      throw invalidArgument(`${o}.unique_key must be set when unique_scope, unique_ttl_ms or unique_conflict is`);
    }
    return { uniqueKey: "", uniqueTtlMs: 0, uniqueReject: false };
  }
  const key = checkKey(`${o}.unique_key`, u.key, limits);
  const ttl = checkInt(`${o}.unique_ttl_ms`, u.ttlMs, 0, limits.uniqueTtlMsMax) ?? 0;
  const scope = u.scope ?? (ttl > 0 ? "ttl" : "unfinished");
  if (scope === "ttl") {
    if (ttl === 0) throw invalidArgument(`${o}.unique_ttl_ms must be set (> 0) with unique_scope ttl`);
  } else if (scope === "unfinished") {
    if (ttl !== 0) throw invalidArgument(`${o}.unique_ttl_ms is for unique_scope ttl, not unfinished`);
  } else {
    throw invalidArgument(`${o}.unique_scope must be unfinished or ttl, got ${quote(String(scope))}`);
  }
  const c = u.onConflict ?? "return";
  if (c !== "return" && c !== "reject") throw invalidArgument(`${o}.unique_conflict must be return or reject, got ${quote(String(c))}`);
  return { uniqueKey: key, uniqueTtlMs: ttl, uniqueReject: c === "reject" };
}

function checkDebounce(
  o: string,
  d: DebounceOptions | undefined,
  limits: Limits,
): Pick<CheckedSpec, "debounceKey" | "debounceDelayMs" | "debounceReplace"> {
  if (d === undefined || d === null) return { debounceKey: "", debounceDelayMs: 0, debounceReplace: false };
  if (typeof d !== "object") throw invalidArgument(`${o}.debounce must be an object`);
  if (d.key === undefined || d.key === "") {
    if (d.delayMs || d.mode !== undefined) throw invalidArgument(`${o}.debounce_key must be set when debounce_delay_ms or debounce_mode is`);
    return { debounceKey: "", debounceDelayMs: 0, debounceReplace: false };
  }
  const key = checkKey(`${o}.debounce_key`, d.key, limits);
  const delay = checkInt(`${o}.debounce_delay_ms`, d.delayMs, 0, limits.delayMsMax) ?? 0;
  const mode = d.mode ?? "replace";
  if (mode !== "replace" && mode !== "extend") throw invalidArgument(`${o}.debounce_mode must be replace or extend, got ${quote(String(mode))}`);
  return { debounceKey: key, debounceDelayMs: delay, debounceReplace: mode === "replace" };
}
