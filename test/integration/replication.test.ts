// WAL replication (docs/ha.md, "Replication"): an in-process leader master
// with a real data dir and standbys over loopback gRPC, each in its own temp
// dir. The epoch is given by the test (etcd gives it in a cluster).

import { afterEach, describe, expect, test } from "bun:test";
import fs from "node:fs";
import { status } from "@grpc/grpc-js";
import type { JobTable } from "../../src/core/state.ts";
import { type ReplicationFollower as Follower, ReplicationFollower, type ReplicationTransport } from "../../src/master/replication-follower.ts";
import type { Chunk } from "../../src/master/replication-leader.ts";
import { RpcError } from "../../src/rpc/errors.ts";
import { type RunningMaster, startMaster } from "../../src/server/master.ts";
import { GrpcReplicationTransport } from "../../src/server/replication.ts";
import { readEpoch } from "../../src/storage/replica-log.ts";
import { LooseRpc } from "../helpers/master.ts";
import { dumpState, tempDir } from "../helpers/storage.ts";
import { parsePromText, seriesValue } from "../helpers/prom-text.ts";
import { waitFor } from "../helpers/wait.ts";

const quiet = { debug() {}, info() {}, warn() {}, error() {} };
const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

function dir(): string {
  const d = tempDir("falconq-repl-");
  cleanups.push(() => d[Symbol.dispose]());
  return d.dir;
}

interface Leader {
  m: RunningMaster;
  rpc: LooseRpc;
  state: () => JobTable;
  close(): Promise<void>;
}

async function startLeader(
  dataDir: string,
  o: {
    epoch?: () => number;
    minInsync?: number;
    ackTimeoutMs?: number;
    snapshotWalBytes?: number;
    onDeposed?: (e: number) => void;
    adminTokenFile?: string;
  } = {},
): Promise<Leader> {
  const m = await startMaster({
    host: "127.0.0.1",
    port: 0,
    dataDir,
    fsync: "always",
    fsyncBatchMs: 10,
    repair: false,
    heartbeatIntervalMs: 2000,
    workerTimeoutMs: 60_000,
    leaseMs: 60_000,
    version: "test",
    log: quiet,
    ...(o.snapshotWalBytes !== undefined && { snapshotWalBytes: o.snapshotWalBytes }),
    ...(o.adminTokenFile !== undefined && { adminTokenFile: o.adminTokenFile }),
    replication: {
      epoch: o.epoch ?? (() => 7),
      minInsync: o.minInsync ?? 1,
      ackTimeoutMs: o.ackTimeoutMs ?? 10_000,
      maxLagMs: 5000,
      ...(o.onDeposed && { onDeposed: o.onDeposed }),
    },
  });
  const token = o.adminTokenFile === undefined ? undefined : fs.readFileSync(o.adminTokenFile, "utf8").trim();
  const rpc = new LooseRpc(`127.0.0.1:${m.port}`, token === undefined ? undefined : { token });
  let closed = false;
  const l: Leader = {
    m,
    rpc,
    // biome-ignore lint/suspicious/noExplicitAny: the test reads the broker's manager for a state dump
    state: () => (m.broker as any).manager.state as JobTable,
    async close() {
      if (closed) return;
      closed = true;
      rpc.close();
      await m.close();
    },
  };
  cleanups.push(() => l.close());
  return l;
}

function startFollower(dataDir: string, leaderPort: number, id = "s1"): { f: Follower; t: GrpcReplicationTransport } {
  const t = new GrpcReplicationTransport(`127.0.0.1:${leaderPort}`);
  const f = ReplicationFollower.open({ dir: dataDir, followerId: id, transport: t, log: quiet, reconnectMs: 50 });
  f.start();
  cleanups.push(async () => {
    await f.close();
    t.close();
  });
  return { f, t };
}

const enc = new TextEncoder();

function submit(rpc: LooseRpc, i: number, timeoutMs = 30_000) {
  return rpc.call("SubmitJob", { job: { type: "t", payload: enc.encode(`{"i":${i}}`), options: { queue: "q" } } }, timeoutMs);
}

