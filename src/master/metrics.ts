// The master's Prometheus metrics (docs/metrics.md), on a registry of their
// own (never prom-client's global one, and no collectDefaultMetrics: on Bun
// its event-loop figures mean something else than on Node; the lag here is
// measured by a timer of our own).
//
// Three kinds of source, none of them a scan on the hot path:
// - transitions: the broker's live observer calls transition() once per
//   status change (never core apply(), which recovery replays too): O(1),
//   a map lookup and a counter or histogram update;
// - storage: the store's observer hooks (one call per WAL batch, fdatasync
//   and snapshot);
// - scrape: gauges computed when text() is called, from the per-queue counts
//   and lanes (O(queues + lanes + workers) per scrape).
//
// Label cardinality is bounded: queue and type are client strings. The
// first queuesMax queues seen get their own `queue` label, later ones share
// queue="_other"; likewise the first labelPairsMax (queue, type) pairs, later
// ones share queue="_other", type="_other". Admissions are never taken back
// while the process runs, so a series never changes its meaning.

import { readdirSync, statSync } from "node:fs";
import { join } from "node:path";
import { Counter, Gauge, Histogram, Registry } from "prom-client";
import type { JobTable } from "../core/state.ts";
import { type Job, JobStatus, statusNames } from "../core/types.ts";
import type { StoreObserver } from "../storage/store.ts";
import { type AuthFailureReason, authFailureReasons } from "./auth.ts";
import { type CounterSeries, HotCounter, HotHistogram, type HistogramSeries } from "./hot-series.ts";

/** Distinct queues that get their own `queue` label; the rest share "_other". */
export const queuesMax = 1000;
/** Distinct (queue, type) pairs that get their own labels; the rest share ("_other", "_other"). */
export const labelPairsMax = 1000;
/** The label value that stands for every queue (or type) past the caps. */
export const otherLabel = "_other";
/** How often the event-loop lag timer fires. */
export const lagIntervalMs = 100;

/** Why the broker ended a running attempt itself (not by the worker's ack). */
export type ReleaseCause = "lease_deadline" | "worker_timeout" | "worker_reregistered" | "handed_back";

/** What the scrape-time gauges read: the live state and the registered workers. */
export interface MetricsSource {
  state: JobTable;
  now(): number;
  /** Ids of the registered workers. */
  workerIds(): Iterable<string>;
}

export interface MetricsOptions {
  /** The data directory, for the bytes-on-disk gauge ("" or absent: none). */
  dataDir?: string;
  /** Caps (tests); default queuesMax and labelPairsMax. */
  queuesMax?: number;
  labelPairsMax?: number;
  /** Event-loop lag timer period; 0 turns the timer off (tests). Default lagIntervalMs. */
  lagIntervalMs?: number;
}

const waitBuckets = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 300, 900, 3600];
const ioBuckets = [0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5];
const batchBuckets = [1, 2, 5, 10, 20, 50, 100, 200, 500, 1000, 2000, 5000];
const snapshotBuckets = [0.01, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 300];
const lagBuckets = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5];

/** The per-queue counters of one `queue` label value. */
interface QueueSeries {
  submitted: CounterSeries;
  completed: CounterSeries;
  failed: CounterSeries;
  retried: CounterSeries;
  cancelled: CounterSeries;
}

/** The per-(queue, type) histograms of one label pair. */
interface PairSeries {
  wait: HistogramSeries;
  run: HistogramSeries;
}

/** Statuses in the order of the jobs gauge's `state` label. */
const statuses = [
  JobStatus.Scheduled,
  JobStatus.Pending,
  JobStatus.Running,
  JobStatus.Completed,
  JobStatus.Failed,
  JobStatus.Cancelled,
  JobStatus.Waiting,
] as const;

/** What the replication gauges read of a replication leader. */
export interface ReplicationFigures {
  status(): { id: string; inSync: boolean; lagBytes: number; lagMs: number }[];
}

export class Metrics {
  /** The replication leader, when this master replicates (set by the runtime). */
  replication: ReplicationFigures | undefined = undefined;
  replicationEpoch: (() => number) | undefined = undefined;
  readonly registry = new Registry();
  readonly contentType: string;
  /** Hooks for openStore (WAL batches, fdatasyncs, snapshots). */
  readonly storeObserver: StoreObserver;

