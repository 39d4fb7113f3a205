// Three `dist/falconq master --cluster` members on loopback over a real etcd
// (test/helpers/etcd.ts), for the HA cluster tests and bench/ha.ts: start,
// restart a member on its data dir, wait until a leader serves with both
// standbys in sync, read the leader's cluster status.

import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import * as grpc from "@grpc/grpc-js";
import type { MethodDefinition } from "@grpc/proto-loader";
import { type ChannelSecurity, RpcClient } from "../../src/rpc/channel.ts";
import type { GetClusterStatusResponse__Output } from "../../src/rpc/gen/falconqueue/v1/GetClusterStatusResponse";
import { packageDefinition } from "../../src/rpc/schema.ts";
import { ensureBinary, Proc } from "./cluster.ts";
import { type Etcd, freePort, startEtcd } from "./etcd.ts";
import { waitForValue } from "./wait.ts";

export interface Member {
  name: string;
  port: number;
  address: string;
  dir: string;
  proc: Proc;
  runs: number;
}

export interface Ha {
  etcd: Etcd;
  members: Member[];
  all: string;
  sink: string[];
  /** The cluster's temp dir (data dirs, certificates). */
  root: string;
  /** How to reach the members (TLS, token); empty for a plain cluster. */
  security: ChannelSecurity;
  start(m: Member): Proc;
  dispose(): Promise<void>;
}

let seq = 0;

export async function startHa(
  ttl = "2s",
  o: {
    /** Extra flags for every member, made once in the cluster's temp dir (certificates, token files). */
    prepare?: (root: string) => Promise<string[]> | string[];
    /** How the helper's own calls reach the members (TLS, token). */
    security?: (root: string) => ChannelSecurity;
  } = {},
): Promise<Ha> {
  await ensureBinary();
  const etcd = await startEtcd();
  const root = mkdtempSync(join(tmpdir(), "falconq-ha-"));
  const extra = (await o.prepare?.(root)) ?? [];
  const name = `ha${process.pid}x${seq++}`;
  const sink: string[] = [];
  const members: Member[] = [];
  for (let i = 1; i <= 3; i++) {
    const port = await freePort();
    members.push({ name: `m${i}`, port, address: `127.0.0.1:${port}`, dir: join(root, `m${i}`), proc: undefined as unknown as Proc, runs: 0 });
  }
  const start = (m: Member) => {
    m.runs++;
    const args = ["master", "--host", "127.0.0.1", "--port", String(m.port), "--http-port", "off", "--data-dir", m.dir, "--cluster", `etcd://${etcd.endpoint}`, "--cluster-name", name, "--cluster-ttl", ttl, "--min-insync", "1", ...extra];
    m.proc = new Proc(`${m.name}.${m.runs}`, args, {}, sink);
    return m.proc;
  };
  for (const m of members) start(m);
  const ha: Ha = {
    etcd,
    members,
    all: members.map((m) => m.address).join(","),
    sink,
    root,
    security: o.security?.(root) ?? {},
    start,
    dispose: async () => {
      await Promise.all(members.map((m) => m.proc.kill()));
      await etcd[Symbol.asyncDispose]();
      rmSync(root, { recursive: true, force: true });
    },
  };
  return ha;
}

const statusDef = packageDefinition()["falconqueue.v1.Cluster"] as unknown as Record<string, MethodDefinition<object, unknown, unknown, GetClusterStatusResponse__Output>>;

/** The leader's GetClusterStatus through `addresses` (standbys point at the leader), or undefined. */
export async function clusterStatus(addresses: string, security: ChannelSecurity = {}): Promise<GetClusterStatusResponse__Output | undefined> {
  const rpc = new RpcClient(addresses, security);
  try {
    return await rpc.unaryRetry(statusDef.GetClusterStatus as MethodDefinition<object, unknown, unknown, GetClusterStatusResponse__Output>, {}, { baseMs: 20, maxMs: 100, deadlineMs: 500 }, 500);
  } catch {
    return undefined;
  } finally {
    rpc.close();
  }
}

/** Waits until a leader serves with both other members in its etcd set (in sync). */
export async function settled(ha: Ha, timeoutMs = 30_000): Promise<{ leader: Member; epoch: number }> {
  return waitForValue(
    async () => {
      const s = await clusterStatus(ha.all, ha.security);
      if (s === undefined) return undefined;
      const quorum = s.members.filter((m) => m.quorum && m.in_sync).length;
      const leader = ha.members.find((m) => m.address === s.leader);
      return quorum === 2 && leader ? { leader, epoch: Number(s.epoch) } : undefined;
    },
    timeoutMs,
    "a leader with two in-sync standbys",
  );
}

/** grpc.health.v1.Health/Check of the whole server at `address`. */
export async function health(address: string): Promise<string> {
  const def = (packageDefinition()["grpc.health.v1.Health"] as unknown as Record<string, MethodDefinition<object, unknown, unknown, { status: unknown }>>).Check!;
  const c = new grpc.Client(address, grpc.credentials.createInsecure());
  try {
    return await new Promise((resolve, reject) =>
      c.makeUnaryRequest(def.path, def.requestSerialize, def.responseDeserialize, { service: "" }, (err, res) => (err ? reject(err) : resolve(String(res?.status)))),
    );
  } finally {
    c.close();
  }
}
