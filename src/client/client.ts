// The public TypeScript client. Every logical submit gets an idempotency key
// (unless the caller gives one), so the client's own retries after an
// UNAVAILABLE never create a second job.

import { randomUUID } from "node:crypto";
import type { Role } from "../core/auth.ts";
import type { JobSpec, ListFilter, QueueStatsView } from "../core/index.ts";
import { isTerminal } from "../core/types.ts";
import type { StatsView, WorkerView } from "../core/views.ts";
import type { QueueLimits } from "../core/flow.ts";
import type { QueueFlowView } from "../core/flow-view.ts";
import type { ScheduleSpec } from "../core/schedule-commands.ts";
import type { Schedule } from "../core/schedules.ts";
import type { BatchView } from "../core/workflows.ts";
import {
  batchFromWire,
  flowToWire,
  jobFromWire,
  limitsFromWire,
  orderToWire,
  queueFlowFromWire,
  scheduleFromWire,
  scheduleSpecToWire,
  specToWire,
  statsFromWire,
  type TokenView,
  tokenFromWire,
  type WhoAmI,
  whoAmIFromWire,
  workerFromWire,
} from "../rpc/convert.ts";
import type { RequestOf, ResponseOf, UnaryRpc } from "../rpc/wire.ts";
import { RpcClient, type RetryPolicy } from "../rpc/channel.ts";
import { RpcError, status } from "../rpc/errors.ts";
import { channelSecurity, type ClientSecurityOptions } from "../rpc/security.ts";
import { type BatchResult, SubmitBatcher } from "./batcher.ts";
import { decorate, type Job, JobFailedError, WaitTimeoutError } from "./job.ts";

export interface ClientOptions extends ClientSecurityOptions {
  /** "host:port" of the master; default 127.0.0.1:50051. A cluster: "a:50051,b:50051,c:50051" or an array (calls follow the leader). */
  master?: string | readonly string[];
  /**
   * How long a call keeps retrying while the master is unreachable (connection
   * refused, UNAVAILABLE), after which it rejects with the last RpcError
   * (UNAVAILABLE); default 30 s, 0 for one try. A call that reached the master
   * is bounded by its own 30 s deadline.
   */
  retryDeadlineMs?: number;
  /**
   * submit() calls of this client that arrive within this many ms of each
   * other (or while the previous batch is in flight) go to the master as one
   * SubmitJobs call; each caller still gets its own job or its own error.
   * Default 1; 0 sends every submit() as its own call. submitMany() is never
   * merged with other calls.
   */
  submitLingerMs?: number;
  /** Jobs per coalesced SubmitJobs call at most; default 1000. */
  submitBatchMax?: number;
  /** Request bytes (payloads and strings, estimated) per coalesced call at most; default 4 MiB. A bigger job goes alone. */
  submitBatchBytesMax?: number;
}

export interface WaitOptions {
  /** Reject with WaitTimeoutError after this long; default 0: wait as long as it takes. */
  timeoutMs?: number;
  /** Reject with JobFailedError (carrying the job and its error text) when it ends FAILED or CANCELLED. */
  rejectOnFailure?: boolean;
}

export type SubmitOptions = Omit<JobSpec, "type" | "payload">;

/** A job spec whose payload is anything encodePayload takes. */
export type JobInput = Omit<JobSpec, "payload"> & { payload?: unknown };

/**
 * One node of a flow (docs/workflows.md): a job that runs after all its
 * `children`, and after the nodes named in `dependsOnRefs` (by their `ref`).
 * A child without a queue goes to its parent's.
 */
export interface FlowJob extends JobInput {
  ref?: string;
  children?: FlowJob[];
  dependsOnRefs?: string[];
}

export interface SubmittedFlow {
  /** The root job's id. */
  flowId: string;
  /** Every job, root first, each node before its children (pre-order). */
  jobs: Job[];
  /** The root's idempotency key matched: nothing was added; `jobs` holds the existing root only. */
  duplicate: boolean;
}

