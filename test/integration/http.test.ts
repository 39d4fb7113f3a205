// The HTTP API against a real in-process master (gRPC and HTTP over one
// runtime, admin token file): every route, bad input, the error mapping,
// every role against every route (the same rule as the RPC it mirrors),
// server-sent events with resume, dashboard sessions with CSRF, the
// Host/Origin defences, health and metrics.

import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { connect } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Client } from "../../src/client/client.ts";
import type { Role } from "../../src/core/auth.ts";
import { rpcRules } from "../../src/master/auth.ts";
import { LooseRpc, startTestMaster, type TestMaster, waitFor } from "../helpers/master.ts";
import { parsePromText, seriesValue } from "../helpers/prom-text.ts";

const dir = mkdtempSync(join(tmpdir(), "falconq-http-"));
const tokenFile = join(dir, "admin.token");
const bodyMax = 64 * 1024;
let m: TestMaster;
let base: string;
let admin: string;
let client: Client;
let rpc: LooseRpc;
const tokens = {} as Record<Role | "mailViewer", string>;

beforeAll(async () => {
  m = await startTestMaster({ http: true, adminTokenFile: tokenFile, extra: { httpBodyBytesMax: bodyMax, httpHeartbeatMs: 150 } });
  base = `http://127.0.0.1:${m.master.httpPort}`;
  admin = readFileSync(tokenFile, "utf8").trim();
  client = new Client({ master: m.address, token: admin, retryDeadlineMs: 0 });
  rpc = new LooseRpc(m.address, { token: admin });
  for (const role of ["producer", "worker", "viewer", "admin"] as const) tokens[role] = (await client.createToken({ name: `t-${role}`, role })).token;
  tokens.mailViewer = (await client.createToken({ name: "mail-viewer", role: "viewer", queues: ["mail.*"] })).token;
});

afterAll(async () => {
  client.close();
  rpc.close();
  await m[Symbol.asyncDispose]();
  rmSync(dir, { recursive: true, force: true });
});

interface Call {
  token?: string | null;
  body?: unknown;
  raw?: string;
  headers?: Record<string, string>;
}

// biome-ignore lint/suspicious/noExplicitAny: tests read replies loosely
async function api(method: string, path: string, c: Call = {}): Promise<{ status: number; body: any; headers: Headers }> {
  const headers: Record<string, string> = { ...c.headers };
  const token = c.token === undefined ? admin : c.token;
  if (token !== null) headers.authorization = `Bearer ${token}`;
  let body: string | undefined;
  if (c.raw !== undefined) body = c.raw;
  else if (c.body !== undefined) body = JSON.stringify(c.body);
  if (body !== undefined && headers["content-type"] === undefined) headers["content-type"] = "application/json";
  const r = await fetch(`${base}${path}`, { method, headers, body });
  const text = await r.text();
  let parsed: unknown = text;
  try {
    parsed = JSON.parse(text);
  } catch {}
  return { status: r.status, body: parsed, headers: r.headers };
}

const submit = async (job: object, token = admin) => (await api("POST", "/v1/jobs", { body: job, token })).body.job;

describe("health", () => {
  test("healthz and readyz answer without credentials", async () => {
    expect(await api("GET", "/healthz", { token: null })).toMatchObject({ status: 200, body: { status: "serving" } });
    expect(await api("GET", "/readyz", { token: null })).toMatchObject({ status: 200, body: { status: "serving" } });
    expect((await api("POST", "/healthz", { token: null })).status).toBe(405);
  });

  test("GET /metrics serves the master's own metrics in Prometheus text format, counting what was submitted", async () => {
    const before = parsePromText((await api("GET", "/metrics")).body as string);
    const was = seriesValue(before, "falconq_jobs_submitted_total", { queue: "metrics.q" }) ?? 0;
    await submit({ type: "t", queue: "metrics.q" });
    await submit({ type: "t", queue: "metrics.q" });
    const r = await api("GET", "/metrics");
    expect(r.status).toBe(200);
    expect(r.headers.get("content-type")).toContain("text/plain; version=0.0.4");
    const fams = parsePromText(r.body as string);
    expect(seriesValue(fams, "falconq_jobs_submitted_total", { queue: "metrics.q" })).toBe(was + 2);
    expect(seriesValue(fams, "falconq_jobs", { queue: "metrics.q", state: "pending" })).toBe(2);
  });
});

