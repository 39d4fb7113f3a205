// Cluster mode of `falconq master` (docs/ha.md, "Cluster mode"): WAL
// replication (src/master/replication-*.ts) plus leadership on etcd
// (src/cluster/leadership.ts).
//
// A member starts as a STANDBY: it follows the leader's WAL into its data
// dir and serves its gRPC port with every FalconQueueService and Cluster call
// answered UNAVAILABLE, "not the leader; the leader is at HOST:PORT", with
// trailing metadata `falconq-leader: HOST:PORT` (clients switch to it);
// health NOT_SERVING; no Replication service.
//
// Only a standby in the QUORUM SET may campaign: the leader stores in etcd
// (/falconq/<cluster>/insync, a guarded write) the standbys that must
// acknowledge every write. Changes keep "stored ⊆ required": a member leaving
// is removed from etcd first, then from the set writes wait for; a member
// joining is required first, stored once it acknowledged everything written
// until then. So every member etcd lists holds every acknowledged write, and
// any of them may be elected. Bootstrap: no insync key and no leader.
//
// Once elected (epoch = the election key's create revision) the standby
// closes its follower and starts the master runtime on the same dir and
// port. A leader that loses its lease (onLost), learns of a higher epoch
// (onDeposed) or steps down stops acknowledging at once (every
// acknowledgement also checks leadership.isLeader() synchronously) and the
// process exits with exitDeposed; a supervisor restarts it as a standby.

import { readFileSync } from "node:fs";
import * as grpc from "@grpc/grpc-js";
import { CampaignAborted, Leadership } from "../cluster/leadership.ts";
import { messageBytesMax } from "../core/config.ts";
import type { Logger } from "../core/log.ts";
import type { ReplicationTransport } from "../master/replication-follower.ts";
import { ReplicationFollower } from "../master/replication-follower.ts";
import type { Chunk, FollowRequest } from "../master/replication-leader.ts";
import { type ChannelSecurity, leaderHintKey } from "../rpc/channel.ts";
import { sleep } from "../rpc/retry.ts";
import { packageDefinition } from "../rpc/schema.ts";
import { clusterService, type ClusterStatus } from "./cluster-service.ts";
import { Health } from "./health.ts";
import { type MasterConfig, type RunningMaster, startMaster } from "./master.ts";
import { GrpcReplicationTransport } from "./replication.ts";
import { loadAdminToken } from "./security.ts";
import { tlsServerCredentials } from "./tls.ts";

/** Exit code of a master that stopped leading (lease lost, deposed, stepped down): restart it, it rejoins as a standby. */
export const exitDeposed = 4;

/** After a promotion, members of the old set have this long to follow the new leader before they are dropped from it. */
const promotionGraceMs = 3000;

export interface ClusterOptions {
  /** etcd endpoints host:port. */
  endpoints: string[];
  /** Keys live under /falconq/<name>/. */
  name: string;
  /** This member's host:port as the others and the clients reach it; also its standby id. */
  advertise: string;
  /** Standbys that must acknowledge each write (default 1). */
  minInsync: number;
  /** Leadership lease TTL (default 10 s). */
  ttlMs: number;
}

export type NodeEnd = { kind: "deposed"; reason: string } | { kind: "fatal"; error: Error };

export interface ClusterNode {
  /** "standby" or "leader". */
  readonly role: () => "standby" | "leader";
  /** Resolves when the node stops on its own: it lost leadership (exit exitDeposed) or storage failed. */
  readonly ended: Promise<NodeEnd>;
  close(): Promise<void>;
}

interface InsyncValue {
  epoch: number;
  members: string[];
}

function parseInsync(raw: string | undefined): InsyncValue | undefined {
  if (raw === undefined) return undefined;
  try {
    const v = JSON.parse(raw) as InsyncValue;
    return { epoch: Number(v.epoch) || 0, members: Array.isArray(v.members) ? v.members.map(String) : [] };
  } catch {
    return { epoch: 0, members: [] };
  }
}

/** A standby's replication transport to whoever leads now. */
class LeaderTransport implements ReplicationTransport {
  private readonly byAddress = new Map<string, GrpcReplicationTransport>();
  private last: GrpcReplicationTransport | undefined;

  constructor(
    private readonly leader: () => string | undefined,
    private readonly security: ChannelSecurity,
  ) {}

  private of(address: string): GrpcReplicationTransport {
    let t = this.byAddress.get(address);
    if (t === undefined) {
      t = new GrpcReplicationTransport(address, this.security);
      this.byAddress.set(address, t);
    }
    return t;
  }

  follow(req: FollowRequest, signal: AbortSignal): AsyncIterable<Chunk> {
    const address = this.leader();
    if (address === undefined) throw new Error("no leader known yet");
    const t = this.of(address);
    this.last = t;
    return this.evictOnError(address, t, t.follow(req, signal));
  }