/** Submits, leases and acknowledges: submitted, leased, completed and failed records. */
async function workload(rpc: LooseRpc, n: number, from = 0): Promise<void> {
  await Promise.all(Array.from({ length: n }, (_, i) => submit(rpc, from + i)));
  const w = await rpc.call("RegisterWorker", { worker_id: `w${from}`, queues: ["q"], concurrency: 8 });
  const got = await rpc.call("PollJobs", { worker_id: w.worker_id, count: Math.ceil(n / 2), wait_ms: 0 });
  await Promise.all(
    got.jobs.map((j: { job: { id: string }; lease_token: string }, k: number) =>
      rpc.call("AcknowledgeJob", { worker_id: w.worker_id, job_id: j.job.id, lease_token: j.lease_token, success: k % 3 !== 0, error: "boom" }),
    ),
  );
}

async function sameState(l: Leader, f: Follower, what = "the standby to reach the leader's state"): Promise<void> {
  await waitFor(() => dumpState(f.state) === dumpState(l.state()), 15_000, what);
  expect(dumpState(f.state)).toBe(dumpState(l.state()));
}

describe("WAL replication", () => {
  test("a standby under a submit/ack workload ends with the leader's state, at the leader's position", async () => {
    const l = await startLeader(dir());
    const { f } = startFollower(dir(), l.m.port);
    await waitFor(() => (l.m.replication?.inSync() ?? []).includes("s1"), 10_000, "s1 in sync");
    await workload(l.rpc, 60);
    await workload(l.rpc, 40, 100);
    await sameState(l, f);
    expect(l.state().jobs.size).toBe(100);
    const st = l.m.replication?.status()[0];
    expect(st?.inSync).toBe(true);
    expect(f.position.segment).toBeGreaterThan(0);
    // /metrics shows the standby in sync and caught up, and the epoch.
    await waitFor(() => l.m.replication?.status()[0]?.lagBytes === 0, 10_000, "s1 caught up");
    const fams = parsePromText(await l.m.metrics.text());
    expect(seriesValue(fams, "falconq_replication_standby_in_sync", { standby: "s1" })).toBe(1);
    expect(seriesValue(fams, "falconq_replication_standby_lag_bytes", { standby: "s1" })).toBe(0);
    expect(seriesValue(fams, "falconq_replication_epoch")).toBe(7);
  });

  test("minInsync 1: a submit waits for the standby's ack; past the timeout it fails UNAVAILABLE and the job still reaches the standby", async () => {
    const l = await startLeader(dir(), { ackTimeoutMs: 1500 });
    const fdir = dir();
    const { f } = startFollower(fdir, l.m.port);
    await waitFor(() => (l.m.replication?.inSync() ?? []).includes("s1"), 10_000, "s1 in sync");
    await submit(l.rpc, 0);

    f.pause();
    let done = false;
    const p = submit(l.rpc, 1).then(() => (done = true));
    await Bun.sleep(300);
    expect(done).toBe(false);
    f.resume();
    await p;
    expect(done).toBe(true);

    // The standby goes away: the write is not acknowledged, nothing is lost.
    await f.close();
    const t0 = Date.now();
    const e = await submit(l.rpc, 2).then(
      () => undefined,
      (err) => err,
    );
    expect(e).toBeInstanceOf(RpcError);
    expect((e as RpcError).code).toBe(status.UNAVAILABLE);
    expect((e as RpcError).details).toMatch(/not acknowledged/);
    expect(Date.now() - t0).toBeGreaterThanOrEqual(1400);
    // The master still serves (a quorum timeout is no storage failure).
    expect(l.m.broker.failed).toBeUndefined();
    const { f: again } = startFollower(fdir, l.m.port);
    await sameState(l, again);
    expect(l.state().jobs.size).toBe(3);
    await submit(l.rpc, 3);
    await sameState(l, again);
  });

  test("a standby killed (closed without flush) and restarted catches up", async () => {
    const l = await startLeader(dir(), { minInsync: 0 });
    const fdir = dir();
    const first = startFollower(fdir, l.m.port);
    await workload(l.rpc, 30);
    await sameState(l, first.f);
    await first.f.close(false);
    await workload(l.rpc, 30, 100);
    const { f } = startFollower(fdir, l.m.port);
    await sameState(l, f);
    expect(f.snapshotsInstalled).toBe(0);
  });

  test("a standby far behind (old segments compacted) gets a snapshot transfer, then the stream", async () => {
    const l = await startLeader(dir(), { minInsync: 0, snapshotWalBytes: 8 * 1024 });
    const fdir = dir();
    const first = startFollower(fdir, l.m.port);
    await workload(l.rpc, 10);
    await sameState(l, first.f);
    await first.f.close();
    for (let i = 0; i < 8; i++) await workload(l.rpc, 30, 1000 * (i + 1));
    const { f } = startFollower(fdir, l.m.port);
    await sameState(l, f);
    expect(f.snapshotsInstalled).toBeGreaterThanOrEqual(1);
    await workload(l.rpc, 10, 99_000);
    await sameState(l, f);
  });

  test("an empty standby of a leader with snapshots starts from a snapshot", async () => {
    const l = await startLeader(dir(), { minInsync: 0, snapshotWalBytes: 8 * 1024 });
    for (let i = 0; i < 5; i++) await workload(l.rpc, 30, 1000 * i);
    const { f } = startFollower(dir(), l.m.port);
    await sameState(l, f);
    expect(f.snapshotsInstalled).toBe(1);
  });

  test("fencing: a chunk of a lower epoch is refused and nothing of it is written", async () => {
    const fdir = dir();
    const chunks: Chunk[][] = [];
    let calls = 0;
    const transport: ReplicationTransport = {
      async *follow() {
        const batch = chunks[calls++] ?? [];
        for (const c of batch) yield c;
        await Bun.sleep(20);
      },
      ack: async () => {},
    };
    // A real frame from a real leader, so that a refusal is about the epoch only.
    const l = await startLeader(dir(), { minInsync: 0, epoch: () => 5 });
    const real = startFollower(dir(), l.m.port, "real");
    await submit(l.rpc, 0);
    await waitFor(() => real.f.state.jobs.size === 1, 10_000, "one job replicated");
    const bytes = await Bun.file(`${real.f.dir}/${String(real.f.position.segment).padStart(16, "0")}.wal`).bytes();
    chunks.push([{ kind: "frames", epoch: 5, segment: 1, offset: 0, bytes }]);
    chunks.push([{ kind: "frames", epoch: 3, segment: 1, offset: bytes.length, bytes }]);
    const f = ReplicationFollower.open({ dir: fdir, followerId: "x", transport, log: quiet, reconnectMs: 20 });
    cleanups.push(() => f.close());
    f.start();
    await waitFor(() => f.refusedChunks >= 1, 5000, "the stale chunk refused");
    expect(f.epoch).toBe(5);
    expect(readEpoch(fdir)).toBe(5);
    expect(f.position).toEqual({ segment: 1, offset: bytes.length });
    expect(f.state.jobs.size).toBe(1);
    expect(f.error?.message).toMatch(/epoch 3.*epoch 5 was seen/);
  });

  test("fencing: a leader of a lower epoch refuses a standby that has seen a newer one, and learns it is deposed", async () => {
    const fdir = dir();
    const a = await startLeader(dir(), { minInsync: 0, epoch: () => 9 });
    const s = startFollower(fdir, a.m.port);
    await submit(a.rpc, 0);
    await waitFor(() => s.f.epoch === 9 && s.f.state.jobs.size === 1, 10_000, "epoch 9 seen");
    await s.f.close();
    const deposed: number[] = [];
    const b = await startLeader(dir(), { minInsync: 1, epoch: () => 4, ackTimeoutMs: 800, onDeposed: (e) => deposed.push(e) });
    const { f } = startFollower(fdir, b.m.port);
    await waitFor(() => deposed.length > 0, 5000, "the old leader told it is deposed");
    expect(deposed[0]).toBe(9);
    await waitFor(() => /no longer the leader/.test(f.error?.message ?? ""), 5000, "the standby told why");
    // It cannot reach its ack quorum: nothing it is asked to write is acknowledged.
    const e = await submit(b.rpc, 1).then(
      () => undefined,
      (err) => err,
    );
    expect((e as RpcError).code).toBe(status.UNAVAILABLE);
  });

  test("a standby of a deposed leader with a diverged log re-syncs from the new leader", async () => {
    const fdir = dir();
    const a = await startLeader(dir(), { minInsync: 0, epoch: () => 1 });
    const s = startFollower(fdir, a.m.port);
    await workload(a.rpc, 10);
    await sameState(a, s.f);
    await s.f.close();
    // Another history at a higher epoch (a leader that never had these records).
    const b = await startLeader(dir(), { minInsync: 0, epoch: () => 2 });
    await workload(b.rpc, 7, 500);
    const { f } = startFollower(fdir, b.m.port);
    await sameState(b, f);
    expect(f.snapshotsInstalled).toBe(1);
    expect(f.epoch).toBe(2);
  });

  test("Follow and Ack need the admin role: without credentials UNAUTHENTICATED, with the admin token the standby follows", async () => {
    const tokenFile = `${dir()}/admin.token`;
    const l = await startLeader(dir(), { minInsync: 0, adminTokenFile: tokenFile });
    await submit(l.rpc, 0);
    const t = new GrpcReplicationTransport(`127.0.0.1:${l.m.port}`);
    cleanups.push(() => t.close());
    const ac = new AbortController();
    const e = await (async () => {
      for await (const _ of t.follow({ followerId: "x", epoch: 0, segment: 0, offset: 0, segments: [] }, ac.signal)) return undefined;
    })().then(
      () => undefined,
      (err) => err,
    );
    expect((e as RpcError).code).toBe(status.UNAUTHENTICATED);
    const ackErr = await t.ack({ followerId: "x", epoch: 0, segment: 1, offset: 0 }).then(
      () => undefined,
      (err) => err,
    );
    expect((ackErr as RpcError).code).toBe(status.UNAUTHENTICATED);
    const admin = new GrpcReplicationTransport(`127.0.0.1:${l.m.port}`, { token: fs.readFileSync(tokenFile, "utf8").trim() });
    const f = ReplicationFollower.open({ dir: dir(), followerId: "s1", transport: admin, log: quiet, reconnectMs: 50 });
    cleanups.push(async () => {
      await f.close();
      admin.close();
    });
    f.start();
    await sameState(l, f);
  });

  test("a master without replication answers Follow FAILED_PRECONDITION", async () => {
    const m = await startMaster({
      host: "127.0.0.1",
      port: 0,
      dataDir: dir(),
      fsync: "always",
      fsyncBatchMs: 10,
      repair: false,
      heartbeatIntervalMs: 2000,
      workerTimeoutMs: 60_000,
      leaseMs: 60_000,
      version: "test",
      log: quiet,
    });
    cleanups.push(() => m.close());
    const t = new GrpcReplicationTransport(`127.0.0.1:${m.port}`);
    cleanups.push(() => t.close());
    const e = await (async () => {
      for await (const _ of t.follow({ followerId: "x", epoch: 0, segment: 0, offset: 0, segments: [] }, new AbortController().signal)) return;
    })().then(
      () => undefined,
      (err) => err,
    );
    expect((e as RpcError).code).toBe(status.FAILED_PRECONDITION);
    expect((e as RpcError).details).toMatch(/does not replicate/);
  });

  test("promotion: the standby's data dir opened as a normal master recovers the leader's state", async () => {
    const fdir = dir();
    const l = await startLeader(dir(), { snapshotWalBytes: 16 * 1024 });
    const { f } = startFollower(fdir, l.m.port);
    await waitFor(() => (l.m.replication?.inSync() ?? []).includes("s1"), 10_000, "s1 in sync");
    for (let i = 0; i < 4; i++) await workload(l.rpc, 25, 1000 * i);
    await sameState(l, f);
    const want = dumpState(l.state());
    await l.close();
    await f.close();
    const m = await startMaster({
      host: "127.0.0.1",
      port: 0,
      dataDir: fdir,
      fsync: "always",
      fsyncBatchMs: 10,
      repair: false,
      heartbeatIntervalMs: 2000,
      workerTimeoutMs: 60_000,
      leaseMs: 60_000,
      version: "test",
      log: quiet,
    });
    cleanups.push(() => m.close());
    // biome-ignore lint/suspicious/noExplicitAny: state dump of the promoted master
    expect(dumpState((m.broker as any).manager.state)).toBe(want);
  });
});
