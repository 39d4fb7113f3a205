// gRPC adapter for FalconQueueService. Each handler decodes the request,
// authenticates and authorizes the caller, makes one Broker call and encodes
// the answer: no business rule lives here. Errors go through the one table in
// src/rpc/errors.ts, so a client's input can never crash the master; requests
// that cannot be decoded are answered INVALID_ARGUMENT before any handler
// runs. Who may call what is the table in src/master/auth.ts: the wrapper
// checks the role before the handler runs, and a handler whose rule is
// scoped to queues must name them (ctx.queues / ctx.everyQueue) or the call
// fails, so no handler can forget its check.

import * as grpc from "@grpc/grpc-js";
import type { Identity } from "../core/auth.ts";
import type { Logger } from "../core/log.ts";
import { watchBacklogEventsMax } from "../core/config.ts";
import { invalidArgument } from "../core/errors.ts";
import { quote } from "../core/text.ts";
import {
  Auth,
  authorizeIdempotent,
  authorizeMint,
  authorizeQueues,
  authorizeRole,
  guard,
  mayCallOn,
  type PeerCertificate,
} from "../master/auth.ts";
import type { Broker } from "../master/broker.ts";
import {
  ackFromWire,
  ackOutcomeToWire,
  batchSpecFromWire,
  batchToWire,
  dependencyToWire,
  flowFromWire,
  commandToWire,
  identityToWire,
  jobToWire,
  leasesFromWire,
  leaseToWire,
  limitsFromWire,
  limitsToWire,
  queueFlowToWire,
  newestFirstFromWire,
  registrationToWire,
  retentionFromWire,
  scheduleSpecFromWire,
  scheduleToWire,
  specFromWire,
  statsToWire,
  statusFilterFromWire,
  tokenToWire,
  workerToWire,
} from "../rpc/convert.ts";
import { decodeFailure } from "../rpc/decode.ts";
import { toStatus } from "../rpc/errors.ts";
import type { FalconQueueServiceHandlers } from "../rpc/gen/falconqueue/v1/FalconQueueService";
import type { ServerRequestOf, ServerResponseOf, UnaryRpc } from "../rpc/wire.ts";

type Call<M extends UnaryRpc> = grpc.ServerUnaryCall<ServerRequestOf<M>, ServerResponseOf<M>>;

/** What authentication reads of any call, unary or streaming. */
type SurfaceCall = Pick<grpc.ServerUnaryCall<unknown, unknown>, "metadata" | "getPeer" | "getAuthContext">;

/** What a handler knows of its call. */
interface Ctx<M extends UnaryRpc> {
  call: Call<M>;
  who: Identity;
  /** Authorizes the call on these queues (PERMISSION_DENIED otherwise). */
  queues(names: Iterable<string>): void;
  /** Authorizes the call over every queue (a request that names none). */
  everyQueue(): void;
  /** Refuses acting as a worker another credential registered. */
  self(workerId: string): void;
}

type Handlers = {
  [M in UnaryRpc]: (req: ServerRequestOf<M>, ctx: Ctx<M>) => ServerResponseOf<M> | Promise<ServerResponseOf<M>>;
};

/** The broker and the authenticator, once recovery has finished; both throw UNAVAILABLE before. */
export interface ServiceDeps {
  broker: () => Broker;
  /** Absent: no credentials required, tokens still checked when presented (tests). */
  auth?: () => Auth;
  log: Logger;
  version: string;
  /** Reads the verified client certificate of a call, if any. */
  peerCertificate?: (call: SurfaceCall) => PeerCertificate | undefined;
}

/** Authenticates a call from its metadata, peer address and certificate. */
export function identify(d: ServiceDeps, call: SurfaceCall): Identity {
  const v = call.metadata.get("authorization")[0];
  return authOf(d).authenticate({
    authorization: typeof v === "string" ? v : undefined,
    certificate: d.peerCertificate?.(call),
    peer: call.getPeer(),
  });
}

const openAuths = new WeakMap<Broker, Auth>();

