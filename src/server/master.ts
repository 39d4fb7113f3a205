// Master boot and shutdown: bind the gRPC port (health says NOT_SERVING),
// recover the data dir, then serve. Shutdown stops taking calls, flushes the
// WAL and releases the data dir. A storage failure is fail-stop: `fatal`
// resolves and the CLI exits non-zero.

import * as grpc from "@grpc/grpc-js";
import { messageBytesMax } from "../core/config.ts";
import { unavailable } from "../core/index.ts";
import type { Broker } from "../master/broker.ts";
import type { Metrics } from "../master/metrics.ts";
import { packageDefinition } from "../rpc/schema.ts";
import { Health } from "./health.ts";
import { reflectionHandlers } from "./reflection.ts";
import { openRuntime, type Runtime, type RuntimeConfig, type StoreHandle } from "./runtime.ts";
import { Auth, authorizeRole } from "../master/auth.ts";
import { toStatus } from "../rpc/errors.ts";
import { checkExposure, loadAdminToken } from "./security.ts";
import { identify, type ServiceDeps, serviceHandlers } from "./service.ts";
import { replicationHandlers, replicationService } from "./replication.ts";
import { type ClusterHooks, clusterHandlers, clusterService } from "./cluster-service.ts";
import type { ReplicationLeader } from "../master/replication-leader.ts";
import { peerCertificate, stamp, type TlsServerOptions, loadTlsMaterial, tlsServerCredentials } from "./tls.ts";
import { type DashboardRoutes, type HttpTls, type RunningHttp, startHttp } from "../http/server.ts";

export type { TlsServerOptions };

/** The runtime's settings plus where to listen. */
export interface MasterConfig extends RuntimeConfig {
  host: string;
  /** 0 picks a free port. */
  port: number;
  version: string;
  /** Turns token authentication on; created (0600) with a new admin token when missing. */
  adminTokenFile?: string;
  /** Accept a non-loopback bind without TLS or authentication (logged). */
  insecure?: boolean;
  /** TLS (and optionally mTLS) on the port; plaintext when absent. Files are re-read when they change. */
  tls?: TlsServerOptions;
  /** The HTTP API's port (0 picks a free one); undefined: no HTTP listener. Same host and TLS as gRPC. */
  httpPort?: number;
  /** Host header values the HTTP API accepts besides the bind address and loopback names. */
  httpAllowedHosts?: readonly string[];
  /** Largest HTTP request body (default httpBodyBytesMax; tests lower it). */
  httpBodyBytesMax?: number;
  /** SSE heartbeat interval (default sseHeartbeatMs; tests lower it). */
  httpHeartbeatMs?: number;
  /** Prometheus text for GET /metrics; absent: 404 "metrics not enabled". */
  metrics?: () => Promise<{ text: string; contentType: string }>;
  /** The dashboard's routes (GET paths outside /v1). */
  dashboard?: DashboardRoutes;
  /** Cluster mode (src/server/cluster-node.ts): answers of the falconqueue.v1.Cluster service. */
  cluster?: ClusterHooks;
}

export type { StoreHandle };

export interface RunningMaster {
  broker: Broker;
  /** The WAL replication leader (inSync(), onInSyncChange, status()), when cfg.replication is set. */
  replication?: ReplicationLeader;
  /** The master's Prometheus metrics (src/master/metrics.ts). */
  metrics: Metrics;
  port: number;
  /** The HTTP API's port; undefined when it is off. */
  httpPort: number | undefined;
  address: string;
  /** Resolves with the error if storage fails (fail-stop). */
  fatal: Promise<Error>;
  close(): Promise<void>;
}


function bind(server: grpc.Server, address: string, creds: grpc.ServerCredentials): Promise<number> {
  return new Promise((resolve, reject) => {
    server.bindAsync(address, creds, (err, port) =>
      err ? reject(new Error(`cannot listen on ${address}: ${err.message}`)) : resolve(port),
    );
  });
}

/** Reflection describes the API: callers need the viewer role (health stays open). */
function guardStreams(impl: grpc.UntypedServiceImplementation, deps: ServiceDeps): grpc.UntypedServiceImplementation {
  const out: grpc.UntypedServiceImplementation = {};
  for (const [name, fn] of Object.entries(impl)) {
    out[name] = ((call: grpc.ServerDuplexStream<unknown, unknown>) => {
      try {
        authorizeRole(identify(deps, call), "ServerReflection");
      } catch (e) {
        call.emit("error", toStatus(e, () => {}));
        return;
      }
      (fn as (c: unknown) => void)(call);
    }) as grpc.UntypedHandleCall;
  }
  return out;
}

