// Replication benchmark: submits over loopback gRPC to an in-process master
// with a data dir (fsync always), first alone, then as a replication leader
// with one in-process standby (its own data dir) and minInsync 1, so every
// submit waits for the leader's fdatasync and the standby's write +
// fdatasync + ack. `concurrency` submitters run for `seconds` each time.
// Prints one JSON object as its last line: submits/s and submit latency
// p50/p99 for both, and the ratio.
// Run: bun bench/replication.ts   (FALCONQ_BENCH_QUICK=1 for a shorter run;
// FALCONQ_BENCH_DIR to put the data dirs somewhere other than os.tmpdir())

import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { ReplicationFollower } from "../src/master/replication-follower.ts";
import { RpcClient } from "../src/rpc/channel.ts";
import { type MasterConfig, startMaster } from "../src/server/master.ts";
import { GrpcReplicationTransport } from "../src/server/replication.ts";

const quick = process.env.FALCONQ_BENCH_QUICK === "1";
const seconds = quick ? 2 : 5;
const concurrency = 32;
const quiet = { debug() {}, info() {}, warn() {}, error() {} };
const base = fs.mkdtempSync(path.join(process.env.FALCONQ_BENCH_DIR ?? os.tmpdir(), "falconq-bench-repl-"));
const payload = new TextEncoder().encode('{"to":"someone@example.com","n":1}');

function cfg(dataDir: string, extra: Partial<MasterConfig> = {}): MasterConfig {
  return {
    host: "127.0.0.1",
    port: 0,
    dataDir,
    fsync: "always",
    fsyncBatchMs: 10,
    repair: false,
    heartbeatIntervalMs: 2000,
    workerTimeoutMs: 60_000,
    leaseMs: 60_000,
    version: "bench",
    log: quiet,
    limits: { queueJobsMax: 10_000_000 },
    ...extra,
  };
}

function pct(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))] ?? 0;
}

async function drive(port: number): Promise<{ perSec: number; p50: number; p99: number; n: number }> {
  const c = new RpcClient(`127.0.0.1:${port}`);
  const lat: number[] = [];
  // Warm up the channel and the JIT.
  for (let i = 0; i < 200; i++) await c.call("SubmitJob", { job: { type: "warm", payload, options: { queue: "w" } } });
  const until = performance.now() + seconds * 1000;
  const t0 = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (performance.now() < until) {
        const s = performance.now();
        await c.call("SubmitJob", { job: { type: "email.send", payload, options: { queue: "q" } } });
        lat.push(performance.now() - s);
      }
    }),
  );
  const ms = performance.now() - t0;
  c.close();
  lat.sort((a, b) => a - b);
  return { perSec: (lat.length * 1000) / ms, p50: pct(lat, 0.5), p99: pct(lat, 0.99), n: lat.length };
}

try {
  const single = await startMaster(cfg(path.join(base, "single")));
  const alone = await drive(single.port);
  await single.close();

  const leader = await startMaster(cfg(path.join(base, "leader"), { replication: { epoch: () => 1, minInsync: 1 } }));
  const t = new GrpcReplicationTransport(`127.0.0.1:${leader.port}`);
  const f = ReplicationFollower.open({ dir: path.join(base, "standby"), followerId: "s1", transport: t, log: quiet });
  f.start();
  for (let i = 0; i < 500 && !(leader.replication?.inSync() ?? []).includes("s1"); i++) await Bun.sleep(10);
  const repl = await drive(leader.port);
  await leader.close();
  await f.close();
  t.close();

  const r = (x: number) => Math.round(x * 100) / 100;
  console.log(`single master:        ${Math.round(alone.perSec)} submits/s, p50 ${r(alone.p50)} ms, p99 ${r(alone.p99)} ms`);
  console.log(`leader, minInsync 1:  ${Math.round(repl.perSec)} submits/s, p50 ${r(repl.p50)} ms, p99 ${r(repl.p99)} ms`);
  console.log(
    JSON.stringify({
      seconds,
      concurrency,
      singleSubmitsPerSec: Math.round(alone.perSec),
      singleSubmitP50Ms: r(alone.p50),
      singleSubmitP99Ms: r(alone.p99),
      replicatedSubmitsPerSec: Math.round(repl.perSec),
      replicatedSubmitP50Ms: r(repl.p50),
      replicatedSubmitP99Ms: r(repl.p99),
      throughputRatio: r(repl.perSec / alone.perSec),
    }),
  );
} finally {
  fs.rmSync(base, { recursive: true, force: true });
}
