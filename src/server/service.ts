// gRPC adapter for FalconQueueService. Each handler decodes the request,
// makes one Broker call and encodes the answer: no business rule lives here.
// Errors go through the one table in src/rpc/errors.ts, so a client's input
// can never crash the master; requests that cannot be decoded are answered
// INVALID_ARGUMENT before any handler runs.

import * as grpc from "@grpc/grpc-js";
import type { Logger } from "../core/log.ts";
import { watchBacklogEventsMax } from "../core/config.ts";
import { invalidArgument } from "../core/errors.ts";
import { quote } from "../core/text.ts";
import type { Broker } from "../master/broker.ts";
import {
  ackFromWire,
  ackOutcomeToWire,
  commandToWire,
  jobToWire,
  leasesFromWire,
  leaseToWire,
  newestFirstFromWire,
  registrationToWire,
  retentionFromWire,
  specFromWire,
  statsToWire,
  statusFilterFromWire,
  workerToWire,
} from "../rpc/convert.ts";
import { decodeFailure } from "../rpc/decode.ts";
import { toStatus } from "../rpc/errors.ts";
import type { FalconQueueServiceHandlers } from "../rpc/gen/falconqueue/v1/FalconQueueService";
import type { ServerRequestOf, ServerResponseOf, UnaryRpc } from "../rpc/wire.ts";

type Call<M extends UnaryRpc> = grpc.ServerUnaryCall<ServerRequestOf<M>, ServerResponseOf<M>>;
type Handlers = {
  [M in UnaryRpc]: (req: ServerRequestOf<M>, call: Call<M>) => ServerResponseOf<M> | Promise<ServerResponseOf<M>>;
};

function unary<M extends UnaryRpc>(fn: Handlers[M], log: Logger): grpc.handleUnaryCall<ServerRequestOf<M>, ServerResponseOf<M>> {
  return (call, callback) => {
    Promise.resolve()
      .then(() => {
        const bad = decodeFailure(call.request);
        if (bad !== undefined) throw bad;
        return fn(call.request, call);
      })
      .then(
        (res) => callback(null, res),
        (e) => callback(toStatus(e, (err) => log.error(`internal error: ${(err as Error)?.stack ?? String(err)}`))),
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

/** `get` throws UNAVAILABLE until recovery has finished. */
export function serviceHandlers(get: () => Broker, log: Logger, version: string): FalconQueueServiceHandlers {
  const h: Handlers = {
    SubmitJob: async (r) => {
      const [res] = await get().submit([specFromWire(r.job)]);
      return { job: jobToWire(res!.job, false), duplicate: res!.duplicate };
    },
    SubmitJobs: async (r) => {
      if (r.jobs.length === 0) throw invalidArgument("jobs must hold at least one job");
      const specs = r.jobs.map((s, i) => specFromWire(s, `jobs[${i}]`));
      const res = await get().submit(specs, true);
      // Submit replies leave out payloads: the caller just sent them.
      return { jobs: res.map((x) => jobToWire(x.job, false)), duplicate: res.map((x) => x.duplicate) };
    },
    RegisterWorker: (r) =>
      registrationToWire(
        get().register({
          workerId: r.worker_id,
          hostname: r.hostname,
          pid: r.pid,
          queues: r.queues,
          types: r.types,
          concurrency: r.concurrency,
          version: r.version,
          held: leasesFromWire("held_job_ids", r.held_job_ids, r.held_lease_tokens),
        }),
      ),
    DeregisterWorker: async (r) => {
      await get().deregister(r.worker_id);
      return {};
    },
    Heartbeat: (r) => {
      const reply = get().heartbeat(r.worker_id, r.active, leasesFromWire("active_job_ids", r.active_job_ids, r.lease_tokens));
      return { commands: reply.commands.map(commandToWire), lease_deadline_ms: reply.deadline, lost_job_ids: reply.lost };
    },
    PollJobs: async (r, call) => {
      const leases = await get().poll(r.worker_id, r.count || 1, r.wait_ms, {
        signal: abandoned(call),
        answerBy: deadlineOf(call),
      });
      return { jobs: leases.map(leaseToWire) };
    },
    AcknowledgeJob: async (r) => {
      const [o] = await get().ack(r.worker_id, [ackFromWire(r)]);
      if (o!.error) throw o!.error;
      return { job: jobToWire(o!.job!, false) };
    },
    AcknowledgeJobs: async (r) => {
      const workerId = r.acks[0]?.worker_id ?? "";
      const out = await get().ack(workerId, r.acks.map(ackFromWire));
      return { outcomes: out.map(ackOutcomeToWire) };
    },
    ReportProgress: (r) => {
      get().progress(r.worker_id, r.job_id, r.lease_token, r.progress);
      return {};
    },
    GetJob: (r) => ({ job: jobToWire(get().get(r.job_id)) }),
    ListJobs: (r) => {
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
    CancelJob: async (r) => ({ job: jobToWire(await get().cancel(r.job_id), false) }),
    RetryJob: async (r) => ({ job: jobToWire(await get().retry(r.job_id), false) }),
    DeleteJob: async (r) => ({ job: jobToWire(await get().delete(r.job_id), false) }),
    PromoteJob: async (r) => ({ job: jobToWire(await get().promote(r.job_id), false) }),
    GetStats: () => statsToWire({ ...get().stats(), version }),
    ListWorkers: () => ({ workers: get().listWorkers().map(workerToWire) }),
    CommandWorker: (r) => {
      const c = r.command;
      if (c?.command === "quiet") get().command(r.worker_id, { quiet: true });
      else if (c?.command === "shutdown") get().command(r.worker_id, { shutdown: true });
      else throw invalidArgument("command must be quiet or shutdown (cancel a job with CancelJob)");
      return {};
    },
    PauseQueue: async (r) => {
      await get().setPaused(r.queue, true);
      return {};
    },
    ResumeQueue: async (r) => {
      await get().setPaused(r.queue, false);
      return {};
    },
    SetQueueRetention: async (r) => {
      const { queue, retention } = retentionFromWire(r.retention);
      await get().setRetention(queue, retention);
      return {};
    },
  };
  const impl: grpc.UntypedServiceImplementation = {};
  const wrap = <M extends UnaryRpc>(name: M) => {
    impl[name] = unary<M>(h[name], log) as grpc.UntypedHandleCall;
  };
  for (const name of Object.keys(h) as UnaryRpc[]) wrap(name);
  impl.WatchJobs = watchJobs(get, log);
  return impl as FalconQueueServiceHandlers;
}

function watchJobs(
  get: () => Broker,
  log: Logger,
): grpc.handleServerStreamingCall<ServerRequestOf<"WatchJobs">, ServerResponseOf<"WatchJobs">> {
  return (call) => {
    const r = call.request;
    let off: () => void;
    let ended = false;
    try {
      const bad = decodeFailure(r);
      if (bad !== undefined) throw bad;
      off = get().watch({ jobIds: r.job_ids, queue: r.queue || undefined }, (job) => {
        if (ended) return;
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
    } catch (e) {
      call.emit("error", toStatus(e, (err) => log.error(`internal error: ${(err as Error)?.stack ?? String(err)}`)));
      return;
    }
    call.sendMetadata(new grpc.Metadata()); // tells the client the subscription is in place
    call.on("cancelled", () => off());
    call.on("close", () => off());
    call.on("error", (e: Error & { details?: string }) => {
      off();
      if (!ended) log.warn(`watch stream ended: ${quote(e?.details ?? e?.message ?? "stream error")}`);
    });
  };
}
