// Flags shared by `master` and `standalone`, and their conversion into a
// MasterConfig. Defaults are the documented ones (docs/configuration.md).

import { homedir } from "node:os";
import { join } from "node:path";
import type { ConsolaInstance } from "consola";
import type { MasterConfig } from "../server/master.ts";
import type { FsyncMode } from "../storage/journal.ts";
import { parseDuration, parseIntFlag, usage, version } from "./common.ts";

export const serverArgs = {
  host: { type: "string", description: "address to listen on (0.0.0.0 exposes the master)", default: "127.0.0.1" },
  port: { type: "string", description: "gRPC port (0 picks a free one)", default: "50051" },
  "data-dir": { type: "string", description: "where the WAL and snapshots live", default: join(homedir(), ".falconq", "data") },
  fsync: { type: "string", description: "always | batch | never (see docs/durability.md)", default: "always" },
  "fsync-batch": { type: "string", description: "with --fsync batch: longest unsynced window", default: "10ms" },
  repair: { type: "boolean", description: "move a damaged WAL segment aside instead of refusing to start" },
  "heartbeat-interval": { type: "string", description: "how often workers heartbeat", default: "2s" },
  "worker-timeout": { type: "string", description: "a worker silent this long is expired and its jobs rerun", default: "6s" },
  lease: { type: "string", description: "lease length, extended by heartbeats", default: "30s" },
  "snapshot-wal-bytes": {
    type: "string",
    description: "snapshot once this much WAL was written since the last one, across restarts",
    default: "67108864",
  },
} as const;

export interface ServerArgValues {
  host: string;
  port: string;
  "data-dir": string;
  fsync: string;
  "fsync-batch": string;
  repair?: boolean;
  "heartbeat-interval": string;
  "worker-timeout": string;
  lease: string;
  "snapshot-wal-bytes": string;
}

export function masterConfig(a: ServerArgValues, log: ConsolaInstance): MasterConfig {
  if (!["always", "batch", "never"].includes(a.fsync)) throw usage(`--fsync must be always, batch or never, got "${a.fsync}"`);
  const heartbeatIntervalMs = parseDuration("heartbeat-interval", a["heartbeat-interval"]) ?? 2000;
  const workerTimeoutMs = parseDuration("worker-timeout", a["worker-timeout"]) ?? 6000;
  if (workerTimeoutMs <= heartbeatIntervalMs) {
    throw usage(`--worker-timeout (${workerTimeoutMs} ms) must be longer than --heartbeat-interval (${heartbeatIntervalMs} ms)`);
  }
  const leaseMs = parseDuration("lease", a.lease) ?? 30_000;
  if (leaseMs <= heartbeatIntervalMs) throw usage(`--lease must be longer than --heartbeat-interval`);
  return {
    host: a.host,
    port: parseIntFlag("port", a.port, 0, 65535) ?? 50051,
    dataDir: a["data-dir"],
    fsync: a.fsync as FsyncMode,
    fsyncBatchMs: parseDuration("fsync-batch", a["fsync-batch"]) ?? 10,
    repair: a.repair === true,
    heartbeatIntervalMs,
    workerTimeoutMs,
    leaseMs,
    snapshotWalBytes: parseIntFlag("snapshot-wal-bytes", a["snapshot-wal-bytes"], 4096, 2 ** 40) ?? 64 * 1024 * 1024,
    version,
    log,
  };
}

/** Warns when the master is reachable beyond this machine without authentication. */
export function warnIfExposed(host: string, log: ConsolaInstance): void {
  if (host !== "127.0.0.1" && host !== "::1" && host !== "localhost") {
    log.warn(`listening on ${host} without authentication: anyone who can reach this port can submit and run jobs`);
  }
}
