// JobSource over gRPC to a remote master. It hides three things from the
// pool: an unreachable master (calls are retried with jittered backoff), a
// master that forgot the worker (restart or expiry: NOT_FOUND makes it
// register again under the same id), and acks that could not be delivered
// (AckSender keeps and re-sends them). Only 127.0.0.1 is used in tests; the
// address is whatever the operator gives.

import { hostname } from "node:os";
import type {
  AckInput,
  AckOutcome,
  ActiveLease,
  HeartbeatResult,
  JobSource,
  Registration,
  WorkerIdentity,
} from "../core/contract.ts";
import { type Logger, silentLogger } from "../core/log.ts";
import type { Lease } from "../core/types.ts";
import type { DependencyResult } from "../core/workflows.ts";
import { type ChannelSecurity, RpcClient } from "../rpc/channel.ts";
import {
  ackOutcomeFromWire,
  ackToWire,
  commandFromWire,
  dependencyFromWire,
  leaseFromWire,
  registrationFromWire,
} from "../rpc/convert.ts";
import { isRetryable, RpcError, status } from "../rpc/errors.ts";
import { type BackoffPolicy, defaultBackoff, retrying } from "../rpc/retry.ts";
import { AckSender } from "./ack-sender.ts";

export interface GrpcSourceOptions {
  /** "host:port" of the master, or of every master of a cluster ("a:1,b:2" or an array): calls follow the leader. */
  address: string | readonly string[];
  /** TLS and bearer token of the channel (see rpc/security.ts channelSecurity). */
  security?: ChannelSecurity;
  log?: Logger;
  backoff?: BackoffPolicy;
  /** Acks completing within this many ms share one AcknowledgeJobs call. */
  ackLingerMs?: number;
  /** Acks kept while the master is unreachable; the oldest are dropped past this. */
  pendingAcksMax?: number;
  /** How long close() keeps trying to deliver queued acks. */
  closeFlushMs?: number;
}

const callTimeoutMs = 15_000;

const isNotFound = (e: unknown) => e instanceof RpcError && e.code === status.NOT_FOUND;

export class GrpcJobSource implements JobSource {
  private readonly client: RpcClient;
  private readonly log: Logger;
  private readonly backoff: BackoffPolicy;
  private readonly closing = new AbortController();
  private readonly acks: AckSender;
  private readonly closeFlushMs: number;
  private identity: WorkerIdentity | undefined;
  private held: () => ActiveLease[] = () => [];
  private workerId = "";
  private registering: Promise<Registration> | undefined;
  private closed: Promise<void> | undefined;
  private unreachableSince = 0;

  constructor(o: GrpcSourceOptions) {
    this.client = new RpcClient(o.address, o.security);
    this.log = o.log ?? silentLogger;
    this.backoff = o.backoff ?? defaultBackoff;
    this.closeFlushMs = o.closeFlushMs ?? 10_000;
    this.acks = new AckSender({
      send: (acks) => this.sendAcks(acks),
      retryable: isRetryable,
      lingerMs: o.ackLingerMs,
      pendingMax: o.pendingAcksMax,
      backoff: this.backoff,
      log: this.log,
    });
  }

  /** Acks waiting for the master (for tests and status output). */
  get pendingAcks(): number {
    return this.acks.pending;
  }

  start(identity: WorkerIdentity, held?: () => ActiveLease[]): Promise<Registration> {
    this.identity = identity;
    if (held !== undefined) this.held = held;
    return this.register();
  }

  /** Registers (again), reusing the id the master gave first; concurrent callers share one call. */
  private register(): Promise<Registration> {
    if (this.closed !== undefined) return Promise.reject(new Error("GrpcJobSource is closing; not registering again"));
    this.registering ??= this.retry(() => this.registerOnce()).finally(() => (this.registering = undefined));
    return this.registering;
  }

  private async registerOnce(): Promise<Registration> {
    const id = this.identity;
    if (id === undefined) throw new Error("GrpcJobSource: start() was not called");
    // Leases still running and those whose acks wait for delivery: the master keeps both.
    const held = [...this.held(), ...this.acks.heldLeases()];
    const res = registrationFromWire(
      await this.client.call(
        "RegisterWorker",
        {
          worker_id: this.workerId || id.workerId || "",
          hostname: id.hostname ?? hostname(),
          pid: process.pid,
          queues: id.queues ?? [],
          concurrency: id.concurrency,
          types: id.types,
          version: id.version ?? "",
          held_job_ids: held.map((l) => l.jobId),
          held_lease_tokens: held.map((l) => l.token),
        },
        callTimeoutMs,
      ),
    );
    if (this.workerId && this.workerId !== res.workerId) {
      this.log.warn(`master gave worker id ${res.workerId} instead of ${this.workerId}`);
    }
    if (this.workerId) this.log.info(`registered again with the master as ${res.workerId}`);
    this.workerId = res.workerId;
    return res;
  }