describe("jobs", () => {
  test("submit one job: a JSON payload comes back byte for byte, GET shows it the SDK's way", async () => {
    const raw = '{"n":12345678901234567890,"s":"x"}'; // beyond 2^53: only payloadBase64 sends it exactly
    const b64 = Buffer.from(raw).toString("base64");
    const r = await api("POST", "/v1/jobs", { raw: `{"type":"mail","queue":"mail.eu","payloadBase64":"${b64}","priority":5,"metadata":{"k":"v"}}` });
    expect(r.status).toBe(201);
    expect(r.body.duplicate).toBe(false);
    expect(r.body.job).toMatchObject({ queue: "mail.eu", type: "mail", state: "pending", priority: 5, attempt: 0, maxAttempts: 3, metadata: { k: "v" } });
    expect(r.body.job.payload).toBeUndefined(); // submit replies leave payloads out, like gRPC
    const text = await (await fetch(`${base}/v1/jobs/${r.body.job.id}`, { headers: { authorization: `Bearer ${admin}` } })).text();
    expect(text).toContain(`"payload":${raw}`);
    const got = JSON.parse(text).job;
    expect(got.createdAt).toBeGreaterThan(1.7e12);
    expect(got.logs).toEqual([]);
    // The gRPC API holds the same bytes.
    const viaGrpc = await rpc.call("GetJob", { job_id: r.body.job.id });
    expect(Buffer.from(viaGrpc.job.payload).toString()).toBe(raw);
  });

  test("payloadBase64 for bytes; result and payload come back base64 when not JSON", async () => {
    const bytes = Buffer.from([0, 255, 1, 2]);
    const j = await submit({ type: "bin", payloadBase64: bytes.toString("base64") });
    const got = (await api("GET", `/v1/jobs/${j.id}`)).body.job;
    expect(got.payloadBase64).toBe(bytes.toString("base64"));
    expect(got.payload).toBeUndefined();
  });

  test("idempotency key: the second submit is 200 and a duplicate", async () => {
    const a = await api("POST", "/v1/jobs", { body: { type: "once", idempotencyKey: "k1" } });
    const b = await api("POST", "/v1/jobs", { body: { type: "once", idempotencyKey: "k1" } });
    expect([a.status, b.status]).toEqual([201, 200]);
    expect(b.body).toMatchObject({ duplicate: true, job: { id: a.body.job.id } });
  });

  test("batch submit", async () => {
    const r = await api("POST", "/v1/jobs", { body: { jobs: [{ type: "a", payload: 1 }, { type: "b", queue: "q2" }] } });
    expect(r.status).toBe(200);
    expect(r.body.jobs.map((j: { type: string }) => j.type)).toEqual(["a", "b"]);
    expect(r.body.duplicate).toEqual([false, false]);
    expect(await api("POST", "/v1/jobs", { body: { jobs: [] } })).toMatchObject({ status: 400, body: { error: { message: "jobs must hold at least one job" } } });
  });

  test("bad input is 400 naming the problem; the core's messages are the gRPC ones", async () => {
    const bad = async (c: Call, message: RegExp | string, status = 400) => {
      const r = await api("POST", "/v1/jobs", c);
      expect(r.status).toBe(status);
      if (typeof message === "string") expect(r.body.error.message).toBe(message);
      else expect(r.body.error.message).toMatch(message);
      return r.body.error;
    };
    expect(await bad({ raw: "{bad" }, /^the body is not valid JSON/)).toMatchObject({ code: "INVALID_ARGUMENT" });
    await bad({ raw: "" , headers: { "content-type": "application/json" } }, "the body is empty; send a JSON object");
    await bad({ raw: "[1]" }, "job must be a JSON object");
    await bad({ body: { type: "a", priority: "high" } }, "job.priority must be a number");
    await bad({ body: { type: "a", removeOnFail: "yes" } }, "job.removeOnFail must be true or false");
    await bad({ body: { type: "a", priorty: 1 } }, /^job has an unknown field "priorty"/);
    await bad({ body: { type: "a", payload: 1, payloadBase64: "AA==" } }, "job: give payload or payloadBase64, not both");
    await bad({ body: { type: "a", payloadBase64: "%%%" } }, /payloadBase64 is not base64/);
    await bad({ body: { jobs: [{ type: "a" }, { type: 7 }] } }, "jobs[1].type must be a string");
    await bad({ raw: "{}", headers: { "content-type": "text/plain" } }, /Content-Type: application\/json/, 415);
    const big = await bad({ body: { type: "a", payload: "x".repeat(bodyMax) } }, /over 65536 bytes \(httpBodyBytesMax\)/, 413);
    expect(big.code).toBe("RESOURCE_EXHAUSTED");
    // The same spec over gRPC is refused with the same message.
    const http = await bad({ body: { type: "a", priority: 10_000_000 } }, /priority/);
    const grpc = await rpc.call("SubmitJob", { job: { type: "a", options: { priority: 10_000_000 } } }).catch((e) => e);
    expect(http.message).toBe(grpc.details);
    await bad({ body: { type: "bad type!" } }, /may hold only letters/);
  });

  test("list: filters, paging with a cursor, order, search, payloads; bad parameters are 400", async () => {
    for (let i = 0; i < 5; i++) await submit({ type: "page", queue: "paging", payload: { i, needle: i === 3 ? "hay-needle" : "hay" } });
    const p1 = await api("GET", "/v1/jobs?queue=paging&limit=2");
    expect(p1.status).toBe(200);
    expect(p1.body.jobs).toHaveLength(2);
    expect(p1.body.jobs[0].payload).toBeUndefined();
    const p2 = await api("GET", `/v1/jobs?queue=paging&limit=2&cursor=${p1.body.nextCursor}`);
    expect(p2.body.jobs[0].id > p1.body.jobs[1].id).toBe(true);
    const newest = await api("GET", "/v1/jobs?queue=paging&limit=1&order=newest&payloads=true");
    expect(newest.body.jobs[0].payload.i).toBe(4);
    const found = await api("GET", "/v1/jobs?queue=paging&search=hay-needle&payloads=true");
    expect(found.body.jobs.map((j: { payload: { i: number } }) => j.payload.i)).toEqual([3]);
    expect((await api("GET", "/v1/jobs?state=pending&type=page")).body.jobs).toHaveLength(5);
    expect((await api("GET", "/v1/jobs?state=done")).body.error.message).toBe('state "done" must be one of scheduled, pending, running, completed, failed, cancelled, waiting');
    expect((await api("GET", "/v1/jobs?qeue=x")).body.error.message).toMatch(/^unknown query parameter "qeue"/);
    expect((await api("GET", "/v1/jobs?limit=abc")).status).toBe(400);
    expect((await api("GET", "/v1/jobs?limit=100000")).body.error.message).toMatch(/limit is 100000; it must be between 1 and 1000/);
  });

  test("cancel, retry, promote, delete; error kinds map to statuses", async () => {
    const j = await submit({ type: "later", delayMs: 60_000 });
    expect(j.state).toBe("scheduled");
    expect((await api("POST", `/v1/jobs/${j.id}/promote`)).body.job.state).toBe("pending");
    const again = await api("POST", `/v1/jobs/${j.id}/promote`);
    expect(again).toMatchObject({ status: 409, body: { error: { code: "FAILED_PRECONDITION" } } });
    expect((await api("POST", `/v1/jobs/${j.id}/cancel`)).body.job.state).toBe("cancelled");
    expect((await api("POST", `/v1/jobs/${j.id}/retry`)).body.job.state).toBe("pending");
    expect((await api("DELETE", `/v1/jobs/${j.id}`)).status).toBe(200);
    expect(await api("GET", `/v1/jobs/${j.id}`)).toMatchObject({ status: 404, body: { error: { code: "NOT_FOUND" } } });
    expect((await api("POST", "/v1/jobs/bad%20id/cancel")).status).toBe(400);
    expect((await api("PUT", `/v1/jobs/${j.id}`)).status).toBe(405);
    expect((await api("PUT", `/v1/jobs/${j.id}`)).headers.get("allow")).toBe("GET, DELETE");
    expect((await api("GET", "/v1/nothing")).status).toBe(404);
  });

  test("stats, workers and their commands, queue pause and resume", async () => {
    const stats = (await api("GET", "/v1/stats")).body;
    expect(stats).toMatchObject({ version: "test", workers: expect.any(Number), jobsTotal: expect.any(Number) });
    const reg = m.master.broker.register({ hostname: "h", queues: ["wq"] });
    const workers = (await api("GET", "/v1/workers")).body.workers;
    expect(workers.map((w: { workerId: string }) => w.workerId)).toContain(reg.workerId);
    expect(await api("POST", `/v1/workers/${reg.workerId}/quiet`)).toMatchObject({ status: 200, body: { command: "quiet" } });
    expect(m.master.broker.heartbeat(reg.workerId, 0, []).commands).toEqual([{ quiet: true }]);
    expect((await api("POST", `/v1/workers/${reg.workerId}/stop`)).status).toBe(200);
    expect((await api("POST", "/v1/workers/nobody/stop")).status).toBe(404);
    expect(await api("POST", "/v1/queues/pq/pause")).toMatchObject({ status: 200, body: { queue: "pq", paused: true } });
    expect((await api("GET", "/v1/stats")).body.queues.find((q: { queue: string }) => q.queue === "pq").paused).toBe(true);
    expect((await api("POST", "/v1/queues/pq/resume")).status).toBe(200);
    expect((await api("POST", "/v1/queues/never-seen/resume")).status).toBe(404);
  });

  test("retry-failed retries a queue's FAILED jobs a page at a time", async () => {
    const b = m.master.broker;
    const reg = b.register({ hostname: "h", queues: ["rf"] }, "admin-file");
    for (let i = 0; i < 3; i++) await submit({ type: "f", queue: "rf", maxAttempts: 1 });
    const leases = await b.poll(reg.workerId, 3, 0);
    await b.ack(reg.workerId, leases.map((l) => ({ jobId: l.job.id, token: l.token, success: false, error: "boom" })));
    expect((await api("GET", "/v1/jobs?queue=rf&state=failed")).body.jobs).toHaveLength(3);
    const first = await api("POST", "/v1/queues/rf/retry-failed?limit=2");
    expect(first.body).toMatchObject({ queue: "rf", retried: 2 });
    expect(first.body.nextCursor).not.toBe("");
    const rest = await api("POST", `/v1/queues/rf/retry-failed?cursor=${first.body.nextCursor}`);
    expect(rest.body).toMatchObject({ retried: 1, nextCursor: "" });
    expect((await api("GET", "/v1/jobs?queue=rf&state=pending")).body.jobs).toHaveLength(3);
    expect((await api("POST", "/v1/queues/rf/retry-failed?limit=1001")).status).toBe(400);
  });
});

