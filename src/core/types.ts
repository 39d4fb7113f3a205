// The job model. A Job is mutable and owned by JobTable; everything outside
// src/core sees it through JobView copies or the wire conversion.

export const JobStatus = {
  Scheduled: 1,
  Pending: 2,
  Running: 3,
  Completed: 4,
  Failed: 5,
  Cancelled: 6,
  /** Submitted with dependencies that have not all finished (docs/workflows.md). */
  Waiting: 7,
} as const;
export type JobStatus = (typeof JobStatus)[keyof typeof JobStatus];

export const statusNames: Record<JobStatus, string> = {
  1: "scheduled",
  2: "pending",
  3: "running",
  4: "completed",
  5: "failed",
  6: "cancelled",
  7: "waiting",
};

export function parseStatus(name: string): JobStatus | undefined {
  for (const [k, v] of Object.entries(statusNames)) if (v === name) return Number(k) as JobStatus;
  return undefined;
}

export function isTerminal(s: JobStatus): boolean {
  return s >= JobStatus.Completed && s <= JobStatus.Cancelled;
}

/** What a WAITING job does when one of its dependencies ends FAILED or CANCELLED. */
export const DependencyPolicy = {
  /** The job FAILS, with an error naming the dependency (default). */
  Fail: 1,
  /** The job is CANCELLED. */
  Cancel: 2,
  /** The dependency counts as done; the job runs once all have finished. */
  RunAnyway: 3,
} as const;
export type DependencyPolicy = (typeof DependencyPolicy)[keyof typeof DependencyPolicy];

export const policyNames: Record<DependencyPolicy, string> = { 1: "fail", 2: "cancel", 3: "run_anyway" };

/**
 * A job's place in a workflow (docs/workflows.md): the jobs it waits for, its
 * flow and its batch. Allocated only for jobs that have one, like JobKeys.
 */
export interface JobLinks {
  /** Ids of the jobs this one runs after. */
  readonly dependsOn: readonly string[];
  readonly policy: DependencyPolicy;
  /** The flow node this job is a child of ("" for a flow's root and for jobs outside flows). */
  readonly parentId: string;
  /** The id of the flow's root job ("" outside flows). */
  readonly flowId: string;
  /** The batch the job belongs to ("" for none). */
  readonly batchId: string;
  /** Derived, never stored: dependencies not finished yet while the job is WAITING. */
  waitingOn: number;
}

/** Per-job settings that rarely differ between jobs; shared between jobs when equal. */
export interface JobSettings {
  readonly maxAttempts: number;
  readonly timeoutMs: number;
  readonly backoffBaseMs: number;
  readonly backoffMaxMs: number;
  readonly metadata: Readonly<Record<string, string>>;
  /** Removed by the record that finishes it COMPLETED, instead of kept for retention. */
  readonly removeOnComplete: boolean;
  /** Removed by the record that finishes it FAILED (not CANCELLED: an operator's act stays visible). */
  readonly removeOnFail: boolean;
}

/** Fields only finished or running jobs need; allocated on first use to keep queued jobs small. */
export interface JobExtra {
  startedAt: number;
  finishedAt: number;
  result: Uint8Array | undefined;
  error: string;
  progress: string;
  idempotencyKey: string;
  /** The ctx.log lines of the last acknowledged attempt. */
  logs: readonly string[];
  /** Who registered the worker of the last lease (Identity.key); "" when unknown. */
  leaseOwner?: string;
}

/**
 * A job's unique and debounce keys (docs/unique-debounce.md); allocated only
 * for jobs that have one, to keep the rest small.
 */
export interface JobKeys {
  /** Held per (queue, key) while the job is unfinished, and with a TTL uniqueTtlMs longer. */
  readonly uniqueKey: string;
  /** > 0: scope TTL. */
  readonly uniqueTtlMs: number;
  /** Scope TTL: the key is held until then; set by the record that finishes the job, 0 while it is unfinished. */
  uniqueUntil: number;
  /** The job takes later submits with this key (per queue) until it starts; "" once an operator retried it. */
  debounceKey: string;
}

/** Shared by every job without log lines, so they cost no allocation. */
export const noLogs: readonly string[] = Object.freeze([]);

export class Job {
  status: JobStatus = JobStatus.Pending;
  attempt = 0;
  /** Order stamp of the job's latest entry into a ready lane or timer heap (lazy deletion). */
  stamp = 0;
  leaseToken = "";
  leaseDeadline = 0;
  workerId = "";
  /** Its group within the queue (fair scheduling, group limits); "" for none. */
  group = "";
  updatedAt: number;
  extra: JobExtra | undefined = undefined;
  keys: JobKeys | undefined = undefined;
  links: JobLinks | undefined = undefined;
  /**
   * Derived, never stored: the WAITING jobs that wait for this one (reverse
   * dependency edges), woken by the record that finishes it; cleared then.
   */
  dependents: Job[] | undefined = undefined;

