// Every limit and default of the core in one place. Units are last in names.

export interface Limits {
  typeBytesMax: number;
  queueBytesMax: number;
  payloadBytesMax: number;
  resultBytesMax: number;
  errorBytesMax: number;
  progressBytesMax: number;
  /** A handler's ctx.log lines kept per attempt, the "… N more lines dropped" marker included. */
  jobLogLinesMax: number;
  /** UTF-8 bytes of those lines together. */
  jobLogBytesMax: number;
  metadataEntriesMax: number;
  metadataBytesMax: number;
  idempotencyKeyBytesMax: number;
  /** JobOptions.unique_key and debounce_key. */
  uniqueKeyBytesMax: number;
  /** How long a unique key (scope TTL) stays held after its job finished. */
  uniqueTtlMsMax: number;
  /** A job's group key (JobOptions.group). */
  groupBytesMax: number;
  priorityMin: number;
  priorityMax: number;
  maxAttemptsMax: number;
  delayMsMax: number;
  timeoutMsMax: number;
  backoffMsMax: number;
  /** Jobs not yet finished (scheduled + pending + running) in one queue. */
  queueJobsMax: number;
  submitBatchMax: number;
  pollCountMax: number;
  leasesPerWorkerMax: number;
  listLimitMax: number;
  /** Jobs one ListJobs call examines at most (a filter or search that matches few stops here). */
  listScanMax: number;
  /** ListJobs search text. */
  searchBytesMax: number;
  /** Schedules held at once (docs/schedules.md). */
  schedulesMax: number;
  scheduleNameBytesMax: number;
  cronBytesMax: number;
  timeZoneBytesMax: number;
  /** A schedule's job payload (every schedule is in every snapshot's header frames). */
  schedulePayloadBytesMax: number;
  /** Shortest and longest --every interval. */
  scheduleEveryMsMin: number;
  scheduleEveryMsMax: number;
  /**
   * A due tick fired later than this after its time (the master was down or
   * stalled), or with a later tick also due, is a missed window: the
   * schedule's missed policy decides (skip, or one run now).
   */
  scheduleLateMsMax: number;
  // ---- workflows (docs/workflows.md) ----
  /** Jobs one job may depend on (fan-in): depends_on ids, flow children and refs together. */
  dependenciesMax: number;
  /** WAITING jobs that may wait on one job at once (fan-out). */
  dependentsMax: number;
  /** Jobs in one SubmitFlow (a parent over 10,000 children fits). */
  flowJobsMax: number;
  /** Payload and metadata bytes of one flow together: its one WAL record must stay well within a frame (64 MiB). */
  flowBytesMax: number;
  /** Nesting depth of a flow tree (the root is depth 1); below the 100 levels of nested messages protobufjs decodes. */
  flowDepthMax: number;
  /** A flow node's ref name. */
  flowRefBytesMax: number;
  /** Batches created and not yet fired (open, or closed with jobs unfinished). */
  batchesOpenMax: number;
  /** Jobs one batch may hold. */
  batchJobsMax: number;
  /** Fired batches kept for GetBatch; the oldest is forgotten past this. */
  batchesKeptMax: number;
  batchDescriptionBytesMax: number;
  /** Result bytes one GetDependencies answer carries; past it, results are left out (result_omitted). */
  dependencyResultsBytesMax: number;
}

export const defaultLimits: Limits = {
  typeBytesMax: 128,
  queueBytesMax: 128,
  payloadBytesMax: 1024 * 1024,
  resultBytesMax: 1024 * 1024,
  errorBytesMax: 64 * 1024,
  progressBytesMax: 16 * 1024,
  jobLogLinesMax: 50,
  jobLogBytesMax: 16 * 1024,
  metadataEntriesMax: 32,
  metadataBytesMax: 8 * 1024,
  idempotencyKeyBytesMax: 256,
  uniqueKeyBytesMax: 256,
  uniqueTtlMsMax: 366 * 24 * 3600 * 1000,
  groupBytesMax: 128,
  priorityMin: -1_000_000,
  priorityMax: 1_000_000,
  maxAttemptsMax: 1000,
  delayMsMax: 366 * 24 * 3600 * 1000,
  timeoutMsMax: 7 * 24 * 3600 * 1000,
  backoffMsMax: 7 * 24 * 3600 * 1000,
  queueJobsMax: 5_000_000,
  submitBatchMax: 10_000,
  pollCountMax: 1000,
  leasesPerWorkerMax: 10_000,
  listLimitMax: 1000,
  listScanMax: 100_000,
  searchBytesMax: 1024,
  schedulesMax: 10_000,
  scheduleNameBytesMax: 128,
  cronBytesMax: 256,
  timeZoneBytesMax: 64,
  schedulePayloadBytesMax: 64 * 1024,
  scheduleEveryMsMin: 1000,
  scheduleEveryMsMax: 366 * 24 * 3600 * 1000,
  scheduleLateMsMax: 60_000,
  dependenciesMax: 10_000,
  dependentsMax: 10_000,
  flowJobsMax: 20_000,
  flowBytesMax: 48 * 1024 * 1024,
  flowDepthMax: 64,
  flowRefBytesMax: 128,
  batchesOpenMax: 10_000,
  batchJobsMax: 1_000_000,
  batchesKeptMax: 10_000,
  batchDescriptionBytesMax: 1024,
  dependencyResultsBytesMax: 4 * 1024 * 1024,
};

