// The HTTP adapter: a JSON API under /v1, server-sent events, health and
// metrics, on Bun.serve beside the gRPC port. It runs over the same Broker
// and the same Auth as the gRPC adapter, and decides who may call what from
// the same table (rpcRules in src/master/auth.ts): every /v1 route names the
// RPC it mirrors and goes through the same guard. Errors go through the one
// table in ./errors.ts. See docs/http.md.

import type { Server } from "bun";
import type { Identity } from "../core/auth.ts";
import { flowTopGroupsMax, httpBodyBytesMax, retryFailedBatchMax, sseHeartbeatMs } from "../core/config.ts";
import { noQueueLimits, type QueueLimits } from "../core/flow.ts";
import { invalidArgument, unauthenticated } from "../core/errors.ts";
import type { Logger } from "../core/log.ts";
import { quote } from "../core/text.ts";
import { type Auth, authorizeIdempotent, type CallGuard, guard, mayCallOn, type RpcName } from "../master/auth.ts";
import type { Broker } from "../master/broker.ts";
import { badMethod, forbidden, HttpError, notRoute, toHttpError, tooLarge } from "./errors.ts";
import { backlogMax, EventHub, frame, type SseEvent } from "./events.ts";
import {
  boolParam,
  checkKeys,
  checkQuery,
  intParam,
  isObject,
  jobJson,
  jobsJson,
  listFilterFromQuery,
  specFromJson,
  whoamiJson,
} from "./json.ts";
import { cookieValue, csrfMatches, type Session, Sessions, sessionCookie } from "./sessions.ts";

/** Certificate and key for TLS, re-read when `stamp` changes (the caller owns the files' format). */
export interface HttpTls {
  load(): { cert: string | Buffer; key: string | Buffer };
  /** Changes when the files change (mtime, size, inode). */
  stamp(): string;
  /** How often stamp is polled; default 5000 ms. */
  reloadIntervalMs?: number;
}

/** Routes of another component (the dashboard) for GET paths outside /v1; undefined falls through to 404. */
export type DashboardRoutes = (req: Request, path: string) => Response | undefined | Promise<Response | undefined>;

export interface HttpOptions {
  host: string;
  /** 0 picks a free port. */
  port: number;
  tls?: HttpTls;
  /** Throws UNAVAILABLE while the master recovers. */
  broker: () => Broker;
  auth: () => Auth;
  log: Logger;
  version: string;
  metrics?: () => Promise<{ text: string; contentType: string }>;
  dashboard?: DashboardRoutes;
  /** Host header values accepted besides the bind address and loopback names (DNS-rebinding defence). */
  allowedHosts?: readonly string[];
  /** Largest request body (default httpBodyBytesMax). */
  bodyBytesMax?: number;
  /** SSE heartbeat comment interval (default sseHeartbeatMs). */
  heartbeatMs?: number;
}

export interface RunningHttp {
  port: number;
  /** readyz answers 503 from now on (the master is shutting down). */
  stopping(): void;
  close(): Promise<void>;
}

const stateChanging = new Set(["POST", "PUT", "PATCH", "DELETE"]);
const jsonHeaders = {
  "content-type": "application/json; charset=utf-8",
  "cache-control": "no-store",
  "x-content-type-options": "nosniff",
};

function reply(status: number, body: string | object, headers: Record<string, string> = {}): Response {
  return new Response(typeof body === "string" ? body : JSON.stringify(body), { status, headers: { ...jsonHeaders, ...headers } });
}

/** What a route handler gets. */
interface Ctx {
  req: Request;
  query: URLSearchParams;
  params: string[];
  b: Broker;
  who: Identity;
  g: CallGuard;
  json(): Promise<unknown>;
}

interface Route {
  /** Path segments; ":" marks a parameter. */
  path: string[];
  method: string;
  rpc: RpcName;
  /** Query parameters it takes (others are refused). */
  query?: readonly string[];
  run(c: Ctx): Response | Promise<Response>;
}

const jobReply = (j: Parameters<typeof jobJson>[0], withPayload: boolean, status = 200) => reply(status, `{"job":${jobJson(j, withPayload)}}`);