  /** fn, retried while the master is unreachable and until close(). Logs the outage once. */
  private async retry<T>(fn: () => Promise<T>): Promise<T> {
    const out = await retrying(fn, {
      policy: this.backoff,
      signal: this.closing.signal,
      retryable: isRetryable,
      onRetry: (e, _n, ms) => {
        if (this.unreachableSince === 0) {
          this.unreachableSince = Date.now();
          this.log.warn(`master unreachable (${(e as Error).message}); retrying with backoff`);
        } else this.log.debug(`master still unreachable; retry in ${ms} ms`);
      },
    });
    if (this.unreachableSince !== 0) {
      this.log.info(`master reachable again after ${Date.now() - this.unreachableSince} ms`);
      this.unreachableSince = 0;
    }
    return out;
  }

  /** fn, re-registering first when the master answers NOT_FOUND for this worker. */
  private async registered<T>(fn: () => Promise<T>): Promise<T> {
    try {
      return await fn();
    } catch (e) {
      if (!isNotFound(e) || this.closed !== undefined) throw e;
      this.log.info(`master does not know worker ${this.workerId} (restarted or expired); registering again`);
      await this.register();
      return await fn();
    }
  }

  /** fn with retries while unreachable, and re-registration when forgotten. */
  private withWorker<T>(fn: () => Promise<T>): Promise<T> {
    return this.retry(() => this.registered(fn));
  }

  async poll(count: number, waitMs: number): Promise<Lease[]> {
    try {
      const res = await this.withWorker(() =>
        this.client.call(
          "PollJobs",
          { worker_id: this.workerId, count, wait_ms: waitMs },
          waitMs + callTimeoutMs,
        ),
      );
      return res.jobs.map(leaseFromWire);
    } catch (e) {
      if (this.closing.signal.aborted) return [];
      throw e;
    }
  }

  acknowledge(acks: AckInput[]): Promise<AckOutcome[]> {
    return this.acks.submit(acks);
  }

  private async sendAcks(acks: AckInput[]): Promise<AckOutcome[]> {
    const res = await this.client.call(
      "AcknowledgeJobs",
      { acks: acks.map((a) => ackToWire(this.workerId, a)) },
      callTimeoutMs,
    );
    return res.outcomes.map(ackOutcomeFromWire);
  }

  /** One try per call: the pool heartbeats again next interval. NOT_FOUND re-registers first. */
  async heartbeat(active: ActiveLease[], load: number): Promise<HeartbeatResult> {
    const send = () =>
      this.client.call(
        "Heartbeat",
        {
          worker_id: this.workerId,
          active: load,
          active_job_ids: active.map((a) => a.jobId),
          lease_tokens: active.map((a) => a.token),
        },
        callTimeoutMs,
      );
    const res = await this.registered(send);
    return {
      commands: res.commands.map(commandFromWire).filter((c) => c !== undefined),
      lost: res.lost_job_ids,
      deadline: res.lease_deadline_ms,
    };
  }

  async progress(jobId: string, token: string, progress: string): Promise<void> {
    await this.client.call(
      "ReportProgress",
      { worker_id: this.workerId, job_id: jobId, lease_token: token, progress },
      callTimeoutMs,
    );
  }

  async dependencies(jobId: string, token: string): Promise<DependencyResult[]> {
    const res = await this.client.call("GetDependencies", { worker_id: this.workerId, job_id: jobId, lease_token: token }, callTimeoutMs);
    return res.dependencies.map(dependencyFromWire);
  }

  close(): Promise<void> {
    this.closed ??= this.shutdown();
    return this.closed;
  }

  private async shutdown(): Promise<void> {
    const left = await this.acks.flush(this.closeFlushMs);
    if (left > 0) this.log.warn(`${left} acknowledgement(s) not delivered; those jobs will run again when their leases lapse`);
    this.acks.close();
    this.closing.abort();
    if (this.workerId) {
      await this.client
        .call("DeregisterWorker", { worker_id: this.workerId }, 5000)
        .catch((e) => this.log.debug(`deregister failed: ${(e as Error).message}`));
    }
    this.client.close();
  }
}