  /**
   * A stream that fails drops its channel, so the next Follow dials afresh:
   * a member elected a moment ago may still have had its standby server on
   * the port, and under TLS on Bun a session to that closed server can stay
   * open and answer UNIMPLEMENTED for as long as the channel reuses it.
   */
  private async *evictOnError(address: string, t: GrpcReplicationTransport, it: AsyncIterable<Chunk>): AsyncIterable<Chunk> {
    try {
      yield* it;
    } catch (e) {
      if (this.byAddress.get(address) === t) this.byAddress.delete(address);
      if (this.last === t) this.last = undefined;
      t.close();
      throw e;
    }
  }

  ack(a: { followerId: string; epoch: number; segment: number; offset: number }): Promise<void> {
    return this.last === undefined ? Promise.resolve() : this.last.ack(a);
  }

  close(): void {
    for (const t of this.byAddress.values()) t.close();
  }
}

function bind(server: grpc.Server, address: string, creds: grpc.ServerCredentials): Promise<number> {
  return new Promise((resolve, reject) => {
    server.bindAsync(address, creds, (err, port) =>
      err ? reject(new Error(`cannot listen on ${address}: ${err.message}`)) : resolve(port),
    );
  });
}

/** The standby's gRPC server: every call of the client-facing services answers UNAVAILABLE with the leader's address. */
async function standbyServer(cfg: MasterConfig, leader: () => string | undefined): Promise<{ close(): Promise<void> }> {
  const def = packageDefinition();
  const server = new grpc.Server({ "grpc.max_receive_message_length": messageBytesMax, "grpc.max_send_message_length": messageBytesMax });
  const refuse = () => {
    const l = leader();
    const metadata = new grpc.Metadata();
    if (l !== undefined) metadata.set(leaderHintKey, l);
    return { code: grpc.status.UNAVAILABLE, details: l === undefined ? "not the leader; no leader is known yet" : `not the leader; the leader is at ${l}`, metadata };
  };
  for (const name of ["falconqueue.v1.FalconQueueService", clusterService]) {
    const svc = def[name] as grpc.ServiceDefinition;
    const impl: grpc.UntypedServiceImplementation = {};
    for (const [method, m] of Object.entries(svc)) {
      impl[method] = (
        m.responseStream
          ? (call: grpc.ServerWritableStream<unknown, unknown>) => call.emit("error", refuse())
          : (_call: unknown, cb: grpc.sendUnaryData<unknown>) => cb(refuse())
      ) as grpc.UntypedHandleCall;
    }
    server.addService(svc, impl);
  }
  const health = new Health();
  health.set(false);
  server.addService(def["grpc.health.v1.Health"] as grpc.ServiceDefinition, health.handlers());
  const host = cfg.host.includes(":") && !cfg.host.startsWith("[") ? `[${cfg.host}]` : cfg.host;
  // The same TLS files as the leader it may become: clients and members verify a standby like any master.
  const tls = cfg.tls === undefined ? undefined : tlsServerCredentials(cfg.tls, cfg.log);
  try {
    await bind(server, `${host}:${cfg.port}`, tls?.credentials ?? grpc.ServerCredentials.createInsecure());
    await tls?.provider.delivered;
  } catch (e) {
    tls?.provider.close();
    throw e;
  }
  return {
    close: async () => {
      health.close();
      tls?.provider.close();
      server.forceShutdown();
    },
  };
}

/** The admin token a standby follows the leader with: the admin token file's content (all members share it). */
function replicationToken(cfg: MasterConfig): string | undefined {
  if (cfg.adminTokenFile === undefined) return undefined;
  loadAdminToken(cfg.adminTokenFile, cfg.log); // the checks a master makes (mode 0600; created when missing)
  const t = readFileSync(cfg.adminTokenFile, "utf8").trim();
  return t === "" ? undefined : t;
}

/**
 * How a standby reaches the leader: the admin token file's token, and under
 * TLS the member's own certificate as its client certificate (falconq certs
 * gives it clientAuth too), verifying the leader with the client CA (the CA
 * that signs the members) or, without one, the system's roots.
 */
function memberSecurity(cfg: MasterConfig, token: string | undefined): ChannelSecurity {
  const out: ChannelSecurity = token === undefined ? {} : { token };
  if (cfg.tls !== undefined) {
    out.tls = {
      cert: readFileSync(cfg.tls.certFile),
      key: readFileSync(cfg.tls.keyFile),
      ...(cfg.tls.clientCaFile !== undefined && { ca: readFileSync(cfg.tls.clientCaFile) }),
    };
  }
  return out;
}