const limitKeys = [
  "concurrency",
  "groupConcurrency",
  "rateCount",
  "ratePeriodMs",
  "rateBurst",
  "groupRateCount",
  "groupRatePeriodMs",
  "groupRateBurst",
] as const satisfies readonly (keyof QueueLimits)[];

/** A PUT body of queue limits: any of limitKeys, whole numbers; the core checks their ranges. Absent keys are 0 (unlimited). */
function limitsFromJson(v: unknown): QueueLimits {
  if (!isObject(v)) throw invalidArgument("the body must be a JSON object of limits (see docs/http.md)");
  checkKeys("the body", v, new Set(limitKeys));
  const out = { ...noQueueLimits };
  for (const k of limitKeys) {
    const x = v[k];
    if (x === undefined) continue;
    if (typeof x !== "number" || !Number.isSafeInteger(x)) throw invalidArgument(`${k} must be a whole number (0: unlimited)`);
    out[k] = x;
  }
  return out;
}

function decodeSegment(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    throw invalidArgument(`the path segment ${quote(s)} is not valid percent-encoding`);
  }
}

/** Every /v1 route, each with the RPC whose rule authorizes it. */
function routes(version: string, authRequired: () => boolean): Route[] {
  const jobAction = (action: string, rpc: RpcName, fn: (b: Broker, id: string) => Promise<Parameters<typeof jobJson>[0]>): Route => ({
    path: ["v1", "jobs", ":", action],
    method: "POST",
    rpc,
    run: async (c) => {
      const id = c.params[0] as string;
      c.g.queues([c.b.get(id).queue]);
      return jobReply(await fn(c.b, id), false);
    },
  });
  return [
    {
      path: ["v1", "jobs"],
      method: "POST",
      rpc: "SubmitJob",
      run: async (c) => {
        const body = await c.json();
        const dq = c.b.defaultQueue;
        if (isObject(body) && "jobs" in body) {
          checkKeys("the body", body, new Set(["jobs"]));
          if (!Array.isArray(body.jobs)) throw invalidArgument("jobs must be an array of job objects");
          if (body.jobs.length === 0) throw invalidArgument("jobs must hold at least one job");
          const specs = body.jobs.map((s, i) => specFromJson(s, `jobs[${i}]`));
          const g = guard(c.who, "SubmitJobs");
          g.queues(new Set(specs.map((s) => s.queue ?? dq)));
          authorizeIdempotent(c.who, "SubmitJobs", specs, (k) => c.b.idempotencyQueue(k), true);
          c.g.queues([]);
          const res = await c.b.submit(specs, true);
          return reply(
            200,
            `{"jobs":${jobsJson(
              res.map((r) => r.job),
              false,
            )},"duplicate":${JSON.stringify(res.map((r) => r.duplicate))},"reason":${JSON.stringify(res.map((r) => r.reason))}}`,
          );
        }
        const spec = specFromJson(body, "job");
        c.g.queues([spec.queue ?? dq]);
        authorizeIdempotent(c.who, "SubmitJob", [spec], (k) => c.b.idempotencyQueue(k), false);
        const [res] = await c.b.submit([spec]);
        return reply(res!.duplicate ? 200 : 201, `{"job":${jobJson(res!.job, false)},"duplicate":${res!.duplicate},"reason":${JSON.stringify(res!.reason)}}`);
      },
    },
    {
      path: ["v1", "jobs"],
      method: "GET",
      rpc: "ListJobs",
      query: ["state", "queue", "type", "search", "cursor", "limit", "order", "payloads"],
      run: (c) => {
        const f = listFilterFromQuery(c.query);
        const payloads = boolParam(c.query, "payloads");
        if (f.queue) c.g.queues([f.queue]);
        else c.g.everyQueue();
        const page = c.b.list(f, payloads);
        return reply(
          200,
          `{"jobs":${jobsJson(page.jobs, payloads)},"nextCursor":${JSON.stringify(page.nextPageToken)},"partial":${page.partial},"remaining":${page.remaining}}`,
        );
      },
    },
    {
      path: ["v1", "jobs", ":"],
      method: "GET",
      rpc: "GetJob",
      run: (c) => {
        const job = c.b.get(c.params[0] as string);
        c.g.queues([job.queue]);
        return jobReply(job, true);
      },
    },
    {
      path: ["v1", "jobs", ":"],
      method: "DELETE",
      rpc: "DeleteJob",
      run: async (c) => {
        const id = c.params[0] as string;
        c.g.queues([c.b.get(id).queue]);
        return jobReply(await c.b.delete(id), false);
      },
    },
    jobAction("cancel", "CancelJob", (b, id) => b.cancel(id)),
    jobAction("retry", "RetryJob", (b, id) => b.retry(id)),
    jobAction("promote", "PromoteJob", (b, id) => b.promote(id)),
    { path: ["v1", "stats"], method: "GET", rpc: "GetStats", run: (c) => reply(200, { ...c.b.stats(), version }) },
    { path: ["v1", "workers"], method: "GET", rpc: "ListWorkers", run: (c) => reply(200, { workers: c.b.listWorkers() }) },
    ...(["quiet", "stop"] as const).map(
      (cmd): Route => ({
        path: ["v1", "workers", ":", cmd],
        method: "POST",
        rpc: "CommandWorker",
        run: (c) => {
          const id = c.params[0] as string;
          c.b.command(id, cmd === "quiet" ? { quiet: true } : { shutdown: true });
          return reply(200, { workerId: id, command: cmd });
        },
      }),
    ),
    ...(["pause", "resume"] as const).map(
      (action): Route => ({
        path: ["v1", "queues", ":", action],
        method: "POST",
        rpc: action === "pause" ? "PauseQueue" : "ResumeQueue",
        run: async (c) => {
          const queue = c.params[0] as string;
          c.g.queues([queue]);
          await c.b.setPaused(queue, action === "pause");
          return reply(200, { queue, paused: action === "pause" });
        },
      }),
    ),
    {
      // No RPC twin: it is RetryJob on every FAILED job of the queue, a page at a time.
      path: ["v1", "queues", ":", "retry-failed"],
      method: "POST",
      rpc: "RetryJob",
      query: ["cursor", "limit"],
      run: async (c) => {
        const queue = c.params[0] as string;
        c.g.queues([queue]);
        const limit = intParam(c.query, "limit", 1, retryFailedBatchMax) ?? retryFailedBatchMax;
        const r = await c.b.retryFailed(queue, c.query.get("cursor") || undefined, limit);
        return reply(200, { queue, retried: r.retried, nextCursor: r.nextCursor });
      },
    },
    {
      path: ["v1", "queues", ":", "limits"],
      method: "GET",
      rpc: "GetQueueLimits",
      query: ["top"],
      run: (c) => {
        const queue = c.params[0] as string;
        c.g.queues([queue]);
        return reply(200, c.b.queueFlow(queue, intParam(c.query, "top", 1, flowTopGroupsMax)));
      },
    },
    {
      path: ["v1", "queues", ":", "limits"],
      method: "PUT",
      rpc: "SetQueueLimits",
      run: async (c) => {
        const queue = c.params[0] as string;
        c.g.queues([queue]);
        const limits = await c.b.setLimits(queue, limitsFromJson(await c.json()));
        return reply(200, { queue, limits });
      },
    },
    { path: ["v1", "whoami"], method: "GET", rpc: "WhoAmI", run: (c) => reply(200, whoamiJson(c.who, authRequired())) },
  ];
}

