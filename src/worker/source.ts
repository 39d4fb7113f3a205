// Where a worker pool gets its jobs from and sends its outcomes to. Two
// implementations: LocalJobSource calls an in-process Broker (standalone
// mode); GrpcJobSource talks to a master over the network and hides
// reconnects, re-registration and ack re-delivery from the pool.

import type { Lease } from "../core/types.ts";
import type { AckInput, AckOutcome } from "../server/broker.ts";
import type { WorkerCommand } from "../server/workers.ts";

export type { AckInput, AckOutcome, WorkerCommand };

/** What the master told the worker when it registered. */
export interface Registration {
  workerId: string;
  heartbeatIntervalMs: number;
  leaseMs: number;
}

/** Who the worker is; sent at registration (and again on re-registration). */
export interface WorkerIdentity {
  /** Empty or undefined: the master assigns one. Re-registration always reuses the id it got. */
  workerId?: string;
  queues?: string[];
  /** Handler names; the master leases only jobs of these types. Must not be empty. */
  types: string[];
  concurrency: number;
  hostname?: string;
  version?: string;
}

export interface ActiveLease {
  jobId: string;
  token: string;
}

export interface HeartbeatResult {
  commands: WorkerCommand[];
  /** Leases this worker no longer holds; their handlers should stop. */
  lost: string[];
}

export interface JobSource {
  /** Registers the worker; call once before anything else. */
  start(identity: WorkerIdentity): Promise<Registration>;
  /** Leases up to `count` jobs, waiting up to `waitMs` for the first one. */
  poll(count: number, waitMs: number): Promise<Lease[]>;
  /** Outcomes in input order; each fenced by its lease token. A single ack is a batch of one. */
  acknowledge(acks: AckInput[]): Promise<AckOutcome[]>;
  /** Proves liveness and extends the leases of `active`; `load` is the number of jobs running. */
  heartbeat(active: ActiveLease[], load: number): Promise<HeartbeatResult>;
  /** May reject (lost lease, unreachable master); the pool logs that and never fails the handler for it. */
  progress(jobId: string, token: string, progress: string): Promise<void>;
  /** Delivers what acks it still holds (bounded in time), then deregisters. Idempotent. */
  close(): Promise<void>;
}
