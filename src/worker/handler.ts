// What a job handler sees. A handler is a plain function of the job and a
// context; its return value becomes the job's result (JSON-encoded) and a
// thrown error fails the attempt. NonRetryableError fails the job for good.

import { parseJson } from "../core/json.ts";
import type { Logger } from "../core/log.ts";
import type { JobView } from "../core/types.ts";

/**
 * The job as a handler sees it. `data` is the payload parsed as JSON, or
 * undefined when it is not JSON; `In` is what the handler says it is, not
 * checked at run time.
 */
export interface JobContextJob<In = unknown> {
  id: string;
  type: string;
  queue: string;
  /** Its group (JobOptions.group); "" for none. */
  group: string;
  payload: Uint8Array;
  data: In;
  attempt: number;
  maxAttempts: number;
  metadata: Record<string, string>;
}

/** The per-job logger a handler gets: the one Logger interface. */
export type HandlerLog = Logger;

export interface HandlerContext {
  /** Aborted on timeout, cancellation, lost lease or worker shutdown; `signal.reason` says which. */
  signal: AbortSignal;
  /** 1 for the first execution of the job. */
  attempt: number;
  /** Stores a progress value on the job (JSON-encoded). Never throws. */
  progress(p: number | object): Promise<void>;
  log: HandlerLog;
  /**
   * The jobs this one waited for (depends_on, or a flow node's children and
   * refs), in order, with their results; fetched from the master on the
   * first call (one request), [] for a job without dependencies.
   */
  dependencies(): Promise<DependencyInfo[]>;
}

/** A job a handler's job depended on, as ctx.dependencies() gives it. */
export interface DependencyInfo<R = unknown> {
  id: string;
  /** "" when the job is gone (removed by retention, remove_on_complete, or deleted). */
  type: string;
  /** Its state's name ("completed", "failed", "cancelled", …); "unknown" when the job is gone. */
  state: string;
  /** The raw result bytes (undefined when none, or omitted). */
  resultBytes: Uint8Array | undefined;
  /** The result parsed as JSON (the dependency's handler return value); undefined when none or not JSON. */
  result: R | undefined;
  error: string;
  /** The answer's result bytes ran out (4 MiB over all dependencies): fetch this one with GetJob. */
  resultOmitted: boolean;
}

/** `In`: the payload as JSON; `Out`: the result, JSON-encoded into the job's result. */
export type Handler<In = unknown, Out = unknown> = (job: JobContextJob<In>, ctx: HandlerContext) => Promise<Out> | Out;

/**
 * Any handler, whatever its payload type: a handler for a narrower `In`
 * accepts a job whose data is `never`, so typed handlers fit one map.
 */
export type AnyHandler = Handler<never, unknown>;

export type HandlerMap = Map<string, AnyHandler> | Record<string, AnyHandler>;

/**
 * The brand that marks an error as not retryable. It is a registered symbol,
 * so a NonRetryableError from another copy of the SDK (a handler module with
 * its own node_modules/falconq, or a bundled copy) carries the same one where
 * `instanceof` would see a different class.
 */
export const nonRetryableBrand: unique symbol = Symbol.for("falconq.NonRetryableError");

/** Thrown by a handler when retrying cannot help; the job goes straight to FAILED. */
export class NonRetryableError extends Error {
  declare readonly [nonRetryableBrand]: true;

  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = "NonRetryableError";
  }
}
// On the prototype, so subclasses and instances of every copy inherit it.
Object.defineProperty(NonRetryableError.prototype, nonRetryableBrand, { value: true });

/** Whether `e` is a NonRetryableError of any copy of the SDK: it carries the brand (own or inherited) set to true. */
export function isNonRetryable(e: unknown): boolean {
  return typeof e === "object" && e !== null && (e as { [nonRetryableBrand]?: unknown })[nonRetryableBrand] === true;
}

/** Branded like NonRetryableError, so a RateLimitedError of any copy of the SDK counts. */
export const rateLimitedBrand: unique symbol = Symbol.for("falconq.RateLimitedError");

/**
 * Thrown by a handler when a downstream service said "too many requests":
 * the job waits `retryAfterMs` as SCHEDULED and gets its attempt back (the
 * attempt does not count). With `pauseGroup`, no job of the same group
 * starts before then either (docs/flow-control.md).
 */
export class RateLimitedError extends Error {
  declare readonly [rateLimitedBrand]: true;
  readonly retryAfterMs: number;
  readonly pauseGroup: boolean;

  constructor(retryAfterMs: number, options?: { pauseGroup?: boolean; message?: string; cause?: unknown }) {
    super(options?.message ?? `rate limited: retry after ${retryAfterMs} ms`, { cause: options?.cause });
    this.name = "RateLimitedError";
    this.retryAfterMs = retryAfterMs;
    this.pauseGroup = options?.pauseGroup ?? false;
  }
}
Object.defineProperty(RateLimitedError.prototype, rateLimitedBrand, { value: true });

/** The wait a RateLimitedError (of any copy of the SDK) asks for, as a whole number of ms >= 1; undefined for any other error. */
export function rateLimitOf(e: unknown): { retryAfterMs: number; pauseGroup: boolean } | undefined {
  if (typeof e !== "object" || e === null || (e as { [rateLimitedBrand]?: unknown })[rateLimitedBrand] !== true) return undefined;
  const r = e as { retryAfterMs?: unknown; pauseGroup?: unknown };
  const ms = typeof r.retryAfterMs === "number" && Number.isFinite(r.retryAfterMs) ? Math.max(1, Math.ceil(r.retryAfterMs)) : 1000;
  return { retryAfterMs: ms, pauseGroup: r.pauseGroup === true };
}

/** The payload parsed as JSON; undefined when it is empty, not UTF-8 or not JSON. */

/** The handler's view of a job; `data` is parsed on first read, so handlers that never read it pay nothing. */
export function jobForHandler(j: JobView): JobContextJob {
  let parsed: { v: unknown } | undefined;
  return {
    id: j.id,
    type: j.type,
    queue: j.queue,
    group: j.group,
    payload: j.payload,
    get data() {
      parsed ??= { v: parseJson(j.payload) };
      return parsed.v;
    },
    attempt: j.attempt,
    maxAttempts: j.maxAttempts,
    metadata: j.metadata,
  };
}

/** Normalises a handler map to a Map, checking that every entry is a function. */
export function handlerMap(h: HandlerMap, origin = "handlers"): Map<string, Handler> {
  const entries = h instanceof Map ? [...h.entries()] : Object.entries(h);
  const out = new Map<string, Handler>();
  for (const [type, fn] of entries) {
    if (typeof fn !== "function") {
      throw new TypeError(`${origin}: handler for type "${type}" is a ${typeof fn}, not a function`);
    }
    // Safe: the worker hands every handler the job as it is; `In` was the handler's own claim.
    out.set(type, fn as Handler);
  }
  return out;
}