export interface BatchOptions {
  /** Fires once when the closed batch's jobs all finished (metadata: batch_id, batch_total, batch_completed, batch_failed, batch_cancelled). */
  onComplete?: JobInput;
  /** Fires once too, but only when every job of the batch completed. */
  onSuccess?: JobInput;
  description?: string;
}

export type Batch = BatchView;

/** A queue's own retention bounds, kept in addition to the master's global ones (the stricter wins). */
export interface QueueRetentionOptions {
  /** Keep at most this many COMPLETED jobs of the queue. */
  completedCountMax?: number;
  /** Remove COMPLETED jobs this long after they finished. */
  completedAgeMs?: number;
  /** Keep at most this many FAILED and CANCELLED jobs of the queue. */
  failedCountMax?: number;
  /** Remove FAILED and CANCELLED jobs this long after they finished. */
  failedAgeMs?: number;
}

/** A rate: `count` job starts per `periodMs`, at most `burst` at once (default `count`). */
export interface RateOptions {
  count: number;
  periodMs: number;
  burst?: number;
}

/** A queue's flow-control limits (docs/flow-control.md); a limit left out is unlimited. */
export interface QueueLimitsOptions {
  /** RUNNING jobs of the queue at once, over all workers. */
  concurrency?: number;
  /** RUNNING jobs of one group at once. */
  groupConcurrency?: number;
  /** Job starts of the queue. */
  rate?: RateOptions;
  /** Job starts of each group. */
  groupRate?: RateOptions;
}

/** A queue's limits, what holds it now, and its busiest groups (GetQueueLimits). */
export type QueueFlow = QueueFlowView;

export interface Submitted<T = unknown> {
  job: Job<T>;
  /** No job was added: the idempotency key matched, the unique key is held, or the submit was debounced into `job`. */
  duplicate: boolean;
  /** With duplicate: why, naming the job ("unique key \"k\" held by job X (running)", "debounced into job X"). */
  reason?: string;
}

/** The master's list filter (pageToken: the previous page's nextPageToken, or a job id to start after). */
export interface ListOptions extends ListFilter {
  /** Include payloads and results (default false: lists stay small). */
  withPayloads?: boolean;
}

export interface JobPage {
  jobs: Job[];
  /** "" on the last page. */
  nextPageToken: string;
  /** The master stopped at its scan bound before the page was full; go on with nextPageToken. */
  partial: boolean;
  /** Jobs after this page when the list had no filter or search; else 0 (unknown). */
  remaining: number;
}

/** One queue's counts, as the core reports them. */
export type QueueStats = QueueStatsView;

/** The master's counts, as GetStats reports them. */
export type Stats = StatsView;

/** A registered worker, as ListWorkers reports it. */
export type WorkerSummary = WorkerView;

const encoder = new TextEncoder();

/** Payloads: bytes as given, strings as UTF-8, anything else as JSON. */
export function encodePayload(p: unknown): Uint8Array {
  if (p === undefined) return new Uint8Array(0);
  if (p instanceof Uint8Array) return p;
  if (typeof p === "string") return encoder.encode(p);
  return encoder.encode(JSON.stringify(p));
}

export interface CreateTokenOptions {
  name: string;
  role: Role;
  /** Queue names or patterns ("mail.*"); default every queue ("*"). */
  queues?: string[];
  /** Default: never expires. */
  expiresInMs?: number;
}

export type { TokenView, WhoAmI };

/** A schedule to create: its name, its job (payload as for submit) and exactly one of `cron` and `everyMs`. */
export interface CreateScheduleOptions extends Omit<ScheduleSpec, "payload"> {
  payload?: unknown;
  /** Replace a schedule of that name, keeping its counters (default: ALREADY_EXISTS). */
  replace?: boolean;
}

export type { Schedule, ScheduleSpec };

/** Defaults of the submit coalescing (ClientOptions). */
export const submitLingerMsDefault = 1;
export const submitBatchMaxDefault = 1000;
export const submitBatchBytesMaxDefault = 4 * 1024 * 1024;

export class Client {
  readonly rpc: RpcClient;
  private readonly retry: RetryPolicy;
  /** Coalesces submit() calls; undefined when submitLingerMs is 0. */
  private readonly batcher: SubmitBatcher | undefined;
  private closed: Promise<void> | undefined;

