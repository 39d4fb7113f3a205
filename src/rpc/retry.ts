// The one retry loop for calls to a master: capped exponential backoff with
// full jitter (delay drawn uniformly from [0, min(max, base * 2^n))), so a
// fleet of workers reconnecting after a master restart spreads out instead
// of arriving together. Every wait ends early when the owner aborts.

export interface BackoffPolicy {
  baseMs: number;
  maxMs: number;
}

export const defaultBackoff: BackoffPolicy = { baseMs: 100, maxMs: 5000 };

/** The delay before retry number `n` (0-based). */
export function backoffDelayMs(n: number, p: BackoffPolicy, random: () => number = Math.random): number {
  const cap = Math.min(p.maxMs, p.baseMs * 2 ** Math.min(n, 30));
  return Math.floor(random() * cap);
}

/** Resolves after `ms`, or at once when `signal` aborts (never rejects). */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  if (signal?.aborted) return Promise.resolve();
  return new Promise((resolve) => {
    const done = () => {
      clearTimeout(timer);
      signal?.removeEventListener("abort", done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    signal?.addEventListener("abort", done, { once: true });
  });
}

/**
 * Waits for `p`, but at most `ms` and no longer than until `signal` aborts.
 * The timer is cleared however the wait ends, so a settled race leaves
 * nothing behind that keeps the process alive.
 */
export async function waitAtMost(p: Promise<unknown>, ms: number, signal?: AbortSignal): Promise<void> {
  if (signal?.aborted) return;
  const over = new AbortController();
  const onAbort = () => over.abort();
  signal?.addEventListener("abort", onAbort, { once: true });
  try {
    await Promise.race([p, sleep(ms, over.signal)]);
  } finally {
    over.abort();
    signal?.removeEventListener("abort", onAbort);
  }
}

export interface RetryOptions {
  policy: BackoffPolicy;
  retryable(e: unknown): boolean;
  /** Stops retrying: the last error is thrown. */
  signal?: AbortSignal;
  /** Give up (throw the last error) once this epoch-ms time has passed; default never. */
  giveUpAt?: number;
  onRetry?(e: unknown, attempt: number, delayMs: number): void;
}

/** Calls fn until it succeeds, fails with a non-retryable error, the signal aborts or time is up. */
export async function retrying<T>(fn: () => Promise<T>, o: RetryOptions): Promise<T> {
  const giveUpAt = o.giveUpAt ?? Number.POSITIVE_INFINITY;
  for (let n = 0; ; n++) {
    try {
      return await fn();
    } catch (e) {
      if (!o.retryable(e) || o.signal?.aborted || Date.now() >= giveUpAt) throw e;
      const delay = Math.min(backoffDelayMs(n, o.policy), Math.max(0, giveUpAt - Date.now()));
      o.onRetry?.(e, n, delay);
      await sleep(delay, o.signal);
      if (o.signal?.aborted) throw e;
    }
  }
}
