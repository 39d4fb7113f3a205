// JSON shapes of the HTTP API: jobs as the SDK shows them (camelCase, state
// by name, times in epoch ms), job specs read from request bodies, and the
// query of GET /v1/jobs. Payloads, results and progress that are UTF-8 JSON
// are embedded as they were sent (byte for byte, no number rounding); other
// bytes travel as base64 under `payloadBase64` / `resultBase64`.

import type { Identity } from "../core/auth.ts";
import { invalidArgument } from "../core/errors.ts";
import { type JobStatus, type JobView, parseStatus, statusNames } from "../core/types.ts";
import type { ListFilter } from "../core/queries.ts";
import { quote } from "../core/text.ts";
import type { JobSpec } from "../core/validate.ts";

const utf8 = new TextDecoder("utf-8", { fatal: true });
const encoder = new TextEncoder();

/** The bytes as JSON text when they are UTF-8 JSON; undefined otherwise (or when empty). */
function rawJson(bytes: Uint8Array | string | undefined): string | undefined {
  if (bytes === undefined || bytes.length === 0) return undefined;
  try {
    const text = typeof bytes === "string" ? bytes : utf8.decode(bytes);
    JSON.parse(text);
    return text;
  } catch {
    return undefined;
  }
}

/** `,"name":<json>` or `,"nameBase64":"…"` for non-empty bytes; "" for none. */
function bytesField(name: string, bytes: Uint8Array | undefined): string {
  if (bytes === undefined || bytes.byteLength === 0) return "";
  const raw = rawJson(bytes);
  if (raw !== undefined) return `,"${name}":${raw}`;
  return `,"${name}Base64":"${Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString("base64")}"`;
}

/**
 * A job as JSON text. `withPayload` false leaves payload, result and logs out
 * (lists without ?payloads=true, submit replies, events), like the gRPC API.
 */
export function jobJson(j: JobView, withPayload = true): string {
  const o = {
    id: j.id,
    queue: j.queue,
    type: j.type,
    state: statusNames[j.status],
    priority: j.priority,
    attempt: j.attempt,
    maxAttempts: j.maxAttempts,
    createdAt: j.createdAt,
    runAt: j.runAt,
    startedAt: j.startedAt,
    finishedAt: j.finishedAt,
    updatedAt: j.updatedAt,
    timeoutMs: j.timeoutMs,
    backoffBaseMs: j.backoffBaseMs,
    backoffMaxMs: j.backoffMaxMs,
    idempotencyKey: j.idempotencyKey,
    metadata: j.metadata,
    removeOnComplete: j.removeOnComplete,
    removeOnFail: j.removeOnFail,
    group: j.group,
    uniqueKey: j.uniqueKey,
    debounceKey: j.debounceKey,
    parentId: j.parentId,
    flowId: j.flowId,
    dependsOn: j.dependsOn,
    onDependencyFailure: j.dependsOn.length > 0 ? dependencyPolicyNames[j.dependencyPolicy] : "",
    dependenciesUnfinished: j.dependenciesUnfinished,
    batchId: j.batchId,
    error: j.error,
    workerId: j.workerId,
    leaseDeadline: j.leaseDeadline,
    ...(withPayload && { logs: j.logs }),
  };
  let extra = "";
  if (j.progress) {
    const p = rawJson(j.progress);
    extra += p === undefined ? `,"progress":${JSON.stringify(j.progress)}` : `,"progress":${p}`;
  }
  if (withPayload) extra += bytesField("payload", j.payload) + bytesField("result", j.result);
  const s = JSON.stringify(o);
  return extra === "" ? s : `${s.slice(0, -1)}${extra}}`;
}

/** `[job,job,…]` as JSON text. */
export function jobsJson(jobs: readonly JobView[], withPayload: boolean): string {
  return `[${jobs.map((j) => jobJson(j, withPayload)).join(",")}]`;
}

export function whoamiJson(who: Identity, authRequired: boolean): object {
  return { name: who.name, via: who.via, grants: who.grants.map((g) => ({ role: g.role, queues: [...g.queues] })), authRequired };
}

