// Master boot and shutdown: bind the gRPC port (health says NOT_SERVING),
// recover the data dir, then serve. Shutdown stops taking calls, flushes the
// WAL and releases the data dir. A storage failure is fail-stop: `fatal`
// resolves and the CLI exits non-zero.

import * as grpc from "@grpc/grpc-js";
import { messageBytesMax } from "../core/config.ts";
import { JobManager, type JobTable, type Limits, unavailable } from "../core/index.ts";
import type { Logger } from "../core/log.ts";
import { Broker } from "../master/broker.ts";
import { packageDefinition } from "../rpc/schema.ts";
import type { FsyncMode, Journal } from "../storage/journal.ts";
import { Health } from "./health.ts";
import { reflectionHandlers } from "./reflection.ts";
import { serviceHandlers } from "./service.ts";

export interface MasterConfig {
  host: string;
  /** 0 picks a free port. */
  port: number;
  dataDir: string;
  fsync: FsyncMode;
  fsyncBatchMs: number;
  repair: boolean;
  heartbeatIntervalMs: number;
  workerTimeoutMs: number;
  leaseMs: number;
  /** Snapshot once this many WAL bytes were written since the last snapshot (across restarts). */
  snapshotWalBytes?: number;
  version: string;
  log: Logger;
  limits?: Partial<Limits>;
  /** Replaces the data dir (tests: an in-memory store). */
  store?: () => Promise<StoreHandle>;
}

/** What the master needs of its storage. */
export interface StoreHandle {
  state: JobTable;
  journal: Journal;
  onFatal(cb: (err: Error) => void): void;
  close(): Promise<void>;
}

export interface RunningMaster {
  broker: Broker;
  port: number;
  address: string;
  /** Resolves with the error if storage fails (fail-stop). */
  fatal: Promise<Error>;
  close(): Promise<void>;
}


function bind(server: grpc.Server, address: string): Promise<number> {
  return new Promise((resolve, reject) => {
    server.bindAsync(address, grpc.ServerCredentials.createInsecure(), (err, port) =>
      err ? reject(new Error(`cannot listen on ${address}: ${err.message}`)) : resolve(port),
    );
  });
}

export async function startMaster(cfg: MasterConfig): Promise<RunningMaster> {
  const def = packageDefinition();
  const service = (name: string) => def[name] as grpc.ServiceDefinition;
  const server = new grpc.Server({
    "grpc.max_receive_message_length": messageBytesMax,
    "grpc.max_send_message_length": messageBytesMax,
  });
  const health = new Health();
  let broker: Broker | undefined;
  const get = () => {
    if (broker === undefined) throw unavailable("master is recovering its data; try again shortly");
    return broker;
  };
  server.addService(service("falconqueue.v1.FalconQueueService"), serviceHandlers(get, cfg.log, cfg.version));
  server.addService(service("grpc.health.v1.Health"), health.handlers());
  const services = [
    "falconqueue.v1.FalconQueueService",
    "grpc.health.v1.Health",
    "grpc.reflection.v1.ServerReflection",
    "grpc.reflection.v1alpha.ServerReflection",
  ];
  server.addService(service("grpc.reflection.v1.ServerReflection"), reflectionHandlers(services));
  server.addService(service("grpc.reflection.v1alpha.ServerReflection"), reflectionHandlers(services));
  const host = cfg.host.includes(":") && !cfg.host.startsWith("[") ? `[${cfg.host}]` : cfg.host;
  const port = await bind(server, `${host}:${cfg.port}`);

  let store: StoreHandle;
  try {
    const open =
      cfg.store ??
      (async () => {
        const { openStore } = await import("../storage/index.ts");
        return openStore({
          dir: cfg.dataDir,
          fsync: cfg.fsync,
          fsyncBatchMs: cfg.fsyncBatchMs,
          repair: cfg.repair,
          snapshotBytes: cfg.snapshotWalBytes,
          log: cfg.log,
        });
      });
    store = await open();
  } catch (e) {
    server.forceShutdown();
    // A system error (ENOENT, EACCES, ENOSPC …) says nothing of where: name the data dir.
    if (e instanceof Error && "code" in e && "syscall" in e) throw new Error(`cannot use data directory ${cfg.dataDir}: ${e.message}`);
    throw e;
  }
  // Totals count since this master started (GetStats says so): replay would
  // bring back some of them and a snapshot none, so start every process at 0.
  for (const q of store.state.queues.values()) {
    q.completedTotal = 0;
    q.failedTotal = 0;
  }
  const manager = new JobManager({ state: store.state, sink: store.journal, defaults: { leaseMs: cfg.leaseMs }, limits: cfg.limits });
  broker = new Broker({
    manager,
    journal: store.journal,
    heartbeatIntervalMs: cfg.heartbeatIntervalMs,
    workerTimeoutMs: cfg.workerTimeoutMs,
    log: cfg.log,
  });
  const b = broker;
  b.start();
  const fatal = new Promise<Error>((resolve) =>
    store.onFatal((err) => {
      b.failStop(err);
      health.set(false);
      resolve(err);
    }),
  );
  health.set(true);

  let closing: Promise<void> | undefined;
  const close = () => {
    closing ??= (async () => {
      health.set(false);
      b.close();
      health.close();
      await new Promise<void>((resolve) => {
        const t = setTimeout(() => {
          server.forceShutdown();
          resolve();
        }, 2000);
        server.tryShutdown(() => {
          clearTimeout(t);
          resolve();
        });
      });
      // After a fail-stop the store's close repeats the failure already reported through `fatal`.
      await store.close().catch((e) => {
        if (b.failed === undefined) throw e;
      });
    })();
    return closing;
  };
  return { broker: b, port, address: `${cfg.host}:${port}`, fatal, close };
}