/** Metadata entries a batch callback job gets on top of its spec's: batch_id and four counts. */
export const batchCallbackMetadataEntries = 5;

export interface Defaults {
  queue: string;
  maxAttempts: number;
  /** 0: no per-attempt timeout; the lease, kept alive by heartbeats, still applies. */
  timeoutMs: number;
  backoffBaseMs: number;
  backoffMaxMs: number;
  leaseMs: number;
  listLimit: number;
}

export const defaultDefaults: Defaults = {
  queue: "default",
  maxAttempts: 3,
  timeoutMs: 0,
  backoffBaseMs: 1000,
  backoffMaxMs: 3_600_000,
  leaseMs: 30_000,
  listLimit: 100,
};

/** How long finished jobs stay visible; past either bound they are removed. */
export interface Retention {
  completedAgeMs: number;
  completedCountMax: number;
  /** FAILED and CANCELLED jobs. */
  deadAgeMs: number;
  deadCountMax: number;
}

/** A queue's own bounds, kept in addition to the global Retention (the stricter wins); 0 leaves a bound unset. */
export type QueueRetention = Retention;

export function isUnset(r: QueueRetention): boolean {
  return r.completedAgeMs === 0 && r.completedCountMax === 0 && r.deadAgeMs === 0 && r.deadCountMax === 0;
}

export const defaultRetention: Retention = {
  completedAgeMs: 24 * 3600 * 1000,
  completedCountMax: 100_000,
  deadAgeMs: 7 * 24 * 3600 * 1000,
  deadCountMax: 100_000,
};

// ---- limits of the master runtime and the wire ----------------------------
// Not per job, so not in Limits; the master, the worker and the CLI all
// import these instead of restating them.

/** Largest gRPC message either side sends or accepts. */
export const messageBytesMax = 64 * 1024 * 1024;
/** Longest a long-poll may wait for a job. */
export const pollWaitMsMax = 60_000;
/** Long-polls one worker may have parked at once (a pool keeps two). */
export const parkedPollsPerWorkerMax = 16;
/** Registered workers at once. */
export const workersMax = 10_000;
/** Events a watch stream may have queued for a slow reader before it is ended. */
export const watchBacklogEventsMax = 10_000;
/** Job ids one watch may name. */
export const watchJobIdsMax = 10_000;
/** Job ids, worker ids and page tokens: 1..idBytesMax bytes of `A-Z a-z 0-9 _ . : -`. */
export const idBytesMax = 128;
/** A worker's hostname and version strings (printable, no control characters). */
export const hostnameBytesMax = 255;
export const versionBytesMax = 64;
/** Queues and types one worker may register for. */
export const workerQueuesMax = 100;
export const workerTypesMax = 1000;
/** Jobs one worker may run at once, as it declares at registration. */
export const workerConcurrencyMax = 10_000;
/**
 * A ListJobs page stops adding jobs past this many bytes of job data (it
 * always holds at least one job), so a page fits the 4 MiB receive limit
 * that stock gRPC clients default to.
 */
export const listPageBytesMax = 3 * 1024 * 1024;

// ---- the HTTP API (src/http) ------------------------------------------------

/** Largest HTTP request body the master reads (413 beyond); matches messageBytesMax, JSON and base64 included. */
export const httpBodyBytesMax = 64 * 1024 * 1024;
/** FAILED jobs one `POST /v1/queues/:queue/retry-failed` call retries at most (and its default); a cursor continues. */
export const retryFailedBatchMax = 1000;
/** Dashboard sessions held at once; the oldest is dropped past this. */
export const httpSessionsMax = 1000;
/** Dashboard sessions one token holds at once; its oldest is dropped past this (not another token's). */
export const httpSessionsPerTokenMax = 20;
/** A dashboard session's life from its login. */
export const httpSessionMs = 12 * 3600 * 1000;
/** Server-sent events: a comment this often keeps proxies from closing an idle stream. */
export const sseHeartbeatMs = 15_000;
/** Recent events one event channel (one filter) keeps for clients that reconnect with Last-Event-ID. */
export const sseReplayEventsMax = 1000;
/** Bytes of those events per channel. */
export const sseReplayBytesMax = 1024 * 1024;
/** Event channels (distinct filters) at once; an idle one is dropped first. */
export const sseChannelsMax = 256;
/** How long a channel nobody listens to keeps recording, so a client can reconnect and resume. */
export const sseChannelLingerMs = 5 * 60_000;
// ---- flow control (queue limits, docs/flow-control.md) --------------------

/** Largest concurrency and group concurrency limit. */
export const flowConcurrencyMax = 1_000_000;
/** Largest rate count and burst (starts per period). */
export const flowRateCountMax = 1_000_000;
/** Longest rate period: one day. With the two above, bucket arithmetic stays below 2^53. */
export const flowRatePeriodMsMax = 86_400_000;
/** Groups a GetQueueLimits reply lists (the busiest: most running, then most pending). */
export const flowTopGroupsMax = 20;