  constructor(
    readonly id: string,
    readonly queue: string,
    readonly type: string,
    /** Replaced only by a debounced record (debounce mode replace). */
    public payload: Uint8Array,
    readonly priority: number,
    readonly createdAt: number,
    public runAt: number,
    readonly settings: JobSettings,
  ) {
    this.updatedAt = createdAt;
  }

  ensureExtra(): JobExtra {
    this.extra ??= {
      startedAt: 0,
      finishedAt: 0,
      result: undefined,
      error: "",
      progress: "",
      idempotencyKey: "",
      logs: noLogs,
    };
    return this.extra;
  }
}

/** A plain, detached copy of a job for callers outside the core. */
export interface JobView {
  id: string;
  queue: string;
  type: string;
  /** "" for none. */
  group: string;
  payload: Uint8Array;
  status: JobStatus;
  priority: number;
  attempt: number;
  maxAttempts: number;
  createdAt: number;
  runAt: number;
  startedAt: number;
  finishedAt: number;
  updatedAt: number;
  timeoutMs: number;
  backoffBaseMs: number;
  backoffMaxMs: number;
  idempotencyKey: string;
  metadata: Record<string, string>;
  removeOnComplete: boolean;
  removeOnFail: boolean;
  result: Uint8Array | undefined;
  error: string;
  progress: string;
  /** The ctx.log lines of the last acknowledged attempt. */
  logs: string[];
  workerId: string;
  leaseDeadline: number;
  uniqueKey: string;
  /** > 0: unique scope TTL. */
  uniqueTtlMs: number;
  /** Scope TTL, once finished: the key is held until then. */
  uniqueUntil: number;
  debounceKey: string;
  dependsOn: string[];
  dependencyPolicy: DependencyPolicy;
  parentId: string;
  flowId: string;
  batchId: string;
  /** While WAITING: dependencies not finished yet. */
  dependenciesUnfinished: number;
}

export function viewOf(j: Job): JobView {
  const x = j.extra;
  return {
    id: j.id,
    queue: j.queue,
    type: j.type,
    group: j.group,
    payload: j.payload,
    status: j.status,
    priority: j.priority,
    attempt: j.attempt,
    maxAttempts: j.settings.maxAttempts,
    createdAt: j.createdAt,
    runAt: j.runAt,
    startedAt: x?.startedAt ?? 0,
    finishedAt: x?.finishedAt ?? 0,
    updatedAt: j.updatedAt,
    timeoutMs: j.settings.timeoutMs,
    backoffBaseMs: j.settings.backoffBaseMs,
    backoffMaxMs: j.settings.backoffMaxMs,
    idempotencyKey: x?.idempotencyKey ?? "",
    metadata: { ...j.settings.metadata },
    removeOnComplete: j.settings.removeOnComplete,
    removeOnFail: j.settings.removeOnFail,
    result: x?.result,
    error: x?.error ?? "",
    progress: x?.progress ?? "",
    logs: x === undefined ? [] : [...x.logs],
    workerId: j.workerId,
    leaseDeadline: j.leaseDeadline,
    uniqueKey: j.keys?.uniqueKey ?? "",
    uniqueTtlMs: j.keys?.uniqueTtlMs ?? 0,
    uniqueUntil: j.keys?.uniqueUntil ?? 0,
    debounceKey: j.keys?.debounceKey ?? "",
    dependsOn: j.links === undefined ? [] : [...j.links.dependsOn],
    dependencyPolicy: j.links?.policy ?? DependencyPolicy.Fail,
    parentId: j.links?.parentId ?? "",
    flowId: j.links?.flowId ?? "",
    batchId: j.links?.batchId ?? "",
    dependenciesUnfinished: j.status === JobStatus.Waiting ? (j.links?.waitingOn ?? 0) : 0,
  };
}

/**
 * A batch (docs/workflows.md): jobs join it by batch_id while it is open;
 * once it is closed and all of them finished, its callbacks fire once.
 */
export interface Batch {
  readonly id: string;
  readonly description: string;
  /**
   * Callback templates: a Job with id "", createdAt 0 and runAt the delay in
   * ms after the fire; the batch_fired record carries the job made from it.
   */
  readonly onComplete: Job | undefined;
  readonly onSuccess: Job | undefined;
  readonly createdAt: number;
  closed: boolean;
  closedAt: number;
  /** Jobs that joined. */
  total: number;
  completed: number;
  failed: number;
  cancelled: number;
  /** 0 until the callbacks fired. */
  firedAt: number;
  onCompleteJobId: string;
  onSuccessJobId: string;
}

/** A job given to a worker with the lease that fences its acknowledgement. */
export interface Lease {
  job: JobView;
  token: string;
  deadline: number;
}