  private source: MetricsSource | undefined;
  private readonly dataDir: string;
  private readonly queuesMax: number;
  private readonly pairsMax: number;
  /** Admitted queues by name; a queue not here maps to `other`. */
  private readonly queues = new Map<string, QueueSeries>();
  /** Admitted (queue, type) pairs: by queue, then type (no key string built per lookup). */
  private readonly pairs = new Map<string, Map<string, PairSeries>>();
  private pairCount = 0;
  private otherQueue: QueueSeries | undefined;
  private otherPair: PairSeries | undefined;

  // Per transition: plain-number series (hot-series.ts), not prom-client's label hashing.
  private readonly submitted: HotCounter;
  private readonly completed: HotCounter;
  private readonly failed: HotCounter;
  private readonly retried: HotCounter;
  private readonly cancelled: HotCounter;
  private readonly wait: HotHistogram;
  private readonly run: HotHistogram;
  private readonly leasesExpired: Counter<string>;
  private readonly leasesReleased: Counter<"reason">;
  private readonly staleAcks: Counter<string>;
  private readonly authFailures: Counter<"reason">;
  private readonly walWrite: Histogram<string>;
  private readonly walSync: Histogram<string>;
  private readonly walBatch: Histogram<string>;
  private readonly walBytes: Counter<string>;
  private readonly snapshot: Histogram<string>;
  private readonly lag: Histogram<string>;

  private lagTimer: ReturnType<typeof setInterval> | undefined;
  private lagExpectedAt = 0;
  private lagMaxMs = 0;