/** The deps' authenticator, or an open one over the broker's tokens. */
function authOf(d: ServiceDeps): Auth {
  if (d.auth !== undefined) return d.auth();
  const b = d.broker();
  let a = openAuths.get(b);
  if (a === undefined) {
    a = new Auth({ required: false, tokens: b.tokens, now: () => Date.now(), log: d.log });
    openAuths.set(b, a);
  }
  return a;
}

function internal(log: Logger): (err: unknown) => void {
  return (err) => log.error(`internal error: ${(err as Error)?.stack ?? String(err)}`);
}

function unary<M extends UnaryRpc>(name: M, fn: Handlers[M], d: ServiceDeps): grpc.handleUnaryCall<ServerRequestOf<M>, ServerResponseOf<M>> {
  return (call, callback) => {
    Promise.resolve()
      .then(() => {
        const bad = decodeFailure(call.request);
        if (bad !== undefined) throw bad;
        const b = d.broker();
        const g = guard(identify(d, call), name);
        const ctx: Ctx<M> = {
          call,
          who: g.who,
          queues: g.queues,
          everyQueue: g.everyQueue,
          self: (workerId) => b.checkOwner(workerId, g.who.key),
        };
        return Promise.resolve(fn(call.request, ctx)).then((res) => {
          g.done();
          return res;
        });
      })
      .then(
        (res) => callback(null, res),
        (e) => callback(toStatus(e, internal(d.log))),
      );
  };
}

/** Aborts when the call is cancelled or its deadline passes (the client stopped listening). */
function abandoned(call: grpc.ServerUnaryCall<unknown, unknown>): AbortSignal {
  const ac = new AbortController();
  if (call.cancelled) ac.abort();
  else call.once("cancelled", () => ac.abort());
  return ac.signal;
}

/** The call's deadline in epoch ms, if it has one. */
function deadlineOf(call: grpc.ServerUnaryCall<unknown, unknown>): number | undefined {
  const d = call.getDeadline();
  const at = d instanceof Date ? d.getTime() : Number(d);
  return Number.isFinite(at) && at > 0 ? at : undefined;
}

