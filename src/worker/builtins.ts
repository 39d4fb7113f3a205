// Handlers every worker has (unless disabled): small, dependency-free types
// for smoke tests, demos and benchmarks. `shell` runs commands on the
// worker's machine, so it exists only when the operator allows it; otherwise
// the type is not advertised and the master never hands such a job here.

import { type Handler, NonRetryableError } from "./handler.ts";
import { shellHandler } from "./shell.ts";

function record(data: unknown): Record<string, unknown> {
  return typeof data === "object" && data !== null && !Array.isArray(data) ? (data as Record<string, unknown>) : {};
}

function nonNegative(data: unknown, field: string): number {
  const v = record(data)[field] ?? 0;
  if (typeof v !== "number" || !Number.isFinite(v) || v < 0) {
    throw new NonRetryableError(`payload field "${field}" must be a number >= 0, got ${JSON.stringify(v)}`);
  }
  return v;
}

/** Does nothing; the job completes with no result. */
export const noop: Handler = () => undefined;

/** Completes with the payload itself (parsed JSON, or null when the payload is not JSON). */
export const echo: Handler = (job) => job.data ?? null;

/** { ms }: waits that long; ends at once with the abort reason when the signal aborts. */
export const sleepHandler: Handler = (job, ctx) => {
  const ms = nonNegative(job.data, "ms");
  return new Promise<{ sleptMs: number }>((resolve, reject) => {
    if (ctx.signal.aborted) return reject(ctx.signal.reason);
    const onAbort = () => {
      clearTimeout(timer);
      reject(ctx.signal.reason);
    };
    const timer = setTimeout(() => {
      ctx.signal.removeEventListener("abort", onAbort);
      resolve({ sleptMs: ms });
    }, ms);
    ctx.signal.addEventListener("abort", onAbort, { once: true });
  });
};

/** { times }: attempts 1..times fail (retryable), later attempts succeed. For testing retries. */
export const fail: Handler = (job, ctx) => {
  const times = nonNegative(job.data, "times");
  if (ctx.attempt <= times) throw new Error(`failing on purpose: attempt ${ctx.attempt} of ${times} planned failures`);
  return { attempt: ctx.attempt };
};

export interface BuiltinOptions {
  /** noop, echo, sleep, fail. */
  core: boolean;
  allowShell: boolean;
}

export function builtinHandlers(o: BuiltinOptions): Map<string, Handler> {
  const m = new Map<string, Handler>();
  if (o.core) {
    m.set("noop", noop);
    m.set("echo", echo);
    m.set("sleep", sleepHandler);
    m.set("fail", fail);
  }
  if (o.allowShell) m.set("shell", shellHandler);
  return m;
}