  constructor(o: MetricsOptions = {}) {
    this.dataDir = o.dataDir ?? "";
    this.queuesMax = o.queuesMax ?? queuesMax;
    this.pairsMax = o.labelPairsMax ?? labelPairsMax;
    this.contentType = this.registry.contentType;
    const registers = [this.registry];
    const counter = <L extends string>(name: string, help: string, labelNames: readonly L[] = []) =>
      new Counter<L>({ name, help, labelNames, registers });
    const hotCounter = (name: string, help: string) => new HotCounter(name, help, ["queue"], this.registry);
    const hotHistogram = (name: string, help: string) => new HotHistogram(name, help, waitBuckets, ["queue", "type"], this.registry);
    const histogram = <L extends string>(name: string, help: string, buckets: number[], labelNames: readonly L[] = []) =>
      new Histogram<L>({ name, help, buckets, labelNames, registers });
    const self = this;

    // ---- jobs, by queue (scrape time) ----
    new Gauge({
      name: "falconq_jobs",
      help: "Jobs held by the master now, by queue and state (scheduled, pending, running, completed, failed, cancelled); finished jobs count until retention removes them.",
      labelNames: ["queue", "state"],
      registers,
      collect() {
        self.collectJobs(this);
      },
    });
    new Gauge({
      name: "falconq_queue_oldest_pending_age_seconds",
      help: "Approximate age of the queue's oldest PENDING job: now minus the run_at (submit time, or end of delay/backoff) of the earliest-queued job among the heads of its type lanes' priority buckets; 0 when none is pending.",
      labelNames: ["queue"],
      registers,
      collect() {
        self.collectOldest(this);
      },
    });
    new Gauge({
      name: "falconq_queue_paused",
      help: "1 if the queue is paused (its jobs are not handed out), else 0.",
      labelNames: ["queue"],
      registers,
      collect() {
        self.collectPaused(this);
      },
    });
    new Gauge({
      name: "falconq_workers",
      help: "Workers registered with the master now.",
      registers,
      collect() {
        this.set(self.workerFigures().registered);
      },
    });
    new Gauge({
      name: "falconq_workers_busy",
      help: "Registered workers that hold at least one lease now.",
      registers,
      collect() {
        this.set(self.workerFigures().busy);
      },
    });

    // ---- per-queue counters and histograms (live observer) ----
    this.submitted = hotCounter("falconq_jobs_submitted_total", "Jobs accepted by submit since this process started, by queue (idempotent duplicates not counted).");
    this.completed = hotCounter("falconq_jobs_completed_total", "Jobs finished COMPLETED since this process started, by queue.");
    this.failed = hotCounter("falconq_jobs_failed_total", "Jobs finished FAILED (attempts exhausted or not retryable) since this process started, by queue.");
    this.retried = hotCounter(
      "falconq_jobs_retried_total",
      "Jobs queued again after a failed or lost attempt, or by RetryJob, since this process started, by queue (hand-backs that cost no attempt are not counted).",
    );
    this.cancelled = hotCounter("falconq_jobs_cancelled_total", "Jobs cancelled since this process started, by queue.");
    this.wait = hotHistogram(
      "falconq_job_wait_seconds",
      "Submit-to-start: seconds from a job's run_at (its submit time, or the end of its delay or retry backoff) until a worker leased it, observed at each lease, by queue and type.",
    );
    this.run = hotHistogram(
      "falconq_job_run_seconds",
      "Seconds from lease to the worker's ack, for attempts the worker acknowledged (completed or failed), by queue and type.",
    );

    // ---- leases, acks, auth ----
    this.leasesExpired = counter("falconq_leases_expired_total", "Leases whose deadline passed without an ack or heartbeat (the attempt counts as failed and the job is queued again or fails).");
    this.leasesReleased = counter(
      "falconq_leases_released_total",
      "Leases ended by the master for other reasons: worker_timeout (the worker missed heartbeats or did not come back after a restart), worker_reregistered (it registered again without the lease), handed_back (a worker leaving or an abandoned poll gave it back; no attempt counted).",
      ["reason"],
    );
    this.staleAcks = counter(
      "falconq_acks_stale_total",
      "Acks refused because their lease token no longer holds the job (the lease expired or was released, or the job was cancelled or finished).",
    );
    this.authFailures = counter(
      "falconq_auth_failures_total",
      "Refused authentications, by reason: missing, malformed, invalid, expired, throttled.",
      ["reason"],
    );
    for (const r of authFailureReasons) this.authFailures.labels(r).inc(0);
    for (const r of ["worker_timeout", "worker_reregistered", "handed_back"]) this.leasesReleased.labels(r).inc(0);

    // ---- storage ----
    this.walWrite = histogram("falconq_wal_write_seconds", "Seconds to write one group-commit batch to the WAL (write calls, plus a segment rotation when one happened).", ioBuckets);
    this.walSync = histogram("falconq_wal_fsync_seconds", "Seconds one fdatasync of a WAL segment took.", ioBuckets);
    this.walBatch = histogram("falconq_wal_batch_records", "Records per group-commit batch (one write, and in fsync mode always one fdatasync, per batch).", batchBuckets);
    this.walBytes = counter("falconq_wal_written_bytes_total", "Bytes written to the WAL since this process started (frames: header and record).");
    if (this.dataDir !== "") {
      new Gauge({
        name: "falconq_data_dir_bytes",
        help: "Bytes of the files in the data directory now (WAL segments and snapshots; listed at scrape). Absent with an in-memory store.",
        registers,
        collect() {
          const n = self.dataDirBytes();
          if (n !== undefined) this.set(n);
        },
      });
    }
    this.snapshot = histogram("falconq_snapshot_seconds", "Seconds to write one snapshot (encode, temp file, fsync, rename, compaction); failed ones are not observed.", snapshotBuckets);

    // ---- process ----
    this.lag = histogram(
      "falconq_event_loop_lag_seconds",
      `How late a timer due every ${o.lagIntervalMs ?? lagIntervalMs} ms fired (event-loop lag), one observation per firing.`,
      lagBuckets,
    );
    new Gauge({
      name: "falconq_event_loop_lag_max_seconds",
      help: "The largest event-loop lag observed since the previous scrape (reset by each scrape).",
      registers,
      collect() {
        this.set(self.lagMaxMs / 1000);
        self.lagMaxMs = 0;
      },
    });
    // ---- replication (a leader with standbys, docs/ha.md; scrape time) ----
    new Gauge({
      name: "falconq_replication_standby_lag_bytes",
      help: "WAL bytes a standby has not acknowledged yet, by standby id (+Inf: it never acknowledged a position this leader knows).",
      labelNames: ["standby"],
      registers,
      collect() {
        this.reset();
        for (const f of self.replication?.status() ?? []) this.labels(f.id).set(f.lagBytes);
      },
    });
    new Gauge({
      name: "falconq_replication_standby_lag_seconds",
      help: "Age of the oldest WAL byte a standby has not acknowledged, by standby id (0: caught up).",
      labelNames: ["standby"],
      registers,
      collect() {
        this.reset();
        for (const f of self.replication?.status() ?? []) this.labels(f.id).set(f.lagMs / 1000);
      },
    });
    new Gauge({
      name: "falconq_replication_standby_in_sync",
      help: "1 if the standby is in the in-sync set (its acknowledgements count towards --min-insync), else 0.",
      labelNames: ["standby"],
      registers,
      collect() {
        this.reset();
        for (const f of self.replication?.status() ?? []) this.labels(f.id).set(f.inSync ? 1 : 0);
      },
    });
    new Gauge({
      name: "falconq_replication_epoch",
      help: "The leader epoch this master serves under (the etcd election key's create revision); 0 without replication.",
      registers,
      collect() {
        this.set(self.replicationEpoch?.() ?? 0);
      },
    });

    new Gauge({
      name: "falconq_start_time_seconds",
      help: "When this master process started its metrics (Unix time).",
      registers,
    }).set(Math.floor(Date.now() / 1000));

    const walWrite = this.walWrite;
    const walBatch = this.walBatch;
    const walBytes = this.walBytes;
    const walSync = this.walSync;
    const snapshot = this.snapshot;
    this.storeObserver = {
      written(records, bytes, ms) {
        walWrite.observe(ms / 1000);
        walBatch.observe(records);
        walBytes.inc(bytes);
      },
      synced(ms) {
        walSync.observe(ms / 1000);
      },
      snapshot(ms) {
        snapshot.observe(ms / 1000);
      },
    };

    const every = o.lagIntervalMs ?? lagIntervalMs;
    if (every > 0) {
      this.lagExpectedAt = performance.now() + every;
      this.lagTimer = setInterval(() => this.onLagTick(every), every);
      this.lagTimer.unref?.();
    }
  }