describe("groups, unique keys and debounce over HTTP", () => {
  test("a job's group and keys go in and come back; a held unique key returns the holder with the reason", async () => {
    const a = await api("POST", "/v1/jobs", { body: { type: "t", queue: "keys.q", group: "g1", unique: { key: "u1" } } });
    expect(a).toMatchObject({ status: 201, body: { duplicate: false, reason: "", job: { group: "g1", uniqueKey: "u1" } } });
    const b = await api("POST", "/v1/jobs", { body: { type: "t", queue: "keys.q", unique: { key: "u1" } } });
    expect(b).toMatchObject({ status: 200, body: { duplicate: true, job: { id: a.body.job.id } } });
    expect(b.body.reason).toContain(`held by job ${a.body.job.id}`);
    const d1 = await api("POST", "/v1/jobs", { body: { type: "t", queue: "keys.q", debounce: { key: "d1", delayMs: 60_000 } } });
    const d2 = await api("POST", "/v1/jobs", { body: { type: "t", queue: "keys.q", debounce: { key: "d1", delayMs: 60_000 } } });
    expect(d2.body).toMatchObject({ duplicate: true, reason: `debounced into job ${d1.body.job.id}`, job: { debounceKey: "d1" } });
    expect(await api("POST", "/v1/jobs", { body: { type: "t", unique: { key: "u", ttl: 5 } } })).toMatchObject({ status: 400, body: { error: { code: "INVALID_ARGUMENT" } } });
  });
});