  constructor(o: ClientOptions = {}) {
    this.rpc = new RpcClient(o.master ?? "127.0.0.1:50051", channelSecurity(o));
    this.retry = { deadlineMs: o.retryDeadlineMs ?? 30_000, baseMs: 50, maxMs: 2000 };
    const lingerMs = o.submitLingerMs ?? submitLingerMsDefault;
    if (!(lingerMs >= 0)) throw new Error(`submitLingerMs must be 0 or more, got ${lingerMs}`);
    const batchMax = o.submitBatchMax ?? submitBatchMaxDefault;
    if (!(Number.isInteger(batchMax) && batchMax >= 1)) throw new Error(`submitBatchMax must be a whole number of 1 or more, got ${batchMax}`);
    const batchBytesMax = o.submitBatchBytesMax ?? submitBatchBytesMaxDefault;
    if (!(batchBytesMax >= 1)) throw new Error(`submitBatchBytesMax must be 1 or more, got ${batchBytesMax}`);
    if (lingerMs > 0) this.batcher = new SubmitBatcher((jobs) => this.call("SubmitJobs", { jobs }), { lingerMs, batchMax, batchBytesMax });
  }

  private call<M extends UnaryRpc>(method: M, req: RequestOf<M>): Promise<ResponseOf<M>> {
    return this.rpc.callRetry(method, req, this.retry);
  }

  /**
   * Payload: bytes as given, a string as UTF-8, anything else as JSON.
   * Resolves once the job is durable; `job.data` is the payload sent (empty
   * for a duplicate: the stored one is not sent back).
   */
  async submit<T = unknown>(type: string, payload?: T, opts: SubmitOptions = {}): Promise<Submitted<T>> {
    const bytes = encodePayload(payload);
    if (this.closed !== undefined) throw new RpcError(status.CANCELLED, "the client was closed");
    if (this.batcher === undefined) {
      const [r] = await this.submitMany([{ ...opts, type, payload: bytes }]);
      return r as Submitted<T>;
    }
    const wire = specToWire({ ...opts, type, payload: bytes, idempotencyKey: opts.idempotencyKey || randomUUID() });
    return submittedOf(await this.batcher.add(wire), bytes) as Submitted<T>;
  }

  /** One call for the whole batch; all or nothing. */
  async submitMany(specs: readonly (JobSpec | (Omit<JobSpec, "payload"> & { payload?: unknown }))[]): Promise<Submitted[]> {
    const payloads = specs.map((s) => encodePayload(s.payload));
    const wire = specs.map((s, i) => specToWire({ ...s, payload: payloads[i], idempotencyKey: s.idempotencyKey || randomUUID() }));
    const res = await this.call("SubmitJobs", { jobs: wire });
    return res.jobs.map((j, i) =>
      submittedOf({ job: j, duplicate: res.duplicate[i] ?? false, reason: res.duplicate_reason?.[i] ?? "" }, payloads[i] as Uint8Array),
    );
  }

  /**
   * A tree (or DAG, through refs) of jobs in one call, accepted whole or not
   * at all; parents run after their children. The root gets an idempotency
   * key (unless given), so a retry after UNAVAILABLE adds no second flow.
   */
  async submitFlow(root: FlowJob): Promise<SubmittedFlow> {
    const payloads: Uint8Array[] = [];
    const encode = (n: FlowJob): FlowJob => {
      const payload = encodePayload(n.payload);
      payloads.push(payload);
      return { ...n, payload, children: n.children?.map(encode) };
    };
    const top = encode({ ...root, idempotencyKey: root.idempotencyKey || randomUUID() });
    const res = await this.call("SubmitFlow", { root: flowToWire(top as Parameters<typeof flowToWire>[0]) });
    const jobs = res.jobs.map((j, i) => {
      const v = jobFromWire(j);
      // Pre-order both ways: the i-th job is the i-th payload encoded.
      if (!res.duplicate && v.payload.length === 0) v.payload = payloads[i] ?? v.payload;
      return decorate(v);
    });
    return { flowId: res.flow_id, jobs, duplicate: res.duplicate };
  }