/** The FalconQueueService handlers over the runtime. */
export function serviceHandlers(d: ServiceDeps): FalconQueueServiceHandlers {
  const get = d.broker;
  const streams = new WatchStreams();
  const h: Handlers = {
    SubmitJob: async (r, x) => {
      const spec = specFromWire(r.job);
      x.queues([spec.queue ?? get().defaultQueue]);
      authorizeIdempotent(x.who, "SubmitJob", [spec], (k) => get().idempotencyQueue(k), false);
      const [res] = await get().submit([spec]);
      return { job: jobToWire(res!.job, false), duplicate: res!.duplicate, duplicate_reason: res!.reason };
    },
    SubmitJobs: async (r, x) => {
      if (r.jobs.length === 0) throw invalidArgument("jobs must hold at least one job");
      const specs = r.jobs.map((s, i) => specFromWire(s, `jobs[${i}]`));
      const dq = get().defaultQueue;
      x.queues(new Set(specs.map((s) => s.queue ?? dq)));
      authorizeIdempotent(x.who, "SubmitJobs", specs, (k) => get().idempotencyQueue(k), true);
      const res = await get().submit(specs, true);
      // Submit replies leave out payloads: the caller just sent them.
      const reasons = res.some((x) => x.reason !== "") ? { duplicate_reason: res.map((x) => x.reason) } : {};
      return { jobs: res.map((x) => jobToWire(x.job, false)), duplicate: res.map((x) => x.duplicate), ...reasons };
    },
    SubmitFlow: async (r, x) => {
      const root = flowFromWire(r.root);
      const dq = get().defaultQueue;
      // Every job's queue (a child without one takes its parent's).
      const queues = new Set<string>();
      const stack: [typeof root, string][] = [[root, root.queue ?? dq]];
      while (stack.length > 0) {
        const [n, inherited] = stack.pop() as [typeof root, string];
        const q = n.queue ?? inherited;
        queues.add(q);
        for (const c of n.children ?? []) stack.push([c, q]);
      }
      x.queues(queues);
      const res = await get().submitFlow(root);
      return { flow_id: res.flowId, jobs: res.jobs.map((j) => jobToWire(j, false)), duplicate: res.duplicate };
    },
    CreateBatch: async (r, x) => {
      const spec = batchSpecFromWire(r);
      const dq = get().defaultQueue;
      x.queues([spec.onComplete, spec.onSuccess].filter((s) => s !== undefined).map((s) => s.queue ?? dq));
      return { batch: batchToWire(await get().createBatch(spec)) };
    },
    CloseBatch: async (r, x) => {
      x.queues(get().batchQueues(r.batch_id));
      return { batch: batchToWire(await get().closeBatch(r.batch_id)) };
    },
    GetBatch: (r, x) => {
      x.queues(get().batchQueues(r.batch_id));
      return { batch: batchToWire(get().getBatch(r.batch_id)) };
    },
    GetDependencies: (r, x) => {
      x.self(r.worker_id);
      return { dependencies: get().dependencies(r.worker_id, r.job_id, r.lease_token).map(dependencyToWire) };
    },
    RegisterWorker: (r, x) => {
      x.queues(r.queues.length > 0 ? r.queues : [get().defaultQueue]);
      return registrationToWire(
        get().register(
          {
            workerId: r.worker_id,
            hostname: r.hostname,
            pid: r.pid,
            queues: r.queues,
            types: r.types,
            concurrency: r.concurrency,
            version: r.version,
            held: leasesFromWire("held_job_ids", r.held_job_ids, r.held_lease_tokens),
          },
          x.who.key,
        ),
      );
    },
    DeregisterWorker: async (r, x) => {
      x.self(r.worker_id);
      await get().deregister(r.worker_id);
      return {};
    },
    Heartbeat: (r, x) => {
      x.self(r.worker_id);
      const reply = get().heartbeat(r.worker_id, r.active, leasesFromWire("active_job_ids", r.active_job_ids, r.lease_tokens));
      return { commands: reply.commands.map(commandToWire), lease_deadline_ms: reply.deadline, lost_job_ids: reply.lost };
    },
    PollJobs: async (r, x) => {
      x.self(r.worker_id);
      const leases = await get().poll(r.worker_id, r.count || 1, r.wait_ms, {
        signal: abandoned(x.call),
        answerBy: deadlineOf(x.call),
      });
      return { jobs: leases.map(leaseToWire) };
    },
    AcknowledgeJob: async (r, x) => {
      x.self(r.worker_id);
      const [o] = await get().ack(r.worker_id, [ackFromWire(r)]);
      if (o!.error) throw o!.error;
      return { job: jobToWire(o!.job!, false) };
    },
    AcknowledgeJobs: async (r, x) => {
      const workerId = r.acks[0]?.worker_id ?? "";
      for (const a of r.acks) x.self(a.worker_id);
      const out = await get().ack(workerId, r.acks.map(ackFromWire));
      return { outcomes: out.map(ackOutcomeToWire) };
    },
    ReportProgress: (r, x) => {
      x.self(r.worker_id);
      get().progress(r.worker_id, r.job_id, r.lease_token, r.progress);
      return {};
    },
    GetJob: (r, x) => {
      const job = get().get(r.job_id);
      x.queues([job.queue]);
      return { job: jobToWire(job) };
    },
    ListJobs: (r, x) => {
      if (r.queue) x.queues([r.queue]);
      else x.everyQueue();
      const res = get().list(
        {
          queue: r.queue || undefined,
          status: statusFilterFromWire(r.state),
          type: r.type || undefined,
          limit: r.limit || undefined,
          pageToken: r.page_token || undefined,
          newestFirst: newestFirstFromWire(r.order),
          search: r.search || undefined,
        },
        r.include_payloads,
      );
      return {
        jobs: res.jobs.map((j) => jobToWire(j, r.include_payloads)),
        next_page_token: res.nextPageToken,
        partial: res.partial,
        remaining: res.remaining,
      };
    },
    CancelJob: async (r, x) => {
      x.queues([get().get(r.job_id).queue]);
      return { job: jobToWire(await get().cancel(r.job_id), false) };
    },
    RetryJob: async (r, x) => {
      x.queues([get().get(r.job_id).queue]);
      return { job: jobToWire(await get().retry(r.job_id), false) };
    },
    DeleteJob: async (r, x) => {
      x.queues([get().get(r.job_id).queue]);
      return { job: jobToWire(await get().delete(r.job_id), false) };
    },
    PromoteJob: async (r, x) => {
      x.queues([get().get(r.job_id).queue]);
      return { job: jobToWire(await get().promote(r.job_id), false) };
    },
    GetStats: () => statsToWire({ ...get().stats(), version: d.version }),
    ListWorkers: () => ({ workers: get().listWorkers().map(workerToWire) }),
    CommandWorker: (r) => {
      const c = r.command;
      if (c?.command === "quiet") get().command(r.worker_id, { quiet: true });
      else if (c?.command === "shutdown") get().command(r.worker_id, { shutdown: true });
      else throw invalidArgument("command must be quiet or shutdown (cancel a job with CancelJob)");
      return {};
    },
    PauseQueue: async (r, x) => {
      x.queues([r.queue]);
      await get().setPaused(r.queue, true);
      return {};
    },
    ResumeQueue: async (r, x) => {
      x.queues([r.queue]);
      await get().setPaused(r.queue, false);
      return {};
    },
    SetQueueRetention: async (r, x) => {
      const { queue, retention } = retentionFromWire(r.retention);
      x.queues([queue]);
      await get().setRetention(queue, retention);
      return {};
    },
    SetQueueLimits: async (r, x) => {
      const { queue, limits } = limitsFromWire(r.limits);
      x.queues([queue]);
      return { limits: limitsToWire(queue, await get().setLimits(queue, limits)) };
    },
    GetQueueLimits: (r, x) => {
      x.queues([r.queue]);
      return queueFlowToWire(get().queueFlow(r.queue, r.top_groups || undefined));
    },
    CreateToken: async (r, x) => {
      authorizeMint(x.who, r.queues);
      x.queues([]);
      // A token never outlives the token that mints it.
      const notAfter = x.who.tokenId === undefined ? 0 : (get().tokens.token(x.who.tokenId)?.expiresAt ?? 0);
      const { info, token } = await get().tokens.create({ name: r.name, role: r.role, queues: r.queues, expiresInMs: r.expires_in_ms, notAfter });
      return { info: tokenToWire(info), token };
    },
    ListTokens: () => ({ tokens: get().tokens.list().map(tokenToWire) }),
    RevokeToken: async (r) => {
      const info = await get().tokens.revoke(r.token);
      streams.revoked(info.id);
      return { info: tokenToWire(info) };
    },
    WhoAmI: (_r, x) => identityToWire(x.who, authOf(d).required),
    CreateSchedule: async (r, x) => {
      const spec = scheduleSpecFromWire(r.schedule);
      const queues = [spec.queue || get().defaultQueue];
      // Replacing may move a schedule to another queue: the caller needs both.
      if (r.replace && spec.name) {
        const old = get().findSchedule(spec.name);
        if (old !== undefined) queues.push(old.queue);
      }
      x.queues(queues);
      return { schedule: scheduleToWire(await get().createSchedule(spec, r.replace)) };
    },
    ListSchedules: (r, x) => {
      if (r.queue) x.queues([r.queue]);
      else x.everyQueue();
      return { schedules: get().listSchedules(r.queue || undefined).map(scheduleToWire) };
    },
    GetSchedule: (r, x) => {
      const s = get().getSchedule(r.name);
      x.queues([s.queue]);
      return { schedule: scheduleToWire(s) };
    },
    PauseSchedule: async (r, x) => {
      x.queues([get().getSchedule(r.name).queue]);
      return { schedule: scheduleToWire(await get().pauseSchedule(r.name, true)) };
    },
    ResumeSchedule: async (r, x) => {
      x.queues([get().getSchedule(r.name).queue]);
      return { schedule: scheduleToWire(await get().pauseSchedule(r.name, false)) };
    },
    DeleteSchedule: async (r, x) => {
      x.queues([get().getSchedule(r.name).queue]);
      return { schedule: scheduleToWire(await get().deleteSchedule(r.name)) };
    },
    TriggerSchedule: async (r, x) => {
      x.queues([get().getSchedule(r.name).queue]);
      const out = await get().triggerSchedule(r.name);
      return { schedule: scheduleToWire(out.schedule), job: jobToWire(out.job, false) };
    },
  };
  const impl: grpc.UntypedServiceImplementation = {};
  const wrap = <M extends UnaryRpc>(name: M) => {
    impl[name] = unary<M>(name, h[name], d) as grpc.UntypedHandleCall;
  };
  for (const name of Object.keys(h) as UnaryRpc[]) wrap(name);
  impl.WatchJobs = watchJobs(d, streams);
  return impl as FalconQueueServiceHandlers;
}