describe("dependencies over HTTP", () => {
  test("a job submitted with dependsOn waits, shows its links, and runs once its dependency completes", async () => {
    const a = (await api("POST", "/v1/jobs", { body: { type: "t", queue: "deps.q" } })).body.job;
    const b = await api("POST", "/v1/jobs", { body: { type: "t", queue: "deps.q", dependsOn: [a.id], onDependencyFailure: "cancel" } });
    expect(b).toMatchObject({ status: 201, body: { job: { state: "waiting", dependsOn: [a.id], onDependencyFailure: "cancel", dependenciesUnfinished: 1 } } });
    expect((await api("GET", "/v1/stats")).body.queues.find((q: { queue: string }) => q.queue === "deps.q")).toMatchObject({ waiting: 1, pending: 1 });
    expect(await api("POST", "/v1/jobs", { body: { type: "t", dependsOn: "x" } })).toMatchObject({ status: 400, body: { error: { message: "job.dependsOn must be an array of job ids" } } });
    expect((await api("POST", "/v1/jobs", { body: { type: "t", dependsOn: ["01k8zzzzzzzzzzzz"] } })).status).toBe(400);
    expect((await api("POST", `/v1/jobs/${b.body.job.id}/cancel`)).body.job.state).toBe("cancelled");
  });
});

