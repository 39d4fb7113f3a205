// The worker <-> master contract: what a worker pool asks of the master and
// what it gets back, independent of transport. The master runtime implements
// it in process (LocalJobSource) and the gRPC pair carries it over the
// network (server/service.ts <-> worker/grpc-source.ts). Types only: both
// sides import this module and never each other.

import type { DomainError } from "./errors.ts";
import type { JobView, Lease } from "./types.ts";
import type { DependencyResult } from "./workflows.ts";

/** The outcome of one attempt, fenced by its lease token. */
export interface AckInput {
  jobId: string;
  token: string;
  success: boolean;
  result?: Uint8Array;
  error?: string;
  /** Failure only: false sends the job straight to FAILED. Default true. */
  retryable?: boolean;
  /** The attempt's ctx.log lines, "<ISO time> <LEVEL> <message>", within jobLogLinesMax and jobLogBytesMax. */
  logs?: string[];
  /**
   * Failure only, > 0: the handler was rate limited (RateLimitedError). The
   * job waits this long as SCHEDULED and gets its attempt back.
   */
  retryAfterMs?: number;
  /** With retryAfterMs: hold the job's whole group as long. */
  pauseGroup?: boolean;
}

/** What the master made of one ack: the job after it, or why it was refused. */
export interface AckOutcome {
  jobId: string;
  job?: JobView;
  error?: DomainError;
}

/** Sent to a worker in a heartbeat reply. */
export type WorkerCommand = { cancelJobId: string } | { quiet: true } | { shutdown: true };

/** A lease the worker is still working on; the token fences its extension. */
export interface ActiveLease {
  jobId: string;
  token: string;
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

/** A registration as the master receives it. */
export interface RegisterInput {
  workerId?: string;
  hostname?: string;
  pid?: number;
  queues?: string[];
  types?: string[];
  concurrency?: number;
  version?: string;
  /**
   * Leases the registering process holds. Any other lease recorded under this
   * worker id belonged to a dead incarnation (or one the master forgot) and is
   * released at once.
   */
  held?: ActiveLease[];
}

/** What the master tells a worker when it registers. */
export interface Registration {
  workerId: string;
  heartbeatIntervalMs: number;
  leaseMs: number;
  workerTimeoutMs: number;
}

export interface HeartbeatResult {
  commands: WorkerCommand[];
  /** Leases this worker no longer holds; their handlers should stop. */
  lost: string[];
  /** The new lease deadline of the leases still held (0 when none were listed). */
  deadline: number;
}

/** Where a worker pool gets its jobs from and sends its outcomes to. */
export interface JobSource {
  /** Registers the worker; call once before anything else. `held` lists leases still running (re-registration). */
  start(identity: WorkerIdentity, held?: () => ActiveLease[]): Promise<Registration>;
  /** Leases up to `count` jobs, waiting up to `waitMs` for the first one. */
  poll(count: number, waitMs: number): Promise<Lease[]>;
  /** Outcomes in input order; each fenced by its lease token. A single ack is a batch of one. */
  acknowledge(acks: AckInput[]): Promise<AckOutcome[]>;
  /** Proves liveness and extends the leases of `active`; `load` is the number of jobs running. */
  heartbeat(active: ActiveLease[], load: number): Promise<HeartbeatResult>;
  /** May reject (lost lease, unreachable master); the pool logs that and never fails the handler for it. */
  progress(jobId: string, token: string, progress: string): Promise<void>;
  /** The jobs a leased job depended on, with their results (ctx.dependencies()); fenced by the lease token. */
  dependencies?(jobId: string, token: string): Promise<DependencyResult[]>;
  /** Delivers what acks it still holds (bounded in time), then deregisters. Idempotent. */
  close(): Promise<void>;
}