/** Open watch streams by the token that opened them, so a revocation ends them. */
class WatchStreams {
  private readonly byToken = new Map<string, Set<() => void>>();

  add(tokenId: string | undefined, end: () => void): () => void {
    if (tokenId === undefined) return () => {};
    let set = this.byToken.get(tokenId);
    if (set === undefined) this.byToken.set(tokenId, (set = new Set()));
    set.add(end);
    return () => {
      set.delete(end);
      if (set.size === 0) this.byToken.delete(tokenId);
    };
  }

  revoked(tokenId: string): void {
    const set = this.byToken.get(tokenId);
    this.byToken.delete(tokenId);
    for (const end of set ?? []) end();
  }
}

function watchJobs(
  d: ServiceDeps,
  streams: WatchStreams,
): grpc.handleServerStreamingCall<ServerRequestOf<"WatchJobs">, ServerResponseOf<"WatchJobs">> {
  const log = d.log;
  return (call) => {
    const r = call.request;
    let off: () => void;
    let forget = () => {};
    let ended = false;
    try {
      const bad = decodeFailure(r);
      if (bad !== undefined) throw bad;
      const b = d.broker();
      const who = identify(d, call);
      authorizeRole(who, "WatchJobs");
      if (r.queue) authorizeQueues(who, "WatchJobs", [r.queue]);
      else if (r.job_ids.length > 0) authorizeQueues(who, "WatchJobs", b.queuesOf(r.job_ids));
      // A token that expires ends its watch at the first event after (revocation ends it at once, below).
      const expiresAt = who.tokenId === undefined ? 0 : (b.tokens.token(who.tokenId)?.expiresAt ?? 0);
      off = b.watch({ jobIds: r.job_ids, queue: r.queue || undefined }, (job) => {
        if (ended) return;
        if (expiresAt !== 0 && Date.now() >= expiresAt) {
          ended = true;
          off();
          call.emit("error", { code: grpc.status.UNAUTHENTICATED, details: "the token of this watch expired" });
          return;
        }
        // Ids may name jobs of other queues, or jobs not yet submitted (ids are predictable): each event is authorized.
        if (!mayCallOn(who, "WatchJobs", job.queue)) return;
        // A reader that cannot keep up would make the master buffer without bound: cut it off.
        if (call.writableLength > watchBacklogEventsMax) {
          ended = true;
          off();
          const details = `watcher fell ${watchBacklogEventsMax} events behind; watch again and reconcile with GetJob/ListJobs`;
          log.warn(`watch stream cut off: ${details}`);
          call.emit("error", { code: grpc.status.RESOURCE_EXHAUSTED, details });
          return;
        }
        call.write({ job_id: job.id, state: job.status, at_ms: job.updatedAt, job: jobToWire(job) });
      });
      forget = streams.add(who.tokenId, () => {
        if (ended) return;
        ended = true;
        off();
        call.emit("error", { code: grpc.status.UNAUTHENTICATED, details: "the token of this watch was revoked" });
      });
    } catch (e) {
      call.emit("error", toStatus(e, internal(log)));
      return;
    }
    call.sendMetadata(new grpc.Metadata()); // tells the client the subscription is in place
    const stop = () => {
      off();
      forget();
    };
    call.on("cancelled", stop);
    call.on("close", stop);
    call.on("error", (e: Error & { details?: string }) => {
      stop();
      if (!ended) log.warn(`watch stream ended: ${quote(e?.details ?? e?.message ?? "stream error")}`);
    });
  };
}
