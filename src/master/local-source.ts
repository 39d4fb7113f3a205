// JobSource over an in-process Broker (standalone mode): no network, no
// serialisation. The broker may still forget the worker (it missed
// heartbeats while the event loop was blocked), so poll and heartbeat
// re-register under the same id once when told NOT_FOUND.

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
import { DomainError } from "../core/errors.ts";
import type { Lease } from "../core/types.ts";
import type { DependencyResult } from "../core/workflows.ts";
import type { Broker } from "./broker.ts";

export class LocalJobSource implements JobSource {
  private identity: WorkerIdentity | undefined;
  private held: () => ActiveLease[] = () => [];
  private workerId = "";
  private closed = false;

  constructor(private readonly broker: Broker) {}

  async start(identity: WorkerIdentity, held?: () => ActiveLease[]): Promise<Registration> {
    this.identity = identity;
    if (held !== undefined) this.held = held;
    return this.register();
  }

  private register(): Registration {
    const id = this.identity;
    if (id === undefined) throw new Error("LocalJobSource: start() was not called");
    const r = this.broker.register({
      workerId: this.workerId || id.workerId,
      hostname: id.hostname ?? hostname(),
      pid: process.pid,
      queues: id.queues,
      types: id.types,
      concurrency: id.concurrency,
      version: id.version,
      held: this.held(),
    });
    this.workerId = r.workerId;
    return r;
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
    return this.registered(() => this.broker.heartbeat(this.workerId, load, active));
  }

  async progress(jobId: string, token: string, progress: string): Promise<void> {
    this.broker.progress(this.workerId, jobId, token, progress);
  }

  async dependencies(jobId: string, token: string): Promise<DependencyResult[]> {
    return this.broker.dependencies(this.workerId, jobId, token);
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    if (this.workerId) await this.broker.deregister(this.workerId);
  }
}