  /** An open, empty batch; jobs join it with `batchId` until closeBatch(). */
  async createBatch(o: BatchOptions = {}): Promise<Batch> {
    const spec = (s: JobInput | undefined) => (s === undefined ? undefined : specToWire({ ...s, payload: encodePayload(s.payload) }));
    const res = await this.call("CreateBatch", { on_complete: spec(o.onComplete), on_success: spec(o.onSuccess), description: o.description ?? "" });
    return batchFromWire(res.batch);
  }

  /** No more jobs join; once they all finished the callbacks fire (at once, if they have). */
  async closeBatch(batchId: string): Promise<Batch> {
    return batchFromWire((await this.call("CloseBatch", { batch_id: batchId })).batch);
  }

  async getBatch(batchId: string): Promise<Batch> {
    return batchFromWire((await this.call("GetBatch", { batch_id: batchId })).batch);
  }

  async get<T = unknown, R = unknown>(jobId: string): Promise<Job<T, R>> {
    return jobOf(await this.call("GetJob", { job_id: jobId }));
  }

  async list(o: ListOptions = {}): Promise<JobPage> {
    const res = await this.call("ListJobs", {
      queue: o.queue ?? "",
      state: o.status ?? 0,
      type: o.type ?? "",
      limit: o.limit ?? 0,
      page_token: o.pageToken ?? "",
      include_payloads: o.withPayloads ?? false,
      order: orderToWire(o.newestFirst),
      search: o.search ?? "",
    });
    return { jobs: res.jobs.map((j) => decorate(jobFromWire(j))), nextPageToken: res.next_page_token, partial: res.partial, remaining: res.remaining };
  }

  async cancel(jobId: string): Promise<Job> {
    return jobOf(await this.call("CancelJob", { job_id: jobId }));
  }

  async retryJob(jobId: string): Promise<Job> {
    return jobOf(await this.call("RetryJob", { job_id: jobId }));
  }

  /** Removes a job that is not running; returns it as it was. A running job is FAILED_PRECONDITION: cancel it first. */
  async deleteJob(jobId: string): Promise<Job> {
    return jobOf(await this.call("DeleteJob", { job_id: jobId }));
  }

  /** Makes a SCHEDULED job PENDING now. */
  async promoteJob(jobId: string): Promise<Job> {
    return jobOf(await this.call("PromoteJob", { job_id: jobId }));
  }

  async stats(): Promise<Stats> {
    return statsFromWire(await this.call("GetStats", {}));
  }

  async workers(): Promise<WorkerSummary[]> {
    return (await this.call("ListWorkers", {})).workers.map(workerFromWire);
  }

  /** The worker stops polling at its next heartbeat and finishes what it runs. */
  async quietWorker(workerId: string): Promise<void> {
    await this.call("CommandWorker", { worker_id: workerId, command: { quiet: true } });
  }

  /** The worker drains (as on SIGTERM) and exits at its next heartbeat. */
  async stopWorker(workerId: string): Promise<void> {
    await this.call("CommandWorker", { worker_id: workerId, command: { shutdown: true } });
  }

  /** Creates an API token (admin). The returned `token` is shown once; the master keeps only its hash. */
  async createToken(o: CreateTokenOptions): Promise<{ info: TokenView; token: string }> {
    const r = await this.call("CreateToken", { name: o.name, role: o.role, queues: o.queues ?? ["*"], expires_in_ms: o.expiresInMs ?? 0 });
    return { info: tokenFromWire(r.info), token: r.token };
  }

  /** Every token the master knows (admin), by name; never their secrets. */
  async listTokens(): Promise<TokenView[]> {
    return (await this.call("ListTokens", {})).tokens.map((t) => tokenFromWire(t));
  }

  /** Revokes a token by id or name (admin); calls with it fail from now on, open watches included. */
  async revokeToken(idOrName: string): Promise<TokenView> {
    return tokenFromWire((await this.call("RevokeToken", { token: idOrName })).info);
  }

