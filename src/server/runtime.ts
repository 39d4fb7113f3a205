// The master runtime without a port: recover the data dir, then build the
// JobManager and the Broker over it. Embedded mode (src/embedded.ts) runs
// this in the application's process; startMaster adds the gRPC server,
// health and reflection around the same sequence.

import { JobManager, type Limits } from "../core/index.ts";
import type { Logger } from "../core/log.ts";
import { Broker } from "../master/broker.ts";
import { cronEngine } from "../master/cron.ts";
import { Metrics } from "../master/metrics.ts";
import type { JobTable } from "../core/state.ts";
import type { FsyncMode, Journal } from "../storage/journal.ts";
import type { StoreObserver } from "../storage/store.ts";
import { ReplicationLeader, type ReplicationLeaderOptions } from "../master/replication-leader.ts";

/** What the runtime needs of its storage. */
export interface StoreHandle {
  state: JobTable;
  journal: Journal;
  onFatal(cb: (err: Error) => void): void;
  close(): Promise<void>;
}

export interface RuntimeConfig {
  dataDir: string;
  fsync: FsyncMode;
  fsyncBatchMs: number;
  repair: boolean;
  heartbeatIntervalMs: number;
  workerTimeoutMs: number;
  leaseMs: number;
  /** Snapshot once this many WAL bytes were written since the last snapshot (across restarts). */
  snapshotWalBytes?: number;
  log: Logger;
  limits?: Partial<Limits>;
  /** Replaces the data dir (tests: an in-memory store). */
  store?: () => Promise<StoreHandle>;
  /**
   * Serve WAL replication as the leader of this epoch (docs/ha.md): standbys
   * follow over falconqueue.v1.Replication, and writes are acknowledged only
   * once minInsync of them have them too. Needs a data dir.
   */
  replication?: ReplicationLeaderOptions;
}

export interface Runtime {
  broker: Broker;
  /** The master's Prometheus metrics (docs/metrics.md): `await metrics.text()`, served as `metrics.contentType`. */
  metrics: Metrics;
  /** Resolves with the error if storage fails (fail-stop); writes then fail with UNAVAILABLE. */
  fatal: Promise<Error>;
  /** Stops the broker, flushes the WAL and releases the data dir. */
  close(): Promise<void>;
  /** The replication leader, when `replication` was set. */
  replication?: ReplicationLeader;
}

async function openDataDir(cfg: RuntimeConfig, observer: StoreObserver, leader?: ReplicationLeader): Promise<StoreHandle> {
  const { openStore } = await import("../storage/index.ts");
  try {
    const store = await openStore({
      dir: cfg.dataDir,
      fsync: cfg.fsync,
      fsyncBatchMs: cfg.fsyncBatchMs,
      repair: cfg.repair,
      snapshotBytes: cfg.snapshotWalBytes,
      log: cfg.log,
      observer,
      replication: leader,
    });
    if (leader === undefined) return store;
    leader.attach(store);
    return { ...store, state: store.state, journal: leader.journal(store.journal), onFatal: (cb) => store.onFatal(cb), close: () => store.close() };
  } catch (e) {
    // A system error (ENOENT, EACCES, ENOSPC …) says nothing of where: name the data dir.
    if (e instanceof Error && "code" in e && "syscall" in e) throw new Error(`cannot use data directory ${cfg.dataDir}: ${e.message}`);
    throw e;
  }
}

export async function openRuntime(cfg: RuntimeConfig): Promise<Runtime> {
  const metrics = new Metrics({ dataDir: cfg.store !== undefined ? "" : cfg.dataDir });
  const replication = cfg.replication === undefined ? undefined : new ReplicationLeader({ log: cfg.log, ...cfg.replication });
  if (replication !== undefined && cfg.replication !== undefined) {
    metrics.replication = replication;
    metrics.replicationEpoch = cfg.replication.epoch;
  }
  let store: StoreHandle;
  try {
    if (replication !== undefined && cfg.store !== undefined) throw new Error("replication needs a data directory");
    store = cfg.store !== undefined ? await cfg.store() : await openDataDir(cfg, metrics.storeObserver, replication);
  } catch (e) {
    metrics.close();
    throw e;
  }
  // Totals count since this process opened the data dir, as GetStats says.
  for (const q of store.state.queues.values()) {
    q.completedTotal = 0;
    q.failedTotal = 0;
  }
  const manager = new JobManager({ state: store.state, sink: store.journal, defaults: { leaseMs: cfg.leaseMs }, limits: cfg.limits, cron: cronEngine });
  const broker = new Broker({
    manager,
    journal: store.journal,
    heartbeatIntervalMs: cfg.heartbeatIntervalMs,
    workerTimeoutMs: cfg.workerTimeoutMs,
    log: cfg.log,
    metrics,
  });
  broker.start();
  const fatal = new Promise<Error>((resolve) =>
    store.onFatal((err) => {
      broker.failStop(err);
      resolve(err);
    }),
  );
  let closing: Promise<void> | undefined;
  const close = () => {
    closing ??= (async () => {
      broker.close();
      replication?.close();
      metrics.close();
      // After a fail-stop the store's close repeats the failure already reported through `fatal`.
      await store.close().catch((e) => {
        if (broker.failed === undefined) throw e;
      });
    })();
    return closing;
  };
  return { broker, metrics, fatal, close, ...(replication && { replication }) };
}