  /** Gives the scrape-time gauges their source (the broker does, when it is built). */
  bind(source: MetricsSource): void {
    this.source = source;
  }

  /** The exposition text (Prometheus text format 0.0.4); serve it with `contentType`. */
  text(): Promise<string> {
    return this.registry.metrics();
  }

  /** Stops the lag timer. */
  close(): void {
    if (this.lagTimer !== undefined) clearInterval(this.lagTimer);
    this.lagTimer = undefined;
  }

  // ---- live hooks (O(1) each) ---------------------------------------------

  /**
   * A job changed status (from 0: it was just submitted). `cause` says why
   * the broker itself ended a running attempt, undefined when a client or
   * worker call did.
   */
  transition(job: Job, from: JobStatus | 0, cause: ReleaseCause | undefined): void {
    const to = job.status;
    if (from === 0) {
      this.queueSeries(job.queue).submitted.value++;
      return;
    }
    if (to === JobStatus.Running) {
      // Leased: the attempt started at the lease's time, stamped on the job by apply().
      const startedAt = job.extra?.startedAt ?? job.updatedAt;
      this.wait.observe(this.pairSeries(job.queue, job.type).wait, Math.max(0, startedAt - job.runAt) / 1000);
      return;
    }
    if (from === JobStatus.Running) {
      if (cause === "lease_deadline") this.leasesExpired.inc();
      else if (cause !== undefined) this.leasesReleased.labels(cause).inc();
      else if (to !== JobStatus.Cancelled) {
        const startedAt = job.extra?.startedAt ?? job.updatedAt;
        this.run.observe(this.pairSeries(job.queue, job.type).run, Math.max(0, job.updatedAt - startedAt) / 1000);
      }
    }
    const q = this.queueSeries(job.queue);
    switch (to) {
      case JobStatus.Completed:
        q.completed.value++;
        return;
      case JobStatus.Failed:
        q.failed.value++;
        return;
      case JobStatus.Cancelled:
        q.cancelled.value++;
        return;
      case JobStatus.Pending:
      case JobStatus.Scheduled:
        // From RUNNING: a failed or lost attempt queued again (a hand-back is not a retry);
        // from FAILED or CANCELLED: RetryJob. SCHEDULED -> PENDING is a promotion.
        if ((from === JobStatus.Running && cause !== "handed_back") || from === JobStatus.Failed || from === JobStatus.Cancelled) {
          q.retried.value++;
        }
        return;
    }
  }

  /** An ack refused because its lease token no longer holds the job. */
  staleAck(): void {
    this.staleAcks.inc();
  }

  /** A refused authentication (Auth's onFailure hook). */
  readonly authFailure = (reason: AuthFailureReason): void => {
    this.authFailures.labels(reason).inc();
  };

  // ---- label caps -----------------------------------------------------------

  /** The `queue` label value for a queue: its name while admitted, else "_other". */
  queueLabel(queue: string): string {
    if (this.queues.has(queue)) return queue;
    if (this.queues.size < this.queuesMax) {
      this.queueSeries(queue);
      return queue;
    }
    return otherLabel;
  }