describe("queue limits", () => {
  test("PUT sets a queue's limits (absent keys unlimited), GET shows them with what holds the queue; bad bodies are 400", async () => {
    const put = await api("PUT", "/v1/queues/lim.q/limits", { body: { concurrency: 1, groupConcurrency: 1, rateCount: 10, ratePeriodMs: 60_000 } });
    expect(put).toMatchObject({ status: 200, body: { queue: "lim.q", limits: { concurrency: 1, groupConcurrency: 1, rateCount: 10, ratePeriodMs: 60_000, rateBurst: 0 } } });
    await submit({ type: "t", queue: "lim.q", group: "a" });
    await submit({ type: "t", queue: "lim.q", group: "b" });
    const got = await api("GET", "/v1/queues/lim.q/limits?top=5");
    expect(got).toMatchObject({ status: 200, body: { queue: "lim.q", limits: { concurrency: 1, rateCount: 10 }, groups: 2, readyGroups: 2 } });
    expect(got.body.topGroups.map((g: { group: string; pending: number }) => [g.group, g.pending]).sort()).toEqual([["a", 1], ["b", 1]]);
    expect(await api("PUT", "/v1/queues/lim.q/limits", { body: { concurency: 1 } })).toMatchObject({ status: 400, body: { error: { code: "INVALID_ARGUMENT" } } });
    expect(await api("PUT", "/v1/queues/lim.q/limits", { body: { concurrency: 1.5 } })).toMatchObject({ status: 400, body: { error: { message: "concurrency must be a whole number (0: unlimited)" } } });
    expect((await api("PUT", "/v1/queues/lim.q/limits", { body: { concurrency: -1 } })).status).toBe(400);
    expect((await api("PUT", "/v1/queues/lim.q/limits", { body: {} })).body.limits).toMatchObject({ concurrency: 0, rateCount: 0 });
  });
});

describe("authorization: each route follows its RPC's rule", () => {
  test("no token is 401; a bad token is 401", async () => {
    expect(await api("GET", "/v1/stats", { token: null })).toMatchObject({ status: 401, body: { error: { code: "UNAUTHENTICATED" } } });
    expect((await api("GET", "/v1/stats", { token: "fq_0123456789abcdef_nottherightsecretatall" })).status).toBe(401);
    expect((await api("GET", "/v1/whoami", { token: tokens.viewer })).body).toMatchObject({ via: "token", authRequired: true, grants: [{ role: "viewer" }] });
  });

  test("role × route", async () => {
    const j = await submit({ type: "m", queue: "matrix" });
    const routes: [string, string, keyof typeof rpcRules, unknown?][] = [
      ["POST", "/v1/jobs", "SubmitJob", { type: "m", queue: "matrix" }],
      ["GET", `/v1/jobs/${j.id}`, "GetJob"],
      ["GET", "/v1/jobs?queue=matrix", "ListJobs"],
      ["GET", "/v1/stats", "GetStats"],
      ["GET", "/v1/workers", "ListWorkers"],
      ["POST", "/v1/workers/nobody/quiet", "CommandWorker"],
      ["POST", `/v1/jobs/${j.id}/promote`, "PromoteJob"],
      ["POST", "/v1/queues/matrix/pause", "PauseQueue"],
      ["POST", "/v1/queues/matrix/resume", "ResumeQueue"],
      ["POST", "/v1/queues/matrix/retry-failed", "RetryJob"],
      ["GET", "/v1/queues/matrix/limits", "GetQueueLimits"],
      ["PUT", "/v1/queues/matrix/limits", "SetQueueLimits", { concurrency: 3 }],
      ["GET", "/v1/whoami", "WhoAmI"],
    ];
    for (const role of ["producer", "worker", "viewer", "admin"] as const) {
      for (const [method, path, rpc, body] of routes) {
        const r = await api(method, path, { token: tokens[role], body });
        const allowed = (rpcRules[rpc].roles as readonly string[]).includes(role);
        if (allowed) expect({ role, path, status: r.status }).not.toMatchObject({ status: 403 });
        else expect({ role, path, status: r.status, code: r.body.error?.code }).toEqual({ role, path, status: 403, code: "PERMISSION_DENIED" });
        if (!allowed) expect(r.body.error.message).toContain(`may not call ${rpc}`);
      }
    }
  });

  test("queue scopes: a viewer of mail.* reads mail.eu, not other queues nor every queue", async () => {
    const t = tokens.mailViewer;
    expect((await api("GET", "/v1/jobs?queue=mail.eu", { token: t })).status).toBe(200);
    expect((await api("GET", "/v1/jobs?queue=matrix", { token: t })).status).toBe(403);
    expect((await api("GET", "/v1/jobs", { token: t })).body.error.message).toMatch(/over every queue/);
    const other = await submit({ type: "m", queue: "matrix" });
    expect((await api("GET", `/v1/jobs/${other.id}`, { token: t })).status).toBe(403);
    expect((await api("GET", "/v1/stats", { token: t })).status).toBe(403); // scope "all"
  });
});

