// Flags shared by `master` and `standalone`, and their conversion into a
// MasterConfig. Defaults are the documented ones (docs/operations.md); each
// setting may also come from the environment or a config file (config.ts).

import { homedir } from "node:os";
import { join } from "node:path";
import type { ConsolaInstance } from "consola";
import { dashboard } from "../dashboard/index.ts";
import type { MasterConfig } from "../server/master.ts";
import { clientAuthModes, type TlsServerOptions } from "../server/tls.ts";
import type { FsyncMode } from "../storage/journal.ts";
import { version } from "./common.ts";
import { asArgs, type SettingDefs, type Settings } from "./config.ts";

export const serverSettings = {
  host: { type: "string", description: "address to listen on (0.0.0.0 exposes the master)", default: "127.0.0.1" },
  port: { type: "string", description: "gRPC port (0 picks a free one)", default: "50051" },
  "http-port": { type: "string", description: "HTTP API port on the same host (0 picks a free one; off or -1 disables it)", default: "8080" },
  "http-allowed-hosts": {
    type: "string",
    valueHint: "HOSTS",
    description: "comma-separated Host names the HTTP API accepts besides --host and loopback (DNS-rebinding defence)",
  },
  "data-dir": { type: "string", description: "where the WAL and snapshots live", default: join(homedir(), ".falconq", "data") },
  fsync: { type: "string", description: "always | batch | never (see docs/durability.md)", default: "always" },
  "fsync-batch": { type: "string", description: "with --fsync batch: longest unsynced window", default: "10ms" },
  repair: { type: "boolean", description: "move a damaged WAL segment aside instead of refusing to start" },
  "heartbeat-interval": { type: "string", description: "how often workers heartbeat", default: "2s" },
  "worker-timeout": { type: "string", description: "a worker silent this long is expired and its jobs rerun", default: "6s" },
  lease: { type: "string", description: "lease length, extended by heartbeats", default: "30s" },
  "admin-token-file": {
    type: "string",
    description: "require credentials; the bootstrap admin token lives here (created 0600 when missing)",
  },
  insecure: { type: "boolean", description: "allow a non-loopback --host without TLS or authentication (logged)" },
  "snapshot-wal-bytes": {
    type: "string",
    description: "snapshot once this much WAL was written since the last one, across restarts",
    default: "67108864",
  },
  "tls-cert": { type: "string", valueHint: "FILE", description: "PEM certificate (chain) to serve TLS with, re-read when it changes; needs --tls-key" },
  "tls-key": { type: "string", valueHint: "FILE", description: "PEM private key of --tls-cert" },
  "tls-client-ca": { type: "string", valueHint: "FILE", description: "PEM CA bundle client certificates must chain to (mTLS)" },
  "tls-client-auth": { type: "string", valueHint: "MODE", description: "none | optional | require: whether clients must present a certificate (default require with --tls-client-ca, else none)" },
} as const satisfies SettingDefs;

export const serverArgs = asArgs(serverSettings);

/** `falconq master` in cluster mode (docs/ha.md, "Cluster mode"); without --cluster nothing changes. */
export const clusterSettings = {
  cluster: { type: "string", valueHint: "URLS", description: "run as a cluster member; etcd endpoints, etcd://host:port[,host:port…]" },
  "cluster-name": { type: "string", description: "the cluster's name: its keys live under /falconq/<name>/ in etcd", default: "falconq" },
  advertise: { type: "string", valueHint: "HOST:PORT", description: "this master's gRPC address as the other members and the clients reach it (default --host:--port)" },
  "min-insync": { type: "string", description: "standbys that must have written and fsynced a write before it is acknowledged", default: "1" },
  "cluster-ttl": { type: "string", description: "leadership lease TTL in etcd (whole seconds; a dead leader is replaced after about this long)", default: "10s" },
} as const satisfies SettingDefs;

export const clusterArgs = asArgs(clusterSettings);

export interface ClusterSettings {
  endpoints: string[];
  name: string;
  advertise: string;
  minInsync: number;
  ttlMs: number;
}