  /** Who the master takes this client for, and what it may do. */
  async whoAmI(): Promise<WhoAmI> {
    return whoAmIFromWire(await this.call("WhoAmI", {}));
  }

  async pause(queue: string): Promise<void> {
    await this.call("PauseQueue", { queue });
  }

  async resume(queue: string): Promise<void> {
    await this.call("ResumeQueue", { queue });
  }

  /** Replaces the queue's own retention bounds; a bound left out (or 0) is unset, `{}` clears them all. */
  async setQueueRetention(queue: string, r: QueueRetentionOptions): Promise<void> {
    const retention = {
      queue,
      completed_count_max: r.completedCountMax ?? 0,
      completed_age_ms: r.completedAgeMs ?? 0,
      failed_count_max: r.failedCountMax ?? 0,
      failed_age_ms: r.failedAgeMs ?? 0,
    };
    await this.call("SetQueueRetention", { retention });
  }

  // ---- schedules (docs/schedules.md) -------------------------------------------

  /** Creates a schedule (admin on its queue); resolves once it is durable, with its first tick in nextRunAt. */
  async createSchedule(o: CreateScheduleOptions): Promise<Schedule> {
    const { replace, payload, ...spec } = o;
    const schedule = scheduleSpecToWire({ ...spec, payload: encodePayload(payload) });
    return scheduleFromWire((await this.call("CreateSchedule", { schedule, replace: replace ?? false })).schedule);
  }

  /** Schedules by name; of one queue, or of every queue (which needs viewer or admin on "*"). */
  async listSchedules(queue?: string): Promise<Schedule[]> {
    return (await this.call("ListSchedules", { queue: queue ?? "" })).schedules.map((s) => scheduleFromWire(s));
  }

  async getSchedule(name: string): Promise<Schedule> {
    return scheduleFromWire((await this.call("GetSchedule", { name })).schedule);
  }

  /** No ticks until resumed. */
  async pauseSchedule(name: string): Promise<Schedule> {
    return scheduleFromWire((await this.call("PauseSchedule", { name })).schedule);
  }

  /** Ticks again from the next one after now; ticks while paused are not made up. */
  async resumeSchedule(name: string): Promise<Schedule> {
    return scheduleFromWire((await this.call("ResumeSchedule", { name })).schedule);
  }

  /** Removes the schedule (its jobs stay); returns it as it was. */
  async deleteSchedule(name: string): Promise<Schedule> {
    return scheduleFromWire((await this.call("DeleteSchedule", { name })).schedule);
  }

  /** Creates the schedule's job now (its next tick stays); returns the schedule and the job. */
  async triggerSchedule(name: string): Promise<{ schedule: Schedule; job: Job }> {
    const r = await this.call("TriggerSchedule", { name });
    return { schedule: scheduleFromWire(r.schedule), job: decorate(jobFromWire(r.job as NonNullable<typeof r.job>)) };
  }

  /**
   * Replaces the queue's limits: a limit left out is unlimited, `{}` clears
   * them all. Kept in the master's WAL. Answers with the limits now in force.
   */
  async setQueueLimits(queue: string, l: QueueLimitsOptions): Promise<QueueLimits> {
    const limits = {
      queue,
      concurrency: l.concurrency ?? 0,
      group_concurrency: l.groupConcurrency ?? 0,
      rate_count: l.rate?.count ?? 0,
      rate_period_ms: l.rate?.periodMs ?? 0,
      rate_burst: l.rate?.burst ?? 0,
      group_rate_count: l.groupRate?.count ?? 0,
      group_rate_period_ms: l.groupRate?.periodMs ?? 0,
      group_rate_burst: l.groupRate?.burst ?? 0,
    };
    return limitsFromWire((await this.call("SetQueueLimits", { limits })).limits).limits;
  }

  /** The queue's limits, what holds it now ("paused", "concurrency", "rate" or ""), and its busiest groups (at most 20). */
  async getQueueLimits(queue: string, topGroups = 0): Promise<QueueFlow> {
    return queueFlowFromWire(await this.call("GetQueueLimits", { queue, top_groups: topGroups }));
  }

