// The records that change job state. JobManager builds one per change,
// hands it to the journal, then applies it; recovery applies the same records
// in the same order. A record carries every value its effect depends on.

import type { TokenEntry } from "./auth.ts";
import type { QueueRetention } from "./config.ts";
import type { QueueLimits } from "./flow.ts";
import type { Schedule, SkipReason } from "./schedules.ts";
import type { Batch, Job } from "./types.ts";

export type WalRecord =
  /** `job` is a fresh job as submitted; encoders must read it at append time. */
  | { kind: "submitted"; job: Job }
  /**
   * The clock reached `at`: delayed jobs due by then become PENDING, and
   * queues and groups held until then (rate, pause) may run again.
   */
  | { kind: "promoted"; at: number }
  /** `owner`: the credential that registered the worker (security.md), kept with the lease so a restart still knows it. */
  | { kind: "leased"; jobId: string; token: string; workerId: string; deadline: number; attempt: number; at: number; owner?: string }
  | { kind: "extended"; jobIds: string[]; deadline: number }
  | { kind: "completed"; jobId: string; token: string; result: Uint8Array | undefined; at: number; logs?: string[] }
  /** retryAt 0: no attempts left (or not retryable), the job is FAILED. */
  | { kind: "attemptFailed"; jobId: string; token: string; error: string; at: number; retryAt: number; logs?: string[] }
  | { kind: "cancelled"; jobId: string; at: number }
  | { kind: "retried"; jobId: string; at: number }
  | { kind: "removed"; jobIds: string[] }
  | { kind: "queuePaused"; queue: string; paused: boolean }
  | { kind: "progress"; jobId: string; progress: string; at: number }
  /**
   * A lease nobody received (the poll's caller was gone), or given back by
   * its handler as rate limited: PENDING again (SCHEDULED at retryAt when
   * retryAt > at), attempt taken back.
   */
  | { kind: "returned"; jobId: string; token: string; at: number; retryAt?: number }
  /** An operator removed a job that is not running (finished, pending or scheduled). */
  | { kind: "deleted"; jobId: string; at: number }
  /** An operator made one SCHEDULED job PENDING before its run_at. */
  | { kind: "jobPromoted"; jobId: string; at: number }
  /** A queue's own retention bounds; all four 0 clears them. */
  | { kind: "queueRetention"; queue: string; retention: QueueRetention }
  /** An admin created an API token; only the hash of its secret is kept. */
  | { kind: "tokenCreated"; token: TokenEntry }
  /** The token is gone: calls with it are UNAUTHENTICATED from this record on. */
  | { kind: "tokenRevoked"; id: string; at: number }
  /**
   * A submit was debounced into a job that has not started: it runs at runAt
   * (SCHEDULED when later than `at`, else PENDING) and, when `payload` is
   * given, with that payload.
   */
  | { kind: "debounced"; jobId: string; payload: Uint8Array | undefined; runAt: number; at: number }
  /** These tokens were used by `at` (written in batches, at most once a minute). */
  | { kind: "tokensUsed"; ids: string[]; at: number }
  /** A queue's limits (all 0: none). A changed rate starts its buckets full again. */
  | { kind: "queueLimits"; queue: string; limits: QueueLimits }
  /** A handler asked to hold a group (RateLimitedError with pauseGroup): no job of it starts before untilMs. */
  | { kind: "groupPaused"; queue: string; group: string; untilMs: number }
  /** A schedule was created or replaced: the whole definition, its next tick computed. */
  | { kind: "scheduleSet"; schedule: Schedule }
  /**
   * One tick of a schedule: creates `job` (fresh, as submitted) and moves the
   * schedule to nextRunAt, in one record, so a crash can neither fire a tick
   * twice nor lose the advance. `manual` (TriggerSchedule): the next tick stays.
   */
  | { kind: "scheduleFired"; name: string; job: Job; tickAt: number; nextRunAt: number; at: number; manual: boolean }
  /** A tick made no job (overlap, missed window with policy skip, full queue); the schedule moves to nextRunAt. */
  | { kind: "scheduleSkipped"; name: string; reason: SkipReason; tickAt: number; nextRunAt: number; at: number }
  /** Paused, or resumed with a next tick computed from the resume time. */
  | { kind: "schedulePaused"; name: string; paused: boolean; nextRunAt: number; at: number }
  | { kind: "scheduleDeleted"; name: string; at: number }
  /**
   * A whole flow, accepted at once (docs/workflows.md): fresh jobs in
   * dependency order, each after every job of the flow it depends on.
   */
  | { kind: "flowSubmitted"; jobs: Job[] }
  /** A batch was created, open and empty; encoders read it at append time. */
  | { kind: "batchCreated"; batch: Batch }
  /** No more jobs join the batch. */
  | { kind: "batchClosed"; batchId: string; at: number }
  /**
   * A closed batch whose jobs all finished fired: its callback jobs
   * (on_success only when every job completed) are created by this record,
   * so they exist exactly once. `dropped`: older fired batches forgotten by
   * it (batchesKeptMax).
   */
  | { kind: "batchFired"; batchId: string; at: number; onComplete: Job | undefined; onSuccess: Job | undefined; dropped: string[] };

export type RecordKind = WalRecord["kind"];

/** Where JobManager sends each record before applying it. Must not reorder. */
export interface RecordSink {
  append(record: WalRecord): void;
}
