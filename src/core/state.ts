// JobTable holds every job and the indexes over them. It changes only
// through apply() (apply.ts), which the live path (JobManager) and recovery
// both call with the same records in the same order, so they build the same
// table. Nothing here reads a clock or draws a random number.

import type { TokenEntry } from "./auth.ts";
import type { QueueRetention } from "./config.ts";
import { type StatusCounts, statusCounts, unfinishedCount } from "./counts.ts";
import { Deque } from "./deque.ts";
import { failedPrecondition } from "./errors.ts";
import { TimerHeap } from "./heap.ts";
import { IdOrder } from "./id-order.ts";
import type { AnyLane, FlowGroup, QueueFlow } from "./flow.ts";
import { RateWindow } from "./rate.ts";
import type { ScheduleEntry } from "./schedules.ts";
import type { Batch, Job, JobStatus } from "./types.ts";

export class QueueState {
  paused = false;
  /** Ready jobs, one lane per job type (a GroupLane once grouped jobs came). */
  readonly lanes = new Map<string, AnyLane>();
  /** Limits, buckets and groups (flow.ts); undefined for a queue with neither limits nor grouped jobs. */
  flow: QueueFlow | undefined = undefined;
  readonly counts: StatusCounts = statusCounts();
  completedTotal = 0;
  failedTotal = 0;
  /** Jobs finished per second over the last minute (throughput). */
  readonly completedRate = new RateWindow(60);
  readonly failedRate = new RateWindow(60);
  /** The queue's own retention bounds (SetQueueRetention), on top of the global ones. */
  retention: QueueRetention | undefined = undefined;
  /**
   * The queue's finished jobs in finish order, for its own retention: the
   * global logs restricted to this queue, with the same stamps.
   */
  readonly completedLog = new Deque<Job>();
  readonly deadLog = new Deque<Job>();
  /**
   * Unique key -> the job that last took it (docs/unique-debounce.md). An
   * entry may outlive its hold (a finished TTL job past its unique_until):
   * whether it still holds is decided against the submit's time in commands.
   */
  readonly unique = new Map<string, Job>();
  /** Debounce key -> the job that has not started yet and takes later submits with that key. */
  readonly debounce = new Map<string, Job>();

  constructor(readonly name: string) {}

  get unfinished(): number {
    return unfinishedCount(this.counts);
  }
}

export type TransitionObserver = (job: Job, from: JobStatus | 0) => void;

/**
 * Lets a background snapshot copy a job before apply() changes it
 * (copy-on-write), so the snapshot shows the state at one WAL position even
 * though it is written over many event-loop turns.
 */
export interface ChangeHooks {
  /** An existing job is about to change or be removed. */
  beforeChange(job: Job): void;
  /** A job was just added. */
  inserted(job: Job): void;
}

export class JobTable {
  readonly jobs = new Map<string, Job>();
  /** The same jobs in id (= submit) order, for paging. */
  readonly idOrder = new IdOrder();
  readonly queues = new Map<string, QueueState>();
  readonly idempotency = new Map<string, Job>();
  readonly scheduled = new TimerHeap<Job>();
  readonly leases = new TimerHeap<Job>();
  /** Queues and groups held until a time (rate, pause), by that time; a `promoted` record wakes them. */
  readonly flowWakes = new TimerHeap<QueueFlow | FlowGroup>();
  /**
   * Called when jobs of a queue may start again although none became ready
   * (a held group woke, a running slot freed under a limit); set by the live
   * path only, and it must only schedule work.
   */
  onFlowOpen: ((queue: string) => void) | undefined = undefined;
  /** Finished jobs in finish order, for retention. */
  readonly completedLog = new Deque<Job>();
  readonly deadLog = new Deque<Job>();
  /** Queues with their own retention bounds, for the retention timer. */
  readonly retained = new Set<QueueState>();
  readonly byWorker = new Map<string, Set<Job>>();
  /** Jobs by status over all queues. */
  readonly counts: StatusCounts = statusCounts();
  /**
   * API tokens by id. An entry is replaced, never changed in place, when a
   * record updates it, so a reader may keep one as a consistent copy.
   */
  readonly tokens = new Map<string, TokenEntry>();
  /** Batches by id: open, closed and fired (the newest batchesKeptMax fired ones). */
  readonly batches = new Map<string, Batch>();
  /** Batches created and not fired yet (counted against batchesOpenMax). */
  unfiredBatches = 0;
  /**
   * Closed batches whose jobs all finished and whose callbacks have not
   * fired: the live path writes a batch_fired record for each right after
   * the record that put it here (and at start-up, for one a crash left).
   */
  readonly batchesDue = new Set<Batch>();
  stampSeq = 0;
  lastJobId = "";
  /** Schedules by name (docs/schedules.md). */
  readonly schedules = new Map<string, ScheduleEntry>();
  /** Unpaused schedules by next tick; an entry whose stamp differs from its schedule's is stale. */
  readonly scheduleDue = new TimerHeap<ScheduleEntry>();
  /** Stamps of scheduleDue entries; not persisted (the heap is rebuilt on restore and replay). */
  scheduleSeq = 0;
  /**
   * Called for every status change once its record is fully applied, and for
   * a progress update (then `from` equals the job's status); set by the live
   * path only.
   */
  observer: TransitionObserver | undefined = undefined;
  hooks: ChangeHooks | undefined = undefined;
  // Status changes of the record being applied, for the observer. Reused
  // arrays, not a tuple per change: this runs for every change of every job.
  private readonly changedJobs: Job[] = [];
  private readonly changedFrom: (JobStatus | 0)[] = [];

  noteChange(job: Job, from: JobStatus | 0): void {
    if (this.observer === undefined) return;
    this.changedJobs.push(job);
    this.changedFrom.push(from);
  }

  /**
   * Hands the changes of the record just applied to the observer. The
   * observer must not apply records itself (the broker's only schedules work).
   */
  flushChanges(): void {
    const obs = this.observer;
    const n = this.changedJobs.length;
    if (obs === undefined || n === 0) return;
    for (let i = 0; i < n; i++) obs(this.changedJobs[i] as Job, this.changedFrom[i] as JobStatus | 0);
    this.changedJobs.length = 0;
    this.changedFrom.length = 0;
  }

  queue(name: string): QueueState {
    let q = this.queues.get(name);
    if (q === undefined) {
      q = new QueueState(name);
      this.queues.set(name, q);
    }
    return q;
  }

  /** The job a record names, about to be changed by it. */
  job(id: string): Job {
    const j = this.jobs.get(id);
    if (j === undefined) throw failedPrecondition(`record names unknown job ${id}`);
    this.hooks?.beforeChange(j);
    return j;
  }
}
