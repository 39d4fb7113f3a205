// JobSource over an in-process Broker (standalone mode): no network, no
// serialisation. The broker may still forget the worker (it missed
// heartbeats while the event loop was blocked), so poll and heartbeat
// re-register under the same id once when told NOT_FOUND.

import { hostname } from "node:os";
import { DomainError } from "../core/errors.ts";
import type { Lease } from "../core/types.ts";
import type { Broker } from "../server/broker.ts";
import type {
  AckInput,
  AckOutcome,
  ActiveLease,
  HeartbeatResult,
  JobSource,
  Registration,
  WorkerIdentity,
} from "./source.ts";

export class LocalJobSource implements JobSource {
  private identity: WorkerIdentity | undefined;
  private workerId = "";
  private closed = false;

  constructor(private readonly broker: Broker) {}

  async start(identity: WorkerIdentity): Promise<Registration> {
    this.identity = identity;
    return this.register();
  }

  private register(): Registration {
    const id = this.identity;
    if (id === undefined) throw new Error("LocalJobSource: start() was not called");
    const w = this.broker.register({
      workerId: this.workerId || id.workerId,
      hostname: id.hostname ?? hostname(),
      pid: process.pid,
      queues: id.queues,
      types: id.types,
      concurrency: id.concurrency,
      version: id.version,
    });
    this.workerId = w.workerId;
    return {
      workerId: w.workerId,
      heartbeatIntervalMs: this.broker.heartbeatIntervalMs,
      leaseMs: this.broker.manager.defaults.leaseMs,
    };
  }

  /** Runs fn; if the broker no longer knows this worker, registers again and retries once. */
  private async registered<T>(fn: () => T | Promise<T>): Promise<T> {
    try {
      return await fn();
    } catch (e) {
      if (!(e instanceof DomainError && e.kind === "not_found") || this.closed) throw e;
      this.register();
      return await fn();
    }
  }

  poll(count: number, waitMs: number): Promise<Lease[]> {
    return this.registered(() => this.broker.poll(this.workerId, count, waitMs));
  }

  acknowledge(acks: AckInput[]): Promise<AckOutcome[]> {
    return this.broker.ack(this.workerId, acks);
  }

  heartbeat(active: ActiveLease[], load: number): Promise<HeartbeatResult> {
    const ids = active.map((a) => a.jobId);
    const tokens = active.map((a) => a.token);
    return this.registered(() => {
      const r = this.broker.heartbeat(this.workerId, load, ids, tokens);
      return { commands: r.commands, lost: r.lost };
    });
  }

  async progress(jobId: string, token: string, progress: string): Promise<void> {
    this.broker.progress(this.workerId, jobId, token, progress);
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    if (this.workerId) await this.broker.deregister(this.workerId);
  }
}