function match(route: Route, segs: string[]): string[] | undefined {
  if (route.path.length !== segs.length) return undefined;
  const params: string[] = [];
  for (let i = 0; i < segs.length; i++) {
    const p = route.path[i] as string;
    if (p === ":") params.push(decodeSegment(segs[i] as string));
    else if (p !== segs[i]) return undefined;
  }
  return params;
}

/** "host:port" of a Host header → the host part, lower-cased ("[::1]" keeps its brackets). */
function hostPart(host: string): string {
  const h = host.toLowerCase();
  if (h.startsWith("[")) {
    const end = h.indexOf("]");
    return end === -1 ? h : h.slice(0, end + 1);
  }
  const cut = h.lastIndexOf(":");
  return cut === -1 ? h : h.slice(0, cut);
}

const wildcardHosts = new Set(["0.0.0.0", "::", "[::]", ""]);

export async function startHttp(o: HttpOptions): Promise<RunningHttp> {
  const log = o.log;
  const bodyMax = o.bodyBytesMax ?? httpBodyBytesMax;
  const heartbeatMs = o.heartbeatMs ?? sseHeartbeatMs;
  const sessions = new Sessions();
  const table = routes(o.version, () => o.auth().required);
  const anyHost = wildcardHosts.has(o.host);
  const bind = o.host.includes(":") && !o.host.startsWith("[") ? `[${o.host}]` : o.host;
  const allowed = new Set(["localhost", "127.0.0.1", "[::1]", bind.toLowerCase(), ...(o.allowedHosts ?? []).map((h) => h.toLowerCase())]);
  let hub: EventHub | undefined;
  let hubBroker: Broker | undefined;
  const streams = new Set<() => void>();
  let stopping = false;
  const onInternal = (e: unknown) => log.error(`http: internal error: ${(e as Error)?.stack ?? String(e)}`);

  const peerOf = (req: Request, server: Server<undefined>): string => {
    const a = server.requestIP(req);
    if (a === null) return "unknown";
    return a.family === "IPv6" ? `[${a.address}]:${a.port}` : `${a.address}:${a.port}`;
  };

  /** DNS-rebinding and cross-site defence: Host must name this master; a state change must come from its own origin. */
  const checkOrigin = (req: Request): void => {
    const host = req.headers.get("host");
    if (host === null) throw forbidden("the request has no Host header");
    if (!anyHost && !allowed.has(hostPart(host))) {
      throw forbidden(`Host ${quote(host)} is not an address of this master; add it with --http-allowed-hosts`);
    }
    if (!stateChanging.has(req.method)) return;
    const origin = req.headers.get("origin");
    if (origin !== null) {
      let oh: string;
      try {
        oh = new URL(origin).host.toLowerCase();
      } catch {
        oh = "";
      }
      if (oh !== host.toLowerCase()) throw forbidden(`a ${req.method} from origin ${quote(origin)} is refused: it is not this master's own origin`);
    } else if (req.headers.get("sec-fetch-site") === "cross-site") {
      throw forbidden(`a cross-site ${req.method} is refused`);
    }
  };

  /** The caller: bearer token, else the session cookie (CSRF-checked on a state change), else anonymous. */
  const identify = (req: Request, peer: string): { who: Identity; session?: Session } => {
    const auth = o.auth();
    const authorization = req.headers.get("authorization");
    if (authorization !== null && authorization !== "") return { who: auth.authenticate({ authorization, peer }) };
    const cookie = cookieValue(req.headers.get("cookie"), sessionCookie);
    if (cookie !== undefined && cookie !== "") {
      const s = sessions.get(cookie);
      if (s === undefined) throw unauthenticated("the session expired or was ended; log in again (POST /v1/session)");
      if (stateChanging.has(req.method) && !csrfMatches(s, req.headers.get("x-csrf-token"))) {
        throw forbidden("a request authenticated by the session cookie must send the session's X-CSRF-Token");
      }
      try {
        return { who: auth.authenticate({ authorization: `Bearer ${s.token}`, peer }), session: s };
      } catch (e) {
        sessions.delete(cookie);
        throw e;
      }
    }
    return { who: auth.authenticate({ peer }) };
  };

  const readBody = async (req: Request): Promise<unknown> => {
    const len = req.headers.get("content-length");
    if (len !== null && Number(len) > bodyMax) throw tooLarge(bodyMax);
    const ct = req.headers.get("content-type") ?? "";
    if (!/^application\/json\s*(;|$)/i.test(ct)) {
      throw new HttpError(415, "INVALID_ARGUMENT", `the body must be JSON sent with "Content-Type: application/json" (got ${ct ? quote(ct) : "none"})`);
    }
    const chunks: Uint8Array[] = [];
    let n = 0;
    if (req.body !== null) {
      for await (const chunk of req.body as unknown as AsyncIterable<Uint8Array>) {
        n += chunk.byteLength;
        if (n > bodyMax) throw tooLarge(bodyMax);
        chunks.push(chunk);
      }
    }
    let text: string;
    try {
      text = new TextDecoder("utf-8", { fatal: true }).decode(Buffer.concat(chunks));
    } catch {
      throw invalidArgument("the body is not UTF-8 text");
    }
    if (text.trim() === "") throw invalidArgument("the body is empty; send a JSON object");
    try {
      return JSON.parse(text);
    } catch (e) {
      throw invalidArgument(`the body is not valid JSON: ${quote((e as Error).message)}`);
    }
  };

  const health = (ready: boolean): Response => {
    let b: Broker;
    try {
      b = o.broker();
    } catch {
      return reply(503, { status: "recovering" });
    }
    if (b.failed !== undefined) return reply(503, { status: "failed", error: "storage failed; the master stopped accepting writes" });
    if (ready && stopping) return reply(503, { status: "stopping" });
    return reply(200, { status: "serving" });
  };

  const session = async (req: Request, peer: string): Promise<Response> => {
    const secure = o.tls !== undefined ? "; Secure" : "";
    if (req.method === "DELETE") {
      const cookie = cookieValue(req.headers.get("cookie"), sessionCookie);
      if (cookie !== undefined && cookie !== "") {
        const s = sessions.get(cookie);
        if (s !== undefined && !csrfMatches(s, req.headers.get("x-csrf-token"))) {
          throw forbidden("logging out needs the session's X-CSRF-Token");
        }
        sessions.delete(cookie);
      }
      return reply(200, { loggedOut: true }, { "set-cookie": `${sessionCookie}=; HttpOnly; SameSite=Strict; Path=/; Max-Age=0${secure}` });
    }
    if (req.method !== "POST") throw badMethod(req.method, ["POST", "DELETE"]);
    const body = await readBody(req);
    if (!isObject(body)) throw invalidArgument("the body must be a JSON object { \"token\": \"fq_…\" }");
    checkKeys("the body", body, new Set(["token"]));
    if (typeof body.token !== "string" || body.token === "") throw invalidArgument("token must be a token string (fq_<id>_<secret>)");
    const who = o.auth().authenticate({ authorization: `Bearer ${body.token}`, peer });
    const { cookie, session: s } = sessions.create(body.token);
    const maxAge = Math.floor((s.expiresAt - Date.now()) / 1000);
    return reply(
      200,
      { csrfToken: s.csrf, expiresAt: s.expiresAt, whoami: whoamiJson(who, o.auth().required) },
      { "set-cookie": `${sessionCookie}=${cookie}; HttpOnly; SameSite=Strict; Path=/; Max-Age=${maxAge}${secure}` },
    );
  };

  const metrics = async (req: Request, peer: string): Promise<Response> => {
    if (req.method !== "GET") throw badMethod(req.method, ["GET"]);
    if (o.metrics === undefined) throw new HttpError(404, "NOT_FOUND", "metrics not enabled");
    o.broker();
    guard(identify(req, peer).who, "GetStats");
    const m = await o.metrics();
    return new Response(m.text, { status: 200, headers: { "content-type": m.contentType, "cache-control": "no-store" } });
  };

  const events = (req: Request, query: URLSearchParams, peer: string): Response => {
    if (req.method !== "GET") throw badMethod(req.method, ["GET"]);
    checkQuery(query, ["queue", "jobs", "since"]);
    const b = o.broker();
    const { who, session: s } = identify(req, peer);
    const g = guard(who, "WatchJobs");
    const queue = query.get("queue") || undefined;
    const jobIds = queue === undefined ? (query.get("jobs") ?? "").split(",").filter((x) => x !== "") : [];
    if (queue !== undefined && query.get("jobs")) throw invalidArgument("give queue or jobs, not both");
    if (queue === undefined && jobIds.length === 0) throw invalidArgument("give ?queue=Q or ?jobs=id1,id2 to watch");
    if (queue !== undefined) g.queues([queue]);
    else g.queues(b.queuesOf(jobIds));
    g.done();
    if (hub === undefined || hubBroker !== b) {
      hub?.close();
      hub = new EventHub(b);
      hubBroker = b;
    }
    const h = hub;
    const lastId = req.headers.get("last-event-id") || query.get("since") || undefined;
    // The credential must stay valid: re-checked at most once a second while events flow, and at every heartbeat.
    const token = req.headers.get("authorization");
    let checkedAt = Date.now();
    const stillValid = (): boolean => {
      if (who.via !== "token" && s === undefined) return true;
      if (Date.now() - checkedAt < 1000) return true;
      checkedAt = Date.now();
      try {
        o.auth().authenticate({ authorization: s !== undefined ? `Bearer ${s.token}` : (token as string), peer });
        return true;
      } catch {
        return false;
      }
    };
    let ctrl!: ReadableStreamDefaultController<Uint8Array>;
    let ended = false;
    let close = () => {};
    let timer: ReturnType<typeof setInterval> | undefined;
    const end = (last?: Uint8Array) => {
      if (ended) return;
      ended = true;
      close();
      clearInterval(timer);
      streams.delete(endHere);
      try {
        if (last !== undefined) ctrl.enqueue(last);
        ctrl.close();
      } catch {
        // the client is gone already
      }
    };
    const endHere = () => end();
    const errorFrame = (code: string, message: string) => frame("error", JSON.stringify({ error: { code, message } }));
    const write = (chunk: Uint8Array): void => {
      if (ended) return;
      if ((ctrl.desiredSize ?? 1) <= 0) {
        const message = `event reader fell ${backlogMax} events behind; reconnect with Last-Event-ID`;
        log.warn(`http: event stream cut off: ${message}`);
        end(errorFrame("RESOURCE_EXHAUSTED", message));
        return;
      }
      ctrl.enqueue(chunk);
    };
    const stream = new ReadableStream<Uint8Array>(
      {
        start(c) {
          ctrl = c;
        },
        cancel() {
          end();
        },
      },
      new CountQueuingStrategy({ highWaterMark: backlogMax }),
    );
    // Ids may name jobs of other queues, or jobs not yet submitted (ids are predictable), and channels
    // are shared between callers: each event is authorized for this caller.
    const mayRead = (e: SseEvent) => mayCallOn(who, "WatchJobs", e.queue);
    const opened = h.open({ queue, jobIds }, (e) => {
      if (!stillValid()) return end(errorFrame("UNAUTHENTICATED", "the credential of this stream is no longer valid"));
      if (mayRead(e)) write(frame("job", e.json, h.idOf(e.seq)));
    }, lastId);
    close = opened.close;
    const r = opened.resume;
    if (r !== undefined && "reset" in r) write(frame("reset", JSON.stringify({ reason: r.reset })));
    else if (r !== undefined) for (const e of r.events) if (mayRead(e)) write(frame("job", e.json, h.idOf(e.seq)));
    write(frame("ready", "{}", h.idOf(h.current)));
    timer = setInterval(() => {
      if (!stillValid()) return end(errorFrame("UNAUTHENTICATED", "the credential of this stream is no longer valid"));
      write(new TextEncoder().encode(": heartbeat\n\n"));
    }, heartbeatMs);
    streams.add(endHere);
    return new Response(stream, {
      status: 200,
      headers: {
        "content-type": "text/event-stream; charset=utf-8",
        "cache-control": "no-store",
        "x-content-type-options": "nosniff",
        "x-accel-buffering": "no",
      },
    });
  };

  const handle = async (req: Request, server: Server<undefined>): Promise<Response> => {
    const url = new URL(req.url);
    const path = url.pathname;
    if (path === "/healthz" || path === "/readyz") {
      if (req.method !== "GET" && req.method !== "HEAD") throw badMethod(req.method, ["GET"]);
      return health(path === "/readyz");
    }
    checkOrigin(req);
    const peer = peerOf(req, server);
    if (path === "/metrics") return metrics(req, peer);
    if (path === "/v1/session") return session(req, peer);
    if (path === "/v1/events") return events(req, url.searchParams, peer);
    const segs = path.split("/").filter((s) => s !== "");
    const candidates = table.filter((r) => match(r, segs) !== undefined);
    if (candidates.length === 0) {
      if (segs[0] !== "v1" && o.dashboard !== undefined && (req.method === "GET" || req.method === "HEAD")) {
        const res = await o.dashboard(req, path);
        if (res !== undefined) return res;
      }
      throw notRoute(quote(path));
    }
    const route = candidates.find((r) => r.method === req.method);
    if (route === undefined) throw badMethod(req.method, candidates.map((r) => r.method));
    const params = match(route, segs) as string[];
    checkQuery(url.searchParams, route.query ?? []);
    const b = o.broker();
    const { who } = identify(req, peer);
    const g = guard(who, route.rpc);
    const res = await route.run({ req, query: url.searchParams, params, b, who, g, json: () => readBody(req) });
    g.done();
    return res;
  };

  const fetch = async (req: Request, server: Server<undefined>): Promise<Response> => {
    try {
      return await handle(req, server);
    } catch (e) {
      const r = toHttpError(e, onInternal);
      return reply(r.status, r.body, e instanceof HttpError && e.allow !== undefined ? { allow: e.allow } : {});
    }
  };

  const serve = (port: number, tls: { cert: string | Buffer; key: string | Buffer } | undefined): Server<undefined> => {
    try {
      return Bun.serve({
        hostname: o.host,
        port,
        fetch,
        // Our own limit answers first (413 with the JSON body); this is Bun's backstop.
        maxRequestBodySize: bodyMax + 1024 * 1024,
        // Event streams send a heartbeat well within this; other idle connections are closed.
        idleTimeout: 60,
        ...(tls && { tls }),
        error: (e) => {
          onInternal(e);
          return reply(500, { error: { code: "INTERNAL", message: "internal error; the master logged the cause" } });
        },
      });
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      throw new Error(`cannot listen on ${bind}:${port} (HTTP): ${code ? `${code} ` : ""}${(e as Error).message}`);
    }
  };

  let material = o.tls?.load();
  let server = serve(o.port, material);
  const port = server.port as number;
  let reloader: ReturnType<typeof setInterval> | undefined;
  if (o.tls !== undefined) {
    // Bun 1.4.5's server.reload() does not take new TLS material: a change starts a new listener on the
    // same port after the old one stops accepting (its open requests and event streams carry on).
    const t = o.tls;
    let stamp = t.stamp();
    reloader = setInterval(() => {
      const now = t.stamp();
      if (now === stamp) return;
      stamp = now;
      let next: { cert: string | Buffer; key: string | Buffer };
      try {
        next = t.load();
      } catch (e) {
        log.warn(`http: TLS reload failed, still serving the previous certificate: ${(e as Error).message}`);
        return;
      }
      const old = server;
      void old.stop(false);
      try {
        server = serve(port, next);
        material = next;
        log.info("http: TLS certificate reloaded");
      } catch (e) {
        // Never leave the port without a listener: serve the previous certificate again.
        log.error(`http: TLS reload could not listen with the new certificate, serving the previous one: ${(e as Error).message}`);
        try {
          server = serve(port, material);
        } catch (e2) {
          log.error(`http: could not listen again, retrying: ${(e2 as Error).message}`);
          stamp = ""; // the next check tries again
        }
      }
    }, t.reloadIntervalMs ?? 5000);
    reloader.unref?.();
  }

  let closing: Promise<void> | undefined;
  return {
    port,
    stopping: () => {
      stopping = true;
    },
    close: () => {
      closing ??= (async () => {
        stopping = true;
        clearInterval(reloader);
        for (const end of [...streams]) end();
        hub?.close();
        const s = server;
        await Promise.race([s.stop(false), new Promise((r) => setTimeout(r, 2000))]);
        await s.stop(true);
      })();
      return closing;
    },
  };
}
