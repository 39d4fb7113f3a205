// gRPC handlers for FalconQueueService. Each one decodes the request, makes
// one Broker call and encodes the answer; errors go through the one table in
// src/rpc/errors.ts, so a client's input can never crash the master.

import * as grpc from "@grpc/grpc-js";
import type { ActiveLease, WorkerCommand } from "../core/contract.ts";
import { watchBacklogEventsMax, watchJobIdsMax } from "../core/config.ts";
import type { Logger } from "../core/log.ts";
import { invalidArgument, type JobView } from "../core/index.ts";
import type { Broker } from "../master/broker.ts";
import {
  jobToWire,
  leaseToWire,
  specFromWire,
  statusFilterFromWire,
  type WireSpec,
} from "../rpc/convert.ts";
import { toStatus } from "../rpc/errors.ts";

// biome-ignore lint/suspicious/noExplicitAny: requests arrive as decoded protobuf objects
type Req = any;
type Handler = (req: Req) => unknown;

function unary(fn: Handler, log: Logger): grpc.handleUnaryCall<Req, unknown> {
  return (call, callback) => {
    Promise.resolve()
      .then(() => fn(call.request))
      .then(
        (res) => callback(null, res),
        (e) => callback(toStatus(e, (err) => log.error(`internal error: ${(err as Error)?.stack ?? String(err)}`))),
      );
  };
}

function required(field: string, v: string | undefined): string {
  if (!v) throw invalidArgument(`${field} must not be empty`);
  return v;
}

function commandToWire(c: WorkerCommand) {
  if ("cancelJobId" in c) return { cancel_job_id: c.cancelJobId };
  if ("quiet" in c) return { quiet: true };
  return { shutdown: true };
}