  /**
   * Streams state changes of the given jobs (or of a queue) until the
   * returned stop() is called. `onReady` fires once the master has the
   * subscription in place; call get() after that to learn the current state
   * without a gap. Events arrive only once the change is durable.
   */
  watch(
    filter: { jobIds?: string[]; queue?: string },
    onJob: (job: Job) => void,
    o: { onReady?: () => void; onEnd?: (err?: Error) => void } = {},
  ): () => void {
    const stream = this.rpc.watch({ job_ids: filter.jobIds ?? [], queue: filter.queue ?? "" });
    stream.on("metadata", () => o.onReady?.());
    stream.on("data", (e: ResponseOf<"WatchJobs">) => {
      if (e.job !== null) onJob(decorate(jobFromWire(e.job)));
    });
    let stopped = false;
    stream.on("error", (err: Error & { code?: number }) => {
      // CANCELLED by our own stop() is the expected end; by close() it is news to the caller.
      if (!(stopped && err.code === 1)) o.onEnd?.(err);
    });
    stream.on("end", () => o.onEnd?.());
    return () => {
      stopped = true;
      stream.cancel();
    };
  }

  /**
   * Resolves with the job once it is COMPLETED, FAILED or CANCELLED (its
   * `returnValue` typed as R). A number is the timeout in ms, as before.
   * Rejects with WaitTimeoutError after `timeoutMs`, with JobFailedError on
   * FAILED or CANCELLED when `rejectOnFailure`, and with the stream's error
   * if the watch ends (close(), the master going away).
   */
  wait<R = unknown, T = unknown>(jobId: string, opts: number | WaitOptions = {}): Promise<Job<T, R>> {
    const o = typeof opts === "number" ? { timeoutMs: opts } : opts;
    return new Promise((resolve, reject) => {
      let timer: ReturnType<typeof setTimeout> | undefined;
      let settled = false;
      const done = (fn: () => void) => {
        if (settled) return;
        settled = true;
        stop();
        if (timer) clearTimeout(timer);
        fn();
      };
      const check = (j: Job) => {
        if (!isTerminal(j.status)) return;
        const job = j as Job<T, R>;
        if (o.rejectOnFailure && job.state !== "completed") done(() => reject(new JobFailedError(job)));
        else done(() => resolve(job));
      };
      const stop = this.watch({ jobIds: [jobId] }, check, {
        onReady: () => this.get(jobId).then(check, (e) => done(() => reject(e))),
        onEnd: (err) => done(() => reject(err ?? new Error(`watch of job ${jobId} ended early`))),
      });
      const timeoutMs = o.timeoutMs ?? 0;
      if (timeoutMs > 0) timer = setTimeout(() => done(() => reject(new WaitTimeoutError(jobId, timeoutMs))), timeoutMs);
    });
  }

  /**
   * Sends the submit() calls still lingering at once, and closes the channel
   * once they are answered (at once when none wait): then calls still open
   * are cancelled (they reject with CANCELLED) and the client makes no more.
   * The promise resolves when the channel is closed. Idempotent.
   */
  close(): Promise<void> {
    if (this.closed === undefined) {
      if (this.batcher?.busy) {
        this.closed = this.batcher.flush().then(() => this.rpc.close());
      } else {
        this.rpc.close();
        this.closed = Promise.resolve();
      }
    }
    return this.closed;
  }
}

/** A submit's answer as the SDK returns it; `payload`: the bytes sent for it. */
function submittedOf(r: BatchResult, payload: Uint8Array): Submitted {
  const job = jobFromWire(r.job);
  // The master answers without payloads; a new job's is the one just sent. A duplicate's is the stored one, not known here.
  if (!r.duplicate && job.payload.length === 0) job.payload = payload;
  const out: Submitted = { job: decorate(job), duplicate: r.duplicate };
  if (r.duplicate && r.reason) out.reason = r.reason;
  return out;
}


/** The job of a reply that must carry one. */
function jobOf<T, R>(r: { job: Parameters<typeof jobFromWire>[0] | null }): Job<T, R> {
  if (r.job === null) throw new Error("the master answered without the job");
  return decorate(jobFromWire(r.job));
}