/** Reads SSE frames from a fetch response. */
class Sse {
  private buf = "";
  private readonly reader: { read(): Promise<{ done: boolean; value?: Uint8Array }> };
  private readonly dec = new TextDecoder();
  comments = 0;

  constructor(
    readonly res: Response,
    private readonly ac: AbortController,
  ) {
    this.reader = (res.body as ReadableStream<Uint8Array>).getReader();
  }

  static async open(query: string, o: { token?: string | null; lastId?: string; headers?: Record<string, string> } = {}): Promise<Sse> {
    const ac = new AbortController();
    const headers: Record<string, string> = { ...o.headers };
    const token = o.token === undefined ? admin : o.token;
    if (token !== null) headers.authorization = `Bearer ${token}`;
    if (o.lastId) headers["last-event-id"] = o.lastId;
    return new Sse(await fetch(`${base}/v1/events?${query}`, { headers, signal: ac.signal }), ac);
  }

  /** The next event (comments counted and skipped); undefined at the end of the stream. */
  async next(timeoutMs = 5000): Promise<{ event: string; id?: string; data: string } | undefined> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const cut = this.buf.indexOf("\n\n");
      if (cut !== -1) {
        const block = this.buf.slice(0, cut);
        this.buf = this.buf.slice(cut + 2);
        if (block.startsWith(":")) {
          this.comments++;
          continue;
        }
        const f: { event: string; id?: string; data: string } = { event: "message", data: "" };
        const data: string[] = [];
        for (const line of block.split("\n")) {
          const [k, ...v] = line.split(": ");
          if (k === "event") f.event = v.join(": ");
          else if (k === "id") f.id = v.join(": ");
          else if (k === "data") data.push(v.join(": "));
        }
        f.data = data.join("\n");
        return f;
      }
      const left = deadline - Date.now();
      if (left <= 0) throw new Error("no SSE event in time");
      const r = await Promise.race([this.reader.read(), Bun.sleep(left).then(() => "timeout" as const)]);
      if (r === "timeout") continue;
      if (r.done) return undefined;
      this.buf += this.dec.decode(r.value, { stream: true });
    }
  }

  async until(event: string): Promise<{ event: string; id?: string; data: string }> {
    for (;;) {
      const f = await this.next();
      if (f === undefined) throw new Error(`stream ended before ${event}`);
      if (f.event === event) return f;
    }
  }

  close(): void {
    this.ac.abort();
  }
}