/** `get` throws UNAVAILABLE until recovery has finished. */
export function serviceHandlers(get: () => Broker, log: Logger, version: string): grpc.UntypedServiceImplementation {
  const h: Record<string, Handler> = {
    SubmitJob: async (r) => {
      const [res] = await get().submit([specFromWire(r.job)]);
      return { job: submittedToWire(res!.job), duplicate: res!.duplicate };
    },
    SubmitJobs: async (r) => {
      const specs = (r.jobs as WireSpec[]).map((s, i) => specFromWire(s, `jobs[${i}]`));
      if (specs.length === 0) throw invalidArgument("jobs must hold at least one job");
      const res = await get().submit(specs);
      return { jobs: res.map((x) => submittedToWire(x.job)), duplicate: res.map((x) => x.duplicate) };
    },
    RegisterWorker: (r) => {
      const w = get().register({
        workerId: r.worker_id,
        hostname: r.hostname,
        pid: r.pid,
        queues: r.queues,
        types: r.types,
        concurrency: r.concurrency,
        version: r.version,
        held: leasesFromWire("held_job_ids", r.held_job_ids, r.held_lease_tokens),
      });
      return {
        worker_id: w.workerId,
        heartbeat_interval_ms: w.heartbeatIntervalMs,
        lease_ms: w.leaseMs,
        worker_timeout_ms: w.workerTimeoutMs,
      };
    },
    DeregisterWorker: async (r) => {
      await get().deregister(required("worker_id", r.worker_id));
      return {};
    },
    Heartbeat: (r) => {
      const reply = get().heartbeat(r.worker_id, r.active, leasesFromWire("active_job_ids", r.active_job_ids, r.lease_tokens));
      return {
        commands: reply.commands.map(commandToWire),
        lease_deadline_ms: reply.deadline,
        lost_job_ids: reply.lost,
      };
    },
    PollJobs: async (r) => {
      const leases = await get().poll(r.worker_id, r.count || 1, Number(r.wait_ms));
      return { jobs: leases.map(leaseToWire) };
    },
    AcknowledgeJob: async (r) => {
      const [o] = await get().ack(r.worker_id, [ackFromWire(r)]);
      if (o!.error) throw o!.error;
      return { job: jobToWire(o!.job!) };
    },
    AcknowledgeJobs: async (r) => {
      const workerId = r.acks[0]?.worker_id ?? "";
      const out = await get().ack(workerId, (r.acks as Req[]).map(ackFromWire));
      return {
        outcomes: out.map((o) => {
          const st = o.error ? toStatus(o.error) : undefined;
          return { job_id: o.jobId, ok: !o.error, code: st?.code ?? 0, message: st?.details ?? "" };
        }),
      };
    },
    ReportProgress: (r) => {
      get().progress(r.worker_id, required("job_id", r.job_id), r.lease_token, r.progress);
      return {};
    },
    GetJob: (r) => ({ job: jobToWire(get().get(r.job_id)) }),
    ListJobs: (r) => {
      const res = get().list({
        queue: r.queue || undefined,
        status: statusFilterFromWire(r.state),
        type: r.type || undefined,
        limit: r.limit || undefined,
        pageToken: r.page_token || undefined,
      });
      return { jobs: res.jobs.map(jobToWire), next_page_token: res.nextPageToken };
    },
    CancelJob: async (r) => ({ job: jobToWire(await get().cancel(r.job_id)) }),
    RetryJob: async (r) => ({ job: jobToWire(await get().retry(r.job_id)) }),
    GetStats: () => {
      const st = get().stats();
      return {
      queues: st.queues.map((q) => ({
        queue: q.queue,
        paused: q.paused,
        scheduled: q.scheduled,
        pending: q.pending,
        running: q.running,
        completed: q.completed,
        failed: q.failed,
        cancelled: q.cancelled,
        completed_total: q.completedTotal,
        failed_total: q.failedTotal,
        completed_per_sec: q.completedPerSec,
        failed_per_sec: q.failedPerSec,
      })),
      jobs_total: st.jobsTotal,
      workers: st.workers,
      uptime_ms: st.uptimeMs,
      version,
      };
    },
    ListWorkers: () => ({
      workers: get().listWorkers().map((w) => ({
        worker_id: w.workerId,
        hostname: w.hostname,
        pid: w.pid,
        queues: w.queues,
        concurrency: w.concurrency,
        active: w.active,
        last_heartbeat_ms: w.lastSeenAt,
        registered_at_ms: w.registeredAt,
        types: w.types,
      })),
    }),
    CommandWorker: (r) => {
      const c = r.command ?? {};
      if (c.quiet) get().command(r.worker_id, { quiet: true });
      else if (c.shutdown) get().command(r.worker_id, { shutdown: true });
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
  };
  const impl: grpc.UntypedServiceImplementation = {};
  for (const [name, fn] of Object.entries(h)) impl[name] = unary(fn, log);
  impl.WatchJobs = watchJobs(get, log);
  return impl;
}

/** Submit replies leave out the payload: the caller just sent it, and echoing it back doubles the bytes. */
function submittedToWire(j: JobView) {
  const w = jobToWire(j);
  w.payload = undefined;
  return w;
}

/** Job ids with their lease tokens, sent as two parallel lists. */
function leasesFromWire(field: string, ids: string[] | undefined, tokens: string[] | undefined): ActiveLease[] {
  const n = ids?.length ?? 0;
  if ((tokens?.length ?? 0) !== n) {
    throw invalidArgument(`${field} holds ${n} ids but the lease tokens beside it hold ${tokens?.length ?? 0}; give one token per id`);
  }
  const out: ActiveLease[] = new Array(n);
  for (let i = 0; i < n; i++) {
    const token = (tokens as string[])[i] as string;
    if (!token) throw invalidArgument(`the lease token for ${field}[${i}] is empty; every lease is fenced by its token`);
    out[i] = { jobId: (ids as string[])[i] as string, token };
  }
  return out;
}

function ackFromWire(r: Req) {
  return {
    jobId: r.job_id as string,
    token: r.lease_token as string,
    success: Boolean(r.success),
    result: r.result as Uint8Array,
    error: r.error as string,
    retryable: !r.non_retryable,
  };
}


function watchJobs(get: () => Broker, log: Logger): grpc.handleServerStreamingCall<Req, unknown> {
  return (call) => {
    const r = call.request;
    const jobIds: string[] = r.job_ids ?? [];
    if (jobIds.length === 0 && !r.queue) {
      call.emit("error", toStatus(invalidArgument("give job_ids or queue to watch")));
      return;
    }
    let broker: Broker;
    try {
      broker = get();
    } catch (e) {
      call.emit("error", toStatus(e));
      return;
    }
    if (jobIds.length > watchJobIdsMax) {
      call.emit("error", toStatus(invalidArgument(`job_ids holds ${jobIds.length} ids; the limit is ${watchJobIdsMax}`)));
      return;
    }
    let ended = false;
    const off = broker.watch({ jobIds, queue: r.queue || undefined }, (job) => {
      if (ended) return;
      // A reader that cannot keep up would make the master buffer without bound: cut it off.
      if (call.writableLength > watchBacklogEventsMax) {
        ended = true;
        off();
        const details = `watcher fell ${watchBacklogEventsMax} events behind; watch again and reconcile with GetJob/ListJobs`;
        call.emit("error", { code: grpc.status.RESOURCE_EXHAUSTED, details });
        return;
      }
      call.write({ job_id: job.id, state: job.status, at_ms: job.updatedAt, job: jobToWire(job) });
    });
    call.sendMetadata(new grpc.Metadata()); // tells the client the subscription is in place
    call.on("cancelled", off);
    call.on("close", off);
    call.on("error", (e) => {
      off();
      log.warn(`watch stream ended: ${e?.message ?? e?.details ?? "stream error"}`);
    });
  };
}
