// The dashboard's only way to the master: fetch against the HTTP JSON API
// (docs/http.md) on the same origin. The session cookie is HttpOnly and sent
// by the browser; the CSRF token lives in this module's memory only (never
// localStorage), so a reload logs in again unless GET /v1/session gives it
// back, and every state-changing request carries it in X-CSRF-Token.

export interface Grant {
  role: string;
  queues: string[];
}

export interface WhoAmI {
  name: string;
  via?: string;
  grants: Grant[];
  authRequired?: boolean;
}

export interface Job {
  id: string;
  queue: string;
  type: string;
  state: string;
  priority: number;
  attempt: number;
  maxAttempts: number;
  createdAt: number;
  runAt: number;
  startedAt: number;
  finishedAt: number;
  updatedAt: number;
  timeoutMs?: number;
  idempotencyKey?: string;
  metadata?: Record<string, string>;
  error?: string;
  workerId?: string;
  leaseDeadline?: number;
  logs?: string[];
  progress?: unknown;
  payload?: unknown;
  payloadBase64?: string;
  result?: unknown;
  resultBase64?: string;
  /** Workflows (docs/workflows.md). */
  parentId?: string;
  flowId?: string;
  dependsOn?: string[];
  onDependencyFailure?: string;
  dependenciesUnfinished?: number;
  batchId?: string;
}

export interface JobPage {
  jobs: Job[];
  next: string;
  partial: boolean;
  remaining: number;
}

export interface QueueStats {
  queue: string;
  paused: boolean;
  scheduled: number;
  pending: number;
  running: number;
  completed: number;
  failed: number;
  cancelled: number;
  /** WAITING for dependencies. */
  waiting: number;
  completedTotal: number;
  failedTotal: number;
  completedPerSec: number;
  failedPerSec: number;
  /** How long the longest-waiting PENDING job has been ready, ms (0: none waits). */
  oldestPendingAgeMs: number;
  /** Why no job starts now: "paused", "concurrency", "rate", or "" (flow-control.md). */
  heldBy: string;
  /** Groups with PENDING jobs. */
  readyGroups: number;
}

export interface Stats {
  queues: QueueStats[];
  jobsTotal: number;
  workers: number;
  uptimeMs: number;
  version: string;
  /** Submit-to-start over the master's most recent starts (up to 1000), ms. */
  waitMs: { samples: number; p50: number; p95: number; p99: number };
}

export interface Worker {
  workerId: string;
  hostname: string;
  pid: number;
  queues: string[];
  types: string[];
  concurrency: number;
  version: string;
  active: number;
  lastSeenAt: number;
  registeredAt: number;
  quiet: boolean;
}

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

let csrf = "";

export function setCsrf(token: string): void {
  csrf = token;
}

export function hasCsrf(): boolean {
  return csrf !== "";
}

/** Called when the server answers 401: the session ended. */
export let onUnauthenticated: () => void = () => {};
export function setOnUnauthenticated(f: () => void): void {
  onUnauthenticated = f;
}

export async function call<T>(method: string, path: string, body?: unknown): Promise<T> {
  const headers: Record<string, string> = { Accept: "application/json" };
  if (method !== "GET" && method !== "HEAD") headers["X-CSRF-Token"] = csrf;
  if (body !== undefined) headers["Content-Type"] = "application/json";
  const res = await fetch(path, {
    method,
    headers,
    body: body === undefined ? undefined : JSON.stringify(body),
    credentials: "same-origin",
    cache: "no-store",
  });
  const text = await res.text();
  let data: unknown;
  try {
    data = text === "" ? undefined : JSON.parse(text);
  } catch {
    data = undefined;
  }
  if (!res.ok) {
    const err = (data as { error?: { code?: string; message?: string } } | undefined)?.error;
    if (res.status === 401 && path !== "/v1/session") onUnauthenticated();
    throw new ApiError(res.status, err?.code ?? String(res.status), err?.message ?? (text || res.statusText));
  }
  return data as T;
}

const enc = encodeURIComponent;

export const api = {
  login: (token: string) => call<{ csrfToken: string; whoami: WhoAmI }>("POST", "/v1/session", { token }),
  logout: () => call<unknown>("DELETE", "/v1/session"),
  whoami: () => call<WhoAmI>("GET", "/v1/whoami"),
  stats: () => call<Stats>("GET", "/v1/stats"),
  async jobs(q: { state?: string; queue?: string; type?: string; search?: string; cursor?: string; limit: number; order?: string }): Promise<JobPage> {
    const p = new URLSearchParams();
    for (const [k, v] of Object.entries(q)) if (v !== undefined && v !== "") p.set(k, String(v));
    const r = await call<{ jobs: Job[]; nextCursor: string; partial: boolean; remaining: number }>("GET", `/v1/jobs?${p}`);
    return { jobs: r.jobs, next: r.nextCursor, partial: r.partial, remaining: r.remaining };
  },
  job: async (id: string): Promise<Job> => (await call<{ job: Job }>("GET", `/v1/jobs/${enc(id)}`)).job,
  submit: (spec: Record<string, unknown>) => call<{ job: Job; duplicate: boolean }>("POST", "/v1/jobs", spec),
  cancel: (id: string) => call<unknown>("POST", `/v1/jobs/${enc(id)}/cancel`),
  retry: (id: string) => call<unknown>("POST", `/v1/jobs/${enc(id)}/retry`),
  promote: (id: string) => call<unknown>("POST", `/v1/jobs/${enc(id)}/promote`),
  remove: (id: string) => call<unknown>("DELETE", `/v1/jobs/${enc(id)}`),
  workers: async (): Promise<Worker[]> => (await call<{ workers: Worker[] }>("GET", "/v1/workers")).workers,
  quiet: (id: string) => call<unknown>("POST", `/v1/workers/${enc(id)}/quiet`),
  stop: (id: string) => call<unknown>("POST", `/v1/workers/${enc(id)}/stop`),
  pause: (q: string) => call<unknown>("POST", `/v1/queues/${enc(q)}/pause`),
  resume: (q: string) => call<unknown>("POST", `/v1/queues/${enc(q)}/resume`),
  /** Retries the queue's failed jobs, one server batch after another. */
  async retryFailed(q: string): Promise<number> {
    let n = 0;
    let cursor = "";
    for (let i = 0; i < 10_000; i++) {
      const r = await call<{ retried: number; nextCursor: string }>("POST", `/v1/queues/${enc(q)}/retry-failed${cursor ? `?cursor=${enc(cursor)}` : ""}`);
      n += r.retried;
      if (!r.nextCursor) break;
      cursor = r.nextCursor;
    }
    return n;
  },
};

/** Whether a grant's queue pattern covers `queue` ("*" all; "name.*" or "name*" a prefix). */
export function patternCovers(pattern: string, queue: string): boolean {
  if (pattern === "*" || pattern === "") return true;
  if (pattern.endsWith("*")) return queue.startsWith(pattern.slice(0, -1));
  return pattern === queue;
}

/** Whether `who` holds `role` (or admin) on `queue`; without a queue, on any queue. */
export function can(who: WhoAmI | undefined, role: string, queue?: string): boolean {
  if (who === undefined) return false;
  return who.grants.some((g) => (g.role === role || g.role === "admin") && (queue === undefined || g.queues.length === 0 || g.queues.some((p) => patternCovers(p, queue))));
}