/** The cluster settings, or undefined without --cluster. */
export function clusterConfig(s: Settings, cfg: MasterConfig): ClusterSettings | undefined {
  const raw = s.str("cluster");
  if (raw === undefined || raw === "") return undefined;
  const endpoints = raw
    .replace(/^etcd:\/\//, "")
    .split(",")
    .map((e) => e.trim().replace(/^(etcd|http):\/\//, ""))
    .filter((e) => e !== "");
  for (const e of endpoints) if (!/^(\[[0-9a-fA-F:]+\]|[A-Za-z0-9.-]+):\d+$/.test(e)) throw s.bad("cluster", `holds ${JSON.stringify(e)}; expected etcd://host:port[,host:port…]`);
  if (endpoints.length === 0) throw s.bad("cluster", "names no etcd endpoint (etcd://host:port)");
  const name = s.str("cluster-name") ?? "falconq";
  if (!/^[A-Za-z0-9._-]+$/.test(name)) throw s.bad("cluster-name", "may hold letters, digits, '.', '_' and '-' only");
  if (cfg.port === 0) throw s.bad("port", "must be a fixed port in cluster mode (the members and clients reach it by --advertise)");
  const advertise = s.str("advertise") ?? `${cfg.host}:${cfg.port}`;
  if (!/^(\[[0-9a-fA-F:]+\]|[A-Za-z0-9.-]+):\d+$/.test(advertise)) throw s.bad("advertise", "must be host:port");
  const ttlMs = s.duration("cluster-ttl") ?? 10_000;
  if (ttlMs < 2000) throw s.bad("cluster-ttl", "must be at least 2s (etcd's minimum lease)");
  return { endpoints, name, advertise, minInsync: s.int("min-insync", 0, 16) ?? 1, ttlMs };
}

const fsyncModes = ["always", "batch", "never"] as const;

/** The MasterConfig of settings resolved over `serverSettings`; a bad value is a usage error naming its source. */
export function masterConfig(s: Settings, log: ConsolaInstance): MasterConfig {
  const fsync: FsyncMode = s.oneOf("fsync", fsyncModes);
  const heartbeatIntervalMs = s.duration("heartbeat-interval") ?? 2000;
  const workerTimeoutMs = s.duration("worker-timeout") ?? 6000;
  if (workerTimeoutMs <= heartbeatIntervalMs) {
    throw s.bad("worker-timeout", `(${workerTimeoutMs} ms) must be longer than heartbeat-interval (${heartbeatIntervalMs} ms)`);
  }
  const leaseMs = s.duration("lease") ?? 30_000;
  if (leaseMs <= heartbeatIntervalMs) throw s.bad("lease", `(${leaseMs} ms) must be longer than heartbeat-interval (${heartbeatIntervalMs} ms)`);
  const tls = tlsConfig(s);
  return {
    ...(tls && { tls }),
    host: s.str("host") ?? "127.0.0.1",
    port: s.int("port", 0, 65535) ?? 50051,
    ...httpConfig(s),
    // The dashboard at / of the HTTP listener (src/dashboard, embedded in the executable).
    dashboard,
    dataDir: s.str("data-dir") ?? (serverSettings["data-dir"].default as string),
    fsync,
    fsyncBatchMs: s.duration("fsync-batch") ?? 10,
    repair: s.bool("repair"),
    heartbeatIntervalMs,
    workerTimeoutMs,
    leaseMs,
    snapshotWalBytes: s.int("snapshot-wal-bytes", 4096, 2 ** 40) ?? 64 * 1024 * 1024,
    adminTokenFile: s.str("admin-token-file"),
    insecure: s.bool("insecure"),
    version,
    log,
  };
}

/** --http-port ("off" or -1: no HTTP listener) and --http-allowed-hosts. */
function httpConfig(s: Settings): Pick<MasterConfig, "httpPort" | "httpAllowedHosts"> {
  const raw = s.str("http-port") ?? "8080";
  const hosts = (s.str("http-allowed-hosts") ?? "").split(",").map((h) => h.trim()).filter((h) => h !== "");
  for (const h of hosts) if (!/^[A-Za-z0-9.\-:[\]]+$/.test(h)) throw s.bad("http-allowed-hosts", `holds ${JSON.stringify(h)}, not a host name or address`);
  if (raw.toLowerCase() === "off" || raw === "-1") return {};
  const httpPort = Number(raw);
  if (!/^\d+$/.test(raw) || httpPort > 65535) throw s.bad("http-port", "must be a port from 0 to 65535 (0 picks a free one), or off");
  return { httpPort, ...(hosts.length > 0 && { httpAllowedHosts: hosts }) };
}

/** The master's TLS settings, checked for shape (the files are read when it starts); undefined for plaintext. */
function tlsConfig(s: Settings): TlsServerOptions | undefined {
  const certFile = s.str("tls-cert");
  const keyFile = s.str("tls-key");
  const clientCaFile = s.str("tls-client-ca");
  const auth = s.str("tls-client-auth") === undefined ? undefined : s.oneOf("tls-client-auth", clientAuthModes);
  if (certFile === undefined && keyFile === undefined) {
    if (clientCaFile !== undefined) throw s.bad("tls-client-ca", "needs --tls-cert and --tls-key (client certificates need TLS)");
    if (auth !== undefined && auth !== "none") throw s.bad("tls-client-auth", "needs --tls-cert, --tls-key and --tls-client-ca");
    return undefined;
  }
  if (certFile === undefined) throw s.bad("tls-key", "needs --tls-cert too");
  if (keyFile === undefined) throw s.bad("tls-cert", "needs --tls-key too");
  if (auth !== undefined && auth !== "none" && clientCaFile === undefined) throw s.bad("tls-client-auth", "needs --tls-client-ca (the CA client certificates must chain to)");
  if (auth === "none" && clientCaFile !== undefined) throw s.bad("tls-client-auth", "contradicts --tls-client-ca; use optional or require");
  const clientAuth = auth ?? (clientCaFile === undefined ? "none" : "require");
  return { certFile, keyFile, clientAuth, ...(clientCaFile !== undefined && { clientCaFile }) };
}