describe("events", () => {
  test("job changes stream as they become durable; a reconnect with Last-Event-ID gets what it missed", async () => {
    const s = await Sse.open("queue=sse");
    expect(s.res.status).toBe(200);
    expect(s.res.headers.get("content-type")).toContain("text/event-stream");
    const ready = await s.until("ready");
    expect(ready.id).toMatch(/^[0-9a-f]+-\d+$/);
    const j = await submit({ type: "e", queue: "sse", payload: { secret: 1 } });
    const e1 = await s.until("job");
    expect(JSON.parse(e1.data)).toMatchObject({ id: j.id, state: "pending" });
    expect(e1.data).not.toContain("secret"); // events carry no payloads
    s.close();
    // Changes while away.
    await api("POST", `/v1/jobs/${j.id}/cancel`);
    const k = await submit({ type: "e", queue: "sse" });
    const back = await Sse.open("queue=sse", { lastId: e1.id });
    const missed = [await back.next(), await back.next()];
    expect(missed.map((f) => [f?.event, JSON.parse(f?.data ?? "{}").id, JSON.parse(f?.data ?? "{}").state])).toEqual([
      ["job", j.id, "cancelled"],
      ["job", k.id, "pending"],
    ]);
    expect((await back.next())?.event).toBe("ready");
    // Heartbeats are comments.
    await waitFor(async () => {
      await Promise.race([back.next(300).catch(() => undefined), Bun.sleep(300)]);
      return back.comments > 0;
    }, 5000, "a heartbeat");
    back.close();
    // ?since= works like Last-Event-ID; an id from elsewhere is a reset.
    const since = await Sse.open(`queue=sse&since=${e1.id}`);
    expect((await since.next())?.event).toBe("job");
    since.close();
    const reset = await Sse.open("queue=sse", { lastId: "deadbeef-1" });
    expect(await reset.next()).toMatchObject({ event: "reset" });
    expect((await reset.next())?.event).toBe("ready");
    reset.close();
    // A filter not recorded when the id was issued cannot resume.
    const other = await Sse.open("queue=sse-other", { lastId: e1.id });
    expect((await other.next())?.event).toBe("reset");
    other.close();
  });

  test("more changes while away than the ring keeps is a reset", async () => {
    const s = await Sse.open("queue=sse-many");
    const ready = await s.until("ready");
    s.close();
    await api("POST", "/v1/jobs", { body: { jobs: Array.from({ length: 1001 }, () => ({ type: "e", queue: "sse-many" })) } });
    const back = await Sse.open("queue=sse-many", { lastId: ready.id });
    const first = await back.next();
    expect(first?.event).toBe("reset");
    expect(JSON.parse(first?.data ?? "{}").reason).toMatch(/^more changes happened since that event than the master keeps \(1000 events/);
    back.close();
  });

  test("?jobs= watches ids; authorization is WatchJobs's; a revoked token ends the stream", async () => {
    const j = await submit({ type: "e", queue: "mail.watch" });
    expect((await Sse.open("queue=mail.watch", { token: tokens.worker })).res.status).toBe(403);
    expect((await Sse.open("queue=other", { token: tokens.mailViewer })).res.status).toBe(403);
    expect((await Sse.open("", {})).res.status).toBe(400);
    const { token, info } = await client.createToken({ name: "watcher", role: "viewer", queues: ["mail.*"] });
    const s = await Sse.open(`jobs=${j.id}`, { token });
    await s.until("ready");
    await api("POST", `/v1/jobs/${j.id}/cancel`);
    expect(JSON.parse((await s.until("job")).data).state).toBe("cancelled");
    await client.revokeToken(info.id);
    const end = await s.until("error");
    expect(JSON.parse(end.data).error.code).toBe("UNAUTHENTICATED");
    expect(await s.next()).toBeUndefined();
  });
});

describe("a slow event reader", () => {
  test("is cut off once it is watchBacklogEventsMax events behind, like WatchJobs", async () => {
    const warns: string[] = [];
    const log = { debug() {}, info() {}, warn: (s: string) => warns.push(s), error: (s: string) => warns.push(s) };
    await using slow = await startTestMaster({ http: true, extra: { log } });
    const port = slow.master.httpPort as number;
    const sock = connect(port, "127.0.0.1");
    await new Promise((r) => sock.once("connect", r));
    sock.write(`GET /v1/events?queue=slow HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\n\r\n`);
    sock.pause(); // never reads
    await Bun.sleep(100);
    try {
      for (let i = 0; i < 4 && warns.length === 0; i++) {
        await slow.master.broker.submit(Array.from({ length: 10_000 }, () => ({ type: "t", queue: "slow" })), true);
        await Bun.sleep(200);
      }
      expect(warns).toEqual(["http: event stream cut off: event reader fell 10000 events behind; reconnect with Last-Event-ID"]);
    } finally {
      sock.destroy();
    }
  });
});

describe("dashboard sessions", () => {
  const login = async (token: string) => {
    const r = await fetch(`${base}/v1/session`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ token }) });
    const cookie = (r.headers.get("set-cookie") ?? "").split(";")[0] as string;
    // biome-ignore lint/suspicious/noExplicitAny: read loosely
    return { r, body: (await r.json()) as any, cookie };
  };

  test("a token buys a cookie; state changes need the CSRF token; logout ends it", async () => {
    const { r, body, cookie } = await login(tokens.admin);
    expect(r.status).toBe(200);
    const set = r.headers.get("set-cookie") as string;
    expect(set).toMatch(/^falconq_session=[A-Za-z0-9_-]{43}; HttpOnly; SameSite=Strict; Path=\//);
    expect(set).not.toContain("Secure"); // plaintext loopback
    expect(body.whoami).toMatchObject({ via: "token", grants: [{ role: "admin" }] });
    const viaCookie = (method: string, path: string, headers: Record<string, string> = {}) =>
      api(method, path, { token: null, headers: { cookie, ...headers } });
    expect((await viaCookie("GET", "/v1/stats")).status).toBe(200);
    const noCsrf = await viaCookie("POST", "/v1/queues/sess/pause");
    expect(noCsrf).toMatchObject({ status: 403, body: { error: { code: "PERMISSION_DENIED" } } });
    expect(noCsrf.body.error.message).toMatch(/X-CSRF-Token/);
    expect((await viaCookie("POST", "/v1/queues/sess/pause", { "x-csrf-token": "wrong" })).status).toBe(403);
    expect((await viaCookie("POST", "/v1/queues/sess/pause", { "x-csrf-token": body.csrfToken })).status).toBe(200);
    expect((await viaCookie("DELETE", "/v1/session", { "x-csrf-token": body.csrfToken })).status).toBe(200);
    expect((await viaCookie("GET", "/v1/stats")).status).toBe(401);
  });

  test("a bad token buys nothing; revoking the token ends its sessions", async () => {
    expect((await login("fq_0123456789abcdef_nottherightsecretatall")).r.status).toBe(401);
    expect((await login("")).r.status).toBe(400);
    const { token, info } = await client.createToken({ name: "dash", role: "viewer" });
    const { cookie } = await login(token);
    expect((await api("GET", "/v1/stats", { token: null, headers: { cookie } })).status).toBe(200);
    await client.revokeToken(info.id);
    expect((await api("GET", "/v1/stats", { token: null, headers: { cookie } })).status).toBe(401);
  });
});