  private queueSeries(queue: string): QueueSeries {
    const s = this.queues.get(queue);
    if (s !== undefined) return s;
    if (this.queues.size >= this.queuesMax) {
      this.otherQueue ??= this.newQueueSeries(otherLabel);
      return this.otherQueue;
    }
    const made = this.newQueueSeries(queue);
    this.queues.set(queue, made);
    return made;
  }

  private newQueueSeries(label: string): QueueSeries {
    return {
      submitted: this.submitted.child(label),
      completed: this.completed.child(label),
      failed: this.failed.child(label),
      retried: this.retried.child(label),
      cancelled: this.cancelled.child(label),
    };
  }

  private pairSeries(queue: string, type: string): PairSeries {
    let byType = this.pairs.get(queue);
    const s = byType?.get(type);
    if (s !== undefined) return s;
    if (this.pairCount >= this.pairsMax) {
      this.otherPair ??= { wait: this.wait.child(otherLabel, otherLabel), run: this.run.child(otherLabel, otherLabel) };
      return this.otherPair;
    }
    const q = this.queueLabel(queue);
    const t = q === otherLabel ? otherLabel : type;
    const made = { wait: this.wait.child(q, t), run: this.run.child(q, t) };
    if (byType === undefined) {
      byType = new Map();
      this.pairs.set(queue, byType);
    }
    byType.set(type, made);
    this.pairCount++;
    return made;
  }

  // ---- scrape-time figures ----------------------------------------------------

  private collectJobs(g: Gauge<string>): void {
    g.reset();
    const state = this.source?.state;
    if (state === undefined) return;
    const sums = new Map<string, number[]>();
    for (const q of state.queues.values()) {
      const label = this.queueLabel(q.name);
      let sum = sums.get(label);
      if (sum === undefined) {
        sum = new Array<number>(JobStatus.Waiting + 1).fill(0);
        sums.set(label, sum);
      }
      for (const st of statuses) sum[st] = (sum[st] as number) + q.counts[st];
    }
    for (const [queue, sum] of sums) {
      for (const st of statuses) g.labels(queue, statusNames[st]).set(sum[st] as number);
    }
  }

  private collectOldest(g: Gauge<string>): void {
    g.reset();
    const src = this.source;
    if (src === undefined) return;
    const now = src.now();
    const ages = new Map<string, number>();
    for (const q of src.state.queues.values()) {
      let age = 0;
      if (q.counts[JobStatus.Pending] > 0) {
        for (const lane of q.lanes.values()) {
          const j = lane.oldest();
          if (j !== undefined) age = Math.max(age, now - j.runAt);
        }
      }
      const label = this.queueLabel(q.name);
      ages.set(label, Math.max(ages.get(label) ?? 0, age));
    }
    for (const [queue, age] of ages) g.labels(queue).set(Math.max(0, age) / 1000);
  }

  private collectPaused(g: Gauge<string>): void {
    g.reset();
    const state = this.source?.state;
    if (state === undefined) return;
    const paused = new Map<string, number>();
    for (const q of state.queues.values()) {
      const label = this.queueLabel(q.name);
      paused.set(label, Math.max(paused.get(label) ?? 0, q.paused ? 1 : 0));
    }
    for (const [queue, p] of paused) g.labels(queue).set(p);
  }

  private workerFigures(): { registered: number; busy: number } {
    const src = this.source;
    if (src === undefined) return { registered: 0, busy: 0 };
    let registered = 0;
    let busy = 0;
    for (const id of src.workerIds()) {
      registered++;
      if ((src.state.byWorker.get(id)?.size ?? 0) > 0) busy++;
    }
    return { registered, busy };
  }

  private dataDirBytes(): number | undefined {
    let n = 0;
    try {
      for (const name of readdirSync(this.dataDir)) {
        try {
          const st = statSync(join(this.dataDir, name));
          if (st.isFile()) n += st.size;
        } catch {
          // removed by compaction while listing
        }
      }
    } catch {
      return undefined;
    }
    return n;
  }

  private onLagTick(every: number): void {
    const now = performance.now();
    const late = Math.max(0, now - this.lagExpectedAt);
    this.lagExpectedAt = now + every;
    this.lag.observe(late / 1000);
    if (late > this.lagMaxMs) this.lagMaxMs = late;
  }
}