// ---- request bodies -----------------------------------------------------------

type Obj = Record<string, unknown>;

export function isObject(v: unknown): v is Obj {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

const specFields = new Set([
  "type",
  "payload",
  "payloadBase64",
  "queue",
  "priority",
  "maxAttempts",
  "delayMs",
  "runAt",
  "timeoutMs",
  "backoffBaseMs",
  "backoffMaxMs",
  "idempotencyKey",
  "metadata",
  "removeOnComplete",
  "removeOnFail",
  "group",
  "unique",
  "debounce",
  "dependsOn",
  "onDependencyFailure",
  "batchId",
]);

/** DependencyPolicy → the SDK's names. */
const dependencyPolicyNames: Record<number, string> = { 1: "fail", 2: "cancel", 3: "run_anyway" };

/** An array of strings (each checked by the core), or undefined. */
function strings(path: string, v: unknown): string[] | undefined {
  if (v === undefined || v === null) return undefined;
  if (!Array.isArray(v) || v.some((x) => typeof x !== "string")) throw invalidArgument(`${path} must be an array of job ids`);
  return v as string[];
}

/** The `unique` or `debounce` object of a spec: its keys checked, values passed to the core (which checks them). */
function sub<T>(path: string, v: unknown, known: readonly string[]): T | undefined {
  if (v === undefined || v === null) return undefined;
  if (!isObject(v)) throw invalidArgument(`${path} must be a JSON object`);
  checkKeys(path, v, new Set(known));
  return v as T;
}

/** Refuses keys outside `known`, naming the first (a typo must not be silently ignored). */
export function checkKeys(path: string, o: Obj, known: ReadonlySet<string>): void {
  for (const k of Object.keys(o)) {
    if (!known.has(k)) throw invalidArgument(`${path} has an unknown field ${quote(k)}; fields: ${[...known].join(", ")}`);
  }
}

function str(path: string, v: unknown): string | undefined {
  if (v === undefined || v === null) return undefined;
  if (typeof v !== "string") throw invalidArgument(`${path} must be a string`);
  return v;
}

function num(path: string, v: unknown): number | undefined {
  if (v === undefined || v === null) return undefined;
  if (typeof v !== "number") throw invalidArgument(`${path} must be a number`);
  return v;
}

function flag(path: string, v: unknown): boolean | undefined {
  if (v === undefined || v === null) return undefined;
  if (typeof v !== "boolean") throw invalidArgument(`${path} must be true or false`);
  return v;
}

const base64 = /^[A-Za-z0-9+/]*={0,2}$/;

/**
 * A job spec from its JSON: the SDK's option names at the top level. Types
 * are checked here; every limit and rule is the core's (checkSpec), whose
 * messages name the gRPC fields (`job.options.max_attempts` = `maxAttempts`).
 */
export function specFromJson(v: unknown, path: string): JobSpec {
  if (!isObject(v)) throw invalidArgument(`${path} must be a JSON object`);
  checkKeys(path, v, specFields);
  const type = str(`${path}.type`, v.type);
  if (type === undefined) throw invalidArgument(`${path}.type must not be empty`);
  let payload: Uint8Array | undefined;
  if (v.payload !== undefined && v.payloadBase64 !== undefined) throw invalidArgument(`${path}: give payload or payloadBase64, not both`);
  if (v.payload !== undefined) payload = encoder.encode(JSON.stringify(v.payload));
  const b64 = str(`${path}.payloadBase64`, v.payloadBase64);
  if (b64 !== undefined) {
    if (b64.length % 4 !== 0 || !base64.test(b64)) throw invalidArgument(`${path}.payloadBase64 is not base64 (standard alphabet, padded)`);
    payload = Buffer.from(b64, "base64");
  }
  let metadata: Record<string, string> | undefined;
  if (v.metadata !== undefined && v.metadata !== null) {
    if (!isObject(v.metadata)) throw invalidArgument(`${path}.metadata must be an object of strings`);
    metadata = v.metadata as Record<string, string>; // each value's type is checked by the core
  }
  return {
    type,
    payload,
    queue: str(`${path}.queue`, v.queue) || undefined,
    priority: num(`${path}.priority`, v.priority),
    maxAttempts: num(`${path}.maxAttempts`, v.maxAttempts) || undefined,
    delayMs: num(`${path}.delayMs`, v.delayMs) || undefined,
    runAt: num(`${path}.runAt`, v.runAt) || undefined,
    timeoutMs: num(`${path}.timeoutMs`, v.timeoutMs),
    backoffBaseMs: num(`${path}.backoffBaseMs`, v.backoffBaseMs),
    backoffMaxMs: num(`${path}.backoffMaxMs`, v.backoffMaxMs),
    idempotencyKey: str(`${path}.idempotencyKey`, v.idempotencyKey) || undefined,
    metadata,
    removeOnComplete: flag(`${path}.removeOnComplete`, v.removeOnComplete),
    removeOnFail: flag(`${path}.removeOnFail`, v.removeOnFail),
    group: str(`${path}.group`, v.group) || undefined,
    unique: sub<JobSpec["unique"]>(`${path}.unique`, v.unique, ["key", "scope", "ttlMs", "onConflict"]),
    debounce: sub<JobSpec["debounce"]>(`${path}.debounce`, v.debounce, ["key", "delayMs", "mode"]),
    dependsOn: strings(`${path}.dependsOn`, v.dependsOn),
    onDependencyFailure: (str(`${path}.onDependencyFailure`, v.onDependencyFailure) || undefined) as JobSpec["onDependencyFailure"],
    batchId: str(`${path}.batchId`, v.batchId) || undefined,
  };
}

// ---- query strings --------------------------------------------------------------

/** Refuses query parameters outside `known` and repeated ones. */
export function checkQuery(q: URLSearchParams, known: readonly string[]): void {
  const seen = new Set<string>();
  for (const k of q.keys()) {
    if (!known.includes(k)) throw invalidArgument(`unknown query parameter ${quote(k)}; parameters: ${known.join(", ") || "none"}`);
    if (seen.has(k)) throw invalidArgument(`query parameter ${quote(k)} is given twice`);
    seen.add(k);
  }
}

/** A whole number query parameter in [min, max], or undefined when absent or empty. */
export function intParam(q: URLSearchParams, name: string, min: number, max: number): number | undefined {
  const v = q.get(name);
  if (v === null || v === "") return undefined;
  const n = Number(v);
  if (!/^-?\d+$/.test(v) || !Number.isSafeInteger(n)) throw invalidArgument(`${name} must be a whole number, got ${quote(v)}`);
  if (n < min || n > max) throw invalidArgument(`${name} is ${n}; it must be between ${min} and ${max}`);
  return n;
}

export function boolParam(q: URLSearchParams, name: string): boolean {
  const v = q.get(name);
  if (v === null || v === "" || v === "false" || v === "0") return false;
  if (v === "true" || v === "1") return true;
  throw invalidArgument(`${name} must be true or false, got ${quote(v)}`);
}

const states = Object.values(statusNames);
export const listParams = ["state", "queue", "type", "search", "cursor", "limit", "order", "payloads"] as const;

/** GET /v1/jobs's filter; a limit above the master's listLimitMax is refused by the core. */
export function listFilterFromQuery(q: URLSearchParams): ListFilter {
  checkQuery(q, listParams);
  const state = q.get("state") || undefined;
  let status: JobStatus | undefined;
  if (state !== undefined) {
    status = parseStatus(state);
    if (status === undefined) throw invalidArgument(`state ${quote(state)} must be one of ${states.join(", ")}`);
  }
  const order = q.get("order") || undefined;
  if (order !== undefined && order !== "oldest" && order !== "newest") throw invalidArgument(`order ${quote(order)} must be oldest or newest`);
  return {
    queue: q.get("queue") || undefined,
    status,
    type: q.get("type") || undefined,
    search: q.get("search") || undefined,
    pageToken: q.get("cursor") || undefined,
    limit: intParam(q, "limit", 0, Number.MAX_SAFE_INTEGER) || undefined,
    newestFirst: order === "newest",
  };
}