describe("Host and Origin checks", () => {
  test("a foreign Host is refused (DNS rebinding); a state change from a foreign Origin is refused", async () => {
    const host = await api("GET", "/v1/stats", { headers: { host: "evil.example:8080" } });
    expect(host).toMatchObject({ status: 403, body: { error: { code: "PERMISSION_DENIED" } } });
    expect(host.body.error.message).toMatch(/--http-allowed-hosts/);
    expect((await api("GET", "/v1/stats", { headers: { host: `localhost:${m.master.httpPort}` } })).status).toBe(200);
    const origin = await api("POST", "/v1/queues/o/pause", { headers: { origin: "http://evil.example" } });
    expect(origin.status).toBe(403);
    expect((await api("POST", "/v1/queues/o/pause", { headers: { origin: base } })).status).toBe(200);
    expect((await api("GET", "/v1/stats", { headers: { origin: "http://evil.example" } })).status).toBe(200); // reads are not state changes
    expect((await api("POST", "/v1/queues/o/resume", { headers: { "sec-fetch-site": "cross-site" } })).status).toBe(403);
    // Health stays open to probes whatever Host they send.
    expect((await api("GET", "/healthz", { token: null, headers: { host: "10.0.0.7:8080" } })).status).toBe(200);
  });
});

describe("a master without authentication", () => {
  test("callers are the anonymous admin, the Host/Origin checks still apply, metrics are open", async () => {
    await using open = await startTestMaster({
      http: true,
      extra: { metrics: async () => ({ text: "falconq_up 1\n", contentType: "text/plain; version=0.0.4" }) },
    });
    const u = `http://127.0.0.1:${open.master.httpPort}`;
    expect(await (await fetch(`${u}/v1/whoami`)).json()).toMatchObject({ via: "anonymous", authRequired: false });
    const metrics = await fetch(`${u}/metrics`);
    expect([metrics.status, metrics.headers.get("content-type"), await metrics.text()]).toEqual([200, "text/plain; version=0.0.4", "falconq_up 1\n"]);
    expect((await fetch(`${u}/v1/jobs`, { headers: { host: "attacker.example" } })).status).toBe(403);
    const r = await fetch(`${u}/v1/jobs`, { method: "POST", headers: { origin: "http://attacker.example", "content-type": "application/json" }, body: '{"type":"x"}' });
    expect(r.status).toBe(403);
  });

  test("metrics need viewer on a master that authenticates", async () => {
    const file = join(dir, "metrics.token");
    await using sec = await startTestMaster({
      http: true,
      adminTokenFile: file,
      extra: { metrics: async () => ({ text: "falconq_up 1\n", contentType: "text/plain; version=0.0.4" }) },
    });
    const u = `http://127.0.0.1:${sec.master.httpPort}/metrics`;
    const t = readFileSync(file, "utf8").trim();
    expect((await fetch(u)).status).toBe(401);
    expect((await fetch(u, { headers: { authorization: `Bearer ${t}` } })).status).toBe(200);
  });
});