/** Starts a cluster member (as a standby); it campaigns and leads on its own. */
export async function startClusterNode(cfg: MasterConfig, o: ClusterOptions): Promise<ClusterNode> {
  const log: Logger = cfg.log;
  const token = replicationToken(cfg);
  const security = memberSecurity(cfg, token);
  const leadership = await Leadership.open({ endpoints: o.endpoints, cluster: o.name, member: o.advertise, ttlMs: o.ttlMs, log });
  let role: "standby" | "leader" = "standby";
  let endWith!: (e: NodeEnd) => void;
  const ended = new Promise<NodeEnd>((r) => (endWith = r));
  let closed = false;
  const closeAc = new AbortController();

  // ---- standby ----
  let leaderAddr: string | undefined;
  const transport = new LeaderTransport(() => leaderAddr, security);
  let follower: ReplicationFollower;
  try {
    follower = ReplicationFollower.open({ dir: cfg.dataDir, followerId: o.advertise, transport, log, reconnectMs: 100 });
  } catch (e) {
    await leadership.close();
    throw e;
  }
  let server: { close(): Promise<void> } | undefined;
  try {
    server = await standbyServer(cfg, () => leaderAddr);
  } catch (e) {
    await follower.close();
    await leadership.close();
    throw e;
  }
  const unobserve = leadership.observe((l) => {
    const next = l && l.member !== o.advertise ? l.member : undefined;
    if (next !== leaderAddr) {
      leaderAddr = next;
      log.info(next === undefined ? "cluster: no leader now" : `cluster: following the leader at ${next} (epoch ${l?.epoch})`);
      follower.kick();
    }
  });
  follower.start();
  log.info(`cluster ${o.name}: ${o.advertise} is a standby (min-insync ${o.minInsync}, lease ttl ${o.ttlMs} ms)`);

  /** May this member campaign now? Listed in the quorum set, or a bootstrap (no set, no leader). */
  const eligible = async (): Promise<boolean> => {
    const v = parseInsync(await leadership.get(leadership.keys.insync));
    if (v !== undefined) return v.members.includes(o.advertise);
    return (await leadership.leader()) === undefined;
  };

  let master: RunningMaster | undefined;
  const campaignLoop = (async () => {
    // Bounded by close() and by election: checks eligibility every 250 ms.
    while (!closed) {
      let ok = false;
      try {
        ok = await eligible();
      } catch (e) {
        log.debug(`cluster: reading the in-sync set: ${(e as Error).message}`);
      }
      if (!ok) {
        await Bun.sleep(250);
        continue;
      }
      const ac = new AbortController();
      const watcher = (async () => {
        while (!ac.signal.aborted && !closed) {
          await sleep(250, ac.signal);
          if (ac.signal.aborted) return;
          try {
            if (!(await eligible())) {
              log.info("cluster: not in the in-sync set any more; campaign withdrawn");
              ac.abort();
            }
          } catch {
            // etcd unreachable: keep waiting; the check after election decides
          }
        }
      })();
      let epoch: number;
      try {
        log.info(`cluster: ${o.advertise} is in sync; campaigning`);
        epoch = (await leadership.campaign(AbortSignal.any([ac.signal, closeAc.signal]))).epoch;
      } catch (e) {
        ac.abort();
        await watcher;
        if (!(e instanceof CampaignAborted)) log.warn(`cluster: campaign failed: ${(e as Error).message}`);
        continue;
      }
      ac.abort();
      await watcher;
      if (closed) return;
      // Elected: the set read now is final (the old leader's guarded writes fail from here on).
      let v: InsyncValue | undefined;
      try {
        v = parseInsync(await leadership.get(leadership.keys.insync));
      } catch (e) {
        log.warn(`cluster: elected but cannot read the in-sync set (${(e as Error).message}); resigning`);
        await leadership.resign().catch(() => {});
        continue;
      }
      if (v !== undefined && !v.members.includes(o.advertise)) {
        log.info("cluster: elected while not in the in-sync set; resigning");
        await leadership.resign().catch(() => {});
        continue;
      }
      await promote(epoch, v);
      return;
    }
  })().catch((e) => endWith({ kind: "fatal", error: e as Error }));

  // ---- leader ----
  let required: string[] = [];
  let stored: string[] = [];
  let reconciling: Promise<void> | undefined;
  let again = false;
  let graceUntil = 0;
  let reconcileTimer: ReturnType<typeof setInterval> | undefined;
  let stopping = false;

  const depose = (reason: string) => {
    if (stopping) return;
    stopping = true;
    log.error(`cluster: ${o.advertise} stops leading: ${reason}; exiting (code ${exitDeposed}) to rejoin as a standby`);
    clearInterval(reconcileTimer);
    master?.broker.close(); // refuse new work at once
    endWith({ kind: "deposed", reason });
  };

  const store = async (members: string[], epoch: number): Promise<void> => {
    const ok = await leadership.putGuarded(leadership.keys.insync, JSON.stringify({ epoch, members }));
    if (!ok) {
      depose("a guarded write to etcd failed: another member leads");
      throw new Error("deposed");
    }
    stored = members;
    log.info(`cluster: in-sync set stored in etcd: [${members.join(", ")}]`);
  };

  const reconcile = (epoch: number): Promise<void> => {
    if (reconciling) {
      again = true;
      return reconciling;
    }
    reconciling = (async () => {
      // Bounded: at most 10 rounds per call.
      for (let n = 0; n < 10 && !stopping; n++) {
        again = false;
        const m = master;
        if (m?.replication === undefined) return;
        const now = m.replication.inSync().filter((id) => id !== o.advertise);
        const drop = Date.now() >= graceUntil ? required.filter((id) => !now.includes(id)) : [];
        const add = now.filter((id) => !required.includes(id));
        if (drop.length > 0) {
          const next = required.filter((id) => !drop.includes(id));
          await store(next, epoch); // etcd first: a dropped member may no longer be elected ...
          required = next; // ... then writes stop waiting for it
          m.replication.recheck();
        }
        if (add.length > 0) {
          required = [...required, ...add]; // writes wait for it from now on ...
          const end = m.replication.writtenEnd;
          const until = Date.now() + 5000;
          while (Date.now() < until && !stopping && add.some((id) => m.replication!.ackedOf(id) < end)) await Bun.sleep(20);
          const caught = add.filter((id) => m.replication!.ackedOf(id) >= end);
          if (caught.length > 0) await store([...stored, ...caught.filter((id) => !stored.includes(id))], epoch); // ... and it may be elected once it has everything
        }
        if (!again) break;
      }
    })()
      .catch((e) => {
        if ((e as Error).message !== "deposed") log.warn(`cluster: updating the in-sync set: ${(e as Error).message}`);
      })
      .finally(() => {
        reconciling = undefined;
      });
    return reconciling;
  };

  async function promote(epoch: number, v: InsyncValue | undefined): Promise<void> {
    log.info(`cluster: ${o.advertise} elected leader with epoch ${epoch}; promoting`);
    const t0 = performance.now();
    unobserve();
    leaderAddr = o.advertise;
    await follower.close();
    transport.close();
    await server?.close();
    server = undefined;
    required = (v?.members ?? []).filter((id) => id !== o.advertise);
    try {
      await store(required, epoch);
    } catch (e) {
      // Not serving, not following: exit and come back as a standby.
      depose(`cannot store the in-sync set at promotion: ${(e as Error).message}`);
      return;
    }
    leadership.onLost((reason) => depose(`leadership lost: ${reason}`));
    // Members of the old set get time to reconnect to us before they are dropped from it.
    graceUntil = Date.now() + promotionGraceMs;
    const m = await startMaster({
      ...cfg,
      replication: {
        epoch: () => epoch,
        minInsync: o.minInsync,
        quorum: () => required,
        mayAcknowledge: () => !stopping && leadership.isLeader(),
        onDeposed: (e) => depose(`a standby has seen epoch ${e} > ${epoch}`),
      },
      cluster: {
        status: (): ClusterStatus => {
          const st = m.replication?.status() ?? [];
          const ids = new Set([...st.map((s) => s.id), ...stored]);
          return {
            cluster: o.name,
            leader: o.advertise,
            epoch,
            minInsync: o.minInsync,
            members: [...ids].sort().map((id) => {
              const s = st.find((x) => x.id === id);
              return { id, connected: s?.connected ?? false, inSync: s?.inSync ?? false, quorum: stored.includes(id), lagBytes: s?.lagBytes ?? Number.NaN, lagMs: s?.lagMs ?? Number.NaN };
            }),
          };
        },
        stepDown: () => {
          setTimeout(() => {
            depose("stepped down (falconq cluster step-down)");
            void leadership.resign().catch((e) => log.warn(`cluster: resign: ${(e as Error).message}`));
          }, 50);
          return { leader: o.advertise, epoch };
        },
      },
    });
    master = m;
    if (stopping || !leadership.isLeader()) {
      depose("leadership lost while promoting");
      return;
    }
    role = "leader";
    m.replication?.onInSyncChange(() => void reconcile(epoch));
    reconcileTimer = setInterval(() => void reconcile(epoch), 1000);
    void m.fatal.then((error) => endWith({ kind: "fatal", error }));
    log.info(`cluster: ${o.advertise} leads cluster ${o.name} (epoch ${epoch}), serving ${Math.round(performance.now() - t0)} ms after the election`);
  }

  return {
    role: () => role,
    ended,
    close: async () => {
      closed = true;
      closeAc.abort();
      stopping = true;
      clearInterval(reconcileTimer);
      unobserve();
      await reconciling;
      if (master) await master.close();
      await server?.close();
      await follower.close();
      transport.close();
      await campaignLoop;
      await leadership.close();
    },
  };
}