export async function startMaster(cfg: MasterConfig): Promise<RunningMaster> {
  // Before anything binds: a bad certificate file is a one-line error naming it.
  const tls = cfg.tls === undefined ? undefined : tlsServerCredentials(cfg.tls, cfg.log);
  const def = packageDefinition();
  const service = (name: string) => def[name] as grpc.ServiceDefinition;
  const server = new grpc.Server({
    "grpc.max_receive_message_length": messageBytesMax,
    "grpc.max_send_message_length": messageBytesMax,
  });
  // Client certificates are an authenticator: with a client CA every call must bring credentials.
  const authRequired = cfg.adminTokenFile !== undefined || cfg.tls?.clientCaFile !== undefined;
  checkExposure({ host: cfg.host, tls: cfg.tls !== undefined, authRequired, insecure: cfg.insecure ?? false }, cfg.log);
  const adminSecretHash = cfg.adminTokenFile !== undefined ? loadAdminToken(cfg.adminTokenFile, cfg.log) : undefined;
  const health = new Health();
  let broker: Broker | undefined;
  let auth: Auth | undefined;
  const get = () => {
    if (broker === undefined) throw unavailable("master is recovering its data; try again shortly");
    return broker;
  };
  const getAuth = () => {
    if (auth === undefined) throw unavailable("master is recovering its data; try again shortly");
    return auth;
  };
  const deps: ServiceDeps = {
    broker: get,
    auth: getAuth,
    log: cfg.log,
    version: cfg.version,
    peerCertificate: (call) => {
      const p = peerCertificate(call);
      return p && { cn: p.commonName, ou: p.organizationalUnits, uris: p.uris };
    },
  };
  server.addService(service("falconqueue.v1.FalconQueueService"), serviceHandlers(deps));
  server.addService(service("grpc.health.v1.Health"), health.handlers());
  // WAL replication to standbys (docs/ha.md); FAILED_PRECONDITION unless cfg.replication is set.
  let leader: ReplicationLeader | undefined;
  server.addService(service(replicationService), replicationHandlers(deps, () => leader));
  server.addService(service(clusterService), clusterHandlers(deps, cfg.cluster));
  const services = [
    "falconqueue.v1.FalconQueueService",
    "grpc.health.v1.Health",
    "grpc.reflection.v1.ServerReflection",
    "grpc.reflection.v1alpha.ServerReflection",
  ];
  server.addService(service("grpc.reflection.v1.ServerReflection"), guardStreams(reflectionHandlers(services), deps));
  server.addService(service("grpc.reflection.v1alpha.ServerReflection"), guardStreams(reflectionHandlers(services), deps));
  const host = cfg.host.includes(":") && !cfg.host.startsWith("[") ? `[${cfg.host}]` : cfg.host;
  let port: number;
  try {
    port = await bind(server, `${host}:${cfg.port}`, tls?.credentials ?? grpc.ServerCredentials.createInsecure());
    // The server gets its certificate a macrotask after binding; until then it drops connections.
    await tls?.provider.delivered;
  } catch (e) {
    tls?.provider.close();
    throw e;
  }

  let http: RunningHttp | undefined;
  let runtime: Runtime;
  let runtimeMetrics: Metrics | undefined;
  try {
    if (cfg.httpPort !== undefined) {
      http = await startHttp({
        host: cfg.host,
        port: cfg.httpPort,
        ...(cfg.tls && { tls: httpTls(cfg.tls) }),
        broker: get,
        auth: getAuth,
        log: cfg.log,
        version: cfg.version,
        metrics:
          cfg.metrics ??
          (async () => {
            if (runtimeMetrics === undefined) throw unavailable("master is recovering its data; try again shortly");
            return { text: await runtimeMetrics.text(), contentType: runtimeMetrics.contentType };
          }),
        ...(cfg.dashboard && { dashboard: cfg.dashboard }),
        ...(cfg.httpAllowedHosts && { allowedHosts: cfg.httpAllowedHosts }),
        ...(cfg.httpBodyBytesMax !== undefined && { bodyBytesMax: cfg.httpBodyBytesMax }),
        ...(cfg.httpHeartbeatMs !== undefined && { heartbeatMs: cfg.httpHeartbeatMs }),
      });
    }
    runtime = await openRuntime(cfg);
  } catch (e) {
    server.forceShutdown();
    tls?.provider.close();
    await http?.close();
    throw e;
  }
  const b = runtime.broker;
  runtimeMetrics = runtime.metrics;
  leader = runtime.replication;
  auth = new Auth({
    required: authRequired,
    tokens: b.tokens,
    adminSecretHash,
    now: () => Date.now(),
    log: cfg.log,
    onFailure: runtime.metrics.authFailure,
  });
  broker = b;
  const fatal = runtime.fatal.then((err) => {
    health.set(false);
    return err;
  });
  health.set(true);

  let closing: Promise<void> | undefined;
  const close = () => {
    closing ??= (async () => {
      health.set(false);
      http?.stopping();
      b.close(); // refuse new work first; the runtime's close repeats this harmlessly
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
      tls?.provider.close();
      await http?.close();
      await runtime.close();
    })();
    return closing;
  };
  return { broker: b, replication: runtime.replication, metrics: runtime.metrics, port, httpPort: http?.port, address: `${cfg.host}:${port}`, fatal, close };
}

/** The HTTP listener's view of the master's TLS files: the same certificate and key, re-read when they change. */
function httpTls(o: TlsServerOptions): HttpTls {
  return {
    load: () => {
      const m = loadTlsMaterial(o);
      return { cert: m.cert, key: m.key };
    },
    stamp: () => `${stamp(o.certFile)}|${stamp(o.keyFile)}`,
    ...(o.reloadIntervalMs !== undefined && { reloadIntervalMs: o.reloadIntervalMs }),
  };
}
